// Group commit: items submitted together (in the same round of I/O callbacks) are written by one
// call, so a busy server pays one database round trip per round instead of one per request. Each
// submitter waits for its own result, and learns of a failure of its batch. Used by the access log,
// e-ID QR nonces and verification metering.
//
// The write starts after the current round of I/O callbacks (setImmediate): PGlite answers without
// yielding to I/O, so flushing at once would write one item per transaction.

export interface GroupCommit<T, R> {
  submit(item: T): Promise<R>;
}

/** `write` gets up to `maxBatch` items and returns one result per item, in order. */
export function groupCommit<T, R = void>(write: (items: T[]) => Promise<R[] | void>, maxBatch = 1000): GroupCommit<T, R> {
  let queue: { item: T; resolve: (r: R) => void; reject: (err: unknown) => void }[] = [];
  let flushing = false;
  let scheduled = false;

  async function flush(): Promise<void> {
    flushing = true;
    try {
      while (queue.length) {
        const batch = queue.slice(0, maxBatch);
        queue = queue.slice(batch.length);
        try {
          const results = await write(batch.map((b) => b.item));
          batch.forEach((b, i) => b.resolve((results ? results[i] : undefined) as R));
        } catch (err) {
          for (const b of batch) b.reject(err);
        }
      }
    } finally {
      flushing = false;
    }
  }

  return {
    submit(item) {
      const p = new Promise<R>((resolve, reject) => queue.push({ item, resolve, reject }));
      if (!flushing && !scheduled) {
        scheduled = true;
        setImmediate(() => {
          scheduled = false;
          void flush();
        });
      }
      return p;
    },
  };
}

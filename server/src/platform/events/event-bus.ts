// Delivers outbox events to subscribers, at least once. In-process by default; with NATS_URL the
// relay publishes each event to JetStream (de-duplicated by outbox id) and subscribers consume
// from durable JetStream consumers. Either way a consumer that already handled an event (the
// platform.inbox table) skips it, so redelivery is harmless.
import type { Db } from '../db/db.ts';
import type { DeliveredEvent, EventDef, Handler } from './event.ts';
import { connectJetStream, type JetStreamLink } from './nats-link.ts';

export interface EventBus {
  subscribe<T>(consumer: string, def: EventDef<T>, handler: Handler<T>): void;
  start(): Promise<void>;
  /** New events were committed: look for them now rather than at the next poll. */
  notify(): void;
  /** Delivers everything pending now (used by tests and one-shot commands). */
  drain(): Promise<void>;
  stop(): Promise<void>;
}


interface Subscription {
  consumer: string;
  def: EventDef<unknown>;
  handler: Handler<unknown>;
}

interface OutboxRow {
  id: number;
  topic: string;
  key: string | null;
  payload: unknown;
  occurred_at: Date;
  attempts: number;
}

export interface EventBusOptions {
  natsUrl?: string | undefined;
  /** Stream/subject namespace on NATS (one per deployment; tests use their own). */
  natsNamespace?: string;
  pollMs?: number;
  onError?: (err: unknown, context: { consumer?: string; eventId?: number }) => void;
}

export function createEventBus(db: Db, opts: EventBusOptions = {}): EventBus {
  const subs: Subscription[] = [];
  const pollMs = opts.pollMs ?? 1000;
  const onError = opts.onError ?? (() => {});
  let nats: JetStreamLink | null = null;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;

  async function alreadyHandled(consumer: string, id: number): Promise<boolean> {
    const row = await db.kysely
      .selectFrom('platform.inbox')
      .select('event_id')
      .where('consumer', '=', consumer)
      .where('event_id', '=', id)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Which of these events the consumer already handled. */
  async function handledAmong(consumer: string, ids: number[]): Promise<Set<number>> {
    const rows = await db.kysely.selectFrom('platform.inbox').select('event_id').where('consumer', '=', consumer).where('event_id', 'in', ids).execute();
    return new Set(rows.map((r) => Number(r.event_id)));
  }

  /** One event from JetStream: skipped when the consumer already handled it. */
  async function handleOnce(sub: Subscription, ev: DeliveredEvent<unknown>): Promise<void> {
    if (await alreadyHandled(sub.consumer, ev.id)) return;
    await sub.handler({ ...ev, payload: sub.def.schema.parse(ev.payload) });
    await db.kysely
      .insertInto('platform.inbox')
      .values({ consumer: sub.consumer, event_id: ev.id })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }

  /** One pass over pending outbox rows. Returns how many rows it looked at. */
  async function pass(): Promise<number> {
    const rows = (await db.kysely
      .selectFrom('platform.outbox')
      .select(['id', 'topic', 'key', 'payload', 'occurred_at', 'attempts'])
      .where('published_at', 'is', null)
      .where('next_attempt_at', '<=', new Date())
      .orderBy('id')
      .limit(500)
      .execute()) as OutboxRow[];
    const events: DeliveredEvent<unknown>[] = rows.map((row) => ({
      id: Number(row.id),
      topic: row.topic,
      key: row.key,
      payload: typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload,
      occurredAt: row.occurred_at,
    }));
    const failures = new Map<number, unknown>();
    if (nats) {
      for (const ev of events)
        try {
          await nats.publish(ev);
        } catch (err) {
          failures.set(ev.id, err);
        }
    } else {
      // per consumer, in event order: one read of what it already handled and one write of what it
      // handles now for the whole batch (a crash in between redelivers; delivery is at least once)
      for (const sub of subs) {
        const mine = events.filter((e) => e.topic === sub.def.topic);
        if (!mine.length) continue;
        const seen = await handledAmong(sub.consumer, mine.map((e) => e.id));
        const handled: number[] = [];
        for (const ev of mine) {
          if (seen.has(ev.id)) continue;
          try {
            await sub.handler({ ...ev, payload: sub.def.schema.parse(ev.payload) });
            handled.push(ev.id);
          } catch (err) {
            failures.set(ev.id, err);
            onError(err, { consumer: sub.consumer, eventId: ev.id });
          }
        }
        if (handled.length)
          await db.kysely
            .insertInto('platform.inbox')
            .values(handled.map((id) => ({ consumer: sub.consumer, event_id: id })))
            .onConflict((oc) => oc.doNothing())
            .execute();
      }
    }
    const published: number[] = [];
    for (const row of rows) {
      const failure = failures.get(Number(row.id));
      if (failure === undefined) {
        published.push(Number(row.id));
        continue;
      }
      const attempts = row.attempts + 1;
      const backoffMs = Math.min(60_000 * 15, 500 * 2 ** Math.min(attempts, 11));
      await db.kysely
        .updateTable('platform.outbox')
        .set({ attempts, next_attempt_at: new Date(Date.now() + backoffMs), last_error: String((failure as Error)?.message ?? failure).slice(0, 500) })
        .where('id', '=', row.id)
        .execute();
    }
    // one statement for the pass (a crash before it redelivers these: consumers skip what they handled)
    if (published.length) await db.kysely.updateTable('platform.outbox').set({ published_at: new Date() }).where('id', 'in', published).execute();
    return rows.length;
  }

  async function loop(): Promise<void> {
    do {
      again = false;
      try {
        while ((await pass()) === 500 && !stopped);
      } catch (err) {
        onError(err, {});
      }
    } while (again && !stopped);
  }

  function kick(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = loop().finally(() => {
      running = null;
    });
    return running;
  }

  return {
    subscribe(consumer, def, handler) {
      subs.push({ consumer, def: def as EventDef<unknown>, handler: handler as Handler<unknown> });
    },
    async start() {
      if (opts.natsUrl) {
        nats = await connectJetStream(opts.natsUrl, opts.natsNamespace);
        for (const sub of subs) await nats.consume(sub.consumer, sub.def.topic, (ev) => handleOnce(sub, ev), onError);
      }
      timer = setInterval(() => void kick(), pollMs);
      timer.unref();
      void kick();
    },
    notify() {
      void kick();
    },
    async drain() {
      await kick();
      if (running) await running;
      await kick();
      if (nats) await nats.settle();
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      if (running) await running;
      if (nats) await nats.close();
    },
  };
}

// Nonces of e-ID QRs verified online (the only code touching verification.seen_nonce). A nonce is
// kept until its QR has expired; after that the QR is refused for its age anyway.
//
// Nonces are group-committed like the access log: those of every check that arrives together go
// in one INSERT … ON CONFLICT DO NOTHING RETURNING, so a busy verifier costs one commit per round
// of I/O, not one per QR. The database decides who was first (the primary key), also between
// server processes; within a batch the first request for a nonce wins and the others are replays.
import type { Kysely } from 'kysely';
import { groupCommit } from '../../../platform/group-commit.ts';
import type { VerificationTables } from '../verification.tables.ts';

const SWEEP_EVERY_MS = 60_000;

export function createNonceStore(db: Kysely<VerificationTables>) {
  let lastSweep = 0;
  async function writeBatch(batch: { nonce: string; keepUntil: Date }[]): Promise<boolean[]> {
    const unique = new Map<string, Date>();
    for (const b of batch) if (!unique.has(b.nonce)) unique.set(b.nonce, b.keepUntil);
    const rows = await db
      .insertInto('verification.seen_nonce')
      .values([...unique].map(([nonce, keepUntil]) => ({ nonce, expires_at: keepUntil })))
      .onConflict((oc) => oc.column('nonce').doNothing())
      .returning('nonce')
      .execute();
    const inserted = new Set(rows.map((r) => r.nonce));
    // only the first request for a nonce the database took is its first use
    return batch.map((b) => inserted.delete(b.nonce));
  }
  const batches = groupCommit(writeBatch);

  return {
    /** True the first time a nonce is presented; false for every later presentation (a replay). */
    async firstUse(nonce: string, keepUntil: Date, now: Date): Promise<boolean> {
      const first = await batches.submit({ nonce, keepUntil });
      if (now.getTime() - lastSweep > SWEEP_EVERY_MS) {
        lastSweep = now.getTime();
        await db.deleteFrom('verification.seen_nonce').where('expires_at', '<', now).execute();
      }
      return first;
    },
  };
}

export type NonceStore = ReturnType<typeof createNonceStore>;

// Metering of verification checks: a counter per party (registered organisation, or an official's
// role and unit), Vietnamese day, purpose and source — the basis of the fee-based data services
// the Hải Phòng plan foresees, and of daily quotas.
//
// Counts are group-committed like the access log: the increments of every request that arrives
// together go to the database in one upsert, and each request's answer waits until its count is
// durable (a check is never free because a write was lost). Today's total per party is kept in
// memory for the quota check; with several server processes each one adds its own increments to
// what it read, so a quota can be overshot by what the other processes counted since.
import { sql, type Kysely } from 'kysely';
import { vnDay, type Clock } from '../../../platform/clock.ts';
import { groupCommit } from '../../../platform/group-commit.ts';
import type { UsageTable, VerificationTables } from '../verification.tables.ts';

export type Source = UsageTable['source'];

export interface UsageRow {
  party: string;
  day: string;
  purpose: string;
  source: Source;
  checks: number;
}

export interface Meter {
  /** Checks the party already made today (Vietnamese day). */
  usedToday(party: string): Promise<number>;
  /** Counts one check; resolves once the count is durable. */
  count(c: { party: string; purpose: string; source: Source }): Promise<void>;
  usage(q: { party?: string | undefined; from: string; to: string }): Promise<UsageRow[]>;
}

export function createMeter(db: Kysely<VerificationTables>, clock: Clock): Meter {
  const today = new Map<string, { day: string; n: number; loading?: Promise<number> }>();
  async function writeBatch(batch: { key: string; row: Omit<UsageRow, 'checks'> }[]): Promise<void> {
    const sums = new Map<string, UsageRow>();
    for (const b of batch) {
      const s = sums.get(b.key);
      if (s) s.checks += 1;
      else sums.set(b.key, { ...b.row, checks: 1 });
    }
    await db
      .insertInto('verification.usage')
      .values([...sums.values()])
      .onConflict((oc) => oc.columns(['party', 'day', 'purpose', 'source']).doUpdateSet({ checks: sql<number>`verification.usage.checks + excluded.checks` }))
      .execute();
  }

  const batches = groupCommit(writeBatch);

  async function load(party: string, day: string): Promise<number> {
    const r = await db
      .selectFrom('verification.usage')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('checks'), sql<number>`0`).as('n'))
      .where('party', '=', party)
      .where('day', '=', day)
      .executeTakeFirst();
    return Number(r?.n ?? 0);
  }

  return {
    async usedToday(party) {
      const day = vnDay(clock.now());
      const hit = today.get(party);
      if (hit && hit.day === day) return hit.loading ? hit.loading : hit.n;
      const entry: { day: string; n: number; loading?: Promise<number> } = { day, n: 0 };
      entry.loading = load(party, day).then((n) => {
        entry.n += n; // increments counted while loading are kept
        delete entry.loading;
        return entry.n;
      });
      today.set(party, entry);
      return entry.loading;
    },

    count(c) {
      const day = vnDay(clock.now());
      const hit = today.get(c.party);
      if (hit && hit.day === day) hit.n += 1;
      const row = { party: c.party, day, purpose: c.purpose, source: c.source };
      return batches.submit({ key: `${c.party}\u0000${day}\u0000${c.purpose}\u0000${c.source}`, row });
    },

    async usage(q) {
      const rows = await db
        .selectFrom('verification.usage')
        .select(['party', 'day', 'purpose', 'source', 'checks'])
        .$if(q.party !== undefined, (b) => b.where('party', '=', q.party!))
        .where('day', '>=', q.from)
        .where('day', '<=', q.to)
        .orderBy('day')
        .orderBy('party')
        .orderBy('purpose')
        .orderBy('source')
        .limit(10_000)
        .execute();
      return rows.map((r) => ({ ...r, day: String(r.day).slice(0, 10), checks: Number(r.checks) }));
    },
  };
}

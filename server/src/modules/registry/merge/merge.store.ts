// The only code that reads and writes registry.person_merge, and the SQL of a merge: moving or
// ending the retired record's residences and household membership, revoking its cards,
// re-pointing links to it, and moving the record itself out of registry.person.
import { sql } from 'kysely';
import type { PersonRow } from '../registry.tables.ts';
import type { RegistryDb, RegistryTx } from '../person/person.store.ts';

export interface MergePointer {
  survivorPid: string;
  mergedAt: string;
}

export interface MergedHistoryEntry {
  pid: string;
  at: string;
  actor: string;
  source: string;
  reason: string | null;
  change: string;
  diff: Record<string, [unknown, unknown]> | null;
}

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString());
const parse = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

export function createMergeStore(db: RegistryDb) {
  return {
    async pointer(trx: RegistryDb | RegistryTx, pid: string): Promise<MergePointer | undefined> {
      const r = await sql<{ survivor_pid: string; merged_at: Date }>`select survivor_pid, merged_at from registry.person_merge where retired_pid = ${pid}`.execute(trx);
      const row = r.rows[0];
      return row ? { survivorPid: row.survivor_pid, mergedAt: iso(row.merged_at) } : undefined;
    },

    /** The creation and every change of the records merged into `survivorPid`, each marked with its own number. */
    async retiredHistory(survivorPid: string): Promise<MergedHistoryEntry[]> {
      const merged = await sql<{ retired_pid: string; retired_record: unknown }>`
        select retired_pid, retired_record from registry.person_merge where survivor_pid = ${survivorPid}`.execute(db);
      if (!merged.rows.length) return [];
      const out: MergedHistoryEntry[] = [];
      for (const m of merged.rows) {
        const rec = parse<{ created_at: string; created_by: string; source: string }>(m.retired_record);
        out.push({ pid: m.retired_pid, at: iso(rec.created_at), actor: rec.created_by, source: rec.source, reason: null, change: 'created', diff: null });
      }
      const rows = await sql<{ pid: string; at: Date; actor: string; source: string; reason: string | null; change: string; diff: unknown }>`
        select pid, at, actor, source, reason, change, diff from registry.person_history
         where pid = any(${merged.rows.map((m) => m.retired_pid)}::text[]) order by id`.execute(db);
      for (const h of rows.rows) out.push({ pid: h.pid, at: iso(h.at), actor: h.actor, source: h.source, reason: h.reason, change: h.change, diff: parse(h.diff) });
      return out;
    },

    /** Both rows, locked in personal-ID order (two merges of the same pair cannot deadlock). */
    async lockPair(trx: RegistryTx, a: string, b: string): Promise<Map<string, PersonRow>> {
      const rows = await sql<PersonRow>`select * from registry.person where pid in (${a}, ${b}) order by pid for update`.execute(trx);
      return new Map(rows.rows.map((r) => [r.pid, r]));
    },

    async activeMembership(trx: RegistryTx, pid: string) {
      const r = await sql<{ household_id: number; relation: string; head_pid: string | null; others: number }>`
        select m.household_id, m.relation, h.head_pid,
               (select count(*) from registry.household_member o where o.household_id = m.household_id and o.left_on is null and o.pid <> m.pid)::int as others
          from registry.household_member m join registry.household h on h.id = m.household_id
         where m.pid = ${pid} and m.left_on is null`.execute(trx);
      const row = r.rows[0];
      return row ? { householdId: Number(row.household_id), relation: row.relation, headPid: row.head_pid, others: Number(row.others) } : undefined;
    },

    async moveMembership(trx: RegistryTx, householdId: number, from: string, to: string): Promise<void> {
      await sql`update registry.household_member set pid = ${to} where household_id = ${householdId} and pid = ${from} and left_on is null`.execute(trx);
      await sql`update registry.household set head_pid = ${to} where id = ${householdId} and head_pid = ${from}`.execute(trx);
    },

    async makeHead(trx: RegistryTx, householdId: number, pid: string): Promise<void> {
      await sql`update registry.household set head_pid = ${pid} where id = ${householdId}`.execute(trx);
      await sql`update registry.household_member set relation = 'head' where household_id = ${householdId} and pid = ${pid} and left_on is null`.execute(trx);
    },

    async endMembership(trx: RegistryTx, householdId: number, pid: string, on: string, dissolve: boolean): Promise<void> {
      await sql`update registry.household_member set left_on = ${on} where household_id = ${householdId} and pid = ${pid} and left_on is null`.execute(trx);
      if (dissolve) await sql`update registry.household set dissolved_at = now() where id = ${householdId}`.execute(trx);
    },

    /** Active residences of the retired record: moved to the survivor where it has none of that kind, ended otherwise. */
    async settleResidences(trx: RegistryTx, retired: string, survivor: string, on: string): Promise<{ moved: string[]; ended: string[] }> {
      const active = await sql<{ id: number; kind: string; survivor_has: boolean }>`
        select r.id, r.kind, exists (select 1 from registry.residence s where s.pid = ${survivor} and s.kind = r.kind and s.valid_to is null) as survivor_has
          from registry.residence r where r.pid = ${retired} and r.valid_to is null`.execute(trx);
      const moved: string[] = [];
      const ended: string[] = [];
      for (const r of active.rows) {
        if (r.survivor_has) {
          await sql`update registry.residence set valid_to = greatest(valid_from, ${on}::date) where id = ${r.id}`.execute(trx);
          ended.push(r.kind);
        } else {
          await sql`update registry.residence set pid = ${survivor} where id = ${r.id}`.execute(trx);
          moved.push(r.kind);
        }
      }
      return { moved, ended };
    },

    async revokeCards(trx: RegistryTx, pid: string): Promise<number> {
      const r = await sql`update registry.id_card set status = 'revoked' where pid = ${pid} and status = 'valid'`.execute(trx);
      return Number(r.numAffectedRows ?? 0);
    },

    /** People (other than the survivor) whose father, mother or spouse link names the retired record. */
    async pointingAt(trx: RegistryTx, retired: string, survivor: string) {
      const r = await sql<{ pid: string; father_pid: string | null; mother_pid: string | null; spouse_pid: string | null }>`
        select pid, father_pid, mother_pid, spouse_pid from registry.person
         where (father_pid = ${retired} or mother_pid = ${retired} or spouse_pid = ${retired}) and pid <> ${survivor}
         order by pid for update`.execute(trx);
      return r.rows;
    },

    async retire(trx: RegistryTx, row: PersonRow, survivor: string, actor: string, reason: string): Promise<void> {
      // earlier merges into the retired record now point at the survivor directly
      await sql`update registry.person_merge set survivor_pid = ${survivor} where survivor_pid = ${row.pid}`.execute(trx);
      await sql`insert into registry.person_merge (retired_pid, survivor_pid, actor, reason, retired_record)
                select ${row.pid}, ${survivor}, ${actor}, ${reason}, to_jsonb(p) from registry.person p where p.pid = ${row.pid}`.execute(trx);
      await sql`delete from registry.person where pid = ${row.pid}`.execute(trx);
    },
  };
}

export type MergeStore = ReturnType<typeof createMergeStore>;

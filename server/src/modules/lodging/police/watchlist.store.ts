// SQL for the watchlist (the only code touching lodging.watch).
import type { Kysely, Selectable } from 'kysely';
import type { LodgingTables, WatchTable } from '../lodging.tables.ts';

export interface WatchEntry {
  id: string;
  provinceCode: string;
  pid: string | null;
  passportNo: string | null;
  nationality: string | null;
  fullName: string;
  reason: string;
  active: boolean;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
}

const toEntry = (r: Selectable<WatchTable>): WatchEntry => ({
  id: r.id,
  provinceCode: r.province_code,
  pid: r.pid,
  passportNo: r.passport_no,
  nationality: r.nationality,
  fullName: r.full_name,
  reason: r.reason,
  active: r.active,
  createdAt: new Date(r.created_at).toISOString(),
  createdBy: r.created_by,
  updatedAt: new Date(r.updated_at).toISOString(),
});

export function createWatchlistStore(db: Kysely<LodgingTables>) {
  return {
    async list(provinceCode: string | null): Promise<WatchEntry[]> {
      const rows = await db
        .selectFrom('lodging.watch')
        .selectAll()
        .$if(provinceCode !== null, (q) => q.where('province_code', '=', provinceCode!))
        .orderBy('active', 'desc')
        .orderBy('created_at', 'desc')
        .limit(1000)
        .execute();
      return rows.map(toEntry);
    },
    async find(id: string): Promise<WatchEntry | undefined> {
      const r = await db.selectFrom('lodging.watch').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toEntry(r) : undefined;
    },
    async insert(e: { id: string; provinceCode: string; pid: string | null; passportNo: string | null; nationality: string | null; fullName: string; reason: string }, by: string): Promise<WatchEntry> {
      const r = await db
        .insertInto('lodging.watch')
        .values({ id: e.id, province_code: e.provinceCode, pid: e.pid, passport_no: e.passportNo, nationality: e.nationality, full_name: e.fullName, reason: e.reason, created_by: by, updated_by: by })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toEntry(r);
    },
    async update(id: string, change: { active?: boolean | undefined; reason?: string | undefined }, by: string, at: Date): Promise<WatchEntry> {
      const r = await db
        .updateTable('lodging.watch')
        .set({ ...(change.active !== undefined ? { active: change.active } : {}), ...(change.reason !== undefined ? { reason: change.reason } : {}), updated_by: by, updated_at: at })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      return toEntry(r);
    },
  };
}

export type WatchlistStore = ReturnType<typeof createWatchlistStore>;

// Sites and their staff (the only code touching checkpoints.site and checkpoints.staff).
import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Alert } from './occupancy.ts';
import type { CheckpointTables, SiteKind, SiteTable } from './checkpoints.tables.ts';

export interface Site {
  id: string;
  name: string;
  kind: SiteKind;
  communeCode: string;
  capacity: number;
  retentionDays: number;
  onSite: number;
  alert: Alert | null;
  createdAt: Date;
  updatedAt: Date;
  updatedBy: string;
}

export interface SiteInput {
  name: string;
  kind: SiteKind;
  communeCode: string;
  capacity: number;
  retentionDays: number;
}

export interface StaffMember {
  pid: string;
  addedAt: Date;
  addedBy: string;
}

const COLUMNS = ['id', 'name', 'kind', 'commune_code', 'capacity', 'retention_days', 'on_site', 'alert_level', 'alert_since', 'created_at', 'updated_at', 'updated_by'] as const;

export function toSite(r: Pick<Selectable<SiteTable>, (typeof COLUMNS)[number]>): Site {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    communeCode: r.commune_code,
    capacity: r.capacity,
    retentionDays: r.retention_days,
    onSite: r.on_site,
    alert: r.alert_level && r.alert_since ? { level: r.alert_level, since: new Date(r.alert_since) } : null,
    createdAt: new Date(r.created_at),
    updatedAt: new Date(r.updated_at),
    updatedBy: r.updated_by,
  };
}

export function createSiteStore(db: Kysely<CheckpointTables>) {
  return {
    async create(input: SiteInput, by: string): Promise<Site> {
      const r = await db
        .insertInto('checkpoints.site')
        .values({
          id: randomUUID(),
          name: input.name,
          kind: input.kind,
          commune_code: input.communeCode,
          capacity: input.capacity,
          retention_days: input.retentionDays,
          hash_key: randomBytes(32),
          updated_by: by,
        })
        .returning(COLUMNS)
        .executeTakeFirstOrThrow();
      return toSite(r);
    },

    async find(id: string): Promise<Site | undefined> {
      const r = await db.selectFrom('checkpoints.site').select(COLUMNS).where('id', '=', id).executeTakeFirst();
      return r ? toSite(r) : undefined;
    },

    /** Saves new details (the alert a new capacity leads to is the passage store's). */
    async update(id: string, input: SiteInput, by: string): Promise<Site> {
      const r = await db
        .updateTable('checkpoints.site')
        .set({
          name: input.name,
          kind: input.kind,
          commune_code: input.communeCode,
          capacity: input.capacity,
          retention_days: input.retentionDays,
          updated_at: new Date(),
          updated_by: by,
        })
        .where('id', '=', id)
        .returning(COLUMNS)
        .executeTakeFirstOrThrow();
      return toSite(r);
    },

    /** Sites in these communes ('all': every site), by name. */
    async inCommunes(codes: readonly string[] | 'all'): Promise<Site[]> {
      if (codes !== 'all' && !codes.length) return [];
      let q = db.selectFrom('checkpoints.site').select(COLUMNS).orderBy('name').orderBy('id');
      if (codes !== 'all') q = q.where('commune_code', 'in', codes);
      return (await q.execute()).map(toSite);
    },

    /** Sites where this citizen works. */
    async ofStaff(pid: string): Promise<Site[]> {
      const rows = await db
        .selectFrom('checkpoints.site as s')
        .innerJoin('checkpoints.staff as st', 'st.site_id', 's.id')
        .select(COLUMNS.map((c) => `s.${c}` as const))
        .where('st.pid', '=', pid)
        .orderBy('s.name')
        .execute();
      return rows.map(toSite);
    },

    async isStaff(siteId: string, pid: string): Promise<boolean> {
      return !!(await db.selectFrom('checkpoints.staff').select('pid').where('site_id', '=', siteId).where('pid', '=', pid).executeTakeFirst());
    },

    async staff(siteId: string): Promise<StaffMember[]> {
      const rows = await db.selectFrom('checkpoints.staff').select(['pid', 'added_at', 'added_by']).where('site_id', '=', siteId).orderBy('added_at').orderBy('pid').execute();
      return rows.map((r) => ({ pid: r.pid, addedAt: new Date(r.added_at), addedBy: r.added_by }));
    },

    async staffCounts(siteIds: readonly string[]): Promise<Map<string, number>> {
      if (!siteIds.length) return new Map();
      const rows = await db
        .selectFrom('checkpoints.staff')
        .select(['site_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('site_id', 'in', siteIds)
        .groupBy('site_id')
        .execute();
      return new Map(rows.map((r) => [r.site_id, Number(r.n)]));
    },

    /** Adds a staff member; false when they already were. */
    async addStaff(siteId: string, pid: string, by: string): Promise<boolean> {
      const r = await db
        .insertInto('checkpoints.staff')
        .values({ site_id: siteId, pid, added_by: by })
        .onConflict((oc) => oc.columns(['site_id', 'pid']).doNothing())
        .returning('pid')
        .executeTakeFirst();
      return !!r;
    },

    /** Removes a staff member; false when they were not one. */
    async removeStaff(siteId: string, pid: string): Promise<boolean> {
      const r = await db.deleteFrom('checkpoints.staff').where('site_id', '=', siteId).where('pid', '=', pid).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
  };
}

export type SiteStore = ReturnType<typeof createSiteStore>;

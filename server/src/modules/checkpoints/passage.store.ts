// Passages and hourly counts (the only code touching checkpoints.passage and checkpoints.hourly,
// and the occupancy columns of checkpoints.site). A passage, its hour's count and the site's
// occupancy change in one transaction, with the site's row locked, so counts stay exact under
// concurrent scans and purging old passages loses no count.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Alert, HourRow } from './occupancy.ts';
import type { AlertLevel, CheckpointTables, Direction } from './checkpoints.tables.ts';

export interface PassageInput {
  siteId: string;
  at: Date;
  direction: Direction;
  method: 'eid_qr' | 'id_card_qr' | 'counter';
  visitorHash: string | null;
  count: number;
  recordedBy: string;
}

/** A site as a passage sees it: locked until the transaction ends. */
export interface LockedSite {
  onSite: number;
  capacity: number;
  alert: Alert | null;
  hashKey: Uint8Array;
}

export interface PassageTx {
  /** Locks the site's row; undefined when there is no such site. */
  lockSite(siteId: string): Promise<LockedSite | undefined>;
  /** The latest passage of a visitor at a site (by their keyed hash). */
  lastPassage(siteId: string, visitorHash: string): Promise<{ direction: Direction; at: Date } | undefined>;
  /** Stores the passage and adds it to its hour's count. */
  insert(p: PassageInput, hour: Date): Promise<void>;
  setOccupancy(siteId: string, onSite: number, alert: Alert | null): Promise<void>;
}

function tx(trx: Transaction<CheckpointTables>): PassageTx {
  return {
    async lockSite(siteId) {
      const r = await trx.selectFrom('checkpoints.site').select(['on_site', 'capacity', 'alert_level', 'alert_since', 'hash_key']).where('id', '=', siteId).forUpdate().executeTakeFirst();
      if (!r) return undefined;
      return {
        onSite: r.on_site,
        capacity: r.capacity,
        alert: r.alert_level && r.alert_since ? { level: r.alert_level, since: new Date(r.alert_since) } : null,
        hashKey: r.hash_key,
      };
    },

    async lastPassage(siteId, visitorHash) {
      const r = await trx
        .selectFrom('checkpoints.passage')
        .select(['direction', 'at'])
        .where('site_id', '=', siteId)
        .where('visitor_hash', '=', visitorHash)
        .orderBy('at', 'desc')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      return r ? { direction: r.direction, at: new Date(r.at) } : undefined;
    },

    async insert(p, hour) {
      await trx
        .insertInto('checkpoints.passage')
        .values({ site_id: p.siteId, at: p.at, direction: p.direction, method: p.method, visitor_hash: p.visitorHash, count: p.count, recorded_by: p.recordedBy })
        .execute();
      const entries = p.direction === 'in' ? p.count : 0;
      const exits = p.direction === 'out' ? p.count : 0;
      await trx
        .insertInto('checkpoints.hourly')
        .values({ site_id: p.siteId, hour, entries, exits })
        .onConflict((oc) =>
          oc.columns(['site_id', 'hour']).doUpdateSet({
            entries: sql<number>`checkpoints.hourly.entries + excluded.entries`,
            exits: sql<number>`checkpoints.hourly.exits + excluded.exits`,
          }),
        )
        .execute();
    },

    async setOccupancy(siteId, onSite, alert) {
      await trx
        .updateTable('checkpoints.site')
        .set({ on_site: onSite, alert_level: (alert?.level ?? null) as AlertLevel | null, alert_since: alert?.since ?? null })
        .where('id', '=', siteId)
        .execute();
    },
  };
}

export function createPassageStore(db: Kysely<CheckpointTables>) {
  return {
    /** Runs `fn` in one transaction; it commits when `fn` resolves. */
    transaction<T>(fn: (t: PassageTx) => Promise<T>): Promise<T> {
      return db.transaction().execute((trx) => fn(tx(trx)));
    },

    /** Hourly counts of sites from `from` (inclusive) to `to` (exclusive). */
    async hours(siteIds: readonly string[], from: Date, to: Date): Promise<(HourRow & { siteId: string })[]> {
      if (!siteIds.length) return [];
      const rows = await db
        .selectFrom('checkpoints.hourly')
        .select(['site_id', 'hour', 'entries', 'exits'])
        .where('site_id', 'in', siteIds)
        .where('hour', '>=', from)
        .where('hour', '<', to)
        .orderBy('hour')
        .execute();
      return rows.map((r) => ({ siteId: r.site_id, hour: new Date(r.hour), entries: r.entries, exits: r.exits }));
    },

    /** Deletes passages older than their site's retention period; the hourly counts stay. */
    async purgeExpired(now: Date): Promise<number> {
      const r = await db
        .deleteFrom('checkpoints.passage as p')
        .using('checkpoints.site as s')
        .whereRef('s.id', '=', 'p.site_id')
        .where(sql<boolean>`p.at < ${now}::timestamptz - make_interval(days => s.retention_days)`)
        .executeTakeFirst();
      return Number(r.numDeletedRows);
    },
  };
}

export type PassageStore = ReturnType<typeof createPassageStore>;

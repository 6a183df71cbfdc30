// SQL for notified stays, the watchlist's matching and alerts (the only code touching lodging.stay
// and lodging.alert). A stay, its watchlist alert and its event are written in one transaction.
import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import { appendToOutbox } from '../../../platform/events/index.ts';
import { StayNotified } from '../lodging.events.ts';
import type { LodgingTables, StayTable } from '../lodging.tables.ts';

export type StayRow = Selectable<StayTable>;
/** A stay with the name and type of its establishment (null for a citizen's declaration). */
export type StayWithPlace = StayRow & { est_name: string | null; est_type: string | null };
export type NewStay = Omit<Insertable<StayTable>, 'seq' | 'watch_hit' | 'checked_out_at'>;

export interface AlertRow {
  id: string;
  at: Date;
  stayId: string;
  watchId: string;
  communeCode: string;
  provinceCode: string;
  watchReason: string;
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
  guestName: string;
  establishmentName: string;
}

export interface StayFilter {
  communes: readonly string[] | null;
  establishmentId?: string | undefined;
  hostPid?: string | undefined;
  guestPid?: string | undefined;
  passportNo?: string | undefined;
  nameFolded?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  late?: boolean | undefined;
  inHouse?: boolean | undefined;
  afterSeq?: number | undefined;
  limit: number;
  /** Oldest first (a feed catching up) instead of newest first. */
  ascending?: boolean;
}

const ALERT_COLUMNS = ['a.id', 'a.at', 'a.stay_id', 'a.watch_id', 'a.commune_code', 'a.province_code', 'a.acknowledged_at', 'a.acknowledged_by', 'w.reason', 's.guest_name'] as const;

export function createStayStore(db: Kysely<LodgingTables>) {
  const alertQuery = (q: Kysely<LodgingTables>) =>
    q
      .selectFrom('lodging.alert as a')
      .innerJoin('lodging.watch as w', 'w.id', 'a.watch_id')
      .innerJoin('lodging.stay as s', 's.id', 'a.stay_id')
      .leftJoin('lodging.establishment as e', 'e.id', 's.establishment_id')
      .select(ALERT_COLUMNS)
      .select(sql<string>`coalesce(e.name, s.host_name, '')`.as('establishment_name'));
  const toAlert = (r: Awaited<ReturnType<ReturnType<typeof alertQuery>['executeTakeFirstOrThrow']>>): AlertRow => ({
    id: r.id,
    at: new Date(r.at),
    stayId: r.stay_id,
    watchId: r.watch_id,
    communeCode: r.commune_code,
    provinceCode: r.province_code,
    watchReason: r.reason,
    acknowledgedAt: r.acknowledged_at ? new Date(r.acknowledged_at) : null,
    acknowledgedBy: r.acknowledged_by,
    guestName: r.guest_name,
    establishmentName: r.establishment_name,
  });

  return {
    /**
     * Stores stays (all or none), matches each against the active watchlist of its province and
     * raises an alert per hit, and appends one event per stay. Returns the rows and the alerts.
     */
    async insert(stays: readonly NewStay[], at: Date): Promise<{ rows: StayRow[]; alerts: AlertRow[] }> {
      return db.transaction().execute(async (trx) => {
        const rows = await trx.insertInto('lodging.stay').values(stays.map((s) => ({ ...s }))).returningAll().execute();
        const pids = rows.map((r) => r.guest_pid).filter((p): p is string => p !== null);
        const passports = rows.map((r) => r.passport_no).filter((p): p is string => p !== null);
        const watches =
          pids.length + passports.length === 0
            ? []
            : await trx
                .selectFrom('lodging.watch')
                .select(['id', 'province_code', 'pid', 'passport_no', 'nationality'])
                .where('active', '=', true)
                .where((eb) => eb.or([...(pids.length ? [eb('pid', 'in', pids)] : []), ...(passports.length ? [eb('passport_no', 'in', passports)] : [])]))
                .execute();
        const alertIds: string[] = [];
        for (const r of rows) {
          const hits = watches.filter(
            (w) => w.province_code === r.province_code && ((w.pid !== null && w.pid === r.guest_pid) || (w.passport_no !== null && w.passport_no === r.passport_no && (w.nationality === null || w.nationality === r.nationality))),
          );
          if (hits.length === 0) continue;
          r.watch_hit = true;
          await trx.updateTable('lodging.stay').set({ watch_hit: true }).where('id', '=', r.id).execute();
          for (const w of hits) {
            const id = crypto.randomUUID();
            await trx.insertInto('lodging.alert').values({ id, at, stay_id: r.id, watch_id: w.id, commune_code: r.commune_code, province_code: r.province_code }).execute();
            alertIds.push(id);
          }
        }
        for (const r of rows)
          await appendToOutbox(trx, StayNotified, r.id, { stayId: r.id, establishmentId: r.establishment_id, communeCode: r.commune_code, provinceCode: r.province_code, late: r.late, watchHit: r.watch_hit });
        const alerts = alertIds.length ? (await alertQuery(trx).where('a.id', 'in', alertIds).execute()).map(toAlert) : [];
        return { rows, alerts };
      });
    },

    async find(id: string): Promise<StayRow | undefined> {
      return db.selectFrom('lodging.stay').selectAll().where('id', '=', id).executeTakeFirst();
    },

    async list(f: StayFilter): Promise<StayWithPlace[]> {
      const rows = await db
        .selectFrom('lodging.stay as s')
        .leftJoin('lodging.establishment as e', 'e.id', 's.establishment_id')
        .selectAll('s')
        .select(['e.name as est_name', 'e.type as est_type'])
        .$if(f.communes !== null, (q) => q.where('s.commune_code', 'in', f.communes!.length ? f.communes! : ['-----']))
        .$if(f.establishmentId !== undefined, (q) => q.where('s.establishment_id', '=', f.establishmentId!))
        .$if(f.hostPid !== undefined, (q) => q.where('s.host_pid', '=', f.hostPid!))
        .$if(f.guestPid !== undefined, (q) => q.where('s.guest_pid', '=', f.guestPid!))
        .$if(f.passportNo !== undefined, (q) => q.where('s.passport_no', '=', f.passportNo!))
        .$if(f.nameFolded !== undefined, (q) => q.where('s.guest_name_folded', '=', f.nameFolded!))
        .$if(f.from !== undefined, (q) => q.where('s.arrived_at', '>=', f.from!))
        .$if(f.to !== undefined, (q) => q.where('s.arrived_at', '<', f.to!))
        .$if(f.late !== undefined, (q) => q.where('s.late', '=', f.late!))
        .$if(f.inHouse === true, (q) => q.where('s.checked_out_at', 'is', null))
        .$if(f.inHouse === false, (q) => q.where('s.checked_out_at', 'is not', null))
        .$if(f.afterSeq !== undefined, (q) => q.where('s.seq', '>', String(f.afterSeq!)))
        .orderBy('s.seq', f.ascending ? 'asc' : 'desc')
        .limit(f.limit)
        .execute();
      return rows;
    },

    /** The last declaration of this guest by this host as a relative, since `since`. */
    async lastRelativeDeclaration(hostPid: string, guestPid: string, communeCode: string, since: Date): Promise<StayRow | undefined> {
      return db
        .selectFrom('lodging.stay')
        .selectAll()
        .where('host_pid', '=', hostPid)
        .where('guest_pid', '=', guestPid)
        .where('relationship', '=', 'relative')
        .where('commune_code', '=', communeCode)
        .where('recorded_at', '>=', since)
        .orderBy('recorded_at', 'desc')
        .executeTakeFirst();
    },

    async checkOut(id: string, at: Date): Promise<StayRow | undefined> {
      return db.updateTable('lodging.stay').set({ checked_out_at: at }).where('id', '=', id).where('checked_out_at', 'is', null).returningAll().executeTakeFirst();
    },

    /** Counts per Vietnam day and establishment type ('declaration' for citizens' own). */
    async stats(communes: readonly string[] | null, from: Date, to: Date) {
      const rows = await db
        .selectFrom('lodging.stay as s')
        .leftJoin('lodging.establishment as e', 'e.id', 's.establishment_id')
        .select([
          sql<string>`to_char(s.recorded_at at time zone 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD')`.as('day'),
          sql<string>`coalesce(e.type, 'declaration')`.as('type'),
          sql<string>`count(*)`.as('n'),
          sql<string>`count(*) filter (where s.late)`.as('late'),
          sql<string>`count(*) filter (where s.guest_kind = 'foreign')`.as('foreign'),
        ])
        .$if(communes !== null, (q) => q.where('s.commune_code', 'in', communes!.length ? communes! : ['-----']))
        .where('s.recorded_at', '>=', from)
        .where('s.recorded_at', '<', to)
        .groupBy([sql`1`, sql`2`])
        .orderBy(sql`1`)
        .execute();
      return rows.map((r) => ({ day: r.day, type: r.type, count: Number(r.n), late: Number(r.late), foreign: Number(r.foreign) }));
    },

    async alerts(communes: readonly string[] | null, open: boolean | undefined, limit: number): Promise<AlertRow[]> {
      const rows = await alertQuery(db)
        .$if(communes !== null, (q) => q.where('a.commune_code', 'in', communes!.length ? communes! : ['-----']))
        .$if(open === true, (q) => q.where('a.acknowledged_at', 'is', null))
        .orderBy('a.at', 'desc')
        .limit(limit)
        .execute();
      return rows.map(toAlert);
    },

    async findAlert(id: string): Promise<AlertRow | undefined> {
      const r = await alertQuery(db).where('a.id', '=', id).executeTakeFirst();
      return r ? toAlert(r) : undefined;
    },

    async acknowledge(id: string, by: string, at: Date): Promise<void> {
      await db.updateTable('lodging.alert').set({ acknowledged_at: at, acknowledged_by: by }).where('id', '=', id).where('acknowledged_at', 'is', null).execute();
    },
  };
}

export type StayStore = ReturnType<typeof createStayStore>;

// SQL for notified stays, the watchlist's matching and alerts (the only code touching lodging.stay
// and lodging.alert). A stay, its watchlist alert and its event are written in one transaction.
import { sql, type Insertable, type Kysely, type RawBuilder, type Selectable } from 'kysely';
import { outboxInsert } from '../../../platform/events/index.ts';
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
  /**
   * With afterSeq: also the stays recorded up to this long before stay `afterSeq` (sequence
   * numbers are taken at insert, so a lower one can commit later).
   */
  commitGraceMs?: number | undefined;
  limit: number;
  /** Oldest first (a feed catching up) instead of newest first. */
  ascending?: boolean;
}

/** An active watch of the stay's province on the guest: by personal ID, or passport (and nationality). */
const watchMatches = (w: RawBuilder<unknown>, s: Pick<NewStay, 'province_code' | 'guest_pid' | 'passport_no' | 'nationality'>) =>
  sql`${w}.active and ${w}.province_code = ${s.province_code} and ((${w}.pid is not null and ${w}.pid = ${s.guest_pid ?? null}) or (${w}.passport_no is not null and ${w}.passport_no = ${s.passport_no ?? null} and (${w}.nationality is null or ${w}.nationality = ${s.nationality ?? null})))`;
/** The same, against the inserted rows (`ins`) in SQL. */
const watchMatchesRow = sql`w.active and w.province_code = ins.province_code and ((w.pid is not null and w.pid = ins.guest_pid) or (w.passport_no is not null and w.passport_no = ins.passport_no and (w.nationality is null or w.nationality = ins.nationality)))`;

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
    async insert(stays: readonly NewStay[]): Promise<{ rows: StayRow[]; alerts: AlertRow[] }> {
      // one statement: the stays (each flagged when the watchlist of its province has the guest),
      // their alerts and their events — all or none, in a single round trip
      const values = stays.map((s) => ({
        ...s,
        watch_hit: sql<boolean>`exists (select 1 from lodging.watch w where ${watchMatches(sql`w`, s)})`,
      }));
      const query = (db as Kysely<any>) // eslint-disable-line @typescript-eslint/no-explicit-any
        .with('ins', (q) => q.insertInto('lodging.stay').values(values).returningAll())
        .with('al', () =>
          sql`(insert into lodging.alert (id, at, stay_id, watch_id, commune_code, province_code)
              select gen_random_uuid(), ins.recorded_at, ins.id, w.id, ins.commune_code, ins.province_code
              from ins join lodging.watch w on ${watchMatchesRow}
              where ins.watch_hit)`,
        )
        .with(
          'ob',
          () =>
            sql`(${outboxInsert(
              StayNotified,
              sql`select ins.id::text, jsonb_build_object('stayId', ins.id, 'establishmentId', ins.establishment_id, 'communeCode', ins.commune_code, 'provinceCode', ins.province_code, 'late', ins.late, 'watchHit', ins.watch_hit) from ins`,
            )})` as never, // a raw data-modifying statement as a CTE (Kysely types only its own builders)
        )
        .selectFrom('ins')
        .selectAll();
      const rows = (await query.execute()) as StayRow[];
      const hit = rows.filter((r) => r.watch_hit).map((r) => r.id);
      const alerts = hit.length ? (await alertQuery(db).where('a.stay_id', 'in', hit).execute()).map(toAlert) : [];
      return { rows, alerts };
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
        .$if(f.afterSeq !== undefined && f.commitGraceMs === undefined, (q) => q.where('s.seq', '>', String(f.afterSeq!)))
        .$if(f.afterSeq !== undefined && f.commitGraceMs !== undefined, (q) =>
          q.where((eb) =>
            eb.or([
              eb('s.seq', '>', String(f.afterSeq!)),
              eb('s.recorded_at', '>=', sql<Date>`(select recorded_at - make_interval(secs => ${f.commitGraceMs! / 1000}) from lodging.stay where seq = ${String(f.afterSeq!)})`),
            ]),
          ),
        )
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

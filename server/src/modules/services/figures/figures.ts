// The figures the provincial plans track, computed live from applications (Hải Phòng plan §3.1):
// share submitted online, share of fee-bearing applications paid online (targets: 30 % of payments,
// 60 % of fee-bearing procedures), completion on time, results stored with the personal ID (in the
// wallet), and share of form fields prefilled from the registry. Per service and commune, for the
// official's own unit (a commune, a province, or the whole country).
import { sql } from 'kysely';
import { jurisdiction, requirePermission, type Actor } from '../../../http/authz.ts';
import type { ServicesDb } from '../application/application.store.ts';

export interface FiguresQuery {
  from?: string | undefined;
  to?: string | undefined;
  serviceId?: string | undefined;
  communeCode?: string | undefined;
}

export interface FigureRow {
  serviceId: string;
  communeCode: string | null;
  submitted: number;
  online: number;
  kiosk: number;
  desk: number;
  feeBearing: number;
  paidOnline: number;
  finished: number;
  onTime: number;
  completed: number;
  resultsInWallet: number;
  fieldsTotal: number;
  fieldsPrefilled: number;
  /** online + kiosk over submitted */
  onlineShare: number | null;
  paidOnlineShare: number | null;
  onTimeShare: number | null;
  walletShare: number | null;
  prefilledShare: number | null;
}

const ratio = (a: number, b: number) => (b ? a / b : null);

export function createFigures(db: ServicesDb) {
  return {
    async compute(actor: Actor, q: FiguresQuery): Promise<{ rows: FigureRow[]; total: FigureRow }> {
      requirePermission(actor, 'figures.read');
      const j = jurisdiction(actor);
      const scope: { communes?: string[]; province?: string } = {};
      if (j.kind === 'communes') {
        if (actor.unit && actor.unit.length === 2) scope.province = actor.unit;
        else scope.communes = j.codes;
      }
      const rows = await db
        .selectFrom('services.application')
        .select((eb) => [
          'service_id',
          'commune_code',
          eb.fn.countAll<string>().as('submitted'),
          sql<string>`count(*) filter (where channel = 'online')`.as('online'),
          sql<string>`count(*) filter (where channel = 'kiosk')`.as('kiosk'),
          sql<string>`count(*) filter (where channel = 'desk')`.as('desk'),
          sql<string>`count(*) filter (where fee_paid is not null)`.as('fee_bearing'),
          sql<string>`count(*) filter (where fee_paid = 'online')`.as('paid_online'),
          sql<string>`count(*) filter (where status in ('completed', 'refused') and due_on is not null)`.as('finished'),
          sql<string>`count(*) filter (where status in ('completed', 'refused') and due_on is not null and (completed_at at time zone 'Asia/Ho_Chi_Minh')::date <= due_on)`.as('on_time'),
          sql<string>`count(*) filter (where status = 'completed')`.as('completed'),
          sql<string>`count(*) filter (where status = 'completed' and result->>'walletDocumentId' is not null)`.as('in_wallet'),
          sql<string>`coalesce(sum(fields_total), 0)`.as('fields_total'),
          sql<string>`coalesce(sum(fields_prefilled), 0)`.as('fields_prefilled'),
        ])
        .$if(!!q.from, (w) => w.where('submitted_at', '>=', sql<Date>`${q.from}::date::timestamp at time zone 'Asia/Ho_Chi_Minh'`))
        .$if(!!q.to, (w) => w.where('submitted_at', '<', sql<Date>`(${q.to}::date + 1)::timestamp at time zone 'Asia/Ho_Chi_Minh'`))
        .$if(!!q.serviceId, (w) => w.where('service_id', '=', q.serviceId!))
        .$if(!!q.communeCode, (w) => w.where('commune_code', '=', q.communeCode!))
        .$if(!!scope.communes, (w) => w.where('commune_code', 'in', scope.communes!))
        .$if(!!scope.province, (w) => w.where('province_code', '=', scope.province!))
        .groupBy(['service_id', 'commune_code'])
        .orderBy('service_id')
        .orderBy('commune_code')
        .execute();
      const keys = ['submitted', 'online', 'kiosk', 'desk', 'feeBearing', 'paidOnline', 'finished', 'onTime', 'completed', 'resultsInWallet', 'fieldsTotal', 'fieldsPrefilled'] as const;
      type Counts = Record<(typeof keys)[number], number>;
      const withShares = (serviceId: string, communeCode: string | null, c: Counts): FigureRow => ({
        serviceId,
        communeCode,
        ...c,
        onlineShare: ratio(c.online + c.kiosk, c.submitted),
        paidOnlineShare: ratio(c.paidOnline, c.feeBearing),
        onTimeShare: ratio(c.onTime, c.finished),
        walletShare: ratio(c.resultsInWallet, c.completed),
        prefilledShare: ratio(c.fieldsPrefilled, c.fieldsTotal),
      });
      const out = rows.map((r) =>
        withShares(r.service_id, r.commune_code, {
          submitted: Number(r.submitted),
          online: Number(r.online),
          kiosk: Number(r.kiosk),
          desk: Number(r.desk),
          feeBearing: Number(r.fee_bearing),
          paidOnline: Number(r.paid_online),
          finished: Number(r.finished),
          onTime: Number(r.on_time),
          completed: Number(r.completed),
          resultsInWallet: Number(r.in_wallet),
          fieldsTotal: Number(r.fields_total),
          fieldsPrefilled: Number(r.fields_prefilled),
        }),
      );
      const sum = Object.fromEntries(keys.map((k) => [k, out.reduce((a, r) => a + r[k], 0)])) as Counts;
      const total = withShares('*', null, sum);
      return { rows: out, total };
    },
  };
}

export type Figures = ReturnType<typeof createFigures>;

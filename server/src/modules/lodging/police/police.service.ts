// What the police do with lodging notifications: the live feed of their communes, search by
// person, establishment and date (with a purpose, in the access log), statistics by day and type,
// alerts of the watchlist, and the watchlist itself (kept by the province police).
import { randomUUID } from 'node:crypto';
import { fold, startOfVnDay, vnDay } from '@open06/kernel';
import { loadAdminUnits } from '@open06/kernel/admin-units';
import { jurisdiction, requirePermission, requirePurpose, type Actor } from '../../../http/authz.ts';
import { ForbiddenError, NotFoundError, ValidationError, type Text } from '../../../http/errors.ts';
import type { AccessLog } from '../../../platform/access-log/index.ts';
import type { Clock } from '../../../platform/clock.ts';
import { toAlertView, toStayView, type AlertView, type StayView } from '../stay/stay.service.ts';
import type { StayStore } from '../stay/stay.store.ts';
import { policeCommunes } from './communes.ts';
import type { WatchEntry, WatchlistStore } from './watchlist.store.ts';

const text = (vi: string, en: string): Text => ({ vi, en });
/** Purposes a search of notifications may state. */
export const SEARCH_PURPOSES = ['residence_management', 'investigation'] as const;
const FEED_BACKLOG = 50;
const FEED_CATCH_UP_MAX = 2_000;
/** Stays recorded this long before the last one a console saw may have committed after it. */
const COMMIT_GRACE_MS = 10_000;

export interface SearchQuery {
  purpose?: string | undefined;
  communeCode?: string | undefined;
  q?: string | undefined;
  establishmentId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  late?: boolean | undefined;
  limit: number;
}

export function createPoliceService(deps: { stays: StayStore; watchlist: WatchlistStore; accessLog: AccessLog; clock: Clock }) {
  const { stays, watchlist, accessLog, clock } = deps;
  const units = loadAdminUnits();

  /** The province whose watchlist an officer works with (null: national). */
  function provinceOf(actor: Actor): string | null {
    if (jurisdiction(actor).kind === 'national') return null;
    const unit = actor.unit ?? '';
    return unit.length === 2 ? unit : (units.commune(unit)?.provinceCode ?? '--');
  }

  const day = (s: string | undefined, path: string): Date | undefined => {
    if (s === undefined) return undefined;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(s) || Number.isNaN(Date.parse(s))) throw ValidationError.field(path, 'invalid_date', text('Ngày không hợp lệ (yyyy-mm-dd).', 'Invalid date (yyyy-mm-dd).'));
    return startOfVnDay(s);
  };
  const dayAfter = (s: string | undefined, path: string) => {
    const d = day(s, path);
    return d ? new Date(d.getTime() + 86_400_000) : undefined;
  };

  return {
    communesOf: policeCommunes,

    /** What a console gets when it (re)connects: open alerts and the stays after `after` (or the latest). */
    async feedCatchUp(communes: readonly string[] | null, after: number | undefined): Promise<{ stays: StayView[]; alerts: AlertView[] }> {
      const rows =
        after !== undefined
          ? await stays.list({ communes, afterSeq: after, commitGraceMs: COMMIT_GRACE_MS, limit: FEED_CATCH_UP_MAX, ascending: true })
          : (await stays.list({ communes, limit: FEED_BACKLOG })).reverse();
      const alerts = after === undefined ? (await stays.alerts(communes, true, 50)).map(toAlertView) : [];
      return { stays: rows.map((r) => toStayView(r, true)), alerts };
    },

    async search(ctx: { actor: Actor; requestId?: string | undefined }, q: SearchQuery): Promise<StayView[]> {
      const purpose = requirePurpose(ctx.actor, q.purpose);
      if (!(SEARCH_PURPOSES as readonly string[]).includes(purpose))
        throw ValidationError.field('query.purpose', 'purpose_not_allowed', text('Tra cứu lưu trú cần mục đích quản lý cư trú hoặc điều tra, xác minh.', 'Searching stays needs the purpose residence management or investigation.'));
      const communes = policeCommunes(ctx.actor, q.communeCode);
      const term = q.q?.trim();
      const who = !term ? {} : /^\d{12}$/.test(term) ? { guestPid: term } : /^[A-Za-z]{0,3}\d{5,}$/.test(term) ? { passportNo: term.toUpperCase() } : { nameFolded: fold(term) };
      const rows = await stays.list({ communes, ...who, establishmentId: q.establishmentId, from: day(q.from, 'query.from'), to: dayAfter(q.to, 'query.to'), late: q.late, limit: q.limit });
      const pids = [...new Set(rows.map((r) => r.guest_pid).filter((p): p is string => p !== null))];
      if (pids.length) await accessLog.record(pids.map((pid) => ({ actor: ctx.actor, purpose, action: 'lodging_search', subjectPid: pid, fields: ['lodging'], outcome: 'ok' as const, requestId: ctx.requestId })));
      return rows.map((r) => toStayView(r, true));
    },

    async stats(actor: Actor, q: { communeCode?: string | undefined; from?: string | undefined; to?: string | undefined }) {
      const communes = policeCommunes(actor, q.communeCode);
      const today = vnDay(clock.now());
      const to = dayAfter(q.to ?? today, 'query.to')!;
      const from = day(q.from, 'query.from') ?? new Date(to.getTime() - 30 * 86_400_000);
      if (from >= to) throw ValidationError.field('query.from', 'invalid_range', text('Ngày bắt đầu phải trước ngày kết thúc.', 'The start must be before the end.'));
      if (to.getTime() - from.getTime() > 367 * 86_400_000) throw ValidationError.field('query.from', 'range_too_long', text('Tối đa một năm.', 'At most one year.'));
      const rows = await stays.stats(communes, from, to);
      const byType = new Map<string, number>();
      for (const r of rows) byType.set(r.type, (byType.get(r.type) ?? 0) + r.count);
      return {
        from: vnDay(from),
        to: vnDay(new Date(to.getTime() - 1)),
        total: rows.reduce((n, r) => n + r.count, 0),
        late: rows.reduce((n, r) => n + r.late, 0),
        foreign: rows.reduce((n, r) => n + r.foreign, 0),
        byDay: rows.map(({ day: d, type, count, late }) => ({ day: d, type, count, late })),
        byType: [...byType].map(([type, count]) => ({ type, count })).sort((a, b) => b.count - a.count),
      };
    },

    async alerts(actor: Actor, q: { communeCode?: string | undefined; open?: boolean | undefined }) {
      return (await stays.alerts(policeCommunes(actor, q.communeCode), q.open, 200)).map(toAlertView);
    },

    async acknowledge(actor: Actor, id: string): Promise<AlertView> {
      const communes = policeCommunes(actor);
      const a = await stays.findAlert(id);
      if (!a || (communes !== null && !communes.includes(a.communeCode))) throw new NotFoundError(text('Không tìm thấy cảnh báo.', 'Alert not found.'));
      await stays.acknowledge(id, actor.sub, clock.now());
      return toAlertView((await stays.findAlert(id))!);
    },

    async watchlist(actor: Actor): Promise<WatchEntry[]> {
      requirePermission(actor, 'lodging.read');
      return watchlist.list(provinceOf(actor));
    },

    async watch(ctx: { actor: Actor; requestId?: string | undefined }, input: { pid?: string | undefined; passportNo?: string | undefined; nationality?: string | undefined; fullName: string; reason: string }): Promise<WatchEntry> {
      requirePermission(ctx.actor, 'watchlist.manage');
      const province = provinceOf(ctx.actor);
      if (!province) throw new ForbiddenError(text('Danh sách theo dõi do công an tỉnh quản lý.', 'The watchlist is kept by a province’s police.'));
      if (!input.pid && !input.passportNo)
        throw ValidationError.field('body.pid', 'pid_or_passport', text('Cần số định danh cá nhân, hoặc số hộ chiếu và quốc tịch.', 'A personal ID, or a passport number and nationality, is required.'));
      if (input.passportNo && !input.nationality)
        throw ValidationError.field('body.nationality', 'nationality_required', text('Cần quốc tịch của hộ chiếu.', 'The passport’s nationality is required.'));
      const e = await watchlist.insert(
        { id: randomUUID(), provinceCode: province, pid: input.pid ?? null, passportNo: input.passportNo?.toUpperCase() ?? null, nationality: input.nationality ?? null, fullName: input.fullName.normalize('NFC').trim(), reason: input.reason.trim() },
        ctx.actor.sub,
      );
      await accessLog.record({ actor: ctx.actor, purpose: `watchlist:${e.id}`, action: 'watchlist_add', subjectPid: e.pid, fields: ['watchlist'], outcome: 'ok', requestId: ctx.requestId });
      return e;
    },

    async changeWatch(ctx: { actor: Actor; requestId?: string | undefined }, id: string, change: { active?: boolean | undefined; reason?: string | undefined }): Promise<WatchEntry> {
      requirePermission(ctx.actor, 'watchlist.manage');
      const e = await watchlist.find(id);
      const province = provinceOf(ctx.actor);
      if (!e || (province !== null && e.provinceCode !== province)) throw new NotFoundError(text('Không có trong danh sách theo dõi.', 'Not on the watchlist.'));
      const updated = await watchlist.update(id, { active: change.active, reason: change.reason?.trim() }, ctx.actor.sub, clock.now());
      await accessLog.record({ actor: ctx.actor, purpose: `watchlist:${e.id}`, action: 'watchlist_change', subjectPid: e.pid, fields: ['watchlist'], outcome: 'ok', requestId: ctx.requestId });
      return updated;
    },
  };
}

export type PoliceService = ReturnType<typeof createPoliceService>;

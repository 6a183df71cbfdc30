// Entries and exits: a scanned QR (the e-ID QR or an ID card's printed QR) is verified through the
// verification module as the site itself — so the visitor's access log names the site — and only
// then counted, under a keyed hash of the personal ID; people without a card are counted with a
// clicker. Summaries: people on site, entries and exits by Vietnamese hour and day, the capacity alert.
import { createHmac } from 'node:crypto';
import { vnDay, type Clock } from '../../platform/clock.ts';
import { AppError, ConflictError, NotFoundError, type Text } from '../../http/errors.ts';
import type { CheckResult, VerificationApi } from '../verification/index.ts';
import type { Direction } from './checkpoints.tables.ts';
import { startOfVnDay } from '@open06/kernel';
import { addDays, byDay, byHour, hourOf, nextAlert, occupancyAfter, type Alert } from './occupancy.ts';
import type { PassageInput, PassageStore } from './passage.store.ts';
import type { Site } from './site.store.ts';
import type { Ctx, SiteService } from './site.service.ts';

export const CHECKPOINT_PURPOSE = 'verification_checkpoint';
const DAYS_SHOWN = 30;

export interface Occupancy {
  onSite: number;
  capacity: number;
  alert: { level: Alert['level']; since: string } | null;
}

export interface PassageResult extends Occupancy {
  direction: Direction;
  count: number;
  at: string;
  method: PassageInput['method'];
  /** Scans: the verification's colour (green, or amber when something could not be checked). */
  verification?: 'green' | 'amber';
  /** Exits scanned: was the visitor's entry recorded here? (The exit counts either way.) */
  matchedEntry?: boolean;
}

export interface Summary extends Occupancy {
  day: string;
  entriesToday: number;
  exitsToday: number;
  byHour: { hour: number; in: number; out: number }[];
  byDay: { day: string; in: number; out: number }[];
}

function alertView(a: Alert | null): Occupancy['alert'] {
  return a ? { level: a.level, since: a.since.toISOString() } : null;
}

/** Why a check is refused, in words for the staff at the gate. */
const REFUSALS: Record<string, Text> = {
  malformed: { vi: 'Không đọc được mã QR.', en: 'The QR code cannot be read.' },
  not_eid_qr: { vi: 'Không đọc được mã QR.', en: 'The QR code cannot be read.' },
  version_unsupported: { vi: 'Phiên bản mã QR định danh chưa được hỗ trợ.', en: 'This e-ID QR version is not supported.' },
  unknown_key: { vi: 'Mã QR định danh không hợp lệ (khoá ký không được công bố).', en: 'Invalid e-ID QR (unknown signing key).' },
  key_not_valid: { vi: 'Mã QR định danh không hợp lệ (khoá ký hết hiệu lực).', en: 'Invalid e-ID QR (signing key not valid).' },
  bad_signature: { vi: 'Mã QR định danh không hợp lệ: chữ ký số sai, mã đã bị sửa hoặc giả mạo.', en: 'Invalid e-ID QR: bad signature, the code was altered or forged.' },
  wrong_issuer: { vi: 'Mã QR định danh do nơi khác phát hành.', en: 'The e-ID QR was issued elsewhere.' },
  not_yet_valid: { vi: 'Mã QR định danh chưa có hiệu lực: kiểm tra đồng hồ thiết bị.', en: 'The e-ID QR is not valid yet: check the device clock.' },
  expired: { vi: 'Mã QR định danh đã hết hạn: đề nghị khách tạo mã mới.', en: 'The e-ID QR has expired: ask the visitor for a new one.' },
  replayed: { vi: 'Mã QR định danh này đã được dùng: đề nghị khách tạo mã mới.', en: 'This e-ID QR was already used: ask the visitor for a new one.' },
  account_suspended: { vi: 'Tài khoản định danh điện tử của khách đang bị khoá.', en: 'The visitor’s e-ID account is suspended.' },
  no_account: { vi: 'Khách không có tài khoản định danh điện tử.', en: 'The visitor has no e-ID account.' },
  not_in_registry: { vi: 'Không có số định danh này trong Cơ sở dữ liệu quốc gia về dân cư.', en: 'This personal ID is not in the national population database.' },
  not_alive: { vi: 'Thông tin công dân không còn hiệu lực.', en: 'The citizen’s record is no longer valid.' },
  sex_mismatch: { vi: 'Thông tin in trên thẻ không nhất quán (số định danh và giới tính).', en: 'The card is inconsistent (personal ID and sex).' },
  birth_year_mismatch: { vi: 'Thông tin in trên thẻ không nhất quán (số định danh và năm sinh).', en: 'The card is inconsistent (personal ID and birth year).' },
  issue_before_birth: { vi: 'Ngày cấp in trên thẻ trước ngày sinh.', en: 'The card’s issue date is before the birth date.' },
  issue_in_future: { vi: 'Ngày cấp in trên thẻ ở tương lai.', en: 'The card’s issue date is in the future.' },
  no_match: { vi: 'Thông tin trên mã QR không khớp Cơ sở dữ liệu quốc gia về dân cư.', en: 'The QR’s details do not match the national population database.' },
};
const NOT_VERIFIED: Text = { vi: 'Không xác thực được danh tính.', en: 'The identity could not be verified.' };

/** The reason a red check failed: its first failed check, or an attribute that does not match. */
export function refusalReason(r: CheckResult): string {
  const failed = r.checks.find((c) => c.status === 'failed');
  if (failed) return failed.reason ?? failed.name;
  if (Object.values(r.attributes).includes('no_match')) return 'no_match';
  return 'not_verified';
}

function refused(reason: string): AppError {
  const why = REFUSALS[reason] ?? NOT_VERIFIED;
  return new AppError(
    422,
    'not_verified',
    { vi: 'Không xác thực được', en: 'Not verified' },
    {
      detail: { vi: 'Không xác thực được danh tính khách: lượt này không được tính.', en: 'The visitor’s identity could not be verified: this passage was not counted.' },
      fields: [{ path: 'body.qr', code: reason, message: why }],
    },
  );
}

function hhmm(at: Date): string {
  return new Date(at.getTime() + 7 * 3600_000).toISOString().slice(11, 16);
}

export function createPassageService(deps: { passages: PassageStore; sites: SiteService; verification: VerificationApi; clock: Clock }) {
  const { passages, sites, verification, clock } = deps;

  /** One passage in one transaction: the hour's count and the occupancy with it. */
  async function record(site: Site, p: Omit<PassageInput, 'siteId' | 'at' | 'visitorHash'>, pid?: string): Promise<PassageResult> {
    const at = clock.now();
    return passages.transaction(async (t) => {
      const locked = await t.lockSite(site.id);
      if (!locked) throw new NotFoundError({ vi: 'Không có địa điểm kiểm soát này.', en: 'No such checkpoint site.' });
      const visitorHash = pid ? createHmac('sha256', locked.hashKey).update(pid).digest('hex') : null;
      let matchedEntry: boolean | undefined;
      if (visitorHash) {
        const last = await t.lastPassage(site.id, visitorHash);
        if (p.direction === 'in' && last?.direction === 'in' && vnDay(last.at) === vnDay(at))
          throw new ConflictError(
            { vi: `Khách này đã vào lúc ${hhmm(last.at)} hôm nay và chưa ra: lượt vào không được tính hai lần. Nếu khách đã ra mà không quét, hãy quét "Ra" trước.`, en: `This visitor came in at ${hhmm(last.at)} today and has not left: an entry is not counted twice. If they left without scanning, scan "Out" first.` },
            [{ path: 'body.direction', code: 'already_inside', message: { vi: 'Khách đang ở trong địa điểm.', en: 'The visitor is already inside.' } }],
          );
        if (p.direction === 'out') matchedEntry = last?.direction === 'in';
      }
      await t.insert({ ...p, siteId: site.id, at, visitorHash }, hourOf(at));
      const onSite = occupancyAfter(locked.onSite, p.direction, p.count);
      const alert = nextAlert(locked.alert, onSite, locked.capacity, at);
      await t.setOccupancy(site.id, onSite, alert);
      return {
        direction: p.direction,
        count: p.count,
        at: at.toISOString(),
        method: p.method,
        ...(matchedEntry !== undefined ? { matchedEntry } : {}),
        onSite,
        capacity: locked.capacity,
        alert: alertView(alert),
      };
    });
  }

  /** Today's (or a day's) entries and exits of several sites. */
  async function dayTotals(siteIds: readonly string[], day: string): Promise<Map<string, { in: number; out: number }>> {
    const rows = await passages.hours(siteIds, startOfVnDay(day), startOfVnDay(addDays(day, 1)));
    const out = new Map<string, { in: number; out: number }>();
    for (const r of rows) {
      const x = out.get(r.siteId) ?? { in: 0, out: 0 };
      x.in += r.entries;
      x.out += r.exits;
      out.set(r.siteId, x);
    }
    return out;
  }

  return {
    async scan(ctx: Ctx, siteId: string, input: { direction: Direction; qr: string }): Promise<PassageResult> {
      const site = await sites.access.asStaff(ctx.actor, siteId);
      const qr = input.qr.trim();
      const source = qr.startsWith('VN1:') ? 'eid_qr' : 'id_card_qr';
      const check = await verification.check(
        { actor: { sub: `site:${site.id}`, role: 'checkpoint_site', name: site.name }, requestId: ctx.requestId },
        { purpose: CHECKPOINT_PURPOSE, source, qr },
      );
      const pid = check.presented.pid;
      if (check.result === 'red' || !pid) throw refused(check.result === 'red' ? refusalReason(check) : 'not_verified');
      const result = await record(site, { direction: input.direction, method: source, count: 1, recordedBy: ctx.actor.sub }, pid);
      return { ...result, verification: check.result };
    },

    async count(ctx: Ctx, siteId: string, input: { direction: Direction; count: number }): Promise<PassageResult> {
      const site = await sites.access.asStaff(ctx.actor, siteId);
      return record(site, { direction: input.direction, method: 'counter', count: input.count, recordedBy: ctx.actor.sub });
    },

    async summary(ctx: Ctx, siteId: string, day?: string): Promise<Summary> {
      const { site } = await sites.access.asViewer(ctx.actor, siteId);
      const d = day ?? vnDay(clock.now());
      const rows = await passages.hours([site.id], startOfVnDay(addDays(d, 1 - DAYS_SHOWN)), startOfVnDay(addDays(d, 1)));
      const hours = byHour(rows, d);
      return {
        day: d,
        onSite: site.onSite,
        capacity: site.capacity,
        entriesToday: hours.reduce((s, h) => s + h.in, 0),
        exitsToday: hours.reduce((s, h) => s + h.out, 0),
        byHour: hours,
        byDay: byDay(rows, d, DAYS_SHOWN),
        alert: alertView(site.alert),
      };
    },

    /** The sites an actor sees, each with its occupancy and today's counts. */
    async list(ctx: Ctx) {
      const { sites: visible, as } = await sites.visible(ctx.actor);
      const ids = visible.map((s) => s.id);
      const today = await dayTotals(ids, vnDay(clock.now()));
      const staff = as === 'manager' ? await sites.staffCounts(ids) : undefined;
      return visible.map((s) => ({
        id: s.id,
        name: s.name,
        kind: s.kind,
        communeCode: s.communeCode,
        capacity: s.capacity,
        retentionDays: s.retentionDays,
        onSite: s.onSite,
        entriesToday: today.get(s.id)?.in ?? 0,
        exitsToday: today.get(s.id)?.out ?? 0,
        alert: alertView(s.alert),
        ...(staff ? { staffCount: staff.get(s.id) ?? 0 } : {}),
      }));
    },

    /** Deletes passages older than each site's retention period; hourly counts stay. */
    purgeExpired: (now: Date) => passages.purgeExpired(now),
  };
}

export type PassageService = ReturnType<typeof createPassageService>;

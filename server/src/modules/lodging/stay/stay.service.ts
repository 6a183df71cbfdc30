// Stays and their notification to the commune police (Law on Residence 2020 art. 30): the desk
// scans or types a guest, checks them in (one, or a group all-or-nothing), checks them out; a
// citizen declares someone staying at their home. Every stay is routed to the police of the
// commune where it happens, flagged late after its deadline, matched against the watchlist, and
// written to the guest's access log.
import { randomUUID } from 'node:crypto';
import { fold, notificationDeadline, parsePartialDate, toIsoPartial, vnDay } from '@open06/kernel';
import { loadAdminUnits } from '@open06/kernel/admin-units';
import type { Actor } from '../../../http/authz.ts';
import { ForbiddenError, NotFoundError, ValidationError, type FieldProblem, type Text } from '../../../http/errors.ts';
import type { AccessEntry, AccessLog } from '../../../platform/access-log/index.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { RegistryApi } from '../../registry/index.ts';
import type { CheckResult, VerificationApi } from '../../verification/index.ts';
import { establishmentActor, type EstablishmentService } from '../establishment/establishment.service.ts';
import type { Establishment } from '../establishment/establishment.store.ts';
import type { FeedHub } from '../police/feed.ts';
import type { AlertRow, NewStay, StayStore, StayWithPlace } from './stay.store.ts';
import { TICKET_TTL_MS, type TicketGuest, type Tickets } from './ticket.ts';

export type GuestInput =
  | { kind: 'citizen'; ticket: string }
  | { kind: 'citizen'; pid: string; fullName: string; birthDate: string; sex?: 'M' | 'F' | undefined }
  | { kind: 'foreign'; fullName: string; sex: 'M' | 'F'; birthDate: string; nationality: string; passportNo: string; visaNo?: string | undefined; entryDate: string; entryPurpose: string };

export interface StayInput {
  guest: GuestInput;
  room?: string | undefined;
  reason: string;
  expectedNights: number;
  arrivedAt?: string | undefined;
}

export interface DeclarationInput extends StayInput {
  relationship: 'relative' | 'carer' | 'renter' | 'other';
}

export interface StayView {
  id: string;
  seq: number;
  establishmentId: string | null;
  establishmentName: string;
  establishmentType: string | null;
  host?: { pid: string; fullName: string };
  communeCode: string;
  address: string;
  guest:
    | { kind: 'citizen'; pid: string; fullName: string; birthDate: string; sex?: 'M' | 'F' }
    | { kind: 'foreign'; fullName: string; sex: 'M' | 'F'; birthDate: string; nationality: string; passportNo: string; visaNo?: string; entryDate: string; entryPurpose: string };
  source: NewStay['source'];
  verification: 'green' | 'amber' | 'red' | null;
  room: string | null;
  reason: string;
  expectedNights: number;
  arrivedAt: string;
  recordedAt: string;
  deadlineAt: string;
  late: boolean;
  checkedOutAt: string | null;
  groupId: string | null;
  groupName: string | null;
  watchlistHit?: boolean;
}

export interface AlertView {
  id: string;
  at: string;
  stayId: string;
  communeCode: string;
  guestName: string;
  watchReason: string;
  establishmentName: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
}

/** A citizen hosting a relative who comes again within this time notifies once. */
const RELATIVE_NOTIFIED_FOR_MS = 365 * 86_400_000;
const FUTURE_SKEW_MS = 5 * 60_000;
const OLDEST_ARRIVAL_MS = 366 * 86_400_000;

const text = (vi: string, en: string): Text => ({ vi, en });
const MISMATCH: Record<string, Text> = {
  fullName: text('Họ tên không khớp với Cơ sở dữ liệu quốc gia về dân cư.', 'The name does not match the population registry.'),
  birthDate: text('Ngày sinh không khớp với Cơ sở dữ liệu quốc gia về dân cư.', 'The date of birth does not match the population registry.'),
  sex: text('Giới tính không khớp với Cơ sở dữ liệu quốc gia về dân cư.', 'The sex does not match the population registry.'),
};

export function toAlertView(a: AlertRow): AlertView {
  return {
    id: a.id,
    at: a.at.toISOString(),
    stayId: a.stayId,
    communeCode: a.communeCode,
    guestName: a.guestName,
    watchReason: a.watchReason,
    establishmentName: a.establishmentName,
    acknowledgedAt: a.acknowledgedAt?.toISOString() ?? null,
    acknowledgedBy: a.acknowledgedBy,
  };
}

/** The API's view of a stay; the watchlist flag only for the police. */
export function toStayView(r: StayWithPlace, forPolice: boolean): StayView {
  const guest: StayView['guest'] =
    r.guest_kind === 'citizen'
      ? { kind: 'citizen', pid: r.guest_pid!, fullName: r.guest_name, birthDate: r.guest_birth_date, ...(r.guest_sex ? { sex: r.guest_sex } : {}) }
      : {
          kind: 'foreign',
          fullName: r.guest_name,
          sex: r.guest_sex!,
          birthDate: r.guest_birth_date,
          nationality: r.nationality!,
          passportNo: r.passport_no!,
          ...(r.visa_no ? { visaNo: r.visa_no } : {}),
          entryDate: r.entry_date ?? '',
          entryPurpose: r.entry_purpose ?? '',
        };
  return {
    id: r.id,
    seq: Number(r.seq),
    establishmentId: r.establishment_id,
    establishmentName: r.est_name ?? r.host_name ?? '',
    establishmentType: r.est_type,
    ...(r.host_pid ? { host: { pid: r.host_pid, fullName: r.host_name ?? '' } } : {}),
    communeCode: r.commune_code,
    address: r.address,
    guest,
    source: r.source,
    verification: r.verification,
    room: r.room,
    reason: r.reason,
    expectedNights: r.expected_nights,
    arrivedAt: new Date(r.arrived_at).toISOString(),
    recordedAt: new Date(r.recorded_at).toISOString(),
    deadlineAt: new Date(r.deadline_at).toISOString(),
    late: r.late,
    checkedOutAt: r.checked_out_at ? new Date(r.checked_out_at).toISOString() : null,
    groupId: r.group_id,
    groupName: r.group_name,
    ...(forPolice ? { watchlistHit: r.watch_hit } : {}),
  };
}

export interface StayServiceDeps {
  stays: StayStore;
  establishments: EstablishmentService;
  registry: RegistryApi;
  verification: VerificationApi;
  accessLog: AccessLog;
  tickets: Tickets;
  feed: FeedHub;
  clock: Clock;
}

type Ctx = { actor: Actor; requestId?: string | undefined };
/** Where a stay happens and who notifies it. */
interface Place {
  actor: Actor;
  establishment: Establishment | null;
  host: { pid: string; fullName: string; relationship: DeclarationInput['relationship'] } | null;
  communeCode: string;
  provinceCode: string;
  address: string;
}

export function createStayService(deps: StayServiceDeps) {
  const { stays, establishments, registry, verification, accessLog, tickets, feed, clock } = deps;
  const units = loadAdminUnits();

  function fullDate(value: string, path: string, problems: FieldProblem[], what: Text): string | null {
    const p = parsePartialDate(value);
    if (!p.ok || p.value.day === undefined) {
      problems.push({ path, code: 'invalid_date', message: text(`${what.vi}: ngày không hợp lệ (dd/mm/yyyy).`, `${what.en}: not a valid date (dd/mm/yyyy).`) });
      return null;
    }
    const iso = toIsoPartial(p.value);
    if (iso > vnDay(clock.now())) {
      problems.push({ path, code: 'date_in_future', message: text(`${what.vi}: ngày ở tương lai.`, `${what.en}: the date is in the future.`) });
      return null;
    }
    return iso;
  }

  /** Checks a citizen typed at the desk against the registry, as the one who notifies. */
  async function typedCitizen(ctx: Ctx, g: Extract<GuestInput, { pid: string }>, path: string, problems: FieldProblem[]): Promise<{ guest: TicketGuest; colour: CheckResult['result'] } | null> {
    const birthDate = fullDate(g.birthDate, `${path}.birthDate`, problems, text('Ngày sinh', 'Date of birth'));
    if (!birthDate) return null;
    const r = await verification.check(ctx, { purpose: 'verification_lodging', source: 'typed', attributes: { pid: g.pid, fullName: g.fullName, birthDate, ...(g.sex ? { sex: g.sex } : {}) } });
    if (r.checks.some((c) => c.name === 'registry' && c.status === 'failed')) {
      problems.push({ path: `${path}.pid`, code: 'unknown_pid', message: text('Số định danh cá nhân không có trong Cơ sở dữ liệu quốc gia về dân cư.', 'The population registry does not know this personal ID.') });
      return null;
    }
    const wrong = (['fullName', 'birthDate', 'sex'] as const).filter((k) => r.attributes[k] === 'no_match');
    for (const k of wrong) problems.push({ path: `${path}.${k}`, code: 'does_not_match', message: MISMATCH[k]! });
    if (wrong.length) return null;
    return { guest: { pid: g.pid, fullName: g.fullName.normalize('NFC').trim(), birthDate, ...(g.sex ? { sex: g.sex } : {}) }, colour: r.result };
  }

  /** One stay, validated, as a row to store; problems are added with their paths instead. */
  async function prepare(ctx: Ctx, place: Place, input: StayInput, path: string, problems: FieldProblem[], group: { id: string; name: string | null } | null): Promise<NewStay | null> {
    const before = problems.length;
    const now = clock.now();
    let arrivedAt = now;
    if (input.arrivedAt !== undefined) {
      arrivedAt = new Date(input.arrivedAt);
      if (Number.isNaN(arrivedAt.getTime())) problems.push({ path: `${path}.arrivedAt`, code: 'invalid_date', message: text('Thời điểm đến không hợp lệ.', 'Invalid arrival time.') });
      else if (arrivedAt.getTime() > now.getTime() + FUTURE_SKEW_MS)
        problems.push({ path: `${path}.arrivedAt`, code: 'date_in_future', message: text('Thời điểm đến không thể ở tương lai.', 'The arrival cannot be in the future.') });
      else if (arrivedAt.getTime() < now.getTime() - OLDEST_ARRIVAL_MS)
        problems.push({ path: `${path}.arrivedAt`, code: 'too_old', message: text('Thời điểm đến quá xa (hơn một năm trước).', 'The arrival is more than a year ago.') });
    }
    const g = input.guest;
    const base = {
      id: randomUUID(),
      establishment_id: place.establishment?.id ?? null,
      host_pid: place.host?.pid ?? null,
      host_name: place.host?.fullName ?? null,
      relationship: place.host?.relationship ?? null,
      commune_code: place.communeCode,
      province_code: place.provinceCode,
      address: place.address,
      room: input.room?.trim() || null,
      reason: input.reason.trim(),
      expected_nights: input.expectedNights,
      arrived_at: arrivedAt,
      recorded_at: now,
      group_id: group?.id ?? null,
      group_name: group?.name ?? null,
      recorded_by: ctx.actor.pid ?? null,
    };
    let row: NewStay | null = null;
    const timing = (kind: 'citizen' | 'foreign') => {
      const deadline = notificationDeadline(arrivedAt, kind);
      return { deadline_at: deadline, late: now.getTime() > deadline.getTime() };
    };
    if (g.kind === 'foreign') {
      const birthDate = fullDate(g.birthDate, `${path}.guest.birthDate`, problems, text('Ngày sinh', 'Date of birth'));
      const entryDate = fullDate(g.entryDate, `${path}.guest.entryDate`, problems, text('Ngày nhập cảnh', 'Entry date'));
      if (birthDate && entryDate && entryDate < birthDate)
        problems.push({ path: `${path}.guest.entryDate`, code: 'before_birth', message: text('Ngày nhập cảnh trước ngày sinh.', 'The entry date is before the date of birth.') });
      if (g.nationality === 'VNM')
        problems.push({ path: `${path}.guest.nationality`, code: 'vietnamese', message: text('Công dân Việt Nam khai báo bằng số định danh cá nhân.', 'Vietnamese citizens are notified by their personal ID.') });
      if (problems.length === before && birthDate && entryDate)
        row = {
          ...base,
          guest_kind: 'foreign',
          guest_pid: null,
          guest_name: g.fullName.normalize('NFC').trim(),
          guest_name_folded: fold(g.fullName),
          guest_birth_date: birthDate,
          guest_sex: g.sex,
          nationality: g.nationality,
          passport_no: g.passportNo.toUpperCase(),
          visa_no: g.visaNo?.trim() || null,
          entry_date: entryDate,
          entry_purpose: g.entryPurpose.trim(),
          source: 'passport',
          verification: null,
          ...timing('foreign'),
        };
      return row;
    }
    let guest: TicketGuest;
    let source: NewStay['source'];
    let colour: NewStay['verification'];
    if ('ticket' in g) {
      const t = tickets.verify(g.ticket, place.establishment?.id ?? '', now.getTime());
      if (typeof t === 'string') {
        problems.push({
          path: `${path}.guest.ticket`,
          code: `ticket_${t}`,
          message: t === 'expired' ? text('Lượt quét đã quá 15 phút, vui lòng quét lại.', 'The scan is older than 15 minutes: scan again.') : text('Lượt quét không hợp lệ, vui lòng quét lại.', 'The scan is not valid: scan again.'),
        });
        return null;
      }
      if (t.verification === 'red') {
        problems.push({ path: `${path}.guest.ticket`, code: 'not_verified', message: text('Giấy tờ không xác thực được (đỏ): nhập thông tin theo giấy tờ khác.', 'The document failed verification (red): enter the data from another document.') });
        return null;
      }
      ({ guest, source, verification: colour } = t);
    } else {
      const checked = await typedCitizen(ctx, g, `${path}.guest`, problems);
      if (!checked) return null;
      guest = checked.guest;
      source = 'typed';
      colour = checked.colour;
    }
    if (problems.length > before) return null;
    return {
      ...base,
      guest_kind: 'citizen',
      guest_pid: guest.pid,
      guest_name: guest.fullName,
      guest_name_folded: fold(guest.fullName),
      guest_birth_date: guest.birthDate,
      guest_sex: guest.sex ?? null,
      nationality: 'VNM',
      passport_no: null,
      visa_no: null,
      entry_date: null,
      entry_purpose: null,
      source,
      verification: colour,
      ...timing('citizen'),
    };
  }

  /** Stores, logs and announces prepared stays. */
  async function record(ctx: Ctx, place: Place, rows: NewStay[]): Promise<StayView[]> {
    const { rows: stored, alerts } = await stays.insert(rows);
    const withPlace = stored.map((r) => ({ ...r, est_name: place.establishment?.name ?? null, est_type: place.establishment?.type ?? null }));
    const entries: AccessEntry[] = [];
    for (const r of stored)
      if (r.guest_pid) entries.push({ actor: place.actor, purpose: `lodging_notification:${r.id}`, action: 'lodging_notify', subjectPid: r.guest_pid, fields: ['lodging'], outcome: 'ok', requestId: ctx.requestId });
    for (const a of alerts) {
      const r = stored.find((s) => s.id === a.stayId)!;
      entries.push({ actor: { sub: `watch:${a.watchId}`, role: 'province_police', unit: a.provinceCode }, purpose: `watchlist:${a.id}`, action: 'watchlist_hit', subjectPid: r.guest_pid, fields: ['lodging'], outcome: 'ok', requestId: ctx.requestId });
    }
    if (entries.length) await accessLog.record(entries);
    for (const r of withPlace) feed.publishStay(toStayView(r, true));
    for (const a of alerts) feed.publishAlert(toAlertView(a));
    return withPlace.map((r) => toStayView(r, false));
  }

  async function deskPlace(actor: Actor, establishmentId: string): Promise<Place> {
    const e = await establishments.desk(actor, establishmentId);
    return { actor: establishmentActor(e), establishment: e, host: null, communeCode: e.communeCode, provinceCode: e.provinceCode, address: e.address };
  }

  return {
    /** Reads a QR at the desk: the guest's identity at once, and a ticket for the check-in. */
    async scan(ctx: Ctx, establishmentId: string, qr: string) {
      const place = await deskPlace(ctx.actor, establishmentId);
      const source: 'eid_qr' | 'id_card_qr' = qr.trim().startsWith('VN1:') ? 'eid_qr' : 'id_card_qr';
      const r = await verification.check({ actor: place.actor, requestId: ctx.requestId }, { purpose: 'verification_lodging', source, qr: qr.trim() });
      const p = r.presented;
      if (!p.pid || !p.fullName || !p.birthDate) {
        const failed = r.checks.find((c) => c.status === 'failed');
        throw ValidationError.field('body.qr', failed?.reason ?? 'unreadable', text('Không đọc được mã QR (không phải mã QR căn cước hoặc định danh điện tử hợp lệ). Hãy quét lại hoặc nhập tay.', 'The QR could not be read as an ID-card or e-ID QR. Scan again or type the data.'));
      }
      const guest: TicketGuest = { pid: p.pid, fullName: p.fullName, birthDate: p.birthDate, ...(p.sex === 'M' || p.sex === 'F' ? { sex: p.sex } : {}) };
      const red = r.result === 'red';
      const failed = r.checks.filter((c) => c.status === 'failed').map((c) => c.reason ?? c.name);
      return {
        result: r.result,
        source,
        guest,
        checks: r.checks.map((c) => ({ name: c.name, status: c.status, ...(c.reason ? { reason: c.reason } : {}) })),
        ticket: red ? null : tickets.sign({ establishmentId, guest, source, verification: r.result, expiresAt: clock.now().getTime() + TICKET_TTL_MS }),
        ...(red
          ? { message: text(`Không xác thực được giấy tờ (${failed.join(', ')}). Kiểm tra giấy tờ khác hoặc nhập tay để công an xã xác minh.`, `The document could not be verified (${failed.join(', ')}). Check another document or type the data for the police to verify.`) }
          : {}),
      };
    },

    async checkIn(ctx: Ctx, establishmentId: string, input: StayInput): Promise<StayView> {
      const place = await deskPlace(ctx.actor, establishmentId);
      const problems: FieldProblem[] = [];
      const row = await prepare({ actor: place.actor, requestId: ctx.requestId }, place, input, 'body', problems, null);
      if (!row) throw new ValidationError(problems);
      return (await record(ctx, place, [row]))[0]!;
    },

    /** A group (a tour, a bus manifest): all stored or none, every problem reported with its row. */
    async checkInGroup(ctx: Ctx, establishmentId: string, items: readonly StayInput[], groupName?: string): Promise<{ groupId: string; items: StayView[] }> {
      const place = await deskPlace(ctx.actor, establishmentId);
      const groupId = randomUUID();
      const problems: FieldProblem[] = [];
      const rows: NewStay[] = [];
      for (const [i, item] of items.entries()) {
        const row = await prepare({ actor: place.actor, requestId: ctx.requestId }, place, item, `body.items.${i}`, problems, { id: groupId, name: groupName?.trim() || null });
        if (row) rows.push(row);
      }
      if (problems.length) throw new ValidationError(problems, text(`${problems.length} lỗi: không khách nào được ghi nhận.`, `${problems.length} problems: no guest was recorded.`));
      return { groupId, items: await record(ctx, place, rows) };
    },

    async deskStays(actor: Actor, establishmentId: string, f: { inHouse?: boolean | undefined; from?: Date | undefined; to?: Date | undefined }) {
      await establishments.get(actor, establishmentId);
      if (actor.role !== 'citizen') throw new ForbiddenError(text('Danh sách khách của cơ sở dành cho nhân viên cơ sở.', 'The guest list is for the establishment’s staff.'));
      const rows = await stays.list({ communes: null, establishmentId, inHouse: f.inHouse, from: f.from, to: f.to, limit: 500 });
      return rows.map((r) => toStayView(r, false));
    },

    async checkOut(actor: Actor, establishmentId: string, stayId: string, at: string | undefined): Promise<StayView> {
      const place = await deskPlace(actor, establishmentId);
      const s = await stays.find(stayId);
      if (!s || s.establishment_id !== establishmentId) throw new NotFoundError(text('Không tìm thấy lượt lưu trú.', 'Stay not found.'));
      const when = at ? new Date(at) : clock.now();
      if (Number.isNaN(when.getTime()) || when < new Date(s.arrived_at) || when.getTime() > clock.now().getTime() + FUTURE_SKEW_MS)
        throw ValidationError.field('body.at', 'invalid_checkout', text('Thời điểm trả phòng phải sau thời điểm đến và không ở tương lai.', 'Check-out must be after the arrival and not in the future.'));
      const r = (await stays.checkOut(stayId, when)) ?? s;
      return toStayView({ ...r, est_name: place.establishment!.name, est_type: place.establishment!.type }, false);
    },

    /** A citizen declares someone staying at their home (their current residence). */
    async declare(ctx: Ctx, input: DeclarationInput): Promise<{ stay: StayView | null; alreadyNotified: { stayId: string; at: string } | null }> {
      const { actor } = ctx;
      if (actor.role !== 'citizen' || !actor.pid) throw new ForbiddenError(text('Khai báo lưu trú dành cho công dân.', 'Declaring a stay is for citizens.'));
      const me = await registry.getPerson({ actor, purpose: 'self_service', requestId: ctx.requestId }, actor.pid);
      const live = (me.residences ?? []).filter((r) => r.validTo === null && r.communeCode);
      const home = live.find((r) => r.kind === 'current') ?? live.find((r) => r.kind === 'temporary') ?? live.find((r) => r.kind === 'permanent');
      if (!home?.communeCode)
        throw ValidationError.field('body', 'no_residence', text('Bạn chưa có nơi cư trú trong Cơ sở dữ liệu quốc gia về dân cư: hãy đăng ký cư trú trước.', 'You have no residence in the population registry: register one first.'));
      const commune = units.commune(home.communeCode)!;
      const address = [home.detail, home.communeName, home.provinceName].filter(Boolean).join(', ');
      const host = { pid: actor.pid, fullName: me.fullName ?? '', relationship: input.relationship };
      const place: Place = { actor, establishment: null, host, communeCode: commune.code, provinceCode: commune.provinceCode, address };
      if (input.relationship === 'relative' && input.guest.kind === 'citizen' && 'pid' in input.guest) {
        const prior = await stays.lastRelativeDeclaration(actor.pid, input.guest.pid, commune.code, new Date(clock.now().getTime() - RELATIVE_NOTIFIED_FOR_MS));
        if (prior) return { stay: null, alreadyNotified: { stayId: prior.id, at: new Date(prior.recorded_at).toISOString() } };
      }
      if ('ticket' in input.guest) throw ValidationError.field('body.guest', 'typed_only', text('Khai báo tại nhà: nhập thông tin của khách.', 'A home declaration types the guest’s data.'));
      const problems: FieldProblem[] = [];
      // the host checks the guest's identity as the notifying party would at a desk
      const checkActor: Actor = { sub: `host:${actor.pid}`, role: 'lodging_establishment', unit: commune.code, name: host.fullName };
      const row = await prepare({ actor: checkActor, requestId: ctx.requestId }, place, input, 'body', problems, null);
      if (!row) throw new ValidationError(problems);
      return { stay: (await record(ctx, place, [row]))[0]!, alreadyNotified: null };
    },

    async myDeclarations(actor: Actor) {
      if (!actor.pid) return [];
      return (await stays.list({ communes: null, hostPid: actor.pid, limit: 200 })).map((r) => toStayView(r, false));
    },

    /** Where I stayed: which establishment recorded me and when. */
    async myStays(actor: Actor) {
      if (actor.role !== 'citizen' || !actor.pid) throw new ForbiddenError(text('Dành cho công dân.', 'For citizens.'));
      return (await stays.list({ communes: null, guestPid: actor.pid, limit: 200 })).map((r) => toStayView(r, false));
    },
  };
}

export type StayService = ReturnType<typeof createStayService>;

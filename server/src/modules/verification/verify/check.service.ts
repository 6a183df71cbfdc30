// A verification check: what a relying party (a registered organisation) or an official was shown —
// an e-ID QR, the printed QR of an ID card, the chip's files, or attributes typed from a document —
// is checked (signature, expiry, replay, chip authenticity) and compared with the registry. The
// answer is match / no_match / not_checked per attribute presented, never a value the caller did
// not already have. Every check states a purpose, is metered and reaches the citizen's access log.
import { randomUUID } from 'node:crypto';
import { CardInputError, parseIdCardQr } from '@open06/kernel/card';
import { parsePartialDate, toIsoPartial } from '@open06/kernel';
import type { AccessLog } from '../../../platform/access-log/index.ts';
import type { Clock } from '../../../platform/clock.ts';
import { IN_PROCESS_ROLES, jurisdiction, lookupsPerMinute, purposes, requirePermission, requirePurpose, type Actor } from '../../../http/authz.ts';
import { ForbiddenError, NotFoundError, RateLimitedError, ValidationError, type FieldProblem, type Text } from '../../../http/errors.ts';
import type { PersonView, RegistryApi } from '../../registry/index.ts';
import type { EidQrService } from '../eid-qr/eid-qr.service.ts';
import type { Meter } from '../metering/meter.ts';
import type { CheckInput, CheckResult, IdentityPort, Source, TypedAttributes } from '../verification.api.ts';
import { colourOf, CORE_ATTRIBUTES, matchAttributes, type AttributeName, type AttributeResult, type CheckLine, type Presented } from './attribute-match.ts';
import { suggestCurrentCommune } from '../chip/index.ts';
import type { ChipCheck, ChipFiles } from './chip.port.ts';
import type { OrganisationStore } from './organisation.store.ts';

/** A purpose that verification checks may state (flagged `verification` in config/purposes.json). */
export interface VerificationPurpose {
  code: string;
  /** May the chip's face image be returned for this purpose? */
  chipPhoto: boolean;
}

export function verificationPurpose(code: string): VerificationPurpose | undefined {
  const def = purposes()[code] as { verification?: { chipPhoto?: boolean } } | undefined;
  return def?.verification ? { code, chipPhoto: def.verification.chipPhoto === true } : undefined;
}

/**
 * Who is metered for a check: a registered organisation, a hotel or a checkpoint site by its own id
 * (`org:…`, `est:…`, `site:…`), an official by role and unit.
 */
export function partyOf(actor: Actor): string {
  return actor.role === 'sector_system' || (IN_PROCESS_ROLES as readonly string[]).includes(actor.role) ? actor.sub : `${actor.role}@${actor.unit ?? 'national'}`;
}

export interface CheckServiceDeps {
  registry: RegistryApi;
  identity: IdentityPort;
  accessLog: AccessLog;
  eidQr: EidQrService;
  organisations: OrganisationStore;
  meter: Meter;
  clock: Clock;
  /** Chip passive authentication. */
  chip: ChipCheck;
}

const NOT_REGISTERED: Text = {
  vi: 'Tổ chức chưa được đăng ký sử dụng dịch vụ xác thực danh tính.',
  en: 'The organisation is not registered for the identity verification service.',
};

/** One check in the making. */
interface Run {
  actor: Actor;
  requestId: string | undefined;
  purpose: VerificationPurpose;
  id: string;
  now: Date;
  checks: CheckLine[];
  presented: Presented;
  attributes: Partial<Record<AttributeName, AttributeResult>>;
  extra: Partial<CheckResult>;
}

const CARD_WARNINGS_THAT_FAIL = new Set(['sex_mismatch', 'birth_year_mismatch', 'issue_before_birth', 'issue_in_future']);

/** Seconds until the next Vietnamese midnight (when daily quotas reset). */
function secondsToVnMidnight(now: Date): number {
  const vn = new Date(now.getTime() + 7 * 3600_000);
  const next = Date.UTC(vn.getUTCFullYear(), vn.getUTCMonth(), vn.getUTCDate() + 1) - 7 * 3600_000;
  return Math.max(1, Math.ceil((next - now.getTime()) / 1000));
}

function communeSuggestion(address: string): NonNullable<CheckResult['card']>['communeSuggestion'] {
  const s = address.trim() ? suggestCurrentCommune(address) : null;
  return s ? { via: s.via, divided: s.divided, communes: s.communes, note: s.note } : null;
}

function base64Bytes(s: string | undefined): Uint8Array | undefined {
  return s === undefined ? undefined : new Uint8Array(Buffer.from(s, 'base64'));
}

export function createCheckService(deps: CheckServiceDeps) {
  const { registry, identity, accessLog, eidQr, organisations, meter, clock } = deps;

  /** The caller may make checks for this purpose: role, purpose, and for organisations their registration. */
  async function authorize(actor: Actor, purposeCode: string | undefined): Promise<{ purpose: VerificationPurpose; quota: number | null }> {
    requirePermission(actor, 'person.read');
    const code = requirePurpose(actor, purposeCode, 'body.purpose');
    const purpose = verificationPurpose(code);
    if (!purpose)
      throw ValidationError.field('body.purpose', 'purpose_not_for_verification', {
        vi: `Mục đích "${code}" không dùng cho xác thực danh tính; hãy chọn một mục đích xác thực (ví dụ verification_lodging).`,
        en: `Purpose "${code}" is not an identity-verification purpose; choose one such as verification_lodging.`,
      });
    if (actor.role !== 'sector_system') return { purpose, quota: null };
    const org = await organisations.find(actor.sub);
    if (!org || !org.active) throw new ForbiddenError(NOT_REGISTERED);
    if (!org.purposes.includes(code))
      throw new ForbiddenError({
        vi: `Tổ chức "${org.name}" không được đăng ký xác thực với mục đích "${code}".`,
        en: `Organisation "${org.name}" is not registered to verify for "${code}".`,
      });
    return { purpose, quota: org.dailyQuota };
  }

  /** Shape rules the schema cannot express: what each source needs, with the field at fault. */
  function validate(input: CheckInput): TypedAttributes | undefined {
    const problems: FieldProblem[] = [];
    const need = (path: string, ok: boolean, what: Text) => {
      if (!ok) problems.push({ path, code: 'required', message: what });
    };
    const refuse = (path: string, present: boolean) => {
      if (present)
        problems.push({ path, code: 'not_for_source', message: { vi: `Không dùng trường này với nguồn "${input.source}".`, en: `This field is not used with source "${input.source}".` } });
    };
    const qrSource = input.source === 'eid_qr' || input.source === 'id_card_qr';
    if (qrSource) need('body.qr', !!input.qr?.trim(), { vi: 'Cần nội dung mã QR đã quét.', en: 'The scanned QR text is required.' });
    else refuse('body.qr', input.qr !== undefined);
    if (input.source === 'chip') need('body.chip', !!input.chip, { vi: 'Cần các tệp đọc từ chip (ít nhất EF.SOD).', en: 'The files read from the chip are required (EF.SOD at least).' });
    else refuse('body.chip', input.chip !== undefined);
    let typed: TypedAttributes | undefined;
    if (input.source === 'typed') {
      const a = input.attributes;
      need('body.attributes', !!a, { vi: 'Cần các thông tin đã đọc trên giấy tờ.', en: 'The attributes read from the document are required.' });
      if (a) {
        typed = {};
        if (!a.pid) problems.push({ path: 'body.attributes.pid', code: 'required', message: { vi: 'Cần số định danh cá nhân.', en: 'The personal ID is required.' } });
        else if (!/^\d{12}$/.test(a.pid.trim()))
          problems.push({ path: 'body.attributes.pid', code: 'pid_invalid', message: { vi: 'Số định danh cá nhân gồm 12 chữ số.', en: 'A personal ID has 12 digits.' } });
        else typed.pid = a.pid.trim();
        if (a.fullName !== undefined) {
          if (!a.fullName.trim()) problems.push({ path: 'body.attributes.fullName', code: 'required', message: { vi: 'Họ tên trống.', en: 'The name is empty.' } });
          else typed.fullName = a.fullName.trim();
        }
        if (a.birthDate !== undefined) {
          const d = parsePartialDate(a.birthDate);
          if (!d.ok) problems.push({ path: 'body.attributes.birthDate', code: 'date_invalid', message: d.error });
          else typed.birthDate = toIsoPartial(d.value);
        }
        if (a.sex !== undefined) typed.sex = a.sex;
        if (a.oldId !== undefined) {
          if (!/^(\d{9}|\d{12})$/.test(a.oldId.trim()))
            problems.push({ path: 'body.attributes.oldId', code: 'old_id_invalid', message: { vi: 'Số CMND cũ gồm 9 hoặc 12 chữ số.', en: 'An old ID number has 9 or 12 digits.' } });
          else typed.oldId = a.oldId.trim();
        }
        if (a.fullName === undefined && a.birthDate === undefined && a.sex === undefined && a.oldId === undefined)
          problems.push({
            path: 'body.attributes',
            code: 'attribute_required',
            message: { vi: 'Cần thêm ít nhất một thông tin ngoài số định danh (họ tên, ngày sinh, giới tính hoặc số CMND cũ).', en: 'Give at least one attribute besides the personal ID (name, birth date, sex or old ID number).' },
          });
      }
    } else refuse('body.attributes', input.attributes !== undefined);
    if (problems.length) throw new ValidationError(problems);
    return typed;
  }

  /** Reads the record as the caller (their role, jurisdiction and purpose; in the access log) and compares. */
  async function compare(run: Run, p: Presented): Promise<void> {
    run.presented = p;
    let record: PersonView | undefined;
    try {
      record = await registry.getPerson({ actor: run.actor, purpose: run.purpose.code, purposeRef: run.id, requestId: run.requestId }, p.pid!);
    } catch (err) {
      if (!(err instanceof NotFoundError)) throw err;
    }
    if (!record && jurisdiction(run.actor).kind !== 'national') {
      // the registry does not tell "absent" from "outside your jurisdiction": nothing is known
      run.checks.push({ name: 'registry', status: 'not_possible', reason: 'not_found_or_outside_jurisdiction' });
      run.attributes = Object.fromEntries(Object.keys(p).map((k) => [k, 'not_checked']));
      return;
    }
    run.checks.push(record ? { name: 'registry', status: 'passed' } : { name: 'registry', status: 'failed', reason: 'not_in_registry' });
    if (record?.lifeStatus !== undefined)
      run.checks.push(record.lifeStatus === 'alive' ? { name: 'alive', status: 'passed' } : { name: 'alive', status: 'failed', reason: 'not_alive' });
    run.attributes = matchAttributes(p, record);
  }

  /** The e-ID QR: offline checks, replay, the account, then the registry. */
  async function fromEidQr(run: Run, qr: string): Promise<void> {
    const v = await eidQr.verify(qr);
    for (const c of v.checks) run.checks.push(c.status === 'failed' && !v.valid ? { name: c.name, status: 'failed', reason: v.failure } : { name: c.name, status: c.status });
    if (!v.claims) return; // nothing of an unsigned or unreadable QR is shown
    const claims = v.claims;
    run.extra.qr = { issuedAt: new Date(claims.iat * 1000).toISOString(), expiresAt: new Date(claims.exp * 1000).toISOString() };
    run.extra.accountLevel = claims.level;
    const claimed: Presented = { pid: claims.pid, fullName: claims.fullName, birthDate: claims.birthDate, sex: claims.sex };
    if (!v.valid || v.replayed) {
      if (v.valid) run.checks.push({ name: 'replay', status: 'failed', reason: 'replayed' });
      run.presented = claimed;
      // an authentic QR refused (expired, replayed): the citizen should see that someone tried it
      await accessLog.record({ actor: run.actor, purpose: `${run.purpose.code}:${run.id}`, action: 'verify', subjectPid: claims.pid, fields: ['eidQr'], outcome: 'denied', requestId: run.requestId });
      return;
    }
    run.checks.push({ name: 'replay', status: 'passed' });
    const account = await identity.findAccount(claims.pid);
    run.checks.push(account?.status === 'active' ? { name: 'account', status: 'passed' } : { name: 'account', status: 'failed', reason: account ? 'account_suspended' : 'no_account' });
    if (account) run.extra.accountLevel = account.level;
    await compare(run, claimed);
  }

  /** The printed QR of an ID card: unsigned, so only its own consistency and the registry speak for it. */
  async function fromCardQr(run: Run, qr: string): Promise<void> {
    let card;
    try {
      card = parseIdCardQr(qr, run.now);
    } catch (err) {
      if (err instanceof CardInputError) throw ValidationError.field('body.qr', err.code, err.text);
      throw err;
    }
    run.checks.push({ name: 'format', status: 'passed' });
    const bad = card.warnings.find((w) => CARD_WARNINGS_THAT_FAIL.has(w.code));
    run.checks.push(bad ? { name: 'consistency', status: 'failed', reason: bad.code } : { name: 'consistency', status: 'passed' });
    await compare(run, { pid: card.pid, fullName: card.fullName, birthDate: card.dob, sex: card.sex, ...(card.oldId ? { oldId: card.oldId } : {}), ...(card.issueDate ? { issueDate: card.issueDate } : {}) });
    const a = run.attributes;
    run.extra.card = {
      signed: false,
      verdict: Object.values(a).includes('no_match') ? 'contradicted' : CORE_ATTRIBUTES.every((k) => a[k] === 'match') ? 'confirmed_by_registry' : 'unverified',
      warnings: card.warnings.map((w) => ({ code: w.code, message: w.message })),
      communeSuggestion: communeSuggestion(card.address),
    };
  }

  /** Chip files: passive authentication decides the colour; a forged chip is compared with no one. */
  async function fromChip(run: Run, c: NonNullable<CheckInput['chip']>): Promise<void> {
    const files: ChipFiles = { sod: base64Bytes(c.sod)! };
    for (const k of ['dg1', 'dg2', 'dg11', 'dg12', 'dg13', 'dg14', 'dg15'] as const) if (c[k] !== undefined) files[k] = base64Bytes(c[k])!;
    const report = await deps.chip(files, run.now);
    run.checks.push(report.verdict === 'genuine' ? { name: 'chip', status: 'passed' } : { name: 'chip', status: report.verdict === 'forged' ? 'failed' : 'not_possible', reason: report.verdict });
    run.extra.chip = { verdict: report.verdict, checks: report.checks };
    if (report.verdict === 'forged' || !report.pid) {
      if (!report.pid) run.checks.push({ name: 'registry', status: 'not_possible', reason: 'no_personal_id_on_chip' });
      run.presented = report.presented;
      return;
    }
    await compare(run, report.presented);
    if (report.photo && run.purpose.chipPhoto && report.verdict === 'genuine') run.extra.photo = report.photo;
  }

  return {
    async check(ctx: { actor: Actor; requestId?: string | undefined }, input: CheckInput): Promise<CheckResult> {
      const { actor } = ctx;
      const { purpose, quota } = await authorize(actor, input.purpose);
      const typed = validate(input);
      const party = partyOf(actor);
      const now = clock.now();
      if (quota !== null && (await meter.usedToday(party)) >= quota) throw new RateLimitedError(secondsToVnMidnight(now));

      const id = randomUUID();
      const run: Run = { actor, requestId: ctx.requestId, purpose, id, now, checks: [], presented: {}, attributes: {}, extra: {} };
      if (input.source === 'eid_qr') await fromEidQr(run, input.qr!);
      else if (input.source === 'id_card_qr') await fromCardQr(run, input.qr!);
      else if (input.source === 'chip') await fromChip(run, input.chip!);
      else await compare(run, typed as Presented);

      const result: CheckResult = {
        id,
        at: now.toISOString(),
        purpose: purpose.code,
        source: input.source as Source,
        result: colourOf(run.checks, run.attributes),
        checks: run.checks,
        attributes: run.attributes,
        presented: run.presented,
        ...run.extra,
      };
      await meter.count({ party, purpose: purpose.code, source: input.source });
      return result;
    },

    /** Requests per minute a caller may make (its registration, or its role's look-up limit). */
    async perMinute(actor: Actor | null): Promise<number> {
      if (actor?.role === 'sector_system') return (await organisations.find(actor.sub))?.perMinute ?? 60;
      return lookupsPerMinute(actor);
    },
  };
}

export type CheckService = ReturnType<typeof createCheckService>;


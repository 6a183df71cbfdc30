// E-ID accounts (tài khoản định danh điện tử): level 1 by self-registration checked against the
// registry with a one-time code; level 2 raised in person by the police; suspension; password
// checks with lockout. Identity data are compared, never returned, before an account exists.
import { createHash, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ageOn, fold, maskEmail, maskPhone, parsePartialDate, toE164Vn, toIsoPartial } from '@open06/kernel';
import type { Kysely, Selectable } from 'kysely';
import type { Actor } from '../../../http/authz.ts';
import { ConflictError, ForbiddenError, NotFoundError, RateLimitedError, ValidationError, type FieldProblem } from '../../../http/errors.ts';
import type { Clock } from '../../../platform/clock.ts';
import { Lru } from '../../../platform/lru.ts';
import type { RegistryApi } from '../../registry/index.ts';
import type { Delivery } from '../delivery/delivery.ts';
import type { AccountTable, IdentityTables } from '../identity.tables.ts';
import { recordAccountEvent } from './account-events.ts';
import { burnPasswordCheck, hashPassword, passwordProblems, verifyPassword } from './password.ts';

/** How the identity module reads the registry: a system actor, with a purpose, logged. */
export const IDENTITY_ACTOR: Actor = { sub: 'open06-identity', role: 'identity_provider' };

const CODE_TTL_MS = 10 * 60_000;
const MAX_CODE_ATTEMPTS = 5;
const MAX_REGISTRATIONS_PER_HOUR = 5;
const MAX_FAILED_LOGINS = 5;
const LOCKOUT_MS = 15 * 60_000;
const PORTRAIT_MAX_BYTES = 2_000_000;
const MAX_RECOVERIES_PER_HOUR = 5;
/** Children under this age hold no credentials: their account is kept through a parent's. */
const OWN_ACCOUNT_AGE = 14;

export interface Account {
  id: string;
  pid: string;
  level: 1 | 2;
  status: 'active' | 'suspended';
  phone: string | null;
  email: string | null;
  createdAt: string;
  level2: { at: string; by: string; place: string; method: string } | null;
  /** The parent's account that holds this child's account (under 14), if any. */
  guardianAccountId: string | null;
  /** A portrait was captured (at registration or at the desk) and is kept for review. */
  hasPortrait: boolean;
}

const MISMATCH = new ValidationError(
  [{ path: 'body', code: 'identity_mismatch', message: { vi: 'Thông tin không khớp với Cơ sở dữ liệu quốc gia về dân cư.', en: 'The details do not match the population registry.' } }],
  { vi: 'Hãy kiểm tra lại số định danh, họ tên và ngày sinh như trên thẻ căn cước.', en: 'Check the personal ID, full name and date of birth as written on the ID card.' },
);

const BAD_LOGIN = new ValidationError(
  [{ path: 'body', code: 'login_failed', message: { vi: 'Số định danh hoặc mật khẩu không đúng.', en: 'Wrong personal ID or password.' } }],
);

function toAccount(r: Selectable<AccountTable>): Account {
  return {
    id: r.id,
    pid: r.pid,
    level: r.level,
    status: r.status,
    phone: r.phone,
    email: r.email,
    createdAt: new Date(r.created_at).toISOString(),
    level2: r.level2_at ? { at: new Date(r.level2_at).toISOString(), by: r.level2_by ?? '', place: r.level2_place ?? '', method: r.level2_method ?? '' } : null,
    guardianAccountId: r.guardian_account_id,
    hasPortrait: r.portrait_file !== null,
  };
}

function codeHash(id: string, code: string): string {
  return createHash('sha256').update(`${id}:${code}`).digest('hex');
}

function newCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

function codeMatches(id: string, storedHash: string, code: string): boolean {
  return timingSafeEqual(Buffer.from(storedHash, 'hex'), Buffer.from(codeHash(id, code.trim()), 'hex'));
}

/** A second factor the person may present when recovering (checked by the authenticators). */
export interface SecondFactorCheck {
  factors(accountId: string): Promise<{ totp: boolean; passkey: boolean }>;
  verifyTotp(accountId: string, code: string): Promise<boolean>;
}

const RECOVERY_SENT = (sentTo: string) => ({ vi: `Nếu thông tin khớp với tài khoản, mã khôi phục đã được gửi đến ${sentTo}.`, en: `If the details match an account, a recovery code was sent to ${sentTo}.` });

export function createAccountService(deps: {
  db: Kysely<IdentityTables>;
  registry: RegistryApi;
  delivery: Delivery;
  clock: Clock;
  filesDir: string;
  /** Tells the API authenticator and the provider's storage that an account changed (a suspension bites at once). */
  onAccountChanged?: (accountId: string) => void;
}) {
  const { db, registry, delivery, clock } = deps;

  // Accounts read by id in the last 2 s (a login reads the account at /auth and again at /token a
  // moment later). Every change below forgets the account here at once; a change made by another
  // process of the same deployment is seen within 2 s.
  const recentlyRead = new Lru<string, { account: Account | undefined; until: number }>(10_000);
  const RECENT_MS = 2_000;
  function changed(accountId: string): void {
    recentlyRead.delete(accountId);
    deps.onAccountChanged?.(accountId);
  }

  /** One more failed login (password or second factor); the fifth locks the account for 15 minutes. */
  async function noteFailure(r: { id: string; failed_logins: number }): Promise<void> {
    const failed = r.failed_logins + 1;
    await db
      .updateTable('identity.account')
      .set({ failed_logins: failed >= MAX_FAILED_LOGINS ? 0 : failed, locked_until: failed >= MAX_FAILED_LOGINS ? new Date(clock.now().getTime() + LOCKOUT_MS) : null })
      .where('id', '=', r.id)
      .execute();
    recentlyRead.delete(r.id);
  }

  function assertNotLocked(r: { locked_until: Date | string | null }): void {
    if (r.locked_until && new Date(r.locked_until) > clock.now())
      throw new RateLimitedError(Math.ceil((new Date(r.locked_until).getTime() - clock.now().getTime()) / 1000));
  }

  /** Ends every session and token of the account (after recovery): only the new password works. */
  async function endSessions(accountId: string): Promise<void> {
    await db
      .deleteFrom('identity.oidc_model')
      .where('model', 'in', ['Session', 'AccessToken', 'RefreshToken', 'AuthorizationCode'])
      .where((eb) => eb(eb.ref('payload', '->>').key('accountId' as never), '=', accountId))
      .execute();
  }

  function savePortrait(accountId: string, dataUrl: string | undefined, pathName: string): string | null {
    if (!dataUrl) return null;
    const m = /^data:image\/(jpeg|png);base64,([A-Za-z0-9+/=]+)$/.exec(dataUrl);
    if (!m) throw ValidationError.field(pathName, 'portrait_format', { vi: 'Ảnh chân dung phải là JPEG hoặc PNG.', en: 'The portrait must be a JPEG or PNG image.' });
    const bytes = Buffer.from(m[2]!, 'base64');
    if (bytes.length > PORTRAIT_MAX_BYTES)
      throw ValidationError.field(pathName, 'portrait_size', { vi: 'Ảnh chân dung tối đa 2 MB.', en: 'The portrait may be at most 2 MB.' });
    const dir = path.join(deps.filesDir, 'portraits');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join('portraits', `${accountId}-${Date.now()}.${m[1] === 'png' ? 'png' : 'jpg'}`);
    fs.writeFileSync(path.join(deps.filesDir, file), bytes);
    return file;
  }

  async function findByPid(pid: string) {
    return db.selectFrom('identity.account').selectAll().where('pid', '=', pid).executeTakeFirst();
  }

  return {
    async findById(id: string): Promise<Account | undefined> {
      const hit = recentlyRead.get(id);
      if (hit && hit.until > Date.now()) return hit.account;
      const r = await db.selectFrom('identity.account').selectAll().where('id', '=', id).executeTakeFirst();
      const account = r ? Object.freeze(toAccount(r)) : undefined; // shared by the readers of the next 2 s
      recentlyRead.set(id, { account, until: Date.now() + RECENT_MS });
      return account;
    },

    async findByPid(pid: string): Promise<Account | undefined> {
      const r = await findByPid(pid);
      return r ? toAccount(r) : undefined;
    },

    /** An official looks up a citizen's account: jurisdiction and purpose as for the person. */
    async findByPidFor(actor: Actor, pid: string): Promise<Account> {
      await registry.getPerson({ actor, purpose: 'account_management' }, pid);
      const r = await findByPid(pid);
      if (!r) throw new NotFoundError({ vi: 'Công dân chưa có tài khoản định danh điện tử.', en: 'The citizen has no e-ID account.' });
      return toAccount(r);
    },

    /** The kept portrait, for the police to compare with the person at the desk (jurisdiction, logged). */
    async portraitFor(actor: Actor, pid: string): Promise<{ mime: string; bytes: Buffer }> {
      await registry.getPerson({ actor, purpose: 'account_management' }, pid);
      const r = await findByPid(pid);
      if (!r?.portrait_file) throw new NotFoundError({ vi: 'Tài khoản chưa có ảnh chân dung.', en: 'The account has no portrait.' });
      return { mime: r.portrait_file.endsWith('.png') ? 'image/png' : 'image/jpeg', bytes: fs.readFileSync(path.join(deps.filesDir, r.portrait_file)) };
    },

    /** Level 1, step 1: check the details against the registry and send a one-time code. */
    async startRegistration(input: { pid: string; fullName: string; birthDate: string; phone?: string | undefined; email?: string | undefined }) {
      const problems: FieldProblem[] = [];
      const phone = input.phone ? toE164Vn(input.phone) : null;
      if (input.phone && !phone) problems.push({ path: 'body.phone', code: 'phone_invalid', message: { vi: 'Số điện thoại không hợp lệ.', en: 'Invalid phone number.' } });
      if (!input.phone && !input.email) problems.push({ path: 'body.phone', code: 'contact_required', message: { vi: 'Cần số điện thoại hoặc thư điện tử để nhận mã xác thực.', en: 'A phone number or e-mail is needed to receive the code.' } });
      const dob = parsePartialDate(input.birthDate);
      if (!dob.ok) problems.push({ path: 'body.birthDate', code: 'date_invalid', message: dob.error });
      if (problems.length) throw new ValidationError(problems);

      const since = new Date(clock.now().getTime() - 3600_000);
      const recent = await db.selectFrom('identity.registration').select((eb) => eb.fn.countAll<number>().as('n')).where('pid', '=', input.pid).where('created_at', '>', since).executeTakeFirstOrThrow();
      if (Number(recent.n) >= MAX_REGISTRATIONS_PER_HOUR) throw new RateLimitedError(3600);

      let person;
      try {
        person = await registry.getPerson({ actor: IDENTITY_ACTOR, purpose: 'identity_verification' }, input.pid);
      } catch (err) {
        if (err instanceof NotFoundError) person = undefined;
        else throw err;
      }
      const id = randomUUID();
      const code = newCode();
      // A mismatch still costs an attempt, so guessing is as slow as trying real data.
      await db.insertInto('identity.registration').values({ id, pid: input.pid, phone, email: input.email ?? null, code_hash: codeHash(id, code), expires_at: new Date(clock.now().getTime() + CODE_TTL_MS) }).execute();
      const matches =
        person !== undefined &&
        person.lifeStatus === 'alive' &&
        fold(person.fullName ?? '') === fold(input.fullName) &&
        dob.ok &&
        person.birthDate === toIsoPartial(dob.value);
      if (!matches) throw MISMATCH;
      const existing = await findByPid(input.pid);
      // a child's account held by a parent becomes the person's own at 14 through this registration
      if (existing && !existing.guardian_account_id)
        throw new ConflictError({ vi: 'Số định danh này đã có tài khoản định danh điện tử. Hãy đăng nhập hoặc khôi phục mật khẩu.', en: 'This personal ID already has an e-ID account. Log in or recover the password.' });
      const text = `open06: ma xac thuc dang ky tai khoan dinh danh dien tu la ${code}. Ma co hieu luc 10 phut. Khong cung cap ma cho bat ky ai.`;
      if (phone) await delivery.send('sms', phone, 'Mã xác thực', text);
      else await delivery.send('email', input.email!, 'Mã xác thực đăng ký tài khoản định danh điện tử', text);
      return { registrationId: id, channel: phone ? ('sms' as const) : ('email' as const), sentTo: phone ? maskPhone(phone) : maskEmail(input.email!), expiresInSeconds: CODE_TTL_MS / 1000 };
    },

    /** Level 1, step 2: the code proves possession of the phone/e-mail; the account is created. */
    async confirmRegistration(registrationId: string, input: { code: string; password: string; portrait?: string | undefined }): Promise<Account> {
      const reg = await db.selectFrom('identity.registration').selectAll().where('id', '=', registrationId).executeTakeFirst();
      const expired = !reg || reg.confirmed_at !== null || new Date(reg.expires_at) < clock.now() || reg.attempts >= MAX_CODE_ATTEMPTS;
      if (expired)
        throw new NotFoundError({ vi: 'Yêu cầu đăng ký không còn hiệu lực. Hãy đăng ký lại.', en: 'This registration is no longer valid. Start again.' });
      await db.updateTable('identity.registration').set({ attempts: reg.attempts + 1 }).where('id', '=', reg.id).execute();
      if (!codeMatches(reg.id, reg.code_hash, input.code))
        throw ValidationError.field('body.code', 'code_wrong', { vi: `Mã xác thực không đúng (còn ${MAX_CODE_ATTEMPTS - reg.attempts - 1} lần thử).`, en: `Wrong code (${MAX_CODE_ATTEMPTS - reg.attempts - 1} attempts left).` });
      const problems = passwordProblems(input.password, 'body.password', [reg.pid, reg.phone]);
      if (problems.length) throw new ValidationError(problems);
      const id = randomUUID();
      const portrait = savePortrait(id, input.portrait, 'body.portrait');
      const passwordHash = await hashPassword(input.password);
      const accountId = await db.transaction().execute(async (trx) => {
        const held = await trx.selectFrom('identity.account').select(['id', 'guardian_account_id']).where('pid', '=', reg.pid).executeTakeFirst();
        if (held && !held.guardian_account_id) throw new ConflictError({ vi: 'Số định danh này đã có tài khoản.', en: 'This personal ID already has an account.' });
        if (held) {
          await trx.updateTable('identity.account').set({ guardian_account_id: null, phone: reg.phone, email: reg.email, password_hash: passwordHash, portrait_file: portrait }).where('id', '=', held.id).execute();
        } else {
          await trx.insertInto('identity.account').values({ id, pid: reg.pid, level: 1, phone: reg.phone, email: reg.email, password_hash: passwordHash, portrait_file: portrait }).execute();
        }
        await trx.updateTable('identity.registration').set({ confirmed_at: clock.now() }).where('id', '=', reg.id).execute();
        await recordAccountEvent(trx, held?.id ?? id, 'created', `account:${held?.id ?? id}`, { method: 'self_registration', channel: reg.phone ? 'sms' : 'email' });
        return held?.id ?? id;
      });
      changed(accountId);
      return (await this.findById(accountId))!;
    },

    /** A password login: the account, or one message for every failure; 5 failures lock for 15 minutes. */
    async login(pid: string, password: string): Promise<Account> {
      const r = await findByPid(pid.trim());
      if (!r || !r.password_hash) {
        await burnPasswordCheck(password);
        throw BAD_LOGIN;
      }
      assertNotLocked(r);
      if (!(await verifyPassword(r.password_hash, password))) {
        await noteFailure(r);
        throw BAD_LOGIN;
      }
      if (r.status === 'suspended')
        throw new ForbiddenError({ vi: 'Tài khoản đang bị tạm khoá. Liên hệ Công an xã, phường nơi cư trú.', en: 'The account is suspended. Contact your commune police.' });
      if (r.failed_logins) {
        await db.updateTable('identity.account').set({ failed_logins: 0, locked_until: null }).where('id', '=', r.id).execute();
        recentlyRead.delete(r.id);
      }
      return toAccount(r);
    },

    /** A wrong second factor counts like a wrong password (and locks the same way). */
    async noteFailedLogin(accountId: string): Promise<void> {
      const r = await db.selectFrom('identity.account').select(['id', 'failed_logins']).where('id', '=', accountId).executeTakeFirst();
      if (r) await noteFailure(r);
    },

    async assertCanLogIn(accountId: string): Promise<Account> {
      const r = await db.selectFrom('identity.account').selectAll().where('id', '=', accountId).executeTakeFirst();
      if (!r) throw BAD_LOGIN;
      assertNotLocked(r);
      if (r.status === 'suspended')
        throw new ForbiddenError({ vi: 'Tài khoản đang bị tạm khoá. Liên hệ Công an xã, phường nơi cư trú.', en: 'The account is suspended. Contact your commune police.' });
      return toAccount(r);
    },

    /**
     * Recovery, step 1: a code to the phone or e-mail registered on the account. The answer is the
     * same whether or not the details match, so it tells nobody which personal IDs have accounts.
     */
    async startRecovery(input: { pid: string; contact: string }) {
      const phone = toE164Vn(input.contact);
      const email = phone ? null : input.contact.trim().toLowerCase();
      if (!phone && !/^[^@\s]+@[^@\s]+$/.test(email ?? ''))
        throw ValidationError.field('body.contact', 'contact_invalid', { vi: 'Nhập số điện thoại hoặc thư điện tử đã đăng ký.', en: 'Enter the registered phone number or e-mail.' });
      const sentTo = phone ? maskPhone(phone) : maskEmail(email!);
      const r = await findByPid(input.pid);
      const matches = !!r && !r.guardian_account_id && ((phone !== null && r.phone === phone) || (email !== null && (r.email ?? '').toLowerCase() === email));
      if (r) {
        const since = new Date(clock.now().getTime() - 3600_000);
        const recent = await db.selectFrom('identity.recovery').select((eb) => eb.fn.countAll<number>().as('n')).where('account_id', '=', r.id).where('created_at', '>', since).executeTakeFirstOrThrow();
        if (Number(recent.n) >= MAX_RECOVERIES_PER_HOUR) throw new RateLimitedError(3600);
      }
      const id = randomUUID();
      const code = newCode();
      await db.insertInto('identity.recovery').values({ id, account_id: matches ? r.id : null, code_hash: codeHash(id, code), expires_at: new Date(clock.now().getTime() + CODE_TTL_MS) }).execute();
      if (matches) {
        const text = `open06: ma khoi phuc tai khoan dinh danh dien tu la ${code}. Ma co hieu luc 10 phut. Neu ban khong yeu cau, hay bo qua tin nay.`;
        if (phone) await delivery.send('sms', phone, 'Mã khôi phục tài khoản', text);
        else await delivery.send('email', r.email!, 'Mã khôi phục tài khoản định danh điện tử', text);
      }
      return { recoveryId: id, sentTo, expiresInSeconds: CODE_TTL_MS / 1000, message: RECOVERY_SENT(sentTo) };
    },

    /**
     * Recovery, step 2: the code and a new password. Recovery never raises trust: an account with
     * an authenticator app must also give its code; a level-2 account recovered with the one-time
     * code alone drops to level 1 until the police confirm the person again. Every session ends.
     */
    async confirmRecovery(recoveryId: string, input: { code: string; password: string; totp?: string | undefined }, factors: SecondFactorCheck) {
      const rec = await db.selectFrom('identity.recovery').selectAll().where('id', '=', recoveryId).executeTakeFirst();
      if (!rec || rec.confirmed_at !== null || new Date(rec.expires_at) < clock.now() || rec.attempts >= MAX_CODE_ATTEMPTS)
        throw new NotFoundError({ vi: 'Yêu cầu khôi phục không còn hiệu lực. Hãy yêu cầu mã mới.', en: 'This recovery is no longer valid. Ask for a new code.' });
      await db.updateTable('identity.recovery').set({ attempts: rec.attempts + 1 }).where('id', '=', rec.id).execute();
      if (!rec.account_id || !codeMatches(rec.id, rec.code_hash, input.code))
        throw ValidationError.field('body.code', 'code_wrong', { vi: `Mã khôi phục không đúng (còn ${MAX_CODE_ATTEMPTS - rec.attempts - 1} lần thử).`, en: `Wrong code (${MAX_CODE_ATTEMPTS - rec.attempts - 1} attempts left).` });
      const r = (await db.selectFrom('identity.account').selectAll().where('id', '=', rec.account_id).executeTakeFirst())!;
      const problems = passwordProblems(input.password, 'body.password', [r.pid, r.phone]);
      if (problems.length) throw new ValidationError(problems);
      const has = await factors.factors(r.id);
      let secondFactor = false;
      if (has.totp) {
        if (!input.totp)
          throw ValidationError.field('body.totp', 'totp_required', { vi: 'Tài khoản có ứng dụng xác thực: nhập mã 6 số từ ứng dụng.', en: 'This account has an authenticator app: enter its 6-digit code.' });
        if (!(await factors.verifyTotp(r.id, input.totp))) {
          await noteFailure(r);
          throw ValidationError.field('body.totp', 'totp_wrong', { vi: 'Mã từ ứng dụng xác thực không đúng.', en: 'Wrong code from the authenticator app.' });
        }
        secondFactor = true;
      }
      const dropLevel = r.level === 2 && !secondFactor;
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('identity.recovery').set({ confirmed_at: clock.now() }).where('id', '=', rec.id).execute();
        await trx.updateTable('identity.account').set({ password_hash: await hashPassword(input.password), failed_logins: 0, locked_until: null, ...(dropLevel ? { level: 1 } : {}) }).where('id', '=', r.id).execute();
        await recordAccountEvent(trx, r.id, 'recovered', `account:${r.id}`, { secondFactor });
        if (dropLevel) await recordAccountEvent(trx, r.id, 'level2_withdrawn', 'open06-identity', { reason: 'recovered_with_code_only' });
      });
      await endSessions(r.id);
      changed(r.id);
      if (dropLevel) {
        const notice = 'open06: tai khoan dinh danh dien tu cua ban vua duoc khoi phuc bang ma xac thuc nen tam thoi o muc 1. Hay den Cong an xa, phuong de xac nhan lai muc 2.';
        if (r.phone) await delivery.send('sms', r.phone, 'Tài khoản tạm về mức 1', notice);
        else if (r.email) await delivery.send('email', r.email, 'Tài khoản tạm về mức 1', notice);
      }
      return (await this.findById(r.id))!;
    },

    /**
     * A parent adds their child under 14: the registry must name the parent as the child's father
     * or mother. The child's account holds no credentials until the child registers at 14.
     */
    async addChild(guardian: Account, childPid: string): Promise<Account> {
      const notYours = new ForbiddenError({ vi: 'Chỉ cha, mẹ của trẻ dưới 14 tuổi được đăng ký tài khoản cho trẻ.', en: 'Only a parent may register an account for a child under 14.' });
      let child;
      try {
        child = await registry.getPerson({ actor: IDENTITY_ACTOR, purpose: 'identity_verification' }, childPid);
      } catch (err) {
        if (err instanceof NotFoundError) throw notYours;
        throw err;
      }
      if (child.fatherPid !== guardian.pid && child.motherPid !== guardian.pid) throw notYours;
      if (child.lifeStatus !== 'alive') throw notYours;
      const birth = parsePartialDate(child.birthDate ?? '');
      const today = clock.now().toISOString().slice(0, 10);
      if (!birth.ok || ageOn(birth.value, today).min >= OWN_ACCOUNT_AGE)
        throw ValidationError.field('body.pid', 'child_too_old', { vi: 'Từ 14 tuổi, trẻ tự đăng ký tài khoản định danh điện tử.', en: 'From 14, a child registers their own e-ID account.' });
      if (await findByPid(childPid)) throw new ConflictError({ vi: 'Trẻ đã có tài khoản định danh điện tử.', en: 'The child already has an e-ID account.' });
      const id = randomUUID();
      await db.insertInto('identity.account').values({ id, pid: childPid, level: 1, phone: null, email: null, password_hash: null, portrait_file: null, guardian_account_id: guardian.id }).execute();
      await recordAccountEvent(db, id, 'created', `account:${guardian.id}`, { method: 'guardian' });
      await recordAccountEvent(db, guardian.id, 'child_added', `account:${guardian.id}`, { child: childPid });
      return (await this.findById(id))!;
    },

    async children(guardianId: string): Promise<Account[]> {
      const rows = await db.selectFrom('identity.account').selectAll().where('guardian_account_id', '=', guardianId).orderBy('created_at').execute();
      return rows.map(toAccount);
    },

    /** Level 2, in person: the officer checked the ID card and the fingerprints. */
    async raiseToLevel2(actor: Actor, pid: string, input: { place: string; method: 'chip' | 'card'; fingerprintVerified: boolean; portrait?: string | undefined }): Promise<Account> {
      // the officer must be able to see the person (jurisdiction), and the look-up is logged
      await registry.getPerson({ actor, purpose: 'account_management' }, pid);
      if (!input.fingerprintVerified)
        throw ValidationError.field('body.fingerprintVerified', 'fingerprint_required', { vi: 'Cần xác thực vân tay trước khi nâng mức 2.', en: 'Fingerprints must be verified for level 2.' });
      const r = await findByPid(pid);
      if (!r) throw new NotFoundError({ vi: 'Công dân chưa có tài khoản mức 1: hướng dẫn đăng ký trước.', en: 'The citizen has no level-1 account yet: register it first.' });
      const portrait = savePortrait(r.id, input.portrait, 'body.portrait') ?? r.portrait_file;
      await db
        .updateTable('identity.account')
        .set({ level: 2, level2_at: clock.now(), level2_by: actor.sub, level2_place: input.place, level2_method: input.method, portrait_file: portrait })
        .where('id', '=', r.id)
        .execute();
      await recordAccountEvent(db, r.id, 'level2_raised', actor.sub, { place: input.place, method: input.method, fingerprintVerified: true, unit: actor.unit ?? null });
      changed(r.id);
      return (await this.findById(r.id))!;
    },

    async setStatus(actor: Actor, pid: string, status: 'active' | 'suspended', reason: string): Promise<Account> {
      await registry.getPerson({ actor, purpose: 'account_management' }, pid);
      const r = await findByPid(pid);
      if (!r) throw new NotFoundError({ vi: 'Công dân chưa có tài khoản.', en: 'The citizen has no account.' });
      await db.updateTable('identity.account').set({ status, status_reason: reason }).where('id', '=', r.id).execute();
      await recordAccountEvent(db, r.id, status === 'suspended' ? 'suspended' : 'restored', actor.sub, { reason });
      changed(r.id);
      return (await this.findById(r.id))!;
    },
  };
}

export type AccountService = ReturnType<typeof createAccountService>;

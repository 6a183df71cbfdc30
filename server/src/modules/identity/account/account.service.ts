// E-ID accounts (tài khoản định danh điện tử): level 1 by self-registration checked against the
// registry with a one-time code; level 2 raised in person by the police; suspension; password
// checks with lockout. Identity data are compared, never returned, before an account exists.
import { createHash, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fold, maskEmail, maskPhone, parsePartialDate, toE164Vn, toIsoPartial } from '@open06/kernel';
import type { Kysely, Selectable } from 'kysely';
import type { Actor } from '../../../http/authz.ts';
import { ConflictError, ForbiddenError, NotFoundError, RateLimitedError, ValidationError, type FieldProblem } from '../../../http/errors.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { RegistryApi } from '../../registry/index.ts';
import type { Delivery } from '../delivery/delivery.ts';
import type { AccountTable, IdentityTables } from '../identity.tables.ts';
import { burnPasswordCheck, hashPassword, passwordProblems, verifyPassword } from './password.ts';

/** How the identity module reads the registry: a system actor, with a purpose, logged. */
export const IDENTITY_ACTOR: Actor = { sub: 'open06-identity', role: 'identity_provider' };

const CODE_TTL_MS = 10 * 60_000;
const MAX_CODE_ATTEMPTS = 5;
const MAX_REGISTRATIONS_PER_HOUR = 5;
const MAX_FAILED_LOGINS = 5;
const LOCKOUT_MS = 15 * 60_000;
const PORTRAIT_MAX_BYTES = 2_000_000;

export interface Account {
  id: string;
  pid: string;
  level: 1 | 2;
  status: 'active' | 'suspended';
  phone: string | null;
  email: string | null;
  createdAt: string;
  level2: { at: string; by: string; place: string; method: string } | null;
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
  };
}

function codeHash(id: string, code: string): string {
  return createHash('sha256').update(`${id}:${code}`).digest('hex');
}

export function createAccountService(deps: { db: Kysely<IdentityTables>; registry: RegistryApi; delivery: Delivery; clock: Clock; filesDir: string }) {
  const { db, registry, delivery, clock } = deps;

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
      const r = await db.selectFrom('identity.account').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toAccount(r) : undefined;
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
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      // A mismatch still costs an attempt, so guessing is as slow as trying real data.
      await db.insertInto('identity.registration').values({ id, pid: input.pid, phone, email: input.email ?? null, code_hash: codeHash(id, code), expires_at: new Date(clock.now().getTime() + CODE_TTL_MS) }).execute();
      const matches =
        person !== undefined &&
        person.lifeStatus === 'alive' &&
        fold(person.fullName ?? '') === fold(input.fullName) &&
        dob.ok &&
        person.birthDate === toIsoPartial(dob.value);
      if (!matches) throw MISMATCH;
      if (await findByPid(input.pid))
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
      const expected = Buffer.from(reg.code_hash, 'hex');
      const given = Buffer.from(codeHash(reg.id, input.code.trim()), 'hex');
      if (!timingSafeEqual(expected, given))
        throw ValidationError.field('body.code', 'code_wrong', { vi: `Mã xác thực không đúng (còn ${MAX_CODE_ATTEMPTS - reg.attempts - 1} lần thử).`, en: `Wrong code (${MAX_CODE_ATTEMPTS - reg.attempts - 1} attempts left).` });
      const problems = passwordProblems(input.password, 'body.password', [reg.pid, reg.phone]);
      if (problems.length) throw new ValidationError(problems);
      const id = randomUUID();
      const portrait = savePortrait(id, input.portrait, 'body.portrait');
      const passwordHash = await hashPassword(input.password);
      await db.transaction().execute(async (trx) => {
        if (await trx.selectFrom('identity.account').select('id').where('pid', '=', reg.pid).executeTakeFirst())
          throw new ConflictError({ vi: 'Số định danh này đã có tài khoản.', en: 'This personal ID already has an account.' });
        await trx.insertInto('identity.account').values({ id, pid: reg.pid, level: 1, phone: reg.phone, email: reg.email, password_hash: passwordHash, portrait_file: portrait }).execute();
        await trx.updateTable('identity.registration').set({ confirmed_at: clock.now() }).where('id', '=', reg.id).execute();
      });
      return (await this.findById(id))!;
    },

    /** A password login: the account, or one message for every failure; 5 failures lock for 15 minutes. */
    async login(pid: string, password: string): Promise<Account> {
      const r = await findByPid(pid.trim());
      if (!r || !r.password_hash) {
        await burnPasswordCheck(password);
        throw BAD_LOGIN;
      }
      if (r.locked_until && new Date(r.locked_until) > clock.now())
        throw new RateLimitedError(Math.ceil((new Date(r.locked_until).getTime() - clock.now().getTime()) / 1000));
      if (!(await verifyPassword(r.password_hash, password))) {
        const failed = r.failed_logins + 1;
        await db
          .updateTable('identity.account')
          .set({ failed_logins: failed >= MAX_FAILED_LOGINS ? 0 : failed, locked_until: failed >= MAX_FAILED_LOGINS ? new Date(clock.now().getTime() + LOCKOUT_MS) : null })
          .where('id', '=', r.id)
          .execute();
        throw BAD_LOGIN;
      }
      if (r.status === 'suspended')
        throw new ForbiddenError({ vi: 'Tài khoản đang bị tạm khoá. Liên hệ Công an xã, phường nơi cư trú.', en: 'The account is suspended. Contact your commune police.' });
      if (r.failed_logins) await db.updateTable('identity.account').set({ failed_logins: 0, locked_until: null }).where('id', '=', r.id).execute();
      return toAccount(r);
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
      return (await this.findById(r.id))!;
    },

    async setStatus(actor: Actor, pid: string, status: 'active' | 'suspended', reason: string): Promise<Account> {
      await registry.getPerson({ actor, purpose: 'account_management' }, pid);
      const r = await findByPid(pid);
      if (!r) throw new NotFoundError({ vi: 'Công dân chưa có tài khoản.', en: 'The citizen has no account.' });
      await db.updateTable('identity.account').set({ status, status_reason: reason }).where('id', '=', r.id).execute();
      return (await this.findById(r.id))!;
    },
  };
}

export type AccountService = ReturnType<typeof createAccountService>;

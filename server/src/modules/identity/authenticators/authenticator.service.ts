// Authenticators beyond the password: TOTP apps (RFC 6238, via otpauth) and passkeys (WebAuthn,
// via @simplewebauthn/server). A confirmed TOTP app becomes a required second factor after the
// password; a passkey (user verification required) logs in on its own. Codes are single-use per
// time step; WebAuthn challenges are single-use and expire after 5 minutes.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import * as OTPAuth from 'otpauth';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransport,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { NotFoundError, ValidationError } from '../../../http/errors.ts';
import type { Clock } from '../../../platform/clock.ts';
import { recordAccountEvent } from '../account/account-events.ts';
import type { IdentityTables } from '../identity.tables.ts';
import type { SecretBox } from './secret-box.ts';

const CHALLENGE_TTL_MS = 5 * 60_000;
const TOTP_PERIOD = 30;

export interface RelyingParty {
  /** WebAuthn RP ID: the host name people see (never an IP address). */
  id: string;
  name: string;
  /** Origins allowed to answer WebAuthn ceremonies (the public URL). */
  origins: string[];
}

export interface AuthenticatorView {
  id: string;
  kind: 'totp' | 'passkey';
  label: string;
  createdAt: string;
  lastUsedAt: string | null;
}

const PASSKEY_FAILED = ValidationError.field('body.response', 'passkey_failed', {
  vi: 'Khóa truy cập (passkey) không được xác nhận. Hãy thử lại.',
  en: 'The passkey could not be verified. Try again.',
});

export function createAuthenticatorService(deps: { db: Kysely<IdentityTables>; clock: Clock; box: SecretBox; rp: RelyingParty }) {
  const { db, clock, box, rp } = deps;

  const totpFor = (secret: string, label: string) => new OTPAuth.TOTP({ issuer: 'open06', label, algorithm: 'SHA1', digits: 6, period: TOTP_PERIOD, secret: OTPAuth.Secret.fromBase32(secret) });

  async function saveChallenge(accountId: string | null, purpose: string, challenge: string): Promise<string> {
    const id = randomUUID();
    await db.deleteFrom('identity.challenge').where('expires_at', '<', clock.now()).execute();
    await db.insertInto('identity.challenge').values({ id, account_id: accountId, purpose, challenge, expires_at: new Date(clock.now().getTime() + CHALLENGE_TTL_MS) }).execute();
    return id;
  }

  /** Takes a challenge once: it is deleted whatever happens next. */
  async function takeChallenge(id: string, purpose: string) {
    const row = await db.deleteFrom('identity.challenge').where('id', '=', id).where('purpose', '=', purpose).returningAll().executeTakeFirst();
    if (!row || new Date(row.expires_at) < clock.now()) return undefined;
    return row;
  }

  function view(r: { id: string; kind: 'totp' | 'passkey'; label: string; created_at: Date | string; last_used_at: Date | string | null }): AuthenticatorView {
    return { id: r.id, kind: r.kind, label: r.label, createdAt: new Date(r.created_at).toISOString(), lastUsedAt: r.last_used_at ? new Date(r.last_used_at).toISOString() : null };
  }

  return {
    async list(accountId: string): Promise<AuthenticatorView[]> {
      const rows = await db.selectFrom('identity.authenticator').selectAll().where('account_id', '=', accountId).where('confirmed_at', 'is not', null).orderBy('created_at').execute();
      return rows.map(view);
    },

    /** Which second factors the account has (confirmed ones only). */
    async factors(accountId: string): Promise<{ totp: boolean; passkey: boolean }> {
      const rows = await db.selectFrom('identity.authenticator').select('kind').where('account_id', '=', accountId).where('confirmed_at', 'is not', null).execute();
      return { totp: rows.some((r) => r.kind === 'totp'), passkey: rows.some((r) => r.kind === 'passkey') };
    },

    async remove(accountId: string, id: string): Promise<void> {
      const r = await db.deleteFrom('identity.authenticator').where('id', '=', id).where('account_id', '=', accountId).returning(['kind', 'label']).executeTakeFirst();
      if (!r) throw new NotFoundError({ vi: 'Không có phương thức xác thực này.', en: 'No such authenticator.' });
      await recordAccountEvent(db, accountId, 'authenticator_removed', `account:${accountId}`, { kind: r.kind, label: r.label });
    },

    /** TOTP, step 1: a new secret for the app (shown once as a QR code / otpauth URI). */
    async startTotp(accountId: string, pid: string, label: string) {
      const secret = new OTPAuth.Secret({ size: 20 }).base32;
      const id = randomUUID();
      await db.deleteFrom('identity.authenticator').where('account_id', '=', accountId).where('kind', '=', 'totp').where('confirmed_at', 'is', null).execute();
      await db.insertInto('identity.authenticator').values({ id, account_id: accountId, kind: 'totp', label, secret_sealed: box.seal(secret) }).execute();
      const masked = `${pid.slice(0, 3)}******${pid.slice(-3)}`;
      return { id, secret, uri: totpFor(secret, masked).toString() };
    },

    /** TOTP, step 2: the first code from the app proves it holds the secret. */
    async confirmTotp(accountId: string, id: string, code: string): Promise<AuthenticatorView> {
      const r = await db.selectFrom('identity.authenticator').selectAll().where('id', '=', id).where('account_id', '=', accountId).where('kind', '=', 'totp').executeTakeFirst();
      if (!r || r.confirmed_at) throw new NotFoundError({ vi: 'Không có yêu cầu thêm ứng dụng xác thực này.', en: 'No such pending authenticator app.' });
      const step = this.checkTotp(box.open(r.secret_sealed!), code, null);
      if (step === null) throw ValidationError.field('body.code', 'code_wrong', { vi: 'Mã từ ứng dụng xác thực không đúng.', en: 'Wrong code from the authenticator app.' });
      const now = clock.now();
      await db.updateTable('identity.authenticator').set({ confirmed_at: now, last_step: step }).where('id', '=', id).execute();
      await recordAccountEvent(db, accountId, 'authenticator_added', `account:${accountId}`, { kind: 'totp', label: r.label });
      return view(r);
    },

    /** The time step a code belongs to (±1 step of drift), or null; never a step already used. */
    checkTotp(secret: string, code: string, lastStep: number | null): number | null {
      const token = code.replace(/\s/g, '');
      if (!/^\d{6}$/.test(token)) return null;
      const delta = totpFor(secret, '').validate({ token, timestamp: clock.now().getTime(), window: 1 });
      if (delta === null) return null;
      const step = Math.floor(clock.now().getTime() / 1000 / TOTP_PERIOD) + delta;
      return lastStep !== null && step <= lastStep ? null : step;
    },

    /** A second-factor code at login: true when one of the account's TOTP apps accepts it. */
    async verifyTotp(accountId: string, code: string): Promise<boolean> {
      const rows = await db.selectFrom('identity.authenticator').selectAll().where('account_id', '=', accountId).where('kind', '=', 'totp').where('confirmed_at', 'is not', null).execute();
      for (const r of rows) {
        const step = this.checkTotp(box.open(r.secret_sealed!), code, r.last_step === null ? null : Number(r.last_step));
        if (step === null) continue;
        // compare-and-set on the step, so two requests with one code cannot both pass
        const res = await db
          .updateTable('identity.authenticator')
          .set({ last_step: step, last_used_at: clock.now() })
          .where('id', '=', r.id)
          .where((eb) => eb.or([eb('last_step', 'is', null), eb('last_step', '<', String(step))]))
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) === 1) return true;
      }
      return false;
    },

    /** Passkey registration, step 1: options for navigator.credentials.create(). */
    async passkeyRegistrationOptions(account: { id: string; pid: string; displayName: string }) {
      const existing = await db.selectFrom('identity.authenticator').select(['credential_id', 'transports']).where('account_id', '=', account.id).where('kind', '=', 'passkey').execute();
      const options = await generateRegistrationOptions({
        rpName: rp.name,
        rpID: rp.id,
        userName: account.pid,
        userDisplayName: account.displayName,
        userID: new TextEncoder().encode(account.id),
        attestationType: 'none',
        excludeCredentials: existing.map((c) => ({ id: c.credential_id!, transports: (c.transports ?? []) as AuthenticatorTransport[] })),
        authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
      });
      const challengeId = await saveChallenge(account.id, 'passkey_register', options.challenge);
      return { challengeId, options };
    },

    /** Passkey registration, step 2: the browser's answer is verified and the public key kept. */
    async finishPasskeyRegistration(accountId: string, challengeId: string, response: RegistrationResponseJSON, label: string): Promise<AuthenticatorView> {
      const ch = await takeChallenge(challengeId, 'passkey_register');
      if (!ch || ch.account_id !== accountId) throw PASSKEY_FAILED;
      let result;
      try {
        result = await verifyRegistrationResponse({ response, expectedChallenge: ch.challenge, expectedOrigin: rp.origins, expectedRPID: rp.id, requireUserVerification: true });
      } catch {
        throw PASSKEY_FAILED;
      }
      if (!result.verified) throw PASSKEY_FAILED;
      const c = result.registrationInfo.credential;
      const id = randomUUID();
      const now = clock.now();
      await db
        .insertInto('identity.authenticator')
        .values({ id, account_id: accountId, kind: 'passkey', label, credential_id: c.id, public_key: Buffer.from(c.publicKey).toString('base64url'), sign_count: c.counter, transports: c.transports ?? [], confirmed_at: now })
        .execute();
      await recordAccountEvent(db, accountId, 'authenticator_added', `account:${accountId}`, { kind: 'passkey', label });
      return view({ id, kind: 'passkey', label, created_at: now, last_used_at: null });
    },

    /** Passkey login, step 1: a challenge for any passkey of this site (discoverable credentials). */
    async passkeyLoginOptions() {
      const options = await generateAuthenticationOptions({ rpID: rp.id, userVerification: 'required' });
      const challengeId = await saveChallenge(null, 'passkey_login', options.challenge);
      return { challengeId, options };
    },

    /** Passkey login, step 2: the account the passkey belongs to, or a refusal. */
    async finishPasskeyLogin(challengeId: string, response: AuthenticationResponseJSON): Promise<string> {
      const ch = await takeChallenge(challengeId, 'passkey_login');
      if (!ch) throw PASSKEY_FAILED;
      const r = await db.selectFrom('identity.authenticator').selectAll().where('credential_id', '=', response.id).where('kind', '=', 'passkey').executeTakeFirst();
      if (!r) throw PASSKEY_FAILED;
      let result;
      try {
        result = await verifyAuthenticationResponse({
          response,
          expectedChallenge: ch.challenge,
          expectedOrigin: rp.origins,
          expectedRPID: rp.id,
          requireUserVerification: true,
          credential: { id: r.credential_id!, publicKey: new Uint8Array(Buffer.from(r.public_key!, 'base64url')), counter: Number(r.sign_count), transports: (r.transports ?? []) as AuthenticatorTransport[] },
        });
      } catch {
        throw PASSKEY_FAILED;
      }
      if (!result.verified) throw PASSKEY_FAILED;
      await db.updateTable('identity.authenticator').set({ sign_count: result.authenticationInfo.newCounter, last_used_at: clock.now() }).where('id', '=', r.id).execute();
      return r.account_id;
    },
  };
}

export type AuthenticatorService = ReturnType<typeof createAuthenticatorService>;

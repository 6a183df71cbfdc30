// The e-ID QR on the platform's side: issuing one to a logged-in citizen (from the registry, as
// they are now) and verifying one online — the offline checks plus replay: each QR is good once.
import { newEidQrNonce, signEidQr, verifyEidQr, type EidQrClaims, type EidQrVerification } from '@open06/kernel/eid-qr';
import type { Actor } from '../../../http/authz.ts';
import { ForbiddenError, NotFoundError } from '../../../http/errors.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { RegistryApi } from '../../registry/index.ts';
import type { IdentityPort } from '../verification.api.ts';
import type { EidQrKeys } from './eid-qr.keys.ts';
import type { NonceStore } from './nonce.store.ts';

/** Clock leeway verifiers allow (seconds); nonces are kept this much past a QR's expiry. */
export const LEEWAY_SECONDS = 30;
export const ISSUANCE_PURPOSE = 'eid_qr_issuance';

export interface IssuedQr {
  qr: string;
  kid: string;
  issuedAt: string;
  expiresAt: string;
  level: 1 | 2;
}

export type OnlineVerification = EidQrVerification & { replayed?: boolean };

export function createEidQrService(deps: { keys: EidQrKeys; registry: RegistryApi; identity: IdentityPort; nonces: NonceStore; clock: Clock }) {
  const { keys, registry, identity, nonces, clock } = deps;

  return {
    /** A fresh QR for the citizen themself: an active e-ID account and a living person in the registry. */
    async issue(ctx: { actor: Actor; requestId?: string | undefined }): Promise<IssuedQr> {
      const { actor } = ctx;
      if (actor.role !== 'citizen' || !actor.pid)
        throw new ForbiddenError({ vi: 'Chỉ công dân mới tạo được mã QR định danh của chính mình.', en: 'Only a citizen can create their own e-ID QR.' });
      const account = await identity.findAccount(actor.pid);
      if (!account)
        throw new ForbiddenError({ vi: 'Bạn chưa có tài khoản định danh điện tử.', en: 'You have no e-ID account.' });
      if (account.status !== 'active')
        throw new ForbiddenError({ vi: 'Tài khoản định danh điện tử đang bị khoá; không thể tạo mã QR.', en: 'Your e-ID account is suspended; no QR can be created.' });
      // the citizen's own read, with its purpose, in their access log like any other
      const person = await registry.getPerson({ actor, purpose: ISSUANCE_PURPOSE, requestId: ctx.requestId }, actor.pid);
      if (person.lifeStatus !== 'alive' || !person.fullName || !person.birthDate || !person.sex)
        throw new NotFoundError({ vi: 'Không tìm thấy thông tin công dân còn hiệu lực trong CSDL.', en: 'No current record of this citizen in the registry.' });
      const now = clock.now();
      const iat = Math.floor(now.getTime() / 1000);
      const claims: EidQrClaims = {
        iss: keys.issuer,
        pid: actor.pid,
        fullName: person.fullName,
        birthDate: person.birthDate,
        sex: person.sex,
        level: account.level,
        iat,
        exp: iat + keys.qrLifetimeSeconds,
        nonce: newEidQrNonce(),
      };
      const signer = await keys.signer(now);
      return {
        qr: await signEidQr(claims, signer),
        kid: signer.kid,
        issuedAt: new Date(iat * 1000).toISOString(),
        expiresAt: new Date(claims.exp * 1000).toISOString(),
        level: account.level,
      };
    },

    /** Offline checks with the published keys, then refuses a nonce already seen. */
    async verify(text: string): Promise<OnlineVerification> {
      const now = clock.now();
      const r = await verifyEidQr(text, await keys.ring(now), { now, leewaySeconds: LEEWAY_SECONDS });
      if (!r.valid) return r;
      const first = await nonces.firstUse(r.claims.nonce, new Date((r.claims.exp + LEEWAY_SECONDS) * 1000), now);
      return first ? r : { ...r, replayed: true };
    },
  };
}

export type EidQrService = ReturnType<typeof createEidQrService>;

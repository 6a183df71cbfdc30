// API access with the provider's JWT access tokens (resource `urn:open06:api`): a citizen acts as
// themself; an official acts in the role (and unit) granted to their account — the first one, or
// the one named by the `X-Open06-Role` header; a client with a client-credentials token acts as
// `oidc:<client_id>` in the role its registration names (`api_role`), and is refused without one. A DPoP-bound token (RFC 9449) is accepted only with
// `Authorization: DPoP …` and a fresh proof of its key for this very request.
import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { calculateJwkThumbprint, createLocalJWKSet, EmbeddedJWK, jwtVerify, type JWK, type JWTPayload } from 'jose';
import type { Kysely } from 'kysely';
import type { Authenticator } from '../../../http/auth.ts';
import { ROLE_NAMES, type Actor, type RoleName } from '../../../http/authz.ts';
import { UnauthorizedError } from '../../../http/errors.ts';
import { Lru } from '../../../platform/lru.ts';
import type { IdentityTables } from '../identity.tables.ts';
import { API_RESOURCE } from './oidc.provider.ts';

const PROOF_MAX_AGE_S = 60;
const BAD_PROOF = new UnauthorizedError({ vi: 'Bằng chứng DPoP không hợp lệ cho yêu cầu này.', en: 'The DPoP proof is not valid for this request.' });

/**
 * Checks the DPoP proof of a request against the token's key (cnf.jkt): signed by that key, for
 * this method and URL, for this token (ath), recent, and never seen before (jti).
 */
async function checkDpopProof(req: FastifyRequest, token: string, jkt: string, origin: string, seen: Lru<string, number>): Promise<void> {
  const proof = req.headers.dpop;
  if (typeof proof !== 'string') throw BAD_PROOF;
  let payload: JWTPayload;
  let jwk: JWK;
  try {
    const out = await jwtVerify(proof, EmbeddedJWK, { typ: 'dpop+jwt', maxTokenAge: PROOF_MAX_AGE_S, clockTolerance: 5 });
    payload = out.payload;
    jwk = out.protectedHeader.jwk!;
  } catch {
    throw BAD_PROOF;
  }
  const htu = `${origin}${req.url.split('?')[0]}`;
  const ath = createHash('sha256').update(token).digest('base64url');
  if (payload.htm !== req.method || payload.htu !== htu || payload.ath !== ath || typeof payload.jti !== 'string') throw BAD_PROOF;
  if ((await calculateJwkThumbprint(jwk, 'sha256')) !== jkt) throw BAD_PROOF;
  const now = Date.now();
  const replay = seen.get(payload.jti);
  if (replay && replay > now) throw BAD_PROOF;
  seen.set(payload.jti, now + (PROOF_MAX_AGE_S + 10) * 1000);
}

export function oidcAuthenticator(deps: { issuer: string; jwks: { keys: JWK[] }; db: Kysely<IdentityTables> }): Authenticator & { forget(accountId: string): void } {
  const origin = new URL(deps.issuer).origin;
  // proofs seen lately (a proof is good for one request); bounded, older ones are also too old
  const seenProofs = new Lru<string, number>(100_000);
  const publicKeys = createLocalJWKSet({ keys: deps.jwks.keys.map(({ d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...pub }) => pub) });
  const machines = new Lru<string, { actor: Actor | null; until: number }>(1_000);
  async function machine(clientId: string): Promise<Actor | null> {
    const hit = machines.get(clientId);
    if (hit && hit.until > Date.now()) return hit.actor;
    const row = await deps.db.selectFrom('identity.oidc_model').select('payload').where('model', '=', 'Client').where('id', '=', clientId).executeTakeFirst();
    const meta = (typeof row?.payload === 'string' ? JSON.parse(row.payload) : row?.payload) as { api_role?: string; organization?: string; client_name?: string } | undefined;
    const actor: Actor | null = meta?.api_role === 'sector_system' ? { sub: `oidc:${clientId}`, role: 'sector_system', name: meta.organization ?? meta.client_name ?? clientId } : null;
    machines.set(clientId, { actor, until: Date.now() + 30_000 });
    return actor;
  }
  const people = new Lru<string, { pid: string; level: 1 | 2; roles: { role: RoleName; unit: string | null }[]; until: number }>(10_000);

  async function person(accountId: string) {
    const hit = people.get(accountId);
    if (hit && hit.until > Date.now()) return hit;
    const account = await deps.db.selectFrom('identity.account').select(['pid', 'status', 'level']).where('id', '=', accountId).executeTakeFirst();
    if (!account || account.status !== 'active') return undefined;
    const roles = (await deps.db.selectFrom('identity.official_role').select(['role', 'unit']).where('account_id', '=', accountId).orderBy('granted_at').execute())
      .filter((r): r is { role: RoleName; unit: string | null } => (ROLE_NAMES as readonly string[]).includes(r.role));
    const entry = { pid: account.pid, level: account.level as 1 | 2, roles, until: Date.now() + 30_000 };
    people.set(accountId, entry);
    return entry;
  }

  return {
    /** A change to the account's roles or status: read it again at the next request. */
    forget: (id) => {
      people.delete(id);
      machines.delete(id);
    },
    async authenticate(req) {
      const h = req.headers.authorization;
      if (!h || !/^(Bearer|DPoP)\s+/i.test(h)) return null;
      const token = h.replace(/^(Bearer|DPoP)\s+/i, '').trim();
      let payload;
      try {
        ({ payload } = await jwtVerify(token, publicKeys, { issuer: deps.issuer, audience: API_RESOURCE }));
      } catch {
        return null; // not one of ours: the next authenticator may know it
      }
      const jkt = (payload.cnf as { jkt?: string } | undefined)?.jkt;
      if (jkt) {
        if (!/^DPoP\s/i.test(h)) throw new UnauthorizedError({ vi: 'Mã truy cập gắn DPoP phải gửi kèm bằng chứng DPoP.', en: 'A DPoP-bound access token must come with a DPoP proof.' });
        await checkDpopProof(req, token, jkt, origin, seenProofs);
      } else if (!/^Bearer\s/i.test(h)) return null;
      if (!payload.sub || payload.sub === payload.client_id) {
        // client credentials: a machine, allowed on the API only in the role its registration names
        const m = typeof payload.client_id === 'string' ? await machine(payload.client_id) : null;
        if (!m) throw new UnauthorizedError({ vi: 'Ứng dụng này chưa được phép gọi API open06.', en: 'This client is not allowed to call the open06 API.' });
        return m;
      }
      const p = await person(payload.sub);
      if (!p) return null;
      const wanted = req.headers['x-open06-role'];
      const official = p.roles.find((r) => r.role === wanted) ?? (wanted === 'citizen' ? undefined : p.roles[0]);
      const actor: Actor = official
        ? { sub: `account:${payload.sub}`, role: official.role, ...(official.unit ? { unit: official.unit } : {}), pid: p.pid }
        : { sub: `account:${payload.sub}`, role: 'citizen', pid: p.pid, level: p.level };
      return actor;
    },
  };
}

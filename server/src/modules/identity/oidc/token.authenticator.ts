// API access with the provider's JWT access tokens (resource `urn:open06:api`): a citizen acts as
// themself; an official acts in the role (and unit) granted to their account — the first one, or
// the one named by the `X-Open06-Role` header.
import { createLocalJWKSet, jwtVerify, type JWK } from 'jose';
import type { Kysely } from 'kysely';
import type { Authenticator } from '../../../http/auth.ts';
import { ROLE_NAMES, type Actor, type RoleName } from '../../../http/authz.ts';
import { UnauthorizedError } from '../../../http/errors.ts';
import { Lru } from '../../../platform/lru.ts';
import type { IdentityTables } from '../identity.tables.ts';
import { API_RESOURCE } from './oidc.provider.ts';

export function oidcAuthenticator(deps: { issuer: string; jwks: { keys: JWK[] }; db: Kysely<IdentityTables> }): Authenticator {
  const publicKeys = createLocalJWKSet({ keys: deps.jwks.keys.map(({ d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...pub }) => pub) });
  const people = new Lru<string, { pid: string; roles: { role: RoleName; unit: string | null }[]; until: number }>(10_000);

  async function person(accountId: string) {
    const hit = people.get(accountId);
    if (hit && hit.until > Date.now()) return hit;
    const account = await deps.db.selectFrom('identity.account').select(['pid', 'status']).where('id', '=', accountId).executeTakeFirst();
    if (!account || account.status !== 'active') return undefined;
    const roles = (await deps.db.selectFrom('identity.official_role').select(['role', 'unit']).where('account_id', '=', accountId).orderBy('granted_at').execute())
      .filter((r): r is { role: RoleName; unit: string | null } => (ROLE_NAMES as readonly string[]).includes(r.role));
    const entry = { pid: account.pid, roles, until: Date.now() + 30_000 };
    people.set(accountId, entry);
    return entry;
  }

  return {
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
      if (payload.cnf)
        throw new UnauthorizedError({ vi: 'Mã truy cập gắn DPoP chưa được API này chấp nhận.', en: 'DPoP-bound access tokens are not accepted by this API yet.' });
      if (!payload.sub || payload.sub === payload.client_id) return null; // client credentials: a machine, not a person
      const p = await person(payload.sub);
      if (!p) return null;
      const wanted = req.headers['x-open06-role'];
      const official = p.roles.find((r) => r.role === wanted) ?? (wanted === 'citizen' ? undefined : p.roles[0]);
      const actor: Actor = official
        ? { sub: `account:${payload.sub}`, role: official.role, ...(official.unit ? { unit: official.unit } : {}), pid: p.pid }
        : { sub: `account:${payload.sub}`, role: 'citizen', pid: p.pid };
      return actor;
    },
  };
}

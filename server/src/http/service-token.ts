// Signed bearer tokens for officials (until OIDC login arrives) and for machines.
// EdDSA (Ed25519) JWTs; the key pair lives in DATA_DIR/keys and is created on first use.
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { SignJWT, exportJWK, generateKeyPair, importJWK, jwtVerify, type JWK } from 'jose';
import { z } from 'zod';
import type { Actor } from './authz.ts';
import { ROLE_NAMES } from './authz.ts';
import { Lru } from '../platform/lru.ts';

const ISSUER = 'open06';
const AUDIENCE = 'open06-api';

const Claims = z.object({
  sub: z.string().min(1),
  role: z.enum(ROLE_NAMES),
  unit: z.string().regex(/^\d{2}(\d{3})?$/).optional(),
  name: z.string().optional(),
  pid: z.string().regex(/^\d{12}$/).optional(),
});

export interface TokenService {
  issue(actor: Actor, ttlSeconds: number): Promise<string>;
  /** The actor a valid token stands for, or null for a bad, expired or foreign token. */
  verify(token: string): Promise<Actor | null>;
}

export async function loadTokenService(keysDir: string): Promise<TokenService> {
  const file = path.join(keysDir, 'service-token.jwk.json');
  let jwk: JWK;
  if (fs.existsSync(file)) {
    jwk = JSON.parse(fs.readFileSync(file, 'utf8')) as JWK;
  } else {
    const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    jwk = { ...(await exportJWK(privateKey)), kid: randomUUID(), alg: 'EdDSA' };
    fs.mkdirSync(keysDir, { recursive: true, mode: 0o700 });
    fs.writeFileSync(file, JSON.stringify(jwk), { mode: 0o600 });
  }
  const privateKey = await importJWK(jwk, 'EdDSA');
  // Verified tokens are remembered until they expire: a signature check per request is the
  // largest cost of a cached person look-up.
  const verified = new Lru<string, { actor: Actor; exp: number }>(10_000);
  const { d: _d, ...pub } = jwk;
  const publicKey = await importJWK(pub, 'EdDSA');
  return {
    async issue(actor, ttlSeconds) {
      const claims = Claims.parse({ ...actor });
      return new SignJWT({ role: claims.role, ...(claims.unit ? { unit: claims.unit } : {}), ...(claims.name ? { name: claims.name } : {}), ...(claims.pid ? { pid: claims.pid } : {}) })
        .setProtectedHeader({ alg: 'EdDSA', kid: jwk.kid! })
        .setSubject(claims.sub)
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt()
        .setJti(randomUUID())
        .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
        .sign(privateKey);
    },
    async verify(token) {
      const hit = verified.get(token);
      if (hit) {
        if (hit.exp * 1000 > Date.now()) return hit.actor;
        verified.delete(token);
        return null;
      }
      try {
        const { payload } = await jwtVerify(token, publicKey, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['EdDSA'] });
        const parsed = Claims.safeParse(payload);
        if (!parsed.success) return null;
        const actor = stripUndefined(parsed.data);
        verified.set(token, { actor, exp: payload.exp ?? 0 });
        return actor;
      } catch {
        return null;
      }
    },
  };
}

function stripUndefined(c: z.infer<typeof Claims>): Actor {
  return Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined)) as unknown as Actor;
}

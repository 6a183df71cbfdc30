// The provider's signing keys (RS256 and ES256) and cookie secrets, kept in DATA_DIR/keys. Rotation
// puts a new key first (used for signing) and keeps the older ones published in the JWKS, so that
// relying parties and verifiers that cached yesterday's keys keep working.
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, type JWK } from 'jose';

export interface ProviderKeys {
  jwks: { keys: JWK[] };
  cookieKeys: string[];
}

async function newKey(alg: 'RS256' | 'ES256'): Promise<JWK> {
  const { privateKey } = await generateKeyPair(alg, { extractable: true, ...(alg === 'RS256' ? { modulusLength: 2048 } : {}) });
  return { ...(await exportJWK(privateKey)), kid: randomUUID(), alg, use: 'sig' };
}

export async function loadProviderKeys(keysDir: string): Promise<ProviderKeys> {
  const file = path.join(keysDir, 'oidc-keys.json');
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as ProviderKeys;
  const keys: ProviderKeys = { jwks: { keys: [await newKey('RS256'), await newKey('ES256')] }, cookieKeys: [randomBytes(32).toString('base64url')] };
  fs.mkdirSync(keysDir, { recursive: true, mode: 0o700 });
  fs.writeFileSync(file, JSON.stringify(keys), { mode: 0o600 });
  return keys;
}

/** New signing keys first; the previous `keep` keys of each algorithm stay published. */
export async function rotateProviderKeys(keysDir: string, keep = 2): Promise<ProviderKeys> {
  const current = await loadProviderKeys(keysDir);
  const next: JWK[] = [await newKey('RS256'), await newKey('ES256')];
  for (const alg of ['RS256', 'ES256']) next.push(...current.jwks.keys.filter((k) => k.alg === alg).slice(0, keep));
  const keys: ProviderKeys = { jwks: { keys: next }, cookieKeys: [randomBytes(32).toString('base64url'), ...current.cookieKeys.slice(0, keep)] };
  fs.writeFileSync(path.join(keysDir, 'oidc-keys.json'), JSON.stringify(keys), { mode: 0o600 });
  return keys;
}

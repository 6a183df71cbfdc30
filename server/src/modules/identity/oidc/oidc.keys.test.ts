// Key rotation: the new key signs, yesterday's key stays published, so what it signed still verifies.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLocalJWKSet, importJWK, jwtVerify, SignJWT, type JWK } from 'jose';
import { loadProviderKeys, rotateProviderKeys } from './oidc.keys.ts';

const publicOnly = (keys: JWK[]) => keys.map(({ d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...pub }) => pub);

describe('provider signing keys', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'open06-keys-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('rotates without breaking what the previous key signed, and keeps only a bounded history', async () => {
    const before = await loadProviderKeys(dir);
    const oldEs = before.jwks.keys.find((k) => k.alg === 'ES256')!;
    const token = await new SignJWT({ sub: 'x' }).setProtectedHeader({ alg: 'ES256', kid: oldEs.kid! }).setIssuedAt().setExpirationTime('5m').sign(await importJWK(oldEs, 'ES256'));

    const after = await rotateProviderKeys(dir, 1);
    expect(after.jwks.keys[1]!.alg).toBe('ES256');
    expect(after.jwks.keys[1]!.kid).not.toBe(oldEs.kid); // a new key signs from now on
    expect(after.jwks.keys.map((k) => k.kid)).toContain(oldEs.kid); // the old one is still published
    const { payload } = await jwtVerify(token, createLocalJWKSet({ keys: publicOnly(after.jwks.keys) }));
    expect(payload.sub).toBe('x');
    expect((await loadProviderKeys(dir)).jwks.keys.map((k) => k.kid)).toEqual(after.jwks.keys.map((k) => k.kid)); // persisted

    const third = await rotateProviderKeys(dir, 1);
    expect(third.jwks.keys.map((k) => k.kid)).not.toContain(oldEs.kid); // two rotations later it is gone
    await expect(jwtVerify(token, createLocalJWKSet({ keys: publicOnly(third.jwks.keys) }))).rejects.toThrow();
  });
});

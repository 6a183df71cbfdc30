// The e-ID QR as a verifier meets it: a genuine QR passes offline; anything altered, expired,
// signed by an unknown or retired key, from another issuer or in an unknown version fails with
// the reason; keys cached before a rotation keep working until their QRs have expired.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeBase45, encodeBase45 } from './base45.ts';
import { deflateZlib, inflateZlib } from './zlib.ts';
import {
  EID_QR_PREFIX,
  generateEidQrKey,
  importEidQrKeys,
  importEidQrSigner,
  newEidQrNonce,
  signEidQr,
  verifyEidQr,
  type EidQrClaims,
  type EidQrKeySet,
  type EidQrPublicKey,
  type EidQrSigner,
} from './index.ts';

const ISSUER = 'https://dinhdanh.example.vn';
const T0 = Date.parse('2026-11-23T08:00:00+07:00') / 1000;

async function newKey(nbf: number, exp?: number): Promise<{ signer: EidQrSigner; pub: EidQrPublicKey }> {
  const k = await generateEidQrKey();
  return {
    signer: await importEidQrSigner(k.kid, k.privateJwk),
    pub: { kid: k.kid, kty: 'EC', crv: 'P-256', x: String(k.publicJwk.x), y: String(k.publicJwk.y), alg: 'ES256', use: 'sig', nbf, ...(exp ? { exp } : {}) },
  };
}

function claims(over: Partial<EidQrClaims> = {}): EidQrClaims {
  return { iss: ISSUER, pid: '030190004321', fullName: 'Trần Thị Thu Hà', birthDate: '1990-11-02', sex: 'F', level: 2, iat: T0, exp: T0 + 180, nonce: newEidQrNonce(), ...over };
}

const at = (s: number) => ({ now: s * 1000 });

describe('e-ID QR', () => {
  let key: Awaited<ReturnType<typeof newKey>>;
  let keys: EidQrKeySet;
  beforeAll(async () => {
    key = await newKey(T0 - 86400);
    keys = { issuer: ISSUER, keys: [key.pub] };
  });

  it('round-trips: what was signed is what the verifier reads, all checks passed', async () => {
    const c = claims();
    const qr = await signEidQr(c, key.signer);
    expect(qr.startsWith(EID_QR_PREFIX)).toBe(true);
    // QR alphanumeric mode only, and small enough for a phone screen
    expect(qr).toMatch(/^[0-9A-Z $%*+\-./:]+$/);
    expect(qr.length).toBeLessThan(400);
    const r = await verifyEidQr(qr, keys, at(T0 + 10));
    expect(r.valid).toBe(true);
    expect(r.claims).toEqual(c);
    expect(r.checks.every((x) => x.status === 'passed')).toBe(true);
  });

  it('keeps Vietnamese names exactly (NFC), whatever form they were given in', async () => {
    const qr = await signEidQr(claims({ fullName: 'Nguyễn Thị Ánh Tuyết'.normalize('NFD') }), key.signer);
    const r = await verifyEidQr(qr, keys, at(T0));
    expect(r.claims?.fullName).toBe('Nguyễn Thị Ánh Tuyết'.normalize('NFC'));
  });

  it('round-trips any personal ID, name, partial birth date, sex and level', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.stringMatching(/^\d{12}$/),
        fc.string({ minLength: 1, maxLength: 60, unit: 'grapheme' }).filter((s) => s.trim().length > 0 && s === s.normalize('NFC')),
        fc.constantFrom('1975', '1980-02', '2015-07-20'),
        fc.constantFrom('M' as const, 'F' as const),
        fc.constantFrom(1 as const, 2 as const),
        async (pid, fullName, birthDate, sex, level) => {
          const c = claims({ pid, fullName, birthDate, sex, level });
          const r = await verifyEidQr(await signEidQr(c, key.signer), keys, at(T0));
          expect(r.claims).toEqual(c);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('accepts what a keyboard-wedge scanner adds at the end (Enter)', async () => {
    const qr = await signEidQr(claims(), key.signer);
    expect((await verifyEidQr(`${qr}\r\n`, keys, at(T0))).valid).toBe(true);
  });

  it('refuses a QR whose signed content was altered (a changed name, re-compressed)', async () => {
    const qr = await signEidQr(claims({ fullName: 'Tran Thi Ha' }), key.signer);
    const raw = inflateZlib(decodeBase45(qr.slice(4)));
    const i = new TextDecoder('latin1').decode(raw).indexOf('Tran Thi Ha');
    expect(i).toBeGreaterThan(0);
    raw[i + 5] = 'X'.charCodeAt(0); // Tran XXhi Ha
    const forged = EID_QR_PREFIX + encodeBase45(await deflateZlib(raw));
    const r = await verifyEidQr(forged, keys, at(T0));
    expect(r).toMatchObject({ valid: false, failure: 'bad_signature' });
    expect(r.claims).toBeUndefined(); // nothing unsigned is ever shown as fact
    expect(r.checks.find((c) => c.name === 'signature')?.status).toBe('failed');
  });

  it('refuses any single changed character: damaged or forged, never valid', async () => {
    const qr = await signEidQr(claims(), key.signer);
    const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 4, max: qr.length - 1 }), fc.integer({ min: 1, max: 44 }), async (pos, shift) => {
        const c = alphabet[(alphabet.indexOf(qr[pos]!) + shift) % 45]!;
        const r = await verifyEidQr(qr.slice(0, pos) + c + qr.slice(pos + 1), keys, at(T0));
        expect(r.valid).toBe(false);
        expect(['malformed', 'bad_signature', 'unknown_key']).toContain((r as { failure: string }).failure);
      }),
      { numRuns: 150 },
    );
  });

  it('refuses a QR signed by someone else under a published key id', async () => {
    const other = await newKey(T0 - 86400);
    const qr = await signEidQr(claims(), { kid: key.signer.kid, privateKey: other.signer.privateKey });
    expect(await verifyEidQr(qr, keys, at(T0))).toMatchObject({ valid: false, failure: 'bad_signature' });
  });

  it('expires: valid within its lifetime (and 30 s of clock leeway), refused after, claims still shown as expired', async () => {
    const qr = await signEidQr(claims(), key.signer);
    expect((await verifyEidQr(qr, keys, at(T0 + 179))).valid).toBe(true);
    expect((await verifyEidQr(qr, keys, at(T0 + 205))).valid).toBe(true);
    const late = await verifyEidQr(qr, keys, at(T0 + 211));
    expect(late).toMatchObject({ valid: false, failure: 'expired' });
    expect(late.claims?.pid).toBe('030190004321');
    expect(late.checks.find((c) => c.name === 'signature')?.status).toBe('passed');
    expect(late.checks.find((c) => c.name === 'expiry')?.status).toBe('failed');
    expect((await verifyEidQr(qr, keys, { now: (T0 + 179) * 1000, leewaySeconds: 0 })).valid).toBe(true);
    expect(await verifyEidQr(qr, keys, { now: (T0 + 181) * 1000, leewaySeconds: 0 })).toMatchObject({ failure: 'expired' });
  });

  it('refuses a QR issued in the future (a verifier whose clock is far behind)', async () => {
    const qr = await signEidQr(claims(), key.signer);
    expect(await verifyEidQr(qr, keys, at(T0 - 120))).toMatchObject({ valid: false, failure: 'not_yet_valid' });
  });

  it('refuses an unknown key id, another issuer, other versions and other QR codes', async () => {
    const stranger = await newKey(T0 - 86400);
    expect(await verifyEidQr(await signEidQr(claims(), stranger.signer), keys, at(T0))).toMatchObject({ valid: false, failure: 'unknown_key' });
    expect(await verifyEidQr(await signEidQr(claims({ iss: 'https://gia-mao.example' }), key.signer), keys, at(T0))).toMatchObject({ failure: 'wrong_issuer' });
    const qr = await signEidQr(claims(), key.signer);
    expect(await verifyEidQr(`VN2:${qr.slice(4)}`, keys, at(T0))).toMatchObject({ failure: 'version_unsupported' });
    expect(await verifyEidQr(`HC1:${qr.slice(4)}`, keys, at(T0))).toMatchObject({ failure: 'not_eid_qr' });
    expect(await verifyEidQr('030190004321||Trần Thị Thu Hà|02111990|Nữ|Thành Đông|10052021', keys, at(T0))).toMatchObject({ failure: 'not_eid_qr' });
    expect(await verifyEidQr('VN1:ABC', keys, at(T0))).toMatchObject({ failure: 'malformed' });
    expect(await verifyEidQr('VN1:' + encodeBase45(await deflateZlib(new TextEncoder().encode('{"pid":"030190004321"}'))), keys, at(T0))).toMatchObject({ failure: 'malformed' });
  });

  it('survives key rotation: a verifier with yesterday’s cached keys still verifies QRs the old key signed, until they are all expired', async () => {
    const rotatedAt = T0 + 3600;
    const grace = 600;
    const old = await newKey(T0 - 86400);
    const fresh = await newKey(rotatedAt);
    const cachedYesterday: EidQrKeySet = { issuer: ISSUER, keys: [old.pub] };
    const afterRotation: EidQrKeySet = { issuer: ISSUER, keys: [fresh.pub, { ...old.pub, exp: rotatedAt + 180 + grace }] };
    // the last QR the old key signed, a moment before the rotation
    const lastOld = await signEidQr(claims({ iat: rotatedAt - 1, exp: rotatedAt + 179 }), old.signer);
    expect((await verifyEidQr(lastOld, cachedYesterday, at(rotatedAt + 60))).valid).toBe(true);
    expect((await verifyEidQr(lastOld, afterRotation, at(rotatedAt + 60))).valid).toBe(true);
    // QRs of the new key: unknown to the stale cache (the verifier refetches), fine with the new set
    const firstNew = await signEidQr(claims({ iat: rotatedAt + 1, exp: rotatedAt + 181 }), fresh.signer);
    expect(await verifyEidQr(firstNew, cachedYesterday, at(rotatedAt + 60))).toMatchObject({ failure: 'unknown_key' });
    expect((await verifyEidQr(firstNew, afterRotation, at(rotatedAt + 60))).valid).toBe(true);
    // once every QR of the old key has expired (plus the grace), the old key itself is refused
    const ring = await importEidQrKeys(afterRotation);
    const forgedLate = await signEidQr(claims({ iat: rotatedAt + 900, exp: rotatedAt + 1080 }), old.signer);
    expect(await verifyEidQr(forgedLate, ring, at(rotatedAt + 900))).toMatchObject({ failure: 'key_not_valid' });
  });

  it('refuses a QR dated before its key was in use', async () => {
    const k = await newKey(T0);
    const qr = await signEidQr(claims({ iat: T0 - 3600, exp: T0 + 3600 }), k.signer);
    const r = await verifyEidQr(qr, { issuer: ISSUER, keys: [k.pub] }, at(T0));
    expect(r).toMatchObject({ valid: false, failure: 'key_not_valid' });
    expect(r.checks.find((c) => c.name === 'signature')?.status).toBe('passed');
  });

  it('ignores a broken entry in the key set instead of failing every QR', async () => {
    const qr = await signEidQr(claims(), key.signer);
    const broken: EidQrKeySet = { issuer: ISSUER, keys: [{ ...key.pub, kid: 'broken', x: 'AAAA' }, key.pub] };
    expect((await verifyEidQr(qr, broken, at(T0))).valid).toBe(true);
  });
});

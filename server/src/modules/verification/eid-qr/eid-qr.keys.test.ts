// Key rotation over time, as verifiers see it through the published key set.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { newEidQrNonce, signEidQr, verifyEidQr, type EidQrKeySet } from '@open06/kernel/eid-qr';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KEYS_FILE, loadEidQrKeys } from './eid-qr.keys.ts';

const ISSUER = 'https://dinhdanh.example.vn';
const DAY = 86_400;
const T0 = new Date('2026-11-23T08:00:00+07:00');
const plus = (s: number) => new Date(T0.getTime() + s * 1000);

async function qrAt(keys: ReturnType<typeof loadEidQrKeys>, when: Date): Promise<string> {
  const iat = Math.floor(when.getTime() / 1000);
  return signEidQr({ iss: ISSUER, pid: '030085001234', fullName: 'Nguyễn Văn Hùng', birthDate: '1985-04-12', sex: 'M', level: 2, iat, exp: iat + 180, nonce: newEidQrNonce() }, await keys.signer(when));
}

describe('e-ID QR signing keys', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'open06-eidqr-keys-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('creates a signing key and publishes its successor a day before it starts', async () => {
    const keys = loadEidQrKeys(dir, { issuer: ISSUER });
    const set = await keys.published(T0);
    expect(set.issuer).toBe(ISSUER);
    expect(set.keys).toHaveLength(2);
    const [now, next] = set.keys;
    expect(now!.nbf).toBe(T0.getTime() / 1000);
    expect(next!.nbf).toBe(now!.nbf + 30 * DAY);
    // the signing key expires when the QRs it can sign have expired after its successor starts, plus an hour
    expect(now!.exp).toBe(next!.nbf + 180 + 3600);
    expect(next!.exp).toBeUndefined();
    // private parts never leave the server
    expect(JSON.stringify(set)).not.toMatch(/"d"/);
    expect(fs.statSync(path.join(dir, KEYS_FILE)).mode & 0o777).toBe(0o600);
    expect((await keys.signer(T0)).kid).toBe(now!.kid);
  });

  it('keeps the same keys across restarts', async () => {
    const a = await loadEidQrKeys(dir, { issuer: ISSUER }).published(T0);
    const b = await loadEidQrKeys(dir, { issuer: ISSUER }).published(plus(60));
    expect(b).toEqual(a);
  });

  it('rotates on schedule without breaking a verifier that cached the set the day before', async () => {
    const keys = loadEidQrKeys(dir, { issuer: ISSUER });
    await keys.published(T0);
    const cachedDay29: EidQrKeySet = await keys.published(plus(29 * DAY));
    const [first, second] = cachedDay29.keys;
    // day 30: the pre-published key signs; the verifier's day-old cache already knows it
    const qrDay30 = await qrAt(keys, plus(30 * DAY + 10));
    expect((await verifyEidQr(qrDay30, cachedDay29, { now: plus(30 * DAY + 20) })).kid).toBe(second!.kid);
    expect((await verifyEidQr(qrDay30, cachedDay29, { now: plus(30 * DAY + 20) })).valid).toBe(true);
    // a QR the first key signed just before the switch stays valid to its end, with the new set too
    const lastOfFirst = await qrAt(keys, plus(30 * DAY - 5));
    const setDay30 = await keys.published(plus(30 * DAY + 60));
    expect(setDay30.keys.map((k) => k.kid)).toEqual([first!.kid, second!.kid, expect.any(String)]);
    expect((await verifyEidQr(lastOfFirst, setDay30, { now: plus(30 * DAY + 60) })).valid).toBe(true);
    // an hour and a QR lifetime later the first key is gone from the set
    const later = await keys.published(plus(30 * DAY + 180 + 3600 + 1));
    expect(later.keys.map((k) => k.kid)).not.toContain(first!.kid);
    expect(later.keys[0]!.kid).toBe(second!.kid);
  });

  it('rotates at once on request: new QRs use the new key, old QRs still verify until they expire', async () => {
    const keys = loadEidQrKeys(dir, { issuer: ISSUER });
    const before = await qrAt(keys, plus(100));
    const kid = await keys.rotateNow(plus(200));
    const after = await qrAt(keys, plus(210));
    const set = await keys.published(plus(220));
    expect((await verifyEidQr(after, set, { now: plus(220) })).kid).toBe(kid);
    expect((await verifyEidQr(before, set, { now: plus(220) })).valid).toBe(true);
    // a verifier with the set from before the rotation: unknown key, so it refetches
    const stale = await loadEidQrKeys(fs.mkdtempSync(path.join(os.tmpdir(), 'x-')), { issuer: ISSUER }).published(T0);
    expect(await verifyEidQr(after, stale, { now: plus(220) })).toMatchObject({ valid: false, failure: 'unknown_key' });
  });

  it('sees a rotation another process made in the same key folder', async () => {
    const a = loadEidQrKeys(dir, { issuer: ISSUER });
    const b = loadEidQrKeys(dir, { issuer: ISSUER });
    await a.published(T0);
    await b.published(T0);
    const kid = await a.rotateNow(plus(10));
    // a different mtime is what b watches for
    fs.utimesSync(path.join(dir, KEYS_FILE), new Date(), new Date(Date.now() + 1000));
    expect((await b.signer(plus(20))).kid).toBe(kid);
  });
});

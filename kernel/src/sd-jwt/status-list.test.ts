import { describe, expect, it } from 'vitest';
import { generateEs256Key } from './jose.ts';
import { checkStatus, encodeStatusList, signStatusListToken, statusAt, statusReferenceOf } from './status-list.ts';

const URI = 'https://open06.example.vn/api/v1/wallet/status-list';

describe('token status list', () => {
  it("reads the draft's example list (bits 1: entries 0, 3, 4, 5, 7, 8, 9, 13, 15 set)", () => {
    const list = { bits: 1, lst: 'eNrbuRgAAhcBXQ' };
    expect(Array.from({ length: 16 }, (_, i) => statusAt(list, i))).toEqual([1, 0, 0, 1, 1, 1, 0, 1, 1, 1, 0, 0, 0, 1, 0, 1]);
    expect(statusAt(list, 16)).toBeUndefined();
  });

  it('reads two-bit entries (suspended = 2) as the draft lays them out', () => {
    // byte 0 = 0b11_10_01_00: entries 0..3 hold 0, 1, 2, 3
    const lst = 'eJx7AgAA5QDl';
    expect([0, 1, 2, 3].map((i) => statusAt({ bits: 2, lst }, i))).toEqual([0, 1, 2, 3]);
  });

  it('encodes a large list in a few bytes and reads back exactly the revoked entries', async () => {
    const list = await encodeStatusList([0, 9, 130_000]);
    expect(list.lst.length).toBeLessThan(200);
    expect([0, 1, 8, 9, 10, 129_999, 130_000, 131_071].map((i) => statusAt(list, i))).toEqual([1, 0, 0, 1, 0, 0, 1, 0]);
    const bigger = await encodeStatusList([200_000]);
    expect(statusAt(bigger, 200_000)).toBe(1);
    // a long list of revocations (more than a spread of arguments can take)
    const many = await encodeStatusList(Array.from({ length: 300_000 }, (_, i) => i * 2));
    expect([0, 1, 599_998, 599_999].map((i) => statusAt(many, i))).toEqual([1, 0, 1, 0]);
  });

  it('refuses malformed lists instead of guessing', () => {
    expect(statusAt({ bits: 3, lst: 'eNrbuRgAAhcBXQ' }, 0)).toBeUndefined();
    expect(statusAt({ bits: 1, lst: 'not*base64' }, 0)).toBeUndefined();
    expect(statusAt({ bits: 1, lst: 'AAAAAAAA' }, 0)).toBeUndefined();
  });

  it("checks a credential's entry against the issuer's signed list", async () => {
    const { privateJwk, publicJwk } = await generateEs256Key();
    const iat = Math.floor(Date.now() / 1000);
    const token = await signStatusListToken({ signer: { privateJwk, kid: 'k1' }, uri: URI, list: await encodeStatusList([7]), iat, ttl: 300, exp: iat + 3600 });
    expect(await checkStatus({ idx: 7, uri: URI }, token, { issuerKey: publicJwk })).toEqual({ checked: true, status: 'revoked', listIssuedAt: iat });
    expect(await checkStatus({ idx: 6, uri: URI }, token, { issuerKey: publicJwk })).toMatchObject({ checked: true, status: 'valid' });
    // another list's address, another key, an expired list, a forged bit
    expect(await checkStatus({ idx: 7, uri: `${URI}/2` }, token, { issuerKey: publicJwk })).toMatchObject({ checked: false });
    const other = await generateEs256Key();
    expect(await checkStatus({ idx: 7, uri: URI }, token, { issuerKey: other.publicJwk })).toMatchObject({ checked: false });
    expect(await checkStatus({ idx: 7, uri: URI }, token, { issuerKey: publicJwk, now: new Date((iat + 7200) * 1000) })).toMatchObject({ checked: false, problem: { en: 'The status list has expired.' } });
    const [h, p, s] = token.split('.');
    const payload = JSON.parse(Buffer.from(p!, 'base64url').toString());
    payload.status_list = await encodeStatusList([]);
    const forged = `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`;
    expect(await checkStatus({ idx: 7, uri: URI }, forged, { issuerKey: publicJwk })).toMatchObject({ checked: false, problem: { en: expect.stringContaining('invalid') } });
  });

  it("finds a credential's reference only when it is well formed", () => {
    expect(statusReferenceOf({ status: { status_list: { idx: 3, uri: URI } } })).toEqual({ idx: 3, uri: URI });
    expect(statusReferenceOf({ status: { status_list: { idx: -1, uri: URI } } })).toBeUndefined();
    expect(statusReferenceOf({ status: { status_list: { idx: '3', uri: URI } } })).toBeUndefined();
    expect(statusReferenceOf({})).toBeUndefined();
  });
});

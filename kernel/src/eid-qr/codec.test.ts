// The building blocks of the e-ID QR: Base45 (RFC 9285), deterministic CBOR (RFC 8949) and zlib
// inflation, against the RFCs' own examples and Node's zlib.
import { constants, deflateRawSync, deflateSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase45, encodeBase45 } from './base45.ts';
import { CborTag, decodeCbor, encodeCbor, type CborValue } from './cbor.ts';
import { deflateZlib, inflateZlib } from './zlib.ts';

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
const unhex = (s: string) => new Uint8Array(s.match(/../g)!.map((x) => parseInt(x, 16)));
const text = (s: string) => new TextEncoder().encode(s);

describe('Base45 (RFC 9285)', () => {
  it.each([
    ['AB', 'BB8'],
    ['Hello!!', '%69 VD92EX0'],
    ['base-45', 'UJCLQE7W581'],
    ['ietf!', 'QED8WEX0'],
  ])('encodes %j as %j and back (§4.3, §4.4)', (plain, encoded) => {
    expect(encodeBase45(text(plain))).toBe(encoded);
    expect(new TextDecoder().decode(decodeBase45(encoded))).toBe(plain);
  });

  it.each([
    ['GGW', 'a group above 65535'],
    ['ZZ', 'a trailing pair above 255'],
    ['A', 'a length of 3n+1'],
    ['aB8', 'a lower-case character'],
    ['B B8é', 'a character outside the alphabet'],
  ])('refuses %j (%s)', (bad) => {
    expect(() => decodeBase45(bad)).toThrow();
  });

  it('round-trips any bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (b) => {
        expect(decodeBase45(encodeBase45(b))).toEqual(b);
      }),
    );
  });
});

describe('CBOR, deterministic (RFC 8949)', () => {
  const vectors: [CborValue, string][] = [
    [0, '00'],
    [23, '17'],
    [24, '1818'],
    [100, '1864'],
    [1000, '1903e8'],
    [1000000, '1a000f4240'],
    [1000000000000, '1b000000e8d4a51000'],
    [-1, '20'],
    [-100, '3863'],
    [-1000, '3903e7'],
    [-65537, '3a00010000'],
    [unhex('01020304'), '4401020304'],
    ['IETF', '6449455446'],
    ['ü', '62c3bc'],
    [[1, [2, 3], [4, 5]], '8301820203820405'],
    [new Map([[1, 2], [3, 4]]), 'a201020304'],
    [new CborTag(1, 1363896240), 'c11a514b67b0'],
    [true, 'f5'],
    [null, 'f6'],
  ];
  it.each(vectors)('%o ⇄ %s (Appendix A)', (value, encoded) => {
    expect(hex(encodeCbor(value))).toBe(encoded);
    expect(decodeCbor(unhex(encoded))).toEqual(value);
  });

  it('sorts map keys by their encoding, whatever the insertion order (§4.2.1)', () => {
    const a = encodeCbor(new Map<number | string, CborValue>([['a', 1], [-1, 2], [10, 3], [1, 4]]));
    const b = encodeCbor(new Map<number | string, CborValue>([[1, 4], [10, 3], [-1, 2], ['a', 1]]));
    expect(hex(a)).toBe(hex(b));
    expect(hex(a)).toBe('a401040a03200261610' + '1');
  });

  it.each([
    ['1817', 'a non-shortest integer'],
    ['5f4101ff', 'an indefinite-length byte string'],
    ['f97c00', 'a float'],
    ['a201020103', 'a duplicate map key'],
    ['0000', 'trailing bytes'],
    ['62c3', 'a string longer than the input'],
    ['62c328', 'text that is not UTF-8'],
    ['9b00000000000000ff', 'a non-shortest array length'],
    ['1bffffffffffffffff', 'an integer beyond the safe range'],
  ])('refuses %s (%s)', (bad) => {
    expect(() => decodeCbor(unhex(bad))).toThrow();
  });

  it('refuses nesting deeper than 16', () => {
    expect(() => decodeCbor(unhex('81'.repeat(40) + '00'))).toThrow(/deep/);
  });

  it('round-trips the values it supports', () => {
    const { value } = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.maxSafeInteger(),
        fc.string(),
        fc.boolean(),
        fc.constant(null),
        fc.uint8Array({ maxLength: 40 }),
        fc.array(tie('value'), { maxLength: 4 }),
        fc.uniqueArray(fc.tuple(fc.oneof(fc.integer(), fc.string()), tie('value')), { maxLength: 4, selector: ([k]) => k }).map((e) => new Map(e)),
      ),
    }));
    fc.assert(fc.property(value, (v) => {
        expect(decodeCbor(encodeCbor(v as CborValue))).toEqual(v);
      }),
    );
  });
});

describe('zlib inflate', () => {
  it('inflates what Node deflates: stored, fixed and dynamic Huffman blocks', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.uint8Array({ maxLength: 3000 }), fc.string({ maxLength: 2000 }).map((s) => text(s.repeat(3)))),
        fc.integer({ min: 0, max: 9 }),
        fc.constantFrom(constants.Z_DEFAULT_STRATEGY, constants.Z_FIXED, constants.Z_HUFFMAN_ONLY, constants.Z_RLE),
        (data, level, strategy) => {
          expect(inflateZlib(deflateSync(data, { level, strategy }), 1 << 20)).toEqual(data);
        },
      ),
    );
  });

  it('inflates what CompressionStream deflates (the issuer side)', async () => {
    const data = text('Nguyễn Văn Hùng 030085001234 '.repeat(20));
    expect(inflateZlib(await deflateZlib(data))).toEqual(data);
  });

  it('refuses output beyond the cap (a decompression bomb)', () => {
    const bomb = deflateSync(new Uint8Array(1_000_000));
    expect(bomb.length).toBeLessThan(2000);
    expect(() => inflateZlib(bomb, 4096)).toThrow(/exceed 4096/);
  });

  it('refuses a wrong Adler-32, a bad header, raw DEFLATE and truncation', () => {
    const good = deflateSync(text('xin chào'.repeat(10)));
    const badSum = good.slice();
    badSum[badSum.length - 1]! ^= 1;
    expect(() => inflateZlib(badSum)).toThrow(/Adler/);
    const badHeader = good.slice();
    badHeader[1]! ^= 1;
    expect(() => inflateZlib(badHeader)).toThrow(/header/);
    expect(() => inflateZlib(deflateRawSync(text('xin chào'.repeat(10))))).toThrow();
    expect(() => inflateZlib(good.subarray(0, good.length - 6))).toThrow();
  });

  it('never throws anything but a ZlibError on garbage', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 6, maxLength: 200 }), (junk) => {
        const withHeader = new Uint8Array([0x78, 0x9c, ...junk]);
        try {
          inflateZlib(withHeader, 4096);
        } catch (e) {
          expect((e as Error).constructor.name).toBe('ZlibError');
        }
      }),
    );
  });
});

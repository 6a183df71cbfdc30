import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CardInputError } from './card-error.ts';
import { fromHex, toHex } from './bytes.ts';
import { children, encodeTlv, findTag, readTlv, readTlvs } from './tlv.ts';

describe('BER-TLV', () => {
  it('reads two-byte tags and long lengths as the standards write them', () => {
    // DG1 shape: 61 5D 5F1F 5A <90 bytes of MRZ>
    const mrz = new Uint8Array(90).fill(0x3c);
    const dg1 = encodeTlv(0x61, encodeTlv(0x5f1f, mrz));
    expect(toHex(dg1.subarray(0, 5))).toBe('615D5F1F5A');
    const t = readTlv(dg1);
    expect(t.tag).toBe(0x61);
    expect(t.constructed).toBe(true);
    expect(findTag(t, 0x5f1f)!.value).toEqual(mrz);
    const long = encodeTlv(0x04, new Uint8Array(300));
    expect(toHex(long.subarray(0, 4))).toBe('0482012C');
    expect(readTlv(long).value.length).toBe(300);
  });

  it('reads an indefinite length up to its end-of-contents octets', () => {
    const t = readTlv(fromHex('30 80 02 01 05 04 02 AB CD 00 00 FF'));
    expect(t.end).toBe(11);
    expect(children(t).map((c) => c.tag)).toEqual([0x02, 0x04]);
  });

  it('refuses truncated data with a typed error', () => {
    expect(() => readTlv(fromHex('61 05 5F 1F 02 41'))).toThrow(CardInputError);
    expect(() => readTlv(fromHex('5F'))).toThrowError(/Truncated/);
    expect(() => readTlv(fromHex('04 85 01 02 03 04 05'))).toThrowError(/Invalid TLV length/);
  });

  it('writes what it reads (any tag, any length)', () => {
    const tag = fc.oneof(fc.integer({ min: 1, max: 0x1e }), fc.constantFrom(0x5f1f, 0x7f49, 0x5f2e, 0x7f61, 0x86));
    fc.assert(
      fc.property(fc.array(fc.tuple(tag, fc.uint8Array({ maxLength: 700 })), { maxLength: 5 }), (items) => {
        const bytes = Uint8Array.from(items.flatMap(([t, v]) => [...encodeTlv(t, v)]));
        const back = readTlvs(bytes);
        expect(back.map((b) => [b.tag, b.value])).toEqual(items.map(([t, v]) => [t, v]));
      }),
    );
  });
});

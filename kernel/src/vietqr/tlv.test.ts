// EMVCo data objects and their CRC, against the standard CRC check value and the worked example of
// the EMVCo merchant-presented mode specification (with a Chinese alternate-language template).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crc16CcittFalse, emvCrc, encodeTlv, parseTlv } from './tlv.ts';

// the EMVCo MPM specification's example payload, as published with its CRC A13A
const EMVCO_EXAMPLE =
  '00020101021229300012D156000000000510A93FO3230Q31280012D15600000001030812345678520441115802CN5914BEST TRANSPORT6007BEIJING' +
  '64200002ZH0104最佳运输0202北京540523.7253031565502016233030412340603***0708A60086670902ME91320016A0112233449988770708123456786304A13A';

describe('CRC-16/CCITT-FALSE', () => {
  it('gives the standard check value for "123456789"', () => {
    expect(crc16CcittFalse(new TextEncoder().encode('123456789'))).toBe(0x29b1);
    expect(crc16CcittFalse(new Uint8Array(0))).toBe(0xffff);
  });

  it("reproduces the EMVCo example's CRC over UTF-8 bytes", () => {
    expect(emvCrc(EMVCO_EXAMPLE.slice(0, -4))).toBe('A13A');
  });
});

describe('EMVCo data objects', () => {
  it('reads the EMVCo example, lengths counted in characters', () => {
    const parsed = parseTlv(EMVCO_EXAMPLE);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.fields.map((f) => f.id)).toEqual(['00', '01', '29', '31', '52', '58', '59', '60', '64', '54', '53', '55', '62', '91', '63']);
    expect(parsed.fields.find((f) => f.id === '59')!.value).toBe('BEST TRANSPORT');
    const language = parseTlv(parsed.fields.find((f) => f.id === '64')!.value);
    expect(language).toEqual({
      ok: true,
      fields: [
        { id: '00', value: 'ZH' },
        { id: '01', value: '最佳运输' },
        { id: '02', value: '北京' },
      ],
    });
    expect(encodeTlv(parsed.fields)).toBe(EMVCO_EXAMPLE);
  });

  it('reports where a broken data object starts', () => {
    expect(parseTlv('000201010212')).toEqual({ ok: true, fields: [{ id: '00', value: '01' }, { id: '01', value: '12' }] });
    expect(parseTlv('0002010105')).toEqual({ ok: false, at: 6 }); // length 05, one character left
    expect(parseTlv('0002010x')).toEqual({ ok: false, at: 6 });
    expect(parseTlv('000201010012')).toEqual({ ok: false, at: 6 }); // zero length
  });

  it('refuses to encode what cannot be a data object', () => {
    expect(() => encodeTlv([{ id: '5', value: 'x' }])).toThrow(RangeError);
    expect(() => encodeTlv([{ id: '59', value: '' }])).toThrow(RangeError);
    expect(() => encodeTlv([{ id: '59', value: 'x'.repeat(100) }])).toThrow(RangeError);
  });

  it('round-trips any list of data objects', () => {
    const field = fc.record({ id: fc.integer({ min: 0, max: 99 }).map((n) => String(n).padStart(2, '0')), value: fc.string({ minLength: 1, maxLength: 99, unit: 'grapheme' }) });
    fc.assert(
      fc.property(fc.array(field, { maxLength: 8 }), (fields) => {
        const usable = fields.filter((f) => Array.from(f.value).length <= 99);
        expect(parseTlv(encodeTlv(usable))).toEqual({ ok: true, fields: usable });
      }),
    );
  });
});

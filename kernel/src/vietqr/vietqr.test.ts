// VietQR as a payer's banking app meets it: published VietQR texts read, ours built byte for byte
// like them, and any damage or foreign QR reported with a reason instead of an exception.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emvCrc, encodeTlv, parseTlv } from './tlv.ts';
import { buildVietQr, parseVietQr, type VietQrInput } from './vietqr.ts';

// published examples: the README of github.com/subiz/vietqr (120,000 đ to 0011001932418 at BIN
// 970415) and of the npm package napas-qr (10,000 đ to 224528479 at BIN 970416, bill NPS6869)
const SUBIZ = '00020101021238570010A00000072701270006970415011300110019324180208QRIBFTTA530370454061200005802VN62170813ung ho lu lut6304C15C';
const NAPAS_QR = '00020101021238530010A0000007270123000697041601092245284790208QRIBFTTA53037045405100005802VN62340107NPS68690819TRANSFER TO SOMEONE6304AC13';

const codes = (text: string) => {
  const r = parseVietQr(text);
  return r.ok ? [] : r.problems.map((p) => p.code);
};

/** Rebuilds a payload with one top-level field replaced (or removed) and a correct CRC. */
function withField(text: string, id: string, value: string | undefined): string {
  const parsed = parseTlv(text);
  if (!parsed.ok) throw new Error('bad fixture');
  const fields = parsed.fields.filter((f) => f.id !== '63').flatMap((f) => (f.id !== id ? [f] : value === undefined ? [] : [{ id, value }]));
  const body = `${encodeTlv(fields)}6304`;
  return body + emvCrc(body);
}

describe('VietQR', () => {
  it('reads published VietQR texts', () => {
    expect(parseVietQr(SUBIZ)).toEqual({
      ok: true,
      qr: { dynamic: true, bin: '970415', account: '0011001932418', to: 'account', amount: 120000, reference: 'ung ho lu lut' },
    });
    expect(parseVietQr(NAPAS_QR)).toEqual({
      ok: true,
      qr: { dynamic: true, bin: '970416', account: '224528479', to: 'account', amount: 10000, reference: 'TRANSFER TO SOMEONE' },
    });
  });

  it('builds the same text as the published example', () => {
    expect(buildVietQr({ bin: '970415', account: '0011001932418', amount: 120000, reference: 'ung ho lu lut' })).toEqual({ ok: true, text: SUBIZ });
  });

  it('builds a static QR without an amount, a transfer to a card, and a named beneficiary', () => {
    const built = buildVietQr({ bin: '970436', account: '9704366614951230', to: 'card', merchantName: 'Trung tâm Phục vụ hành chính công', merchantCity: 'Hà Nội' });
    expect(built.ok).toBe(false); // the name is 33 characters: over 25
    const ok = buildVietQr({ bin: '970436', account: '9704366614951230', to: 'card', merchantName: 'UBND xã Đông Anh', merchantCity: 'Hà Nội' });
    expect(ok.ok).toBe(true);
    if (!ok.ok) return;
    expect(ok.text).toContain('010211');
    expect(ok.text).toContain('0208QRIBFTTC');
    expect(parseVietQr(ok.text)).toEqual({
      ok: true,
      qr: { dynamic: false, bin: '970436', account: '9704366614951230', to: 'card', merchantName: 'UBND xa Dong Anh', merchantCity: 'Ha Noi' },
    });
  });

  it('reports unusable input with codes and Vietnamese and English messages', () => {
    const bad = buildVietQr({ bin: '97041', account: '0011-0019', amount: 1.5, reference: 'Lệ phí hộ tịch' });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.problems.map((p) => p.code)).toEqual(['bin_invalid', 'account_invalid', 'amount_invalid', 'reference_invalid']);
    expect(bad.problems[0]!.message).toEqual({ vi: 'Mã ngân hàng (BIN) phải gồm 6 chữ số.', en: 'The bank BIN must be 6 digits.' });
    const input = { bin: '970415', account: '123' } satisfies VietQrInput;
    for (const amount of [0, -5, 1e13, Number.NaN]) expect(buildVietQr({ ...input, amount }).ok).toBe(false);
    expect(buildVietQr({ ...input, reference: 'X'.repeat(26) }).ok).toBe(false);
    expect(buildVietQr({ ...input, reference: 'HS2025-000123' }).ok).toBe(true);
    expect(buildVietQr({ ...input, merchantCity: 'Thành phố Hồ Chí Minh' }).ok).toBe(false);
  });

  it('reports damage: CRC, structure, empty and foreign texts', () => {
    expect(codes(SUBIZ.replace('5406120000', '5406920000'))).toEqual(['crc_mismatch']);
    expect(codes(SUBIZ.slice(0, -8))).toEqual(['crc_missing']);
    expect(codes(SUBIZ.slice(0, -1))).toEqual(['malformed']);
    expect(codes('')).toEqual(['empty']);
    expect(codes('https://dichvucong.gov.vn')).toEqual(['not_emv']);
    expect(codes('VN1:6BFOXN*TS0BI$ZD')).toEqual(['not_emv']);
  });

  it('tolerates what scanners add and lower-case CRC digits', () => {
    expect(parseVietQr(`${SUBIZ}\r\n`).ok).toBe(true);
    expect(parseVietQr(SUBIZ.replace(/C15C$/, 'c15c')).ok).toBe(true);
  });

  it('refuses payment QRs that are not VietQR transfers, or not in đồng in Vietnam', () => {
    expect(codes(withField(SUBIZ, '38', encodeTlv([{ id: '00', value: 'A000000999' }, { id: '01', value: '0006970415' }])))).toEqual(['not_vietqr']);
    const beneficiary = encodeTlv([{ id: '00', value: '970415' }, { id: '01', value: '0011001932418' }]);
    const push = encodeTlv([{ id: '00', value: 'A000000727' }, { id: '01', value: beneficiary }, { id: '02', value: 'QRPUSH' }]);
    expect(codes(withField(SUBIZ, '38', push))).toEqual(['service_unsupported']);
    expect(codes(withField(SUBIZ, '53', '840'))).toEqual(['currency_not_vnd']);
    expect(codes(withField(SUBIZ, '58', 'US'))).toEqual(['country_not_vn']);
    expect(codes(withField(SUBIZ, '54', '120000.50'))).toEqual(['amount_invalid']);
    expect(codes(withField(SUBIZ, '01', '13'))).toEqual(['initiation_invalid']);
    expect(codes(withField(SUBIZ, '38', encodeTlv([{ id: '00', value: 'A000000727' }, { id: '01', value: '0006970415011' }])))).toEqual(['malformed']);
    const duplicated = SUBIZ.slice(0, -8).replace('5802VN', '5802VN5802VN') + '6304';
    expect(codes(duplicated + emvCrc(duplicated))).toEqual(['duplicate_field']);
  });

  it('reads back what it builds', () => {
    const input = fc.record(
      {
        bin: fc.stringMatching(/^\d{6}$/),
        account: fc.stringMatching(/^[0-9A-Z]{1,19}$/),
        to: fc.constantFrom('account' as const, 'card' as const),
        amount: fc.integer({ min: 1, max: 9_999_999_999_999 }),
        reference: fc.stringMatching(/^[A-Za-z0-9 ]{1,25}$/).filter((s) => s.trim() === s && s.length > 0),
      },
      { requiredKeys: ['bin', 'account', 'to'] },
    );
    fc.assert(
      fc.property(input, (x) => {
        const built = buildVietQr(x);
        if (!built.ok) expect.fail(JSON.stringify(built.problems));
        expect(parseVietQr(built.text)).toEqual({ ok: true, qr: { dynamic: x.amount !== undefined, ...x } });
      }),
    );
  });

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300, unit: 'grapheme' }), (s) => {
        expect(parseVietQr(s).ok).toBe(false);
      }),
    );
    fc.assert(
      // one character changed: the CRC catches every error of up to 16 bits
      fc.property(fc.integer({ min: 0, max: SUBIZ.length - 1 }), fc.string({ minLength: 1, maxLength: 1 }), (at, c) => {
        const mutated = SUBIZ.slice(0, at) + c + SUBIZ.slice(at + 1);
        const same = mutated.slice(0, -4) === SUBIZ.slice(0, -4) && mutated.slice(-4).toUpperCase() === SUBIZ.slice(-4); // CRC digits in either case
        expect(parseVietQr(mutated).ok).toBe(same);
      }),
      { numRuns: 2000 },
    );
  });
});

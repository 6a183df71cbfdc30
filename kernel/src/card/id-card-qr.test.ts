import { describe, expect, it } from 'vitest';
import { IdCardQrError, parseIdCardQr } from './id-card-qr.ts';

// Synthetic people only. 001 = Hà Nội; G = 0/1 → male/female born 19xx; 2/3 → 20xx.
const today = new Date('2026-11-23T00:00:00Z');
const CCCD = '001085012345|123456789|Nguyễn Văn An|14031985|Nam|Số 12, Ngõ 34 Phố Đội Cấn, Phường Cống Vị, Quận Ba Đình, Hà Nội|10052021';

describe('the printed QR of the chip ID card', () => {
  it('reads the seven fields of a CCCD and marks them unverified', () => {
    expect(parseIdCardQr(CCCD, today)).toEqual({
      pid: '001085012345',
      oldId: '123456789',
      fullName: 'Nguyễn Văn An',
      dob: '1985-03-14',
      sex: 'M',
      address: 'Số 12, Ngõ 34 Phố Đội Cấn, Phường Cống Vị, Quận Ba Đình, Hà Nội',
      issueDate: '2021-05-10',
      warnings: [],
      verified: false,
    });
  });

  it('reads a card issued since 1/7/2024: no old ID, trailing empty fields', () => {
    const r = parseIdCardQr('031305001122||Trần Thị Bích Ngọc|02022005|Nữ|Thôn Đông, Xã An Lư, Thành phố Hải Phòng|15082024||', today);
    expect(r).toMatchObject({ pid: '031305001122', oldId: null, sex: 'F', dob: '2005-02-02', issueDate: '2024-08-15', warnings: [] });
  });

  it('accepts decomposed (NFD) text and the Ð look-alike, and returns composed text with Đ', () => {
    const r = parseIdCardQr(CCCD.normalize('NFD').replace('Đội', '\u00d0ội').replace('Nam', 'NAM'), today);
    expect(r.fullName).toBe('Nguyễn Văn An');
    expect(r.fullName).toBe(r.fullName.normalize('NFC'));
    expect(r.address).toContain('Phố Đội Cấn');
    expect(r.address).not.toContain('\u00d0');
    expect(r.sex).toBe('M');
    expect(parseIdCardQr(CCCD.replace('|Nam|', '|nu\u0303|').replace('001085', '001185'), today).sex).toBe('F');
  });

  it('takes one copy from keyboard-wedge scanners that repeat the payload or add Enter, CR or Tab', () => {
    for (const raw of [CCCD + '\r\n', CCCD + '\t', '\r' + CCCD + '\r' + CCCD + '\r', CCCD + CCCD, CCCD + '\n' + CCCD + '\n']) {
      const r = parseIdCardQr(raw, today);
      expect(r.pid).toBe('001085012345');
      expect(r.issueDate).toBe('2021-05-10');
      expect(r.warnings).toEqual([]);
    }
    const differs = parseIdCardQr(CCCD + '\r\n' + CCCD.replace('Nguyễn Văn An', 'Nguyễn Văn Ăn'), today);
    expect(differs.fullName).toBe('Nguyễn Văn An');
    expect(differs.warnings.map((w) => w.code)).toEqual(['repeated_payload_differs']);
  });

  it('warns when the ID disagrees with the sex or birth year printed beside it', () => {
    const r = parseIdCardQr(CCCD.replace('|Nam|', '|Nữ|').replace('14031985', '14031986'), today);
    expect(r.warnings.map((w) => w.code)).toEqual(['sex_mismatch', 'birth_year_mismatch']);
    expect(r.warnings[0]!.message.vi).toContain('giới tính');
    expect(r.verified).toBe(false);
  });

  it('warns about odd but readable content', () => {
    const r = parseIdCardQr('001085012345|12345|Nguyễn Văn An|00001985|Nam|Hà Nội|10052021|x', today);
    expect(r.dob).toBe('1985');
    expect(r.warnings.map((w) => w.code).sort()).toEqual(['dob_partial', 'extra_fields', 'old_id_format']);
    expect(parseIdCardQr('999085012345||A|14031985|Nam|x|10052021', today).warnings.map((w) => w.code)).toContain('province_unknown');
    expect(parseIdCardQr('001085012345||A|14031985|Nam|x|10052031', today).warnings.map((w) => w.code)).toContain('issue_in_future');
  });

  it('refuses what is not an ID-card payload, naming the problem in Vietnamese and English', () => {
    const cases: [string, string][] = [
      ['', 'qr_empty'],
      ['\r\n', 'qr_empty'],
      ['https://example.vn/xyz', 'qr_not_id_card'],
      ['001085012345|123456789|Nguyễn Văn An', 'qr_fields_missing'],
      ['00108501234|123456789|Nguyễn Văn An|14031985|Nam|Hà Nội|10052021', 'qr_pid_invalid'],
      ['001085012345||  |14031985|Nam|Hà Nội|10052021', 'qr_name_missing'],
      ['001085012345||An|31021985|Nam|Hà Nội|10052021', 'qr_dob_invalid'],
      ['001085012345||An|14031985|Male|Hà Nội|10052021', 'qr_sex_invalid'],
      ['001085012345||An|14031985|Nam|Hà Nội|2021-05-10', 'qr_issue_date_invalid'],
    ];
    for (const [raw, code] of cases) {
      let err: unknown;
      try {
        parseIdCardQr(raw, today);
      } catch (e) {
        err = e;
      }
      expect(err, raw).toBeInstanceOf(IdCardQrError);
      expect((err as IdCardQrError).code).toBe(code);
      expect((err as IdCardQrError).text.vi.length).toBeGreaterThan(5);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { addressTokens, nameForms, normalizeCommuneCode, normalizeIdNumber, normalizePhone, oneDigitOff, parseDob, parseSex, partsForms, telexRepairWord, withinOneEdit } from './normalize.ts';

describe('names', () => {
  it('repairs what typing with the Vietnamese input method off leaves behind', () => {
    expect(telexRepairWord('nguyeexn')).toBe('nguyen');
    expect(telexRepairWord('nguyeenx')).toBe('nguyen');
    expect(telexRepairWord('hoafng')).toBe('hoang');
    expect(telexRepairWord('hoaf')).toBe('hoa');
    expect(telexRepairWord('truwowngf')).toBe('truong');
    expect(telexRepairWord('dduwsc')).toBe('duc');
    expect(telexRepairWord('thij')).toBe('thi');
    // native names are left alone
    for (const w of ['nguyen', 'son', 'xuan', 'trang', 'khanh', 'quynh', 'nghia']) expect(telexRepairWord(w)).toBe(w);
  });

  it('gives one normal form for diacritics kept or dropped, telex typos and word order', () => {
    const a = nameForms('Nguyễn Văn Hoàng');
    const b = nameForms('NGUYEN VAN HOANG');
    const c = nameForms('Nguyeexn Vaan Hoafng');
    const d = nameForms('Hoàng Văn Nguyễn');
    expect(a.exact).toBe('nguyễn văn hoàng');
    expect(b.folded).toBe(a.folded);
    expect(c.norm).toBe(a.norm);
    expect(c.folded).not.toBe(a.folded);
    expect(d.sorted).toBe(a.sorted);
    expect(d.norm).not.toBe(a.norm);
    expect(a).toMatchObject({ family: 'nguyen', middle: 'van', given: 'hoang' });
  });

  it('keeps compound family names whole and reads names given in parts', () => {
    expect(nameForms('Tôn Nữ Minh Châu')).toMatchObject({ family: 'ton nu', middle: 'minh', given: 'chau' });
    expect(partsForms('Trần', 'Thị Thu', 'Hà')).toMatchObject({ exact: 'trần thị thu hà', family: 'tran', middle: 'thi thu', given: 'ha' });
    expect(nameForms('  ').exact).toBe('');
    expect(nameForms('?!').exact).toBe('');
  });
});

describe('dates, sex, numbers, codes, addresses', () => {
  it('reads the date formats lists use', () => {
    expect(parseDob('1990-05-12')).toEqual({ year: 1990, month: 5, day: 12 });
    expect(parseDob('12/05/1990')).toEqual({ year: 1990, month: 5, day: 12 });
    expect(parseDob('12051990')).toEqual({ year: 1990, month: 5, day: 12 });
    expect(parseDob('19900512')).toEqual({ year: 1990, month: 5, day: 12 });
    expect(parseDob('1990')).toEqual({ year: 1990, month: 0, day: 0 });
    expect(parseDob('05/1990')).toEqual({ year: 1990, month: 5, day: 0 });
    expect(parseDob('1990-05-12T00:00:00')).toEqual({ year: 1990, month: 5, day: 12 });
    expect(parseDob('31/02/1990')).toBeNull();
    expect(parseDob('')).toBeNull();
  });

  it('reads sex in Vietnamese and English', () => {
    expect(['Nam', 'nam', 'M', 'male'].map(parseSex)).toEqual([1, 1, 1, 1]);
    expect(['Nữ', 'NU', 'F', 'female'].map(parseSex)).toEqual([2, 2, 2, 2]);
    expect(parseSex('?')).toBe(0);
  });

  it('normalises phone and ID numbers and commune codes', () => {
    expect(normalizePhone('0912 345 678')).toBe('+84912345678');
    expect(normalizePhone('84912345678')).toBe('+84912345678');
    expect(normalizePhone('123')).toBe('');
    expect(normalizeIdNumber('001 085 012 345')).toBe('001085012345');
    expect(normalizeCommuneCode('7')).toBe('00007');
    expect(normalizeCommuneCode('Phường 7')).toBe('');
  });

  it('tells one mistyped digit or character from more', () => {
    expect(oneDigitOff('0912345678', '0912345679')).toBe(true);
    expect(oneDigitOff('0912345678', '0912345687')).toBe(true);
    expect(oneDigitOff('0912345678', '0912345600')).toBe(false);
    expect(oneDigitOff('0912345678', '091234567')).toBe(false);
    expect(withinOneEdit('nguyen van hung', 'nguyen van hugn')).toBe(true);
    expect(withinOneEdit('nguyen van hung', 'nguyen van hun')).toBe(true);
    expect(withinOneEdit('nguyen van hung', 'nguyen van huong')).toBe(true);
    expect(withinOneEdit('nguyen van hung', 'nguyen van huynh')).toBe(false);
  });

  it('reads addresses as words, abbreviations expanded', () => {
    expect(addressTokens('Số 5, ngõ 12, P. Lê Lợi, TP Hải Phòng')).toEqual(['so', '5', 'ngo', '12', 'phuong', 'le', 'loi', 'thanhpho', 'hai', 'phong']);
    expect(addressTokens('SN 5 ngo 12')).toEqual(addressTokens('số nhà 5, ngõ 12'));
  });
});

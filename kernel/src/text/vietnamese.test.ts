import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { displayName, fold, nameSimilarity, nfc, sameName, splitFullName, stripDiacritics, TELEX_LEFTOVERS } from './vietnamese.ts';

describe('Vietnamese text', () => {
  it('folds diacritics, case, spacing, đ/Đ and the look-alike Ð (U+00D0)', () => {
    expect(fold('  Nguyễn   Đức  Ðạt ')).toBe('nguyen duc dat');
    expect(fold('ĐỖ THỊ ĐÀO')).toBe('do thi dao');
    expect(fold('Hoà')).toBe(fold('Hòa'));
  });

  it('folds NFD input the same as NFC input', () => {
    const s = 'Trần Thị Thu Hà';
    expect(fold(s.normalize('NFD'))).toBe(fold(s));
    expect(nfc(s.normalize('NFD'))).toBe(s);
  });

  it('never leaves a combining mark or a capital letter behind', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const f = fold(s);
        return !/[\u0300-\u036f]/.test(f) && f === f.toLowerCase() && !/\s\s/.test(f);
      }),
    );
  });

  it('splits a name into family, middle and given', () => {
    expect(splitFullName('Nguyễn Văn An')).toEqual({ family: 'Nguyễn', middle: 'Văn', given: 'An' });
    expect(splitFullName('Trần Thị Thu Hà')).toEqual({ family: 'Trần', middle: 'Thị Thu', given: 'Hà' });
    expect(splitFullName('Lê Na')).toEqual({ family: 'Lê', middle: '', given: 'Na' });
    expect(splitFullName('Hùng')).toEqual({ family: '', middle: '', given: 'Hùng' });
  });

  it('keeps compound family names together', () => {
    expect(splitFullName('Tôn Nữ Thị Ninh')).toEqual({ family: 'Tôn Nữ', middle: 'Thị', given: 'Ninh' });
    expect(splitFullName('Âu Dương Phong')).toEqual({ family: 'Âu Dương', middle: '', given: 'Phong' });
    expect(splitFullName('Tôn Thất Thuyết')).toEqual({ family: 'Tôn Thất', middle: '', given: 'Thuyết' });
  });

  it('capitalises for display', () => {
    expect(displayName('ĐỖ THỊ ĐÀO')).toBe('Đỗ Thị Đào');
    expect(displayName(' nguyễn   văn ánh ')).toBe('Nguyễn Văn Ánh');
  });

  it('compares names tolerantly', () => {
    expect(sameName('Nguyen Van An', 'Nguyễn Văn An')).toBe(true);
    expect(nameSimilarity('Nguyễn Văn Hùng', 'Nguyen Van Hung')).toBe(1);
    expect(nameSimilarity('Nguyễn Văn Hùng', 'Nguyen Vna Hung')).toBeGreaterThan(0.9);
    expect(nameSimilarity('Nguyễn Văn Hùng', 'Phạm Thị Lan')).toBeLessThan(0.7);
  });

  it('strips diacritics keeping case, and lists telex leftovers that fold back to the letter', () => {
    expect(stripDiacritics('Đặng Thị Ánh Tuyết')).toBe('Dang Thi Anh Tuyet');
    expect(stripDiacritics('Nguyễn  Văn')).toBe('Nguyen  Van');
    for (const [re, keys] of TELEX_LEFTOVERS) {
      const letter = re.source;
      // the keys start with the letter's base (ư → uw, đ → dd), so folding the word keeps its start
      expect(keys[0]).toBe(fold(letter));
    }
  });
});

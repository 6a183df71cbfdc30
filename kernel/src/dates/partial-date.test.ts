import { describe, expect, it } from 'vitest';
import { ageOn, comparePartial, formatVi, isAfter, parsePartialDate, toIsoPartial } from './partial-date.ts';

const ok = (s: string) => {
  const r = parsePartialDate(s);
  if (!r.ok) throw new Error(r.error.en);
  return r.value;
};

describe('partial dates', () => {
  it('reads the formats records use', () => {
    expect(ok('1990')).toEqual({ year: 1990 });
    expect(ok('1990-05')).toEqual({ year: 1990, month: 5 });
    expect(ok('1990-05-12')).toEqual({ year: 1990, month: 5, day: 12 });
    expect(ok('12/05/1990')).toEqual({ year: 1990, month: 5, day: 12 });
    expect(ok('5/1990')).toEqual({ year: 1990, month: 5 });
    expect(ok('12051990')).toEqual({ year: 1990, month: 5, day: 12 });
    expect(ok('19900512')).toEqual({ year: 1990, month: 5, day: 12 });
  });

  it('refuses impossible days, with the reason in both languages', () => {
    const r = parsePartialDate('29/02/2023');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.vi).toContain('không có ngày 29');
    expect(parsePartialDate('29/02/2024').ok).toBe(true);
    expect(parsePartialDate('13/2024').ok).toBe(false);
    expect(parsePartialDate('hôm qua').ok).toBe(false);
  });

  it('writes ISO and Vietnamese forms', () => {
    expect(toIsoPartial(ok('05/1990'))).toBe('1990-05');
    expect(formatVi(ok('1990-05-02'))).toBe('02/05/1990');
    expect(formatVi(ok('1990-05'))).toBe('05/1990');
    expect(formatVi(ok('1990'))).toBe('1990');
  });

  it('orders and compares with the uncertainty of partial dates', () => {
    expect(comparePartial(ok('1990'), ok('1990-01-01'))).toBeLessThan(0);
    expect(isAfter(ok('1991'), ok('1990-12'))).toBe(true);
    expect(isAfter(ok('1990-12-31'), ok('1990'))).toBe(false);
  });

  it('gives the age range on a day', () => {
    expect(ageOn(ok('2000-06-15'), '2026-06-14')).toEqual({ min: 25, max: 25 });
    expect(ageOn(ok('2000-06-15'), '2026-06-15')).toEqual({ min: 26, max: 26 });
    expect(ageOn(ok('2000'), '2026-06-15')).toEqual({ min: 25, max: 26 });
  });
});

// The Vietnamese lunar calendar against dates every Vietnamese calendar prints (Tết, Giỗ Tổ, Vu Lan,
// Trung thu, leap months), the years where Vietnam's UTC+7 calendar parts from China's, and
// properties over the whole 1900–2199 range.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromDayNumber, toDayNumber } from './day-number.ts';
import { lunarToSolar, lunarYear, solarToLunar } from './lunar.ts';

const day = (year: number, month: number, d: number, leap = false) => ({ year, month, day: d, leap });

describe('Vietnamese lunar calendar', () => {
  it.each([
    [2020, '2020-01-25'],
    [2021, '2021-02-12'],
    [2022, '2022-02-01'],
    [2023, '2023-01-22'],
    [2024, '2024-02-10'],
    [2025, '2025-01-29'],
    [2026, '2026-02-17'],
  ])('Tết %i falls on %s', (year, date) => {
    expect(lunarToSolar(day(year, 1, 1))).toBe(date);
    expect(solarToLunar(date)).toEqual(day(year, 1, 1));
    expect(lunarYear(year)!.firstDay).toBe(date);
  });

  it("computes Tết on Vietnam's meridian where it differs from China's calendar", () => {
    expect(lunarYear(1968)!.firstDay).toBe('1968-01-29'); // Tết Mậu Thân: 30/1 in the South, on UTC+8
    expect(lunarYear(1985)!.firstDay).toBe('1985-01-21'); // China: 20/2/1985
    expect(lunarYear(2007)!.firstDay).toBe('2007-02-17'); // China: 18/2/2007
  });

  it("finds the Hùng Kings' day (10/3), Vu Lan (15/7) and Mid-Autumn (15/8)", () => {
    expect(lunarToSolar(day(2024, 3, 10))).toBe('2024-04-18');
    expect(lunarToSolar(day(2025, 3, 10))).toBe('2025-04-07');
    expect(solarToLunar('2025-09-06')).toEqual(day(2025, 7, 15));
    expect(solarToLunar('2025-10-06')).toEqual(day(2025, 8, 15));
  });

  it('places leap months', () => {
    expect(lunarYear(2023)!.leapMonth).toBe(2);
    expect(lunarYear(2025)!.leapMonth).toBe(6);
    expect(lunarYear(2020)!.leapMonth).toBe(4);
    expect(lunarYear(2017)!.leapMonth).toBe(6);
    expect(lunarYear(2024)!.leapMonth).toBeUndefined();
    expect(lunarYear(2026)!.leapMonth).toBeUndefined();
    expect(solarToLunar('2023-03-22')).toEqual(day(2023, 2, 1, true));
    expect(solarToLunar('2023-03-21')).toEqual(day(2023, 2, 30));
    expect(solarToLunar('2025-07-25')).toEqual(day(2025, 6, 1, true));
    expect(lunarToSolar(day(2025, 6, 1, true))).toBe('2025-07-25');
    expect(lunarYear(2025)!.months.map((m) => `${m.month}${m.leap ? 'n' : ''}`)).toEqual(['1', '2', '3', '4', '5', '6', '6n', '7', '8', '9', '10', '11', '12']);
  });

  it('refuses dates that do not exist or lie outside 1900–2199', () => {
    expect(lunarToSolar(day(2024, 3, 1, true))).toBeUndefined(); // 2024 has no leap month
    expect(lunarToSolar(day(2024, 12, 30))).toBeUndefined(); // month 12 of Giáp Thìn has 29 days
    expect(lunarToSolar(day(2024, 12, 29))).toBe('2025-01-28');
    expect(lunarToSolar(day(2024, 13, 1))).toBeUndefined();
    expect(lunarToSolar(day(1899, 6, 1))).toBeUndefined();
    expect(solarToLunar('1899-12-31')).toBeUndefined();
    expect(solarToLunar('2200-01-01')).toBeUndefined();
    expect(solarToLunar('2025-02-29')).toBeUndefined();
    expect(lunarYear(1899)).toBeUndefined();
    expect(lunarYear(2200)).toBeUndefined();
  });

  it('maps every day of 1900–2199 to a lunar date and back', () => {
    const first = toDayNumber('1900-01-01');
    const last = toDayNumber('2199-12-31');
    let previous = solarToLunar('1900-01-01')!;
    expect(previous).toEqual(day(1899, 12, 1));
    for (let jdn = first + 1; jdn <= last; jdn++) {
      const date = fromDayNumber(jdn);
      const lunar = solarToLunar(date)!;
      // each day follows the one before: the next day of the month, or day 1 of the next month
      if (lunar.day !== previous.day + 1) {
        expect([lunar.day, previous.day >= 29]).toEqual([1, true]);
        if (!lunar.leap) expect(lunar.month).toBe((previous.month % 12) + 1);
        else expect(lunar.month).toBe(previous.month);
      } else expect([lunar.month, lunar.leap]).toEqual([previous.month, previous.leap]);
      if (lunar.month === 1 && lunar.day === 1 && !lunar.leap) expect(lunar.year).toBe(previous.year + 1);
      else expect(lunar.year).toBe(previous.year);
      if (lunarToSolar(lunar) !== date) expect.fail(`${date} → ${JSON.stringify(lunar)} → ${lunarToSolar(lunar)}`);
      previous = lunar;
    }
  });

  it('gives every year 12 or 13 months of 29 or 30 days, Tết between 21/1 and 20/2', () => {
    for (let year = 1900; year <= 2198; year++) {
      const y = lunarYear(year)!;
      expect(y.months.length).toBe(y.leapMonth ? 13 : 12);
      expect(y.months.every((m) => m.days === 29 || m.days === 30)).toBe(true);
      const length = y.months.reduce((n, m) => n + m.days, 0);
      expect(toDayNumber(y.lastDay) - toDayNumber(y.firstDay) + 1).toBe(length);
      expect(fromDayNumber(toDayNumber(y.lastDay) + 1)).toBe(lunarYear(year + 1)!.firstDay);
      expect(y.firstDay.slice(5) >= '01-21' && y.firstDay.slice(5) <= '02-20').toBe(true);
    }
  });

  it('round-trips lunar dates through the Gregorian calendar', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2198 }), fc.integer({ min: 0, max: 12 }), fc.integer({ min: 1, max: 30 }), (year, index, d) => {
        const months = lunarYear(year)!.months;
        const m = months[index % months.length]!;
        const lunar = day(year, m.month, d, m.leap);
        const solar = lunarToSolar(lunar);
        if (d > m.days) expect(solar).toBeUndefined();
        else expect(solarToLunar(solar!)).toEqual(lunar);
      }),
      { numRuns: 3000 },
    );
  });
});

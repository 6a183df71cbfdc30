// Public holidays: the Labour Code's days and make-up days for years that had no special decision,
// the decisions in config/holidays.json applied over them, and the check of that file.
import { describe, expect, it } from 'vitest';
import decisionsJson from '../../../config/holidays.json' with { type: 'json' };
import { toDayNumber, weekdayOf } from './day-number.ts';
import { checkHolidayDecisions, holidaysOf, type HolidayDecisions } from './holidays.ts';

const decisions = decisionsJson as HolidayDecisions;
const offDates = (year: number, d?: HolidayDecisions) => holidaysOf(year, d).daysOff.map((x) => x.date);
const kindsOn = (year: number, d?: HolidayDecisions) => Object.fromEntries(holidaysOf(year, d).daysOff.map((x) => [x.date, x.kind]));

describe('public holidays by the Labour Code', () => {
  it('makes up holidays that fall on a weekend on the next working days (2022)', () => {
    const kinds = kindsOn(2022);
    expect(kinds['2022-01-01']).toBe('new_year'); // Saturday
    expect(kinds['2022-01-03']).toBe('make_up');
    expect(kinds['2022-04-10']).toBe('hung_kings'); // Sunday
    expect(kinds['2022-04-11']).toBe('make_up');
    // 30/4 Saturday and 1/5 Sunday: Monday and Tuesday off
    expect(offDates(2022).filter((d) => d >= '2022-04-30' && d <= '2022-05-31')).toEqual(['2022-04-30', '2022-05-01', '2022-05-02', '2022-05-03']);
    const makeUp = holidaysOf(2022).daysOff.find((x) => x.date === '2022-05-03')!;
    expect(makeUp.name).toEqual({ vi: 'Nghỉ bù Ngày Quốc tế Lao động (01/05/2022)', en: 'Make-up day for International Labour Day (01/05/2022)' });
  });

  it('gives 29/4–3/5/2023 (Giỗ Tổ, 30/4 and 1/5 on Saturday, Sunday, Monday) and 1/9–4/9/2023', () => {
    const off = offDates(2023);
    expect(off.filter((d) => d >= '2023-04-01' && d <= '2023-05-31')).toEqual(['2023-04-29', '2023-04-30', '2023-05-01', '2023-05-02', '2023-05-03']);
    expect(off.filter((d) => d >= '2023-08-01' && d <= '2023-09-30')).toEqual(['2023-09-01', '2023-09-02', '2023-09-04']);
    expect(off).toContain('2023-01-02'); // 1/1/2023 was a Sunday
  });

  it('takes by default the last day of the lunar year and the first four of the new one for Tết', () => {
    // Ất Tỵ: mùng 1 on Wednesday 29/1/2025, the last day of Giáp Thìn on 28/1, mùng 4 on Saturday 1/2
    const tet = holidaysOf(2025).daysOff.filter((x) => x.kind === 'tet' || x.date === '2025-02-03');
    expect(tet.map((x) => [x.date, x.kind])).toEqual([
      ['2025-01-28', 'tet'],
      ['2025-01-29', 'tet'],
      ['2025-01-30', 'tet'],
      ['2025-01-31', 'tet'],
      ['2025-02-01', 'tet'],
      ['2025-02-03', 'make_up'],
    ]);
  });

  it('gives eleven weekdays off in every year without decisions', () => {
    for (let year = 1900; year <= 2199; year++) {
      const weekdays = holidaysOf(year).daysOff.filter((x) => ![0, 6].includes(weekdayOf(toDayNumber(x.date))));
      // 1947, the one year of the range where Giỗ Tổ (10/3 lunar) fell on 30/4: one day for both
      if (weekdays.length !== (year === 1947 ? 10 : 11)) expect.fail(`${year}: ${weekdays.map((x) => x.date).join(' ')}`);
    }
  });

  it('refuses years outside the lunar calendar range', () => {
    expect(() => holidaysOf(1899)).toThrow(RangeError);
  });
});

describe('decisions (config/holidays.json)', () => {
  it('passes its own check', () => {
    expect(checkHolidayDecisions(decisionsJson)).toEqual([]);
  });

  it('applies the Tết 2025 decision: 25/1–2/2 off, no make-up on 3/2', () => {
    const off = holidaysOf(2025, decisions).daysOff;
    const tet = off.filter((x) => x.kind === 'tet');
    expect(tet.map((x) => x.date)).toEqual(['2025-01-25', '2025-01-26', '2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-02-01', '2025-02-02']);
    expect(tet[0]!.source).toMatch(/8726\/VPCP-KGVX/);
    expect(off.map((x) => x.date)).not.toContain('2025-02-03');
    expect(off.filter((x) => x.kind === 'national_day').map((x) => x.date)).toEqual(['2025-09-01', '2025-09-02']);
  });

  it('applies swaps: Friday 2/5/2025 off, Saturday 26/4/2025 worked', () => {
    const h = holidaysOf(2025, decisions);
    expect(h.daysOff.find((x) => x.date === '2025-05-02')).toMatchObject({ kind: 'swapped', name: { vi: 'Nghỉ hoán đổi, làm bù ngày 26/04/2025' } });
    expect(h.extraWorkingDays).toEqual([expect.objectContaining({ date: '2025-04-26', name: { vi: 'Làm bù cho ngày nghỉ 02/05/2025', en: 'Working day in exchange for 02/05/2025' } })]);
  });

  it('applies the day beside National Day: 3/9/2024 instead of 1/9', () => {
    const off = offDates(2024, decisions);
    expect(off.filter((d) => d.startsWith('2024-09'))).toEqual(['2024-09-02', '2024-09-03']);
  });

  it('leaves years without a decision to the Labour Code', () => {
    expect(holidaysOf(2022, decisions)).toEqual(holidaysOf(2022));
  });

  it('finds what is wrong in a decisions file', () => {
    expect(checkHolidayDecisions(null)).toEqual(['an object with "years" is expected']);
    expect(
      checkHolidayDecisions({
        years: {
          '25': {},
          '2025': {
            tet: { from: '2025-02-05', to: '2025-02-09', source: 'x' },
            nationalDay: { adjacent: '2025-09-04', source: 'x' },
            swaps: [{ dayOff: '2025-05-03', workingDay: '2025-04-28' }],
            holidays: [],
          },
          '2024': { tet: { from: '2024-02-08', to: '2024-02-30', source: ' ' } },
          '2023': { tet: null, nationalDay: '2023-09-01', swaps: [null] },
        },
      }),
    ).toEqual([
      '25: the year must be 1900–2199',
      '2023: tet must be an object',
      '2023: nationalDay must be an object',
      '2023: swaps[0] must be an object',
      '2024: tet has no source',
      '2024: tet.from and tet.to must be dates of the year',
      '2025: unknown entries holidays',
      '2025: the Tết range must hold the lunar new year and last under two weeks',
      '2025: nationalDay.adjacent must be 1/9 or 3/9',
      '2025: swaps[0] has no source',
      '2025: swaps[0].dayOff must be a weekday of the year',
      '2025: swaps[0].workingDay must be a Saturday or Sunday of the year',
    ]);
  });
});

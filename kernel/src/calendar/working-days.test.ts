// Processing deadlines in working days as a one-stop desk counts them: weekends, holidays, make-up
// days and swapped days skipped, a swapped Saturday counted, the day of receipt never counted.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import decisionsJson from '../../../config/holidays.json' with { type: 'json' };
import { addDays } from './day-number.ts';
import { NO_DECISIONS, type HolidayDecisions } from './holidays.ts';
import { addWorkingDays, isWorkingDay, nextWorkingDay, workingDaysBetween } from './working-days.ts';

const cal = decisionsJson as HolidayDecisions;

describe('working days', () => {
  it('follows the decisions of 2025', () => {
    expect(isWorkingDay('2025-01-24', cal)).toBe(true); // Friday before Tết
    expect(isWorkingDay('2025-01-27', cal)).toBe(false); // Monday inside the decided Tết break
    expect(isWorkingDay('2025-02-03', cal)).toBe(true); // back to work
    expect(isWorkingDay('2025-02-03', NO_DECISIONS)).toBe(false); // the Labour Code default makes it up
    expect(isWorkingDay('2025-04-26', cal)).toBe(true); // Saturday worked in exchange for 2/5
    expect(isWorkingDay('2025-05-02', cal)).toBe(false);
    expect(isWorkingDay('2025-04-07', cal)).toBe(false); // Giỗ Tổ Hùng Vương
    expect(isWorkingDay('2025-09-01', cal)).toBe(false);
    expect(isWorkingDay('2025-09-03', cal)).toBe(true);
    expect(isWorkingDay('2025-03-08', cal)).toBe(false); // an ordinary Saturday
  });

  it('agrees with the Tết 2026 decision whether or not it is given (it matches the default)', () => {
    for (let d = '2026-02-01'; d <= '2026-03-01'; d = addDays(d, 1)) expect(isWorkingDay(d, cal)).toBe(isWorkingDay(d, NO_DECISIONS));
    expect(nextWorkingDay('2026-02-14', cal)).toBe('2026-02-23');
  });

  it('counts a deadline from the day after receipt', () => {
    expect(addWorkingDays('2025-03-10', 1, cal)).toBe('2025-03-11'); // Monday → Tuesday
    expect(addWorkingDays('2025-03-14', 1, cal)).toBe('2025-03-17'); // Friday → Monday
    expect(addWorkingDays('2025-03-10', 0, cal)).toBe('2025-03-10');
    expect(addWorkingDays('2025-03-03', 15, cal)).toBe('2025-03-24');
  });

  it('counts a receipt on a non-working day from the next working day', () => {
    expect(addWorkingDays('2025-03-08', 1, cal)).toBe('2025-03-10'); // Saturday → Monday is day 1
    expect(addWorkingDays('2025-03-09', 3, cal)).toBe('2025-03-12');
    expect(addWorkingDays('2025-01-27', 1, cal)).toBe('2025-02-03'); // inside the Tết break
  });

  it('skips Tết, holidays and swapped days and counts swapped Saturdays', () => {
    expect(addWorkingDays('2025-01-24', 5, cal)).toBe('2025-02-07');
    expect(addWorkingDays('2025-04-25', 3, cal)).toBe('2025-04-29'); // Sat 26/4 is day 1, Mon 28/4 day 2
    expect(addWorkingDays('2025-04-29', 1, cal)).toBe('2025-05-05'); // 30/4, 1/5, 2/5 off, then the weekend
    expect(addWorkingDays('2025-12-29', 5, cal)).toBe('2026-01-06'); // across the new year (1/1/2026 off)
  });

  it('refuses a number of days that is not a whole number ≥ 0', () => {
    expect(() => addWorkingDays('2025-03-10', -1, cal)).toThrow(RangeError);
    expect(() => addWorkingDays('2025-03-10', 1.5, cal)).toThrow(RangeError);
    expect(() => isWorkingDay('10/03/2025', cal)).toThrow(RangeError);
  });

  it('counts working days between two dates', () => {
    expect(workingDaysBetween('2025-01-24', '2025-02-07', cal)).toBe(5);
    expect(workingDaysBetween('2025-02-07', '2025-01-24', cal)).toBe(-5);
    // the last year of the calendar counts too (2200 is beyond it)
    expect(workingDaysBetween('2199-12-01', '2199-12-31', cal)).toBeGreaterThan(15);
    expect(workingDaysBetween('2025-03-08', '2025-03-09', cal)).toBe(0);
    expect(workingDaysBetween('2025-03-10', '2025-03-10', cal)).toBe(0);
  });

  it('counts long spans across years exactly as a walk over their days would', () => {
    const start = Date.UTC(2018, 0, 1);
    const day = (offset: number) => new Date(start + offset * 86_400_000).toISOString().slice(0, 10);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9 * 365 }), fc.integer({ min: 0, max: 3 * 365 }), (offset, span) => {
        let walked = 0;
        for (let i = 1; i <= span; i++) if (isWorkingDay(day(offset + i), cal)) walked++;
        expect(workingDaysBetween(day(offset), day(offset + span), cal)).toBe(walked);
        expect(workingDaysBetween(day(offset + span), day(offset), cal)).toBe(0 - walked);
      }),
      { numRuns: 60 },
    );
  });

  it('makes workingDaysBetween the inverse of addWorkingDays', () => {
    const start = Date.UTC(2019, 0, 1);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9 * 365 }), fc.integer({ min: 0, max: 60 }), (offset, n) => {
        const received = new Date(start + offset * 86_400_000).toISOString().slice(0, 10);
        const deadline = addWorkingDays(received, n, cal);
        expect(workingDaysBetween(received, deadline, cal)).toBe(n);
        expect(workingDaysBetween(deadline, received, cal)).toBe(0 - n);
        if (n > 0) {
          expect(isWorkingDay(deadline, cal)).toBe(true);
          expect(addWorkingDays(received, n - 1, cal) < deadline).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

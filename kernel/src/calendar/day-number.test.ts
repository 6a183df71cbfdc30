// Dates as yyyy-mm-dd and whole day numbers: real dates only, weekdays right, and the arithmetic
// agrees with the UTC calendar of JavaScript's Date (used here only as an independent oracle).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, dayNumberOf, formatDayVi, fromDayNumber, isIsoDate, toDayNumber, weekdayOf } from './day-number.ts';

const UNIX_EPOCH_JDN = 2440588; // 1970-01-01

describe('day numbers', () => {
  it('knows fixed points and weekdays', () => {
    expect(toDayNumber('2000-01-01')).toBe(2451545);
    expect(toDayNumber('1970-01-01')).toBe(UNIX_EPOCH_JDN);
    expect(weekdayOf(toDayNumber('2000-01-01'))).toBe(6); // Saturday
    expect(weekdayOf(toDayNumber('2025-09-02'))).toBe(2); // Tuesday
    expect(weekdayOf(toDayNumber('1945-09-02'))).toBe(0); // Sunday
  });

  it('accepts only real dates written yyyy-mm-dd', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2100-02-29')).toBe(false);
    expect(isIsoDate('2025-04-31')).toBe(false);
    expect(isIsoDate('2025-13-01')).toBe(false);
    expect(isIsoDate('2025-1-1')).toBe(false);
    expect(isIsoDate('02/09/2025')).toBe(false);
    expect(dayNumberOf('2025-00-10')).toBeUndefined();
    expect(() => toDayNumber('2025-02-30')).toThrow(RangeError);
  });

  it('agrees with the UTC calendar for any day of 1900–2199', () => {
    const first = toDayNumber('1900-01-01');
    const last = toDayNumber('2199-12-31');
    fc.assert(
      fc.property(fc.integer({ min: first, max: last }), fc.integer({ min: -400, max: 400 }), (jdn, delta) => {
        const iso = new Date((jdn - UNIX_EPOCH_JDN) * 86_400_000).toISOString().slice(0, 10);
        expect(fromDayNumber(jdn)).toBe(iso);
        expect(toDayNumber(iso)).toBe(jdn);
        expect(weekdayOf(jdn)).toBe(new Date(`${iso}T00:00:00Z`).getUTCDay());
        expect(addDays(iso, delta)).toBe(new Date((jdn + delta - UNIX_EPOCH_JDN) * 86_400_000).toISOString().slice(0, 10));
      }),
      { numRuns: 2000 },
    );
  });

  it('shows dates as dd/mm/yyyy', () => {
    expect(formatDayVi('2025-09-02')).toBe('02/09/2025');
  });
});

// Occupancy rules: alert thresholds and their start, occupancy never negative, Vietnamese hours and days.
import { describe, expect, it } from 'vitest';
import { startOfVnDay } from '@open06/kernel';
import { addDays, alertLevel, byDay, byHour, hourOf, isDay, nextAlert, occupancyAfter } from './occupancy.ts';

describe('capacity alert', () => {
  it('warns from 90 % and is full from 100 %', () => {
    expect(alertLevel(89, 100)).toBeNull();
    expect(alertLevel(90, 100)).toBe('warning');
    expect(alertLevel(99, 100)).toBe('warning');
    expect(alertLevel(100, 100)).toBe('full');
    expect(alertLevel(130, 100)).toBe('full');
    expect(alertLevel(8, 9)).toBeNull(); // 88.9 %
    expect(alertLevel(9, 10)).toBe('warning');
  });

  it('keeps the moment a level was reached while it lasts, and restarts it on a change', () => {
    const t1 = new Date('2026-11-24T02:00:00Z');
    const t2 = new Date('2026-11-24T03:00:00Z');
    const warn = nextAlert(null, 9, 10, t1);
    expect(warn).toEqual({ level: 'warning', since: t1 });
    expect(nextAlert(warn, 9, 10, t2)).toBe(warn);
    expect(nextAlert(warn, 10, 10, t2)).toEqual({ level: 'full', since: t2 });
    expect(nextAlert(warn, 5, 10, t2)).toBeNull();
  });
});

describe('occupancy', () => {
  it('never goes below 0', () => {
    expect(occupancyAfter(2, 'in', 3)).toBe(5);
    expect(occupancyAfter(2, 'out', 1)).toBe(1);
    expect(occupancyAfter(2, 'out', 5)).toBe(0);
    expect(occupancyAfter(0, 'out', 1)).toBe(0);
  });
});

describe('Vietnamese hours and days', () => {
  it('validates calendar days', () => {
    expect(isDay('2026-02-28')).toBe(true);
    expect(isDay('2026-02-29')).toBe(false);
    expect(isDay('28/02/2026')).toBe(false);
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(startOfVnDay('2026-11-24').toISOString()).toBe('2026-11-23T17:00:00.000Z');
  });

  it('puts 23:30 UTC into the next Vietnamese morning (06:00–07:00)', () => {
    const h = hourOf(new Date('2026-11-23T23:30:00Z'));
    expect(h.toISOString()).toBe('2026-11-23T23:00:00.000Z');
    const hours = byHour([{ hour: h, entries: 3, exits: 1 }], '2026-11-24');
    expect(hours).toHaveLength(24);
    expect(hours[6]).toEqual({ hour: 6, in: 3, out: 1 });
    expect(hours.reduce((s, x) => s + x.in, 0)).toBe(3);
    // the same hour is not on the Vietnamese day before
    expect(byHour([{ hour: h, entries: 3, exits: 1 }], '2026-11-23').every((x) => x.in === 0)).toBe(true);
  });

  it('sums days by the Vietnamese calendar, oldest first, with empty days', () => {
    const rows = [
      { hour: new Date('2026-11-23T16:00:00Z'), entries: 2, exits: 0 }, // 23:00 on 23/11 in Vietnam
      { hour: new Date('2026-11-23T17:00:00Z'), entries: 5, exits: 4 }, // 00:00 on 24/11
      { hour: new Date('2026-11-24T10:00:00Z'), entries: 1, exits: 3 },
    ];
    const days = byDay(rows, '2026-11-24', 30);
    expect(days).toHaveLength(30);
    expect(days[0]!.day).toBe('2026-10-26');
    expect(days[28]).toEqual({ day: '2026-11-23', in: 2, out: 0 });
    expect(days[29]).toEqual({ day: '2026-11-24', in: 6, out: 7 });
  });
});

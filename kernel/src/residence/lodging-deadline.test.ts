import { describe, expect, it } from 'vitest';
import { endOfVnDay, startOfVnDay, vnDay } from '../dates/vietnam-time.ts';
import { notificationDeadline } from './lodging-deadline.ts';

const vn = (local: string) => new Date(`${local}+07:00`);

describe('notification deadline (Law on Residence 2020 art. 30)', () => {
  it('a guest arriving in the day is due at 23:00 the same day', () => {
    expect(notificationDeadline(vn('2026-11-23T09:15:00'), 'citizen')).toEqual(vn('2026-11-23T23:00:00'));
    expect(notificationDeadline(vn('2026-11-23T00:00:00'), 'citizen')).toEqual(vn('2026-11-23T23:00:00'));
    expect(notificationDeadline(vn('2026-11-23T22:59:59'), 'citizen')).toEqual(vn('2026-11-23T23:00:00'));
  });
  it('a guest arriving at or after 23:00 is due at 08:00 the next day, across a month end', () => {
    expect(notificationDeadline(vn('2026-11-23T23:00:00'), 'citizen')).toEqual(vn('2026-11-24T08:00:00'));
    expect(notificationDeadline(vn('2026-11-30T23:40:00'), 'citizen')).toEqual(vn('2026-12-01T08:00:00'));
  });
  it('uses Vietnam time, not the server’s: 16:30 UTC is 23:30 in Hà Nội', () => {
    expect(notificationDeadline(new Date('2026-11-23T16:30:00Z'), 'citizen')).toEqual(new Date('2026-11-24T01:00:00Z'));
  });
  it('a foreign guest is due 12 hours after arrival', () => {
    expect(notificationDeadline(vn('2026-11-23T21:00:00'), 'foreign')).toEqual(vn('2026-11-24T09:00:00'));
  });
  it('Vietnam days', () => {
    expect(vnDay(new Date('2026-11-23T17:30:00Z'))).toBe('2026-11-24');
    expect(startOfVnDay('2026-11-24')).toEqual(new Date('2026-11-23T17:00:00Z'));
    expect(endOfVnDay('2026-11-24')).toEqual(new Date('2026-11-24T16:59:59.999Z'));
  });
});

// When a stay must be notified (Law on Residence 2020 art. 30 §4, Decree 144/2021; Law on the
// entry and residence of foreigners art. 33): a Vietnamese guest before 23:00 the day they arrive,
// or before 08:00 the next day when they arrive after 23:00; a foreign guest within 12 hours.
// Times are Vietnam's (UTC+7, no daylight saving). Pure.

const VN_OFFSET_MS = 7 * 3600_000;
const HOUR = 3600_000;

/** The moment a notification is due. */
export function notificationDeadline(arrivedAt: Date, guest: 'citizen' | 'foreign'): Date {
  if (guest === 'foreign') return new Date(arrivedAt.getTime() + 12 * HOUR);
  const local = arrivedAt.getTime() + VN_OFFSET_MS;
  const dayStart = local - (((local % (24 * HOUR)) + 24 * HOUR) % (24 * HOUR));
  const hour = (local - dayStart) / HOUR;
  const dueLocal = hour < 23 ? dayStart + 23 * HOUR : dayStart + 24 * HOUR + 8 * HOUR;
  return new Date(dueLocal - VN_OFFSET_MS);
}

/** Vietnam's calendar day of an instant, yyyy-mm-dd. */
export function vietnamDay(at: Date): string {
  return new Date(at.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a Vietnam calendar day (yyyy-mm-dd) starts. */
export function vietnamDayStart(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) - VN_OFFSET_MS);
}

// Times at the front desk, in Vietnam's time (UTC+7, no daylight saving) whatever the device's
// zone: reading "dd/mm/yyyy HH:mm" as typed, and the notification deadline of Law on Residence 2020
// art. 30 (before 23:00 the day of arrival, 08:00 the next day after 23:00; a foreigner within 12 h),
// shown before the check-in is sent. The server computes the deadline that counts.
import { parsePartialDate, toIsoPartial } from '@open06/kernel';

const VN_OFFSET_MS = 7 * 3600_000;
const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** "dd/mm/yyyy HH:mm" (or "dd/mm/yyyy H:mm") in Vietnam's time → the instant, or null when it is not such a time. */
export function parseVnDateTime(text: string): Date | null {
  const m = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s+(\d{1,2})[:h](\d{2})\s*$/.exec(text);
  if (!m) return null;
  const [day, month, year, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  if (month < 1 || month > 12 || hour > 23 || minute > 59) return null;
  const utc = Date.UTC(year, month - 1, day, hour, minute);
  if (new Date(utc).getUTCDate() !== day) return null;
  return new Date(utc - VN_OFFSET_MS);
}

/** When a stay must be notified at the latest. */
export function notificationDeadline(arrivedAt: Date, guest: 'citizen' | 'foreign'): Date {
  if (guest === 'foreign') return new Date(arrivedAt.getTime() + 12 * HOUR);
  const local = arrivedAt.getTime() + VN_OFFSET_MS;
  const dayStart = local - (((local % DAY) + DAY) % DAY);
  const due = local - dayStart < 23 * HOUR ? dayStart + 23 * HOUR : dayStart + DAY + 8 * HOUR;
  return new Date(due - VN_OFFSET_MS);
}

/**
 * A calendar date as typed (dd/mm/yyyy, or what the registry accepts) → ISO (yyyy-mm-dd); text
 * that is no date is passed on unchanged, so that the server names the problem on its field.
 */
export function isoDate(text: string): string {
  const parsed = parsePartialDate(text);
  return parsed.ok ? toIsoPartial(parsed.value) : text.trim();
}

/** The Vietnam calendar day of an instant, yyyy-mm-dd. */
export function vnDay(at: Date): string {
  return new Date(at.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
}

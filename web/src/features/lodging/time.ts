// Times and dates as typed at the front desk, in Vietnam's time (UTC+7, no daylight saving) whatever
// the device's zone. The notification deadline and Vietnam days come from the kernel, the same code
// the server decides with.
import { parsePartialDate, toIsoPartial } from '@open06/kernel';

const VN_OFFSET_MS = 7 * 3600_000;

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

/**
 * A calendar date as typed (dd/mm/yyyy, or what the registry accepts) → ISO (yyyy-mm-dd); text
 * that is no date is passed on unchanged, so that the server names the problem on its field.
 */
export function isoDate(text: string): string {
  const parsed = parsePartialDate(text);
  return parsed.ok ? toIsoPartial(parsed.value) : text.trim();
}

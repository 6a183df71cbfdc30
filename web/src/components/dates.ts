// Dates as Vietnamese readers write them (dd/mm/yyyy). Calendar dates (birth dates, validity) are
// shown as they are; instants (when something happened) in Vietnam's time zone, wherever the
// browser is.
import { formatVi, parsePartialDate } from '@open06/kernel';

/** A calendar date, possibly partial (yyyy, yyyy-mm, yyyy-mm-dd) → dd/mm/yyyy, mm/yyyy or yyyy. */
export function viDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = parsePartialDate(iso);
  return d.ok ? formatVi(d.value) : iso;
}

const dayFmt = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' });
const timeFmt = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', hour12: false });

/** An instant (ISO timestamp) → dd/mm/yyyy, or dd/mm/yyyy hh:mm, in Vietnam's time. */
export function viInstant(iso: string | null | undefined, withTime = false): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return withTime ? `${dayFmt.format(d)} ${timeFmt.format(d)}` : dayFmt.format(d);
}

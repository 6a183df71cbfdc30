// Dates with partial precision: many records hold only a year, or a month and year, of birth.
export interface PartialDate {
  year: number;
  month?: number;
  day?: number;
}

export type ParseDateResult = { ok: true; value: PartialDate } | { ok: false; error: { vi: string; en: string } };

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function make(year: number, month?: number, day?: number): ParseDateResult {
  const bad = (why: string, whyEn: string): ParseDateResult => ({ ok: false, error: { vi: why, en: whyEn } });
  if (!Number.isInteger(year) || year < 1000 || year > 9999) return bad('Năm không hợp lệ.', 'Invalid year.');
  if (month === undefined) return { ok: true, value: { year } };
  if (!Number.isInteger(month) || month < 1 || month > 12) return bad('Tháng không hợp lệ.', 'Invalid month.');
  if (day === undefined) return { ok: true, value: { year, month } };
  if (!Number.isInteger(day) || day < 1 || day > daysInMonth(year, month))
    return bad(`Tháng ${month}/${year} không có ngày ${day}.`, `${year}-${String(month).padStart(2, '0')} has no day ${day}.`);
  return { ok: true, value: { year, month, day } };
}

/** Accepts yyyy, yyyy-mm, yyyy-mm-dd, dd/mm/yyyy (also d/m/yyyy, with - or .), mm/yyyy, ddmmyyyy, yyyymmdd. */
export function parsePartialDate(input: string): ParseDateResult {
  const s = String(input ?? '').trim();
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})$/.exec(s))) return make(+m[1]!);
  if ((m = /^(\d{4})-(\d{1,2})$/.exec(s))) return make(+m[1]!, +m[2]!);
  if ((m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s))) return make(+m[1]!, +m[2]!, +m[3]!);
  if ((m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s))) return make(+m[3]!, +m[2]!, +m[1]!);
  if ((m = /^(\d{1,2})[/.-](\d{4})$/.exec(s))) return make(+m[2]!, +m[1]!);
  if ((m = /^(\d{8})$/.exec(s))) {
    // ddmmyyyy (the ID-card QR) unless that is impossible and yyyymmdd is possible
    const dmy = make(+s.slice(4, 8), +s.slice(2, 4), +s.slice(0, 2));
    if (dmy.ok) return dmy;
    const ymd = make(+s.slice(0, 4), +s.slice(4, 6), +s.slice(6, 8));
    return ymd.ok ? ymd : dmy;
  }
  return { ok: false, error: { vi: `Không đọc được ngày "${s}".`, en: `Cannot read the date "${s}".` } };
}

const p2 = (n: number) => String(n).padStart(2, '0');

/** `1990`, `1990-05`, `1990-05-12`. */
export function toIsoPartial(d: PartialDate): string {
  return d.month === undefined ? `${d.year}` : d.day === undefined ? `${d.year}-${p2(d.month)}` : `${d.year}-${p2(d.month)}-${p2(d.day)}`;
}

/** As Vietnamese readers write it: `12/05/1990`, `05/1990`, `1990`. */
export function formatVi(d: PartialDate): string {
  return d.month === undefined ? `${d.year}` : d.day === undefined ? `${p2(d.month)}/${d.year}` : `${p2(d.day)}/${p2(d.month)}/${d.year}`;
}

/** The first day a partial date may mean (yyyy-mm-dd). */
export function earliest(d: PartialDate): string {
  return `${d.year}-${p2(d.month ?? 1)}-${p2(d.day ?? 1)}`;
}

/** The last day a partial date may mean (yyyy-mm-dd). */
export function latest(d: PartialDate): string {
  const month = d.month ?? 12;
  return `${d.year}-${p2(month)}-${p2(d.day ?? daysInMonth(d.year, month))}`;
}

/** Orders partial dates by the earliest day each may mean; ties go to the less precise first. */
export function comparePartial(a: PartialDate, b: PartialDate): number {
  const c = earliest(a).localeCompare(earliest(b));
  if (c) return c;
  return toIsoPartial(a).length - toIsoPartial(b).length;
}

/** True only when `a` is certainly after `b` (every day `a` may mean is after every day `b` may mean). */
export function isAfter(a: PartialDate, b: PartialDate): boolean {
  return earliest(a) > latest(b);
}

/** Age in whole years on a day (yyyy-mm-dd): the range a partial birth date allows. */
export function ageOn(birth: PartialDate, on: string): { min: number; max: number } {
  const years = (from: string) => {
    const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
    const [ty, tm, td] = on.split('-').map(Number) as [number, number, number];
    return ty - fy - (tm < fm || (tm === fm && td < fd) ? 1 : 0);
  };
  return { min: years(latest(birth)), max: years(earliest(birth)) };
}

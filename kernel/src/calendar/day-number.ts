// Calendar dates as 'yyyy-mm-dd' strings (a Vietnamese local date, no time, no time zone) and their
// Julian Day Numbers: whole days, so date arithmetic never meets a Date object, a time zone or a
// daylight-saving shift. Proleptic Gregorian calendar; the integer formulas are Fliegel and Van
// Flandern's (1968).

/** A local date written yyyy-mm-dd. */
export type IsoDate = string;

/** Day of the week of a Julian Day Number: 0 Sunday … 6 Saturday. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

function jdnOf(y: number, m: number, d: number): number {
  const a = Math.floor((14 - m) / 12);
  const yy = y + 4800 - a;
  const mm = m + 12 * a - 3;
  return d + Math.floor((153 * mm + 2) / 5) + 365 * yy + Math.floor(yy / 4) - Math.floor(yy / 100) + Math.floor(yy / 400) - 32045;
}

/** Year, month and day of a Julian Day Number. */
export function ymdOf(jdn: number): { year: number; month: number; day: number } {
  const a = jdn + 32044;
  const b = Math.floor((4 * a + 3) / 146097);
  const c = a - Math.floor((146097 * b) / 4);
  const d = Math.floor((4 * c + 3) / 1461);
  const e = c - Math.floor((1461 * d) / 4);
  const m = Math.floor((5 * e + 2) / 153);
  return { year: 100 * b + d - 4800 + Math.floor(m / 10), month: m + 3 - 12 * Math.floor(m / 10), day: e - Math.floor((153 * m + 2) / 5) + 1 };
}

/** The Julian Day Number of a yyyy-mm-dd date, or undefined when the text is not a real date. */
export function dayNumberOf(date: string): number | undefined {
  const m = ISO.exec(date);
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return undefined;
  const jdn = jdnOf(y, mo, d);
  // 2025-02-30 becomes 2025-03-02: refuse dates that do not come back unchanged
  return ymdOf(jdn).day === d ? jdn : undefined;
}

export function isIsoDate(date: string): date is IsoDate {
  return dayNumberOf(date) !== undefined;
}

/** Like `dayNumberOf`, for dates the caller vouches for: a malformed date is a programming error (RangeError). */
export function toDayNumber(date: IsoDate): number {
  const jdn = dayNumberOf(date);
  if (jdn === undefined) throw new RangeError(`not a yyyy-mm-dd date: ${JSON.stringify(date)}`);
  return jdn;
}

export function fromDayNumber(jdn: number): IsoDate {
  const { year, month, day } = ymdOf(jdn);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function weekdayOf(jdn: number): Weekday {
  return ((jdn + 1) % 7) as Weekday;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** dd/mm/yyyy, the way dates are shown to Vietnamese users. */
export function formatDayVi(date: IsoDate): string {
  const { year, month, day } = ymdOf(toDayNumber(date));
  return `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}`;
}

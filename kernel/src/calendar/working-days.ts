// Working days of Vietnamese public offices (Monday to Friday, minus public holidays, make-up days
// and swapped days off, plus Saturdays or Sundays swapped to be working days), and processing
// deadlines of administrative procedures counted in working days.
//
// The counting rule, after the Civil Code 2015 art. 147 (a period counted in days starts on the day
// after the event): the deadline of a procedure taking n working days is the n-th working day
// after the day of receipt. The day of receipt itself never counts, so a dossier received on a
// Saturday, a holiday or any other non-working day counts from the next working day, which is
// day 1. A time-of-day cut-off (e.g. dossiers received after 15:00 count as received the next day)
// is the caller's to apply: pass the next calendar day as the day of receipt.
import { fromDayNumber, toDayNumber, weekdayOf, ymdOf, type IsoDate } from './day-number.ts';
import { holidaysOf, type HolidayDecisions } from './holidays.ts';

interface YearSets {
  off: Set<number>;
  work: Set<number>;
  /** Day number of 1 January, and `cum[i]`: working days among the year's first i + 1 days. */
  start: number;
  cum?: Int32Array;
}
const memo = new WeakMap<HolidayDecisions, Map<number, YearSets>>();

function yearSets(year: number, cal: HolidayDecisions): YearSets {
  let years = memo.get(cal);
  if (!years) {
    years = new Map();
    memo.set(cal, years);
  }
  let sets = years.get(year);
  if (!sets) {
    const h = holidaysOf(year, cal);
    sets = { off: new Set(h.daysOff.map((d) => toDayNumber(d.date))), work: new Set(h.extraWorkingDays.map((d) => toDayNumber(d.date))), start: toDayNumber(`${String(year).padStart(4, '0')}-01-01`) };
    years.set(year, sets);
  }
  return sets;
}

function isWorkingIn(sets: YearSets, jdn: number): boolean {
  if (sets.work.has(jdn)) return true;
  const wd = weekdayOf(jdn);
  return wd !== 0 && wd !== 6 && !sets.off.has(jdn);
}

function isWorkingJdn(jdn: number, cal: HolidayDecisions): boolean {
  return isWorkingIn(yearSets(ymdOf(jdn).year, cal), jdn);
}

/** The year's running count of working days (computed once per year and `cal`). */
function cumulative(year: number, cal: HolidayDecisions): { start: number; cum: Int32Array } {
  const sets = yearSets(year, cal);
  if (!sets.cum) {
    const days = toDayNumber(`${year + 1}-01-01`) - sets.start; // not yearSets: 2200 has no holidays computed
    const cum = new Int32Array(days);
    let n = 0;
    for (let i = 0; i < days; i++) cum[i] = n += isWorkingIn(sets, sets.start + i) ? 1 : 0;
    sets.cum = cum;
  }
  return { start: sets.start, cum: sets.cum };
}

/** Working days from 1 January of `baseYear` up to and including day `jdn`. */
function countSince(baseYear: number, jdn: number, cal: HolidayDecisions): number {
  const year = ymdOf(jdn).year;
  let n = 0;
  for (let y = baseYear; y < year; y++) n += cumulative(y, cal).cum.at(-1)!;
  const { start, cum } = cumulative(year, cal);
  return n + cum[jdn - start]!;
}

/**
 * True when public offices work on `date` (1900–2199). `cal` is the holiday decisions
 * (config/holidays.json); results are remembered per `cal` object, so pass the same object each time.
 */
export function isWorkingDay(date: IsoDate, cal: HolidayDecisions): boolean {
  return isWorkingJdn(toDayNumber(date), cal);
}

/** The first working day on or after `date`. */
export function nextWorkingDay(date: IsoDate, cal: HolidayDecisions): IsoDate {
  let d = toDayNumber(date);
  while (!isWorkingJdn(d, cal)) d++;
  return fromDayNumber(d);
}

/**
 * The deadline of a procedure taking `n` working days, received on `receivedOn`: the n-th working
 * day after it (see the counting rule above). `n` = 0 gives the day of receipt itself.
 */
export function addWorkingDays(receivedOn: IsoDate, n: number, cal: HolidayDecisions): IsoDate {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`a number of working days is a whole number ≥ 0, not ${n}`);
  let d = toDayNumber(receivedOn);
  for (let left = n; left > 0; ) if (isWorkingJdn(++d, cal)) left--;
  return fromDayNumber(d);
}

/**
 * The number of working days after `a` up to and including `b` (negative when `b` is before `a`), so
 * that `workingDaysBetween(r, addWorkingDays(r, n), cal) === n`: how many working days a dossier
 * received on `a` has used by the end of `b`.
 */
export function workingDaysBetween(a: IsoDate, b: IsoDate, cal: HolidayDecisions): number {
  const from = toDayNumber(a);
  const to = toDayNumber(b);
  const [lo, hi] = from <= to ? [from, to] : [to, from];
  // running counts per year: a span of years costs a few look-ups, not a walk over its days
  const base = ymdOf(lo).year;
  const count = countSince(base, hi, cal) - countSince(base, lo, cal);
  return from <= to ? count : 0 - count; // 0 - 0 is +0, not -0
}

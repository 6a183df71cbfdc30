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
    sets = { off: new Set(h.daysOff.map((d) => toDayNumber(d.date))), work: new Set(h.extraWorkingDays.map((d) => toDayNumber(d.date))) };
    years.set(year, sets);
  }
  return sets;
}

function isWorkingJdn(jdn: number, cal: HolidayDecisions): boolean {
  const sets = yearSets(ymdOf(jdn).year, cal);
  if (sets.work.has(jdn)) return true;
  const wd = weekdayOf(jdn);
  return wd !== 0 && wd !== 6 && !sets.off.has(jdn);
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
  let count = 0;
  for (let d = lo + 1; d <= hi; d++) if (isWorkingJdn(d, cal)) count++;
  return from <= to ? count : 0 - count; // 0 - 0 is +0, not -0
}

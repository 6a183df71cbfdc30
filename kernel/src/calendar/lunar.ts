// The Vietnamese lunisolar calendar (âm lịch), computed astronomically for the meridian of UTC+7,
// the time zone Vietnam has kept since 1968 (the reason its Tết differs from China's in some years,
// e.g. 1985 and 2007).
//
// The rules: a month begins on the day (in UTC+7) of a new moon. The month holding the winter
// solstice is month 11. When 13 new moons begin between two such months 11, the first month after
// month 11 in which the sun enters no new 30° sector of longitude (no "major solar term", trung khí)
// is a leap month and repeats the number of the month before it.
//
// Astronomy after Jean Meeus, Astronomical Algorithms (1998): the true new moon from the mean lunation
// with the main periodic terms of the sun's and moon's anomalies and the moon's argument of
// latitude (ch. 49, shortened), ΔT by a polynomial; the sun's apparent longitude from its mean
// longitude and equation of the centre (ch. 25, low precision). The shortened series are the ones
// Vietnamese calendars have long been computed with, so the results agree with the printed
// calendars; they may differ from a full ephemeris only when a new moon or a solar term falls
// within minutes of midnight.
import { dayNumberOf, fromDayNumber, toDayNumber, ymdOf, type IsoDate } from './day-number.ts';

const TIME_ZONE_HOURS = 7;
const SYNODIC_MONTH = 29.530588853;
/** Julian Date of the mean new moon of 1900-01-01, lunation k = 0. */
const LUNATION_0 = 2415021.076998695;
const RAD = Math.PI / 180;

/** The first and last supported Gregorian dates. */
export const LUNAR_RANGE = { from: '1900-01-01', to: '2199-12-31' } as const;
const FIRST_DAY = toDayNumber(LUNAR_RANGE.from);
const LAST_DAY = toDayNumber(LUNAR_RANGE.to);

/** The Julian Day Number of the local (UTC+7) day on which the k-th new moon after 1900-01-01 falls. */
function newMoonDay(k: number): number {
  const t = k / 1236.85; // Julian centuries since 1900
  const t2 = t * t;
  const t3 = t2 * t;
  const mean = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3 + 0.00033 * Math.sin((166.56 + 132.87 * t - 0.009173 * t2) * RAD);
  const sunAnomaly = (359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3) * RAD;
  const moonAnomaly = (306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3) * RAD;
  const latitudeArg = (21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3) * RAD;
  const correction =
    (0.1734 - 0.000393 * t) * Math.sin(sunAnomaly) +
    0.0021 * Math.sin(2 * sunAnomaly) -
    0.4068 * Math.sin(moonAnomaly) +
    0.0161 * Math.sin(2 * moonAnomaly) -
    0.0004 * Math.sin(3 * moonAnomaly) +
    0.0104 * Math.sin(2 * latitudeArg) -
    0.0051 * Math.sin(sunAnomaly + moonAnomaly) -
    0.0074 * Math.sin(sunAnomaly - moonAnomaly) +
    0.0004 * Math.sin(2 * latitudeArg + sunAnomaly) -
    0.0004 * Math.sin(2 * latitudeArg - sunAnomaly) -
    0.0006 * Math.sin(2 * latitudeArg + moonAnomaly) +
    0.001 * Math.sin(2 * latitudeArg - moonAnomaly) +
    0.0005 * Math.sin(2 * moonAnomaly + sunAnomaly);
  // ΔT (dynamical minus universal time), in days
  const deltaT = t < -11 ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3 : -0.000278 + 0.000265 * t + 0.000262 * t2;
  return Math.floor(mean + correction - deltaT + 0.5 + TIME_ZONE_HOURS / 24);
}

/** Which 30° sector (0 … 11, 0 = from the March equinox) the sun is in at local midnight starting day `jdn`. */
function sunSector(jdn: number): number {
  const t = (jdn - 2451545.5 - TIME_ZONE_HOURS / 24) / 36525; // Julian centuries since J2000.0
  const t2 = t * t;
  const meanAnomaly = (357.5291 + 35999.0503 * t - 0.0001559 * t2 - 0.00000048 * t * t2) * RAD;
  const meanLongitude = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
  const centre =
    (1.9146 - 0.004817 * t - 0.000014 * t2) * Math.sin(meanAnomaly) + (0.019993 - 0.000101 * t) * Math.sin(2 * meanAnomaly) + 0.00029 * Math.sin(3 * meanAnomaly);
  const longitude = (((meanLongitude + centre) % 360) + 360) % 360;
  return Math.floor(longitude / 30);
}

/** The lunation number whose new moon begins the month holding the winter solstice of Gregorian `year`. */
function month11Lunation(year: number): number {
  const k = Math.floor((toDayNumber(`${year}-12-31`) - LUNATION_0) / SYNODIC_MONTH);
  // the winter solstice is the sun entering sector 9 (270°): if it did so before this new moon's
  // day, the solstice lies in the month before
  return sunSector(newMoonDay(k)) >= 9 ? k - 1 : k;
}

interface MonthSpan {
  /** Lunar year the month belongs to (the year whose Tết precedes it). */
  year: number;
  month: number;
  leap: boolean;
  /** Julian Day Numbers of its first day and of the next month's first day. */
  start: number;
  end: number;
}

/**
 * The months from the month 11 of Gregorian `year - 1` up to (not including) the month 11 of
 * `year`: 11 and 12 of lunar year `year - 1`, then 1 … 10 of lunar year `year`, and a leap month
 * when 13 new moons fall between.
 */
function monthsBetweenSolstices(year: number): MonthSpan[] {
  const k0 = month11Lunation(year - 1);
  const count = month11Lunation(year) - k0; // 12 or 13
  const starts = Array.from({ length: count + 2 }, (_, i) => newMoonDay(k0 + i));
  let leapIndex = -1;
  if (count === 13) {
    // the first month (after month 11) whose start and end lie in the same sector has no major term
    for (let i = 1; i <= 12 && leapIndex < 0; i++) if (sunSector(starts[i]!) === sunSector(starts[i + 1]!)) leapIndex = i;
  }
  const months: MonthSpan[] = [];
  for (let i = 0; i < count; i++) {
    const ordinal = leapIndex >= 0 && i >= leapIndex ? i - 1 : i; // 0 = month 11
    const month = ((10 + ordinal) % 12) + 1;
    months.push({ year: month >= 11 ? year - 1 : year, month, leap: i === leapIndex, start: starts[i]!, end: starts[i + 1]! });
  }
  return months;
}

const cache = new Map<number, MonthSpan[]>();
function spansOf(year: number): MonthSpan[] {
  let months = cache.get(year);
  if (!months) {
    months = monthsBetweenSolstices(year);
    cache.set(year, months);
  }
  return months;
}

export interface LunarDate {
  /** The lunar year, named by the Gregorian year in which its Tết falls. */
  year: number;
  month: number;
  day: number;
  /** True in a leap month (tháng nhuận), which repeats the number of the month before it. */
  leap: boolean;
}

/** The lunar date of a Gregorian date from 1900-01-01 to 2199-12-31; undefined outside that range or for a malformed date. */
export function solarToLunar(date: IsoDate): LunarDate | undefined {
  const jdn = dayNumberOf(date);
  if (jdn === undefined || jdn < FIRST_DAY || jdn > LAST_DAY) return undefined;
  const gregorianYear = ymdOf(jdn).year;
  let months = spansOf(gregorianYear);
  if (jdn >= months[months.length - 1]!.end) months = spansOf(gregorianYear + 1);
  const m = months.find((s) => jdn >= s.start && jdn < s.end)!;
  return { year: m.year, month: m.month, day: jdn - m.start + 1, leap: m.leap };
}

/** The Gregorian date of a lunar date; undefined when that lunar date does not exist or lies outside 1900–2199. */
export function lunarToSolar(lunar: LunarDate): IsoDate | undefined {
  const { year, month, day, leap } = lunar;
  if (![year, month, day].every(Number.isInteger) || month < 1 || month > 12 || day < 1 || day > 30) return undefined;
  if (year < 1899 || year > 2199) return undefined;
  const m = spansOf(month >= 11 ? year + 1 : year).find((s) => s.month === month && s.leap === leap);
  if (!m || day > m.end - m.start) return undefined;
  const jdn = m.start + day - 1;
  return jdn >= FIRST_DAY && jdn <= LAST_DAY ? fromDayNumber(jdn) : undefined;
}

export interface LunarMonth {
  month: number;
  leap: boolean;
  /** Its first day (Gregorian) and length, 29 or 30 days. */
  start: IsoDate;
  days: 29 | 30;
}

export interface LunarYear {
  year: number;
  /** 12 or 13 months, from month 1 (Tết) to month 12. */
  months: LunarMonth[];
  /** The number of the leap month, when the year has one. */
  leapMonth?: number;
  /** Tết Nguyên đán (1/1) and the last day of the year (29 or 30 of month 12, "tất niên"). */
  firstDay: IsoDate;
  lastDay: IsoDate;
}

/** The months of a lunar year, 1900–2199 (the years whose Tết falls in that range). */
export function lunarYear(year: number): LunarYear | undefined {
  if (!Number.isInteger(year) || year < 1900 || year > 2199) return undefined;
  const spans = [...spansOf(year), ...spansOf(year + 1)].filter((s) => s.year === year);
  const months = spans.map((s) => ({ month: s.month, leap: s.leap, start: fromDayNumber(s.start), days: (s.end - s.start) as 29 | 30 }));
  const leap = spans.find((s) => s.leap);
  return {
    year,
    months,
    ...(leap ? { leapMonth: leap.month } : {}),
    firstDay: fromDayNumber(spans[0]!.start),
    lastDay: fromDayNumber(spans[spans.length - 1]!.end - 1),
  };
}

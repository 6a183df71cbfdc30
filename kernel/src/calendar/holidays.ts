// Public holidays in Vietnam and the government's year-by-year decisions about them.
//
// Labour Code 2019 (Bộ luật Lao động, Law 45/2019/QH14), art. 112 §1: New Year 1/1; Tết (lunar new
// year) 5 days; Victory Day 30/4; International Labour Day 1/5; National Day 2/9 and one day before
// or after it; Hùng Kings' Commemoration 10/3 of the lunar calendar. Art. 112 §3: the Prime Minister
// fixes the Tết days and the day beside 2/9 each year. Art. 111 §3: a holiday that falls on the
// weekly rest day is made up on the next working day (nghỉ bù).
//
// Without a decision for a year the defaults are: Tết = the last day of the old lunar year and the
// first four days of the new one, with make-up days; the day beside 2/9 = 1/9. Two holidays on the
// same day are one day off (the Code is silent; in 1900–2199 it happens once, 10/3 lunar = 30/4/1947).
// Decisions (the Tết range the Prime Minister approved, the day beside 2/9, working days swapped to
// make longer breaks) are data — config/holidays.json — passed in by the caller; this file reads no
// files.
import { dayNumberOf, formatDayVi, fromDayNumber, toDayNumber, weekdayOf, type IsoDate } from './day-number.ts';
import type { Message } from '../personal-id/personal-id.ts';
import { lunarToSolar, lunarYear } from './lunar.ts';

export type DayOffKind = 'new_year' | 'tet' | 'hung_kings' | 'victory_day' | 'labour_day' | 'national_day' | 'make_up' | 'swapped';

/** A weekday (or a weekend day that is a holiday itself) on which offices are closed. */
export interface DayOff {
  date: IsoDate;
  kind: DayOffKind;
  name: Message;
  /** The decision it comes from; absent for days that follow from the Labour Code alone. */
  source?: string;
}

/** A Saturday or Sunday that is a working day because a decision swapped it with a weekday. */
export interface ExtraWorkingDay {
  date: IsoDate;
  name: Message;
  source: string;
}

export interface YearHolidays {
  year: number;
  /** Sorted by date. Holidays falling on a weekend are listed too, followed by their make-up day. */
  daysOff: DayOff[];
  extraWorkingDays: ExtraWorkingDay[];
}

/** What the government decided for one year (every entry names the document it comes from). */
export interface YearDecision {
  /** Every day from `from` to `to` inclusive is off, weekends included; replaces the default Tết days and their make-up days. */
  tet?: { from: IsoDate; to: IsoDate; source: string };
  /** The day off beside 2/9: 1/9 or 3/9 of the year. */
  nationalDay?: { adjacent: IsoDate; source: string };
  /** A weekday made a day off in exchange for a Saturday or Sunday made a working day. */
  swaps?: { dayOff: IsoDate; workingDay: IsoDate; source: string }[];
}

/** The contents of config/holidays.json. */
export interface HolidayDecisions {
  $comment?: string;
  years: Record<string, YearDecision>;
}

export const NO_DECISIONS: HolidayDecisions = { years: {} };

const NAMES: Record<Exclude<DayOffKind, 'make_up' | 'swapped'>, Message> = {
  new_year: { vi: 'Tết Dương lịch', en: "New Year's Day" },
  tet: { vi: 'Tết Âm lịch', en: 'Lunar New Year (Tết)' },
  hung_kings: { vi: 'Giỗ Tổ Hùng Vương', en: "Hùng Kings' Commemoration Day" },
  victory_day: { vi: 'Ngày Chiến thắng', en: 'Victory Day' },
  labour_day: { vi: 'Ngày Quốc tế Lao động', en: 'International Labour Day' },
  national_day: { vi: 'Quốc khánh', en: 'National Day' },
};

const isWeekend = (jdn: number) => weekdayOf(jdn) === 0 || weekdayOf(jdn) === 6;

/**
 * Days off and extra working days of Gregorian `year` (1900–2199) for offices that rest on
 * Saturday and Sunday, from the Labour Code and the decisions for that year.
 */
export function holidaysOf(year: number, decisions: HolidayDecisions = NO_DECISIONS): YearHolidays {
  const lunar = lunarYear(year);
  if (!lunar) throw new RangeError(`holidays are computed for 1900–2199, not ${year}`);
  const decision = decisions.years[String(year)] ?? {};
  const legal: { jdn: number; kind: Exclude<DayOffKind, 'make_up' | 'swapped'>; source?: string }[] = [];
  const add = (date: IsoDate, kind: Exclude<DayOffKind, 'make_up' | 'swapped'>, source?: string) =>
    legal.push({ jdn: toDayNumber(date), kind, ...(source ? { source } : {}) });

  add(`${year}-01-01`, 'new_year');
  const tetDays = new Set<number>();
  if (decision.tet) {
    for (let d = toDayNumber(decision.tet.from); d <= toDayNumber(decision.tet.to); d++) tetDays.add(d);
  } else {
    const firstDay = toDayNumber(lunar.firstDay);
    for (let d = firstDay - 1; d <= firstDay + 3; d++) tetDays.add(d);
  }
  for (const d of tetDays) add(fromDayNumber(d), 'tet', decision.tet?.source);
  add(lunarToSolar({ year, month: 3, day: 10, leap: false })!, 'hung_kings');
  add(`${year}-04-30`, 'victory_day');
  add(`${year}-05-01`, 'labour_day');
  add(`${year}-09-02`, 'national_day');
  add(decision.nationalDay?.adjacent ?? `${year}-09-01`, 'national_day', decision.nationalDay?.source);
  const holidays = legal.sort((a, b) => a.jdn - b.jdn).filter((h, i) => i === 0 || legal[i - 1]!.jdn !== h.jdn);

  const off = new Map<number, DayOff>();
  for (const h of holidays) off.set(h.jdn, { date: fromDayNumber(h.jdn), kind: h.kind, name: NAMES[h.kind], ...(h.source ? { source: h.source } : {}) });
  for (const s of decision.swaps ?? []) {
    off.set(toDayNumber(s.dayOff), {
      date: s.dayOff,
      kind: 'swapped',
      name: { vi: `Nghỉ hoán đổi, làm bù ngày ${formatDayVi(s.workingDay)}`, en: `Day off swapped for work on ${formatDayVi(s.workingDay)}` },
      source: s.source,
    });
  }
  // make-up days, in date order, each on the first weekday not already off; a decided Tết range
  // already contains its make-up days
  for (const h of holidays) {
    if (!isWeekend(h.jdn) || (h.kind === 'tet' && decision.tet)) continue;
    let d = h.jdn + 1;
    while (isWeekend(d) || off.has(d)) d++;
    const date = fromDayNumber(h.jdn);
    off.set(d, {
      date: fromDayNumber(d),
      kind: 'make_up',
      name: { vi: `Nghỉ bù ${NAMES[h.kind].vi} (${formatDayVi(date)})`, en: `Make-up day for ${NAMES[h.kind].en} (${formatDayVi(date)})` },
    });
  }
  const extraWorkingDays = (decision.swaps ?? []).map((s) => ({
    date: s.workingDay,
    name: { vi: `Làm bù cho ngày nghỉ ${formatDayVi(s.dayOff)}`, en: `Working day in exchange for ${formatDayVi(s.dayOff)}` },
    source: s.source,
  }));
  return {
    year,
    daysOff: [...off.values()].sort((a, b) => (a.date < b.date ? -1 : 1)),
    extraWorkingDays: extraWorkingDays.sort((a, b) => (a.date < b.date ? -1 : 1)),
  };
}

/**
 * Checks decisions read from JSON: the shape, real dates in the year they are filed under, a Tết
 * range that holds the lunar new year's first day, 1/9 or 3/9 beside National Day, swaps of a
 * weekday for a weekend day, a source on every entry. Returns the problems found (none: usable).
 */
export function checkHolidayDecisions(data: unknown): string[] {
  const problems: string[] = [];
  if (typeof data !== 'object' || data === null || typeof (data as HolidayDecisions).years !== 'object' || (data as HolidayDecisions).years === null)
    return ['an object with "years" is expected'];
  for (const [key, raw] of Object.entries((data as HolidayDecisions).years)) {
    const year = Number(key);
    const at = (what: string) => `${key}: ${what}`;
    if (!/^\d{4}$/.test(key) || year < 1900 || year > 2199) {
      problems.push(at('the year must be 1900–2199'));
      continue;
    }
    if (typeof raw !== 'object' || raw === null) {
      problems.push(at('an object is expected'));
      continue;
    }
    const unknownKeys = Object.keys(raw).filter((k) => !['tet', 'nationalDay', 'swaps'].includes(k));
    if (unknownKeys.length) problems.push(at(`unknown entries ${unknownKeys.join(', ')}`));
    const d = raw as YearDecision;
    const inYear = (date: unknown): date is IsoDate => typeof date === 'string' && dayNumberOf(date) !== undefined && date.startsWith(`${key}-`);
    /** False (and a problem noted) unless `entry` is an object with a source. */
    const sourced = (entry: unknown, what: string): boolean => {
      if (typeof entry !== 'object' || entry === null) {
        problems.push(at(`${what} must be an object`));
        return false;
      }
      const source = (entry as { source?: unknown }).source;
      if (typeof source !== 'string' || !source.trim()) problems.push(at(`${what} has no source`));
      return true;
    };
    if (d.tet !== undefined && sourced(d.tet, 'tet')) {
      if (!inYear(d.tet.from) || !inYear(d.tet.to)) problems.push(at('tet.from and tet.to must be dates of the year'));
      else {
        const tet = toDayNumber(lunarYear(year)!.firstDay);
        const from = toDayNumber(d.tet.from);
        const to = toDayNumber(d.tet.to);
        if (!(from <= tet && tet <= to && to - from < 14)) problems.push(at('the Tết range must hold the lunar new year and last under two weeks'));
      }
    }
    if (d.nationalDay !== undefined && sourced(d.nationalDay, 'nationalDay')) {
      if (d.nationalDay.adjacent !== `${key}-09-01` && d.nationalDay.adjacent !== `${key}-09-03`) problems.push(at('nationalDay.adjacent must be 1/9 or 3/9'));
    }
    if (d.swaps !== undefined) {
      if (!Array.isArray(d.swaps)) problems.push(at('swaps must be a list'));
      else
        d.swaps.forEach((s, i) => {
          if (!sourced(s, `swaps[${i}]`)) return;
          if (!inYear(s.dayOff) || isWeekend(toDayNumber(s.dayOff))) problems.push(at(`swaps[${i}].dayOff must be a weekday of the year`));
          if (!inYear(s.workingDay) || !isWeekend(toDayNumber(s.workingDay))) problems.push(at(`swaps[${i}].workingDay must be a Saturday or Sunday of the year`));
        });
    }
  }
  return problems;
}

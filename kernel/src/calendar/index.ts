// @open06/kernel/calendar — Vietnamese lunar calendar, public holidays and working-day deadlines.
// Pure: holiday decisions (config/holidays.json) are passed in by the caller.
export { addDays, formatDayVi, fromDayNumber, isIsoDate, toDayNumber, weekdayOf } from './day-number.ts';
export type { IsoDate, Weekday } from './day-number.ts';
export { LUNAR_RANGE, lunarToSolar, lunarYear, solarToLunar } from './lunar.ts';
export type { LunarDate, LunarMonth, LunarYear } from './lunar.ts';
export { checkHolidayDecisions, holidaysOf, NO_DECISIONS } from './holidays.ts';
export type { DayOff, DayOffKind, ExtraWorkingDay, HolidayDecisions, YearDecision, YearHolidays } from './holidays.ts';
export { addWorkingDays, isWorkingDay, nextWorkingDay, workingDaysBetween } from './working-days.ts';

// Deadlines in working days (Saturdays, Sundays and the public holidays of config/holidays.json
// excluded): due on the n-th working day after receipt; a supplement stops the clock and its return
// restarts it with the days that were left.
import fs from 'node:fs';
import { addWorkingDays, checkHolidayDecisions, workingDaysBetween, type HolidayDecisions } from '@open06/kernel/calendar';

let cached: HolidayDecisions | undefined;

/** The holiday decisions of config/holidays.json, checked once. */
export function holidayDecisions(): HolidayDecisions {
  if (cached) return cached;
  const data = JSON.parse(fs.readFileSync(new URL('../../../../../config/holidays.json', import.meta.url), 'utf8')) as unknown;
  const problems = checkHolidayDecisions(data);
  if (problems.length) throw new Error(`config/holidays.json: ${problems.join('; ')}`);
  return (cached = data as HolidayDecisions);
}

export function dueOn(receivedOn: string, workingDays: number): string {
  return addWorkingDays(receivedOn, workingDays, holidayDecisions());
}

/** Working days left before `due` as of the end of `today` (0 when due today, negative when overdue). */
export function daysLeft(today: string, due: string): number {
  return workingDaysBetween(today, due, holidayDecisions());
}

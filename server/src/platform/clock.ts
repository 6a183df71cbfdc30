// Time, injectable for tests. Dates people see are Vietnamese days (UTC+7, no daylight saving).
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

const VN_OFFSET_MS = 7 * 3600_000;

/** The calendar day in Vietnam at instant `d`, as yyyy-mm-dd. */
export function vnDay(d: Date): string {
  return new Date(d.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/** The last instant of Vietnamese day `day` (yyyy-mm-dd). */
export function endOfVnDay(day: string): Date {
  return new Date(Date.parse(`${day}T23:59:59.999+07:00`));
}

// Time, injectable for tests. Dates people see are Vietnamese days (UTC+7, no daylight saving).
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export { endOfVnDay, vnDay } from '@open06/kernel';

// Vietnam's calendar for instants: UTC+7, no daylight saving. Whatever the zone of the server or
// the phone, the day a person sees is Vietnam's.
const VN_OFFSET_MS = 7 * 3600_000;

/** The calendar day in Vietnam at instant `at`, as yyyy-mm-dd. */
export function vnDay(at: Date): string {
  return new Date(at.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/** The first instant of Vietnamese day `day` (yyyy-mm-dd). */
export function startOfVnDay(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00+07:00`));
}

/** The last instant of Vietnamese day `day` (yyyy-mm-dd). */
export function endOfVnDay(day: string): Date {
  return new Date(Date.parse(`${day}T23:59:59.999+07:00`));
}

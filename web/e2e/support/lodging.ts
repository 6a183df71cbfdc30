// Helpers for the lodging journeys: calls straight to the API (as the owner's desk, or a guest
// issuing their e-ID QR), and Vietnam times as the desk types them.
import type { TestApp } from '../../../server/test/support/test-app.ts';

/** A citizen's bearer header (the owner's desk, a guest issuing their e-ID QR). */
export function citizenAuth(t: TestApp, pid: string) {
  return t.auth({ sub: `citizen:${pid}`, role: 'citizen', pid });
}

/** POST as JSON, failing loudly on anything but the expected status. */
export async function post<T>(t: TestApp, url: string, headers: Record<string, string>, payload: object, status = 201): Promise<T> {
  const res = await t.app.http.inject({ method: 'POST', url, headers, payload });
  if (res.statusCode !== status) throw new Error(`POST ${url} → ${res.statusCode} ${res.body}`);
  return res.json() as T;
}

const VN = 7 * 3600_000;
const p2 = (n: number) => String(n).padStart(2, '0');

/** An instant as the desk types it, "dd/mm/yyyy HH:mm" in Vietnam time. */
export function vnTyped(at: Date): string {
  const d = new Date(at.getTime() + VN);
  return `${p2(d.getUTCDate())}/${p2(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}`;
}

/** The Vietnam calendar day of an instant, dd/mm/yyyy. */
export function vnDayOf(at: Date): string {
  return vnTyped(at).slice(0, 10);
}

/** 23:30 (Vietnam time) on the day before `now`. */
export function lateEveningBefore(now: Date): Date {
  const d = new Date(now.getTime() + VN);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - 1, 23, 30) - VN);
}

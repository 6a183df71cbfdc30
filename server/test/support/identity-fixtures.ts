// E-ID accounts and officials for tests and browser journeys: a person of the registry gets a
// level-1 account with a known password through the public registration API (details checked
// against the registry, the one-time code read from the built-in delivery), and official roles
// through the administration API — the same paths a citizen and an administrator take.
import type { PersonRecord } from '../../src/modules/registry/bulk/person-record.ts';
import { writePersonBatch } from '../../src/modules/registry/bulk/person-bulk.writer.ts';
import type { Db } from '../../src/platform/db/db.ts';
import { BA_DINH, THANH_DONG, person } from './registry-fixtures.ts';
import type { TestApp } from './test-app.ts';

/** People who work as officials: a police officer living in Thành Đông, an administrator in Hà Nội. */
export const OFFICIALS = {
  officer: person({ pid: '030088007777', fullName: 'Đỗ Minh Tuấn', birthDate: '1988-09-15', sex: 'M', communeCode: THANH_DONG, addressDetail: 'Số 12, phố Chi Lăng', phone: '+84913000777' }),
  administrator: person({ pid: '001192003333', fullName: 'Vũ Thị Mai', birthDate: '1992-03-08', sex: 'F', communeCode: BA_DINH, addressDetail: 'Số 5, phố Điện Biên Phủ', phone: '+84913000333' }),
};

/** Writes OFFICIALS into the registry (as seedFamily does for the family). */
export async function seedOfficials(db: Db): Promise<void> {
  await db.bulk(async (s) => {
    await writePersonBatch(s, Object.values(OFFICIALS).map((record, i) => ({ rowNo: i + 1, record })), { source: 'fixture', actor: 'test', today: '2026-01-01' });
  });
}

/** The phone a person's one-time code goes to: theirs, or one made from the personal ID. */
export function phoneOf(p: Pick<PersonRecord, 'pid' | 'phone'>): string {
  return p.phone ?? `+849${p.pid.slice(-8)}`;
}

async function json(t: TestApp, method: 'POST' | 'GET', url: string, payload?: object, headers: Record<string, string> = {}) {
  const res = await t.app.http.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  if (res.statusCode >= 300) throw new Error(`${method} ${url} → ${res.statusCode} ${res.body}`);
  return res.body ? (res.json() as Record<string, unknown>) : {};
}

/** Creates a level-1 e-ID account for a person already in the registry; returns the account. */
export async function createAccount(t: TestApp, p: Pick<PersonRecord, 'pid' | 'fullName' | 'birthDate' | 'phone'>, password: string) {
  const phone = phoneOf(p);
  const started = await json(t, 'POST', '/api/v1/identity/registrations', { pid: p.pid, fullName: p.fullName, birthDate: p.birthDate, phone });
  const messages = await t.app.identity.delivery.recent({ recipient: phone, limit: 1 });
  const code = /(\d{6})/.exec(messages[0]?.body ?? '')?.[1];
  if (!code) throw new Error(`no one-time code was sent to ${phone}`);
  return json(t, 'POST', `/api/v1/identity/registrations/${String(started.registrationId)}/confirm`, { code, password });
}

/** Grants an official role (in a unit for commune and province roles), as an administrator would. */
export async function grantRole(t: TestApp, pid: string, role: string, unit?: string): Promise<void> {
  await json(t, 'POST', '/api/v1/identity/officials', { pid, role, ...(unit ? { unit } : {}) }, await t.auth({ sub: 'fixture-admin', role: 'admin' }));
}

// Who may do what to a resident of Phường Thành Đông (Hải Phòng): role × jurisdiction.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../http/authz.ts';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { FAMILY, HAI_DUONG, THANH_DONG, seedFamily } from '../../../../test/support/registry-fixtures.ts';

const pid = FAMILY.son.pid;
type Row = [name: string, actor: Actor, purpose: string, read: number, search: number, change: number, accessLog: number];

// statuses: 200 allowed, 403 the role may not, 404 outside the jurisdiction (indistinguishable from absent)
const MATRIX: Row[] = [
  ['commune police of the commune', { sub: 'a', role: 'commune_police', unit: THANH_DONG }, 'residence_management', 200, 200, 200, 200],
  ['commune police of another commune', { sub: 'b', role: 'commune_police', unit: HAI_DUONG }, 'residence_management', 404, 200, 404, 404],
  ['province police of the province', { sub: 'c', role: 'province_police', unit: '31' }, 'investigation', 200, 200, 200, 200],
  ['province police of another province', { sub: 'd', role: 'province_police', unit: '01' }, 'investigation', 404, 200, 404, 404],
  ['one-stop officer of the commune', { sub: 'e', role: 'one_stop_officer', unit: THANH_DONG }, 'administrative_procedure', 200, 200, 403, 403],
  ['sector system', { sub: 'f', role: 'sector_system' }, 'social_insurance', 200, 403, 403, 403],
  ['auditor', { sub: 'g', role: 'auditor', unit: '31' }, 'audit', 403, 403, 403, 200],
  ['administrator', { sub: 'h', role: 'admin' }, 'audit', 403, 403, 403, 403],
  ['the citizen', { sub: 'i', role: 'citizen', pid }, 'self_service', 200, 403, 403, 200],
  ['another citizen', { sub: 'j', role: 'citizen', pid: FAMILY.mother.pid }, 'self_service', 404, 403, 403, 404],
];

describe('person access by role and jurisdiction', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await seedFamily(t.db);
  });
  afterAll(async () => t?.close());

  it.each(MATRIX)('%s', async (_name, actor, purpose, read, search, change, accessLog) => {
    const headers = await t.auth(actor);
    const r = await t.app.http.inject({ method: 'GET', url: `/api/v1/persons/${pid}?purpose=${purpose}`, headers });
    expect(r.statusCode, 'read').toBe(read);
    const s = await t.app.http.inject({ method: 'GET', url: `/api/v1/persons?purpose=${purpose}&name=Nguyen%20Minh%20Khoi`, headers });
    expect(s.statusCode, 'search').toBe(search);
    if (s.statusCode === 200) {
      // a search never reaches outside the jurisdiction
      const found = (s.json() as { items: { pid: string }[] }).items.some((i) => i.pid === pid);
      expect(found, 'search finds the resident').toBe(read === 200);
    }
    const c = await t.app.http.inject({ method: 'PATCH', url: `/api/v1/persons/${pid}`, headers, payload: { changes: { hometown: 'Xã Cao An' }, reason: 'Kiểm tra phân quyền' } });
    expect(c.statusCode, 'change').toBe(change);
    const l = await t.app.http.inject({ method: 'GET', url: `/api/v1/persons/${pid}/access-log`, headers });
    expect(l.statusCode, 'access log').toBe(accessLog);
  });
});

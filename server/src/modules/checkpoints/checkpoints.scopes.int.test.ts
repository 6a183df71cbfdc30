// Who may do what: police register and run sites in their own jurisdiction only (a commune's
// police their commune, a province's police its communes); staff scan, count and read summaries at
// their own site only; nobody else counts anything.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../http/authz.ts';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { BA_DINH, FAMILY, HAI_DUONG, THANH_DONG, seedFamily } from '../../../test/support/registry-fixtures.ts';

const THANH_DONG_POLICE: Actor = { sub: 'cs-thanh-dong', role: 'commune_police', unit: THANH_DONG };
const HAI_DUONG_POLICE: Actor = { sub: 'cs-hai-duong', role: 'commune_police', unit: HAI_DUONG };
const HAI_PHONG_POLICE: Actor = { sub: 'ca-hai-phong', role: 'province_police', unit: '31' };
const HA_NOI_POLICE: Actor = { sub: 'ca-ha-noi', role: 'province_police', unit: '01' };
const DESK: Actor = { sub: 'desk-1', role: 'one_stop_officer', unit: THANH_DONG };
const ADMIN: Actor = { sub: 'admin-1', role: 'admin' };
const STAFF_A: Actor = { sub: 'account:staff-a', role: 'citizen', pid: '030092008888' };
const STAFF_B: Actor = { sub: 'account:staff-b', role: 'citizen', pid: '031195007777' };
const CITIZEN: Actor = { sub: 'account:someone', role: 'citizen', pid: '030080006666' };
const FATHER_QR = `${FAMILY.father.pid}|141234567|${FAMILY.father.fullName}|12041985|Nam|Số 1, phố Trần Hưng Đạo|10052021`;

describe('checkpoint scopes', () => {
  let t: TestApp;
  let a: string; // in Thành Đông, staff A
  let b: string; // in Hải Dương, staff B

  const call = async (actor: Actor, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    t.app.http.inject({ method, url, headers: await t.auth(actor), ...(payload ? { payload } : {}) });
  const register = (actor: Actor, communeCode: string, name = 'Di tích') => call(actor, 'POST', '/api/v1/checkpoints/sites', { name, kind: 'heritage', communeCode, capacity: 100 });
  const names = async (actor: Actor) => {
    const r = await call(actor, 'GET', '/api/v1/checkpoints/sites');
    expect(r.statusCode, r.body).toBe(200);
    return (r.json().items as { name: string }[]).map((s) => s.name).sort();
  };

  beforeAll(async () => {
    t = await createTestApp();
    await seedFamily(t.db);
    const ra = await register(THANH_DONG_POLICE, THANH_DONG, 'Đình Thành Đông');
    expect(ra.statusCode, ra.body).toBe(201);
    a = ra.json().id;
    const rb = await register(HAI_PHONG_POLICE, HAI_DUONG, 'Ga Hải Dương');
    expect(rb.statusCode, rb.body).toBe(201);
    b = rb.json().id;
    expect((await call(THANH_DONG_POLICE, 'POST', `/api/v1/checkpoints/sites/${a}/staff`, { pid: STAFF_A.pid })).statusCode).toBe(201);
    expect((await call(HAI_DUONG_POLICE, 'POST', `/api/v1/checkpoints/sites/${b}/staff`, { pid: STAFF_B.pid })).statusCode).toBe(201);
  });
  afterAll(async () => t?.close());

  it('police register sites only in their jurisdiction, in current communes', async () => {
    const outside = await register(THANH_DONG_POLICE, HAI_DUONG);
    expect(outside.statusCode, outside.body).toBe(403);
    expect(outside.json().detail).toContain('không thuộc địa bàn');
    expect((await register(HA_NOI_POLICE, THANH_DONG)).statusCode).toBe(403);
    const unknown = await register(HAI_PHONG_POLICE, '99999');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0].path).toBe('body.communeCode');
    const bad = await call(THANH_DONG_POLICE, 'POST', '/api/v1/checkpoints/sites', { name: 'X', kind: 'castle', communeCode: THANH_DONG, capacity: 0, retentionDays: 400 });
    expect(bad.statusCode).toBe(400);
    expect((bad.json().errors as { path: string }[]).map((e) => e.path).sort()).toEqual(['body.capacity', 'body.kind', 'body.name', 'body.retentionDays']);
    for (const who of [DESK, ADMIN, STAFF_A]) expect((await register(who, THANH_DONG)).statusCode).toBe(403);
    const dflt = await call(THANH_DONG_POLICE, 'GET', `/api/v1/checkpoints/sites/${a}`);
    expect(dflt.json()).toMatchObject({ retentionDays: 30, capacity: 100, staff: [{ pid: STAFF_A.pid }] });
  });

  it('police see and edit the sites of their jurisdiction only', async () => {
    expect(await names(THANH_DONG_POLICE)).toEqual(['Đình Thành Đông']);
    expect(await names(HAI_DUONG_POLICE)).toEqual(['Ga Hải Dương']);
    expect(await names(HAI_PHONG_POLICE)).toEqual(['Ga Hải Dương', 'Đình Thành Đông'].sort());
    expect(await names(HA_NOI_POLICE)).toEqual([]);
    const rows = (await call(HAI_PHONG_POLICE, 'GET', '/api/v1/checkpoints/sites')).json().items;
    expect(rows[0]).toMatchObject({ onSite: 0, entriesToday: 0, exitsToday: 0, alert: null, staffCount: 1 });

    expect((await call(HAI_DUONG_POLICE, 'PATCH', `/api/v1/checkpoints/sites/${a}`, { capacity: 5 })).statusCode).toBe(403);
    expect((await call(HA_NOI_POLICE, 'GET', `/api/v1/checkpoints/sites/${a}/summary`)).statusCode).toBe(403);
    expect((await call(HAI_DUONG_POLICE, 'POST', `/api/v1/checkpoints/sites/${a}/staff`, { pid: CITIZEN.pid })).statusCode).toBe(403);
    // moving a site out of one's jurisdiction is refused too
    expect((await call(THANH_DONG_POLICE, 'PATCH', `/api/v1/checkpoints/sites/${a}`, { communeCode: BA_DINH })).statusCode).toBe(403);
    const ok = await call(HAI_PHONG_POLICE, 'PATCH', `/api/v1/checkpoints/sites/${a}`, { name: 'Đình làng Thành Đông', retentionDays: 7 });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ name: 'Đình làng Thành Đông', retentionDays: 7, capacity: 100, communeCode: THANH_DONG });
    expect((await call(THANH_DONG_POLICE, 'GET', `/api/v1/checkpoints/sites/${a}/summary`)).statusCode).toBe(200);
    expect((await call(THANH_DONG_POLICE, 'GET', '/api/v1/checkpoints/sites/not-a-uuid')).json().errors[0].path).toBe('path.id');
    expect((await call(THANH_DONG_POLICE, 'GET', '/api/v1/checkpoints/sites/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });

  it('staff are named by a valid personal ID; the staff member sees the change in their access log', async () => {
    const bad = await call(THANH_DONG_POLICE, 'POST', `/api/v1/checkpoints/sites/${a}/staff`, { pid: '12345' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('body.pid');
    const again = await call(THANH_DONG_POLICE, 'POST', `/api/v1/checkpoints/sites/${a}/staff`, { pid: STAFF_A.pid });
    expect(again.statusCode).toBe(200);
    expect(again.json().staff).toHaveLength(1);
    const log = await t.app.accessLog.forPerson(STAFF_A.pid!, { limit: 5 });
    expect(log).toContainEqual(expect.objectContaining({ actor: THANH_DONG_POLICE.sub, action: 'checkpoint_staff_add', purpose: `checkpoint_staff:${a}` }));
  });

  it('staff see, scan, count and read summaries at their own site only', async () => {
    expect(await names(STAFF_A)).toEqual(['Đình làng Thành Đông']);
    expect(await names(STAFF_B)).toEqual(['Ga Hải Dương']);
    expect(await names(CITIZEN)).toEqual([]);
    const own = await call(STAFF_A, 'GET', `/api/v1/checkpoints/sites/${a}`);
    expect(own.statusCode).toBe(200);
    expect(own.json().staff).toBeUndefined(); // the staff list is the police's

    expect((await call(STAFF_A, 'POST', `/api/v1/checkpoints/sites/${a}/counts`, { direction: 'in', count: 2 })).statusCode).toBe(201);
    for (const [who, site] of [[STAFF_A, b], [STAFF_B, a], [CITIZEN, a], [THANH_DONG_POLICE, a], [DESK, a]] as const) {
      const c = await call(who, 'POST', `/api/v1/checkpoints/sites/${site}/counts`, { direction: 'in', count: 1 });
      expect(c.statusCode, `${who.sub} counts at ${site === a ? 'A' : 'B'}`).toBe(403);
      const s = await call(who, 'POST', `/api/v1/checkpoints/sites/${site}/scans`, { direction: 'in', qr: FATHER_QR });
      expect(s.statusCode, `${who.sub} scans at ${site === a ? 'A' : 'B'}`).toBe(403);
    }
    expect((await call(STAFF_A, 'GET', `/api/v1/checkpoints/sites/${b}/summary`)).statusCode).toBe(403);
    expect((await call(STAFF_A, 'PATCH', `/api/v1/checkpoints/sites/${a}`, { capacity: 1 })).statusCode).toBe(403);
    expect((await call(STAFF_A, 'POST', `/api/v1/checkpoints/sites/${a}/staff`, { pid: CITIZEN.pid })).statusCode).toBe(403);
    // nothing refused was counted, and nobody read the father's record
    expect((await call(STAFF_A, 'GET', `/api/v1/checkpoints/sites/${a}/summary`)).json()).toMatchObject({ onSite: 2, entriesToday: 2 });
    expect((await call(STAFF_B, 'GET', `/api/v1/checkpoints/sites/${b}/summary`)).json()).toMatchObject({ onSite: 0, entriesToday: 0 });
    expect(await t.app.accessLog.forPerson(FAMILY.father.pid)).toEqual([]);
  });

  it('a removed staff member can no longer count', async () => {
    const gone = await call(THANH_DONG_POLICE, 'DELETE', `/api/v1/checkpoints/sites/${a}/staff/${STAFF_A.pid}`);
    expect(gone.statusCode, gone.body).toBe(204);
    expect((await call(THANH_DONG_POLICE, 'DELETE', `/api/v1/checkpoints/sites/${a}/staff/${STAFF_A.pid}`)).statusCode).toBe(404);
    expect((await call(STAFF_A, 'POST', `/api/v1/checkpoints/sites/${a}/counts`, { direction: 'in', count: 1 })).statusCode).toBe(403);
    expect(await names(STAFF_A)).toEqual([]);
    const log = await t.app.accessLog.forPerson(STAFF_A.pid!, { limit: 5 });
    expect(log[0]).toMatchObject({ action: 'checkpoint_staff_remove', actor: THANH_DONG_POLICE.sub });
  });

  it('the public view gives a site’s name without a login, and nothing else', async () => {
    const r = await t.app.http.inject({ method: 'GET', url: `/api/v1/checkpoints/sites/${b}/public` });
    expect(r.statusCode).toBe(200);
    expect(Object.keys(r.json()).sort()).toEqual(['communeCode', 'id', 'kind', 'name']);
    expect((await t.app.http.inject({ method: 'GET', url: `/api/v1/checkpoints/sites/${b}/summary` })).statusCode).toBe(401);
  });

  it('is described in the OpenAPI document', async () => {
    const doc = await t.app.http.inject({ method: 'GET', url: '/docs/json' });
    expect(doc.statusCode).toBe(200);
    const paths = Object.keys(doc.json().paths as object).filter((p) => p.startsWith('/api/v1/checkpoints'));
    expect(paths.sort()).toEqual([
      '/api/v1/checkpoints/sites',
      '/api/v1/checkpoints/sites/{id}',
      '/api/v1/checkpoints/sites/{id}/counts',
      '/api/v1/checkpoints/sites/{id}/public',
      '/api/v1/checkpoints/sites/{id}/scans',
      '/api/v1/checkpoints/sites/{id}/staff',
      '/api/v1/checkpoints/sites/{id}/staff/{pid}',
      '/api/v1/checkpoints/sites/{id}/summary',
    ]);
  });
});

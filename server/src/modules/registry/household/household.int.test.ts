// Households: found, move members between them, change the head; every change is in the members' history.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { FAMILY, HAI_DUONG, THANH_DONG, seedFamily } from '../../../../test/support/registry-fixtures.ts';

const officer = { sub: 'cb-thanhdong-01', role: 'commune_police' as const, unit: THANH_DONG };

describe('households', () => {
  let t: TestApp;
  let familyId: number;
  beforeAll(async () => {
    t = await createTestApp();
    await seedFamily(t.db);
    const row = await t.db.kysely.selectFrom('registry.household').select('id').where('code', '=', `${THANH_DONG}-0000001`).executeTakeFirstOrThrow();
    familyId = row.id;
  });
  afterAll(async () => t?.close());

  const call = async (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown, actor: Parameters<TestApp['auth']>[0] = officer) => {
    const res = await t.app.http.inject({ method, url, ...(payload ? { payload: payload as object } : {}), headers: await t.auth(actor) });
    return { status: res.statusCode, body: res.body ? res.json() : null };
  };

  it('lists the household with its members', async () => {
    const r = await call('GET', `/api/v1/households/${familyId}?purpose=residence_management`);
    expect(r.status).toBe(200);
    expect(r.body.members.map((m: { pid: string; relation: string }) => [m.pid, m.relation])).toEqual(
      expect.arrayContaining([[FAMILY.father.pid, 'head'], [FAMILY.mother.pid, 'spouse'], [FAMILY.son.pid, 'child']]),
    );
  });

  it('founds a new household: the member leaves the old one, and the change is in their history', async () => {
    const r = await call('POST', '/api/v1/households', { communeCode: THANH_DONG, addressDetail: 'Số 5, phố Lê Lợi', headPid: FAMILY.mother.pid, members: [{ pid: FAMILY.son.pid, relation: 'child' }], reason: 'Tách hộ' });
    expect(r.status).toBe(201);
    expect(r.body.code).toMatch(new RegExp(`^${THANH_DONG}-\\d{7}$`));
    const old = await call('GET', `/api/v1/households/${familyId}?purpose=residence_management`);
    expect(old.body.members.map((m: { pid: string }) => m.pid)).toEqual([FAMILY.father.pid]);
    const h = await call('GET', `/api/v1/persons/${FAMILY.son.pid}/history?purpose=residence_management`);
    expect(h.body.items.at(-1)).toMatchObject({ change: 'household_joined', reason: 'Tách hộ', diff: { household: [familyId, r.body.id] } });
  });

  it('changes the head and keeps one head; members’ records show the new head at once', async () => {
    const before = await call('GET', `/api/v1/persons/${FAMILY.father.pid}?purpose=residence_management`);
    expect(before.body.household.headPid).toBe(FAMILY.father.pid); // now cached
    const add = await call('POST', `/api/v1/households/${familyId}/members`, { pid: FAMILY.son.pid, relation: 'child', reason: 'Nhập lại hộ cha' });
    expect(add.status).toBe(200);
    const r = await call('PUT', `/api/v1/households/${familyId}/head`, { pid: FAMILY.son.pid, formerHeadRelation: 'parent', reason: 'Đổi chủ hộ' });
    expect(r.status).toBe(200);
    const heads = r.body.members.filter((m: { relation: string }) => m.relation === 'head');
    expect(heads.map((m: { pid: string }) => m.pid)).toEqual([FAMILY.son.pid]);
    expect(r.body.headPid).toBe(FAMILY.son.pid);
    const after = await call('GET', `/api/v1/persons/${FAMILY.father.pid}?purpose=residence_management`);
    expect(after.body.household).toMatchObject({ relation: 'parent', headPid: FAMILY.son.pid });
  });

  it('will not let the head simply leave', async () => {
    const r = await call('DELETE', `/api/v1/households/${familyId}/members/${FAMILY.son.pid}`, { reason: 'Chuyển đi' });
    expect(r.status).toBe(409);
  });

  it('refuses households of another commune', async () => {
    const r = await call('POST', '/api/v1/households', { communeCode: HAI_DUONG, addressDetail: 'Số 1', headPid: FAMILY.neighbour.pid, reason: 'Lập hộ' });
    expect(r.status).toBe(403);
    expect((await call('GET', `/api/v1/households/${familyId}?purpose=residence_management`, undefined, { sub: 'x', role: 'commune_police', unit: HAI_DUONG })).status).toBe(404);
  });

  it('names unknown members', async () => {
    const r = await call('POST', '/api/v1/households', { communeCode: THANH_DONG, addressDetail: 'Số 1', headPid: FAMILY.father.pid, members: [{ pid: '031299999999', relation: 'child' }], reason: 'Lập hộ' });
    expect(r.status).toBe(400);
    expect(r.body.errors[0].path).toBe('body.members.0.pid');
  });
});

// Residence changes: moving registers at the destination commune, ends the old residence, moves
// the person into the new commune's jurisdiction, and a past day still shows the old address.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { FAMILY, HAI_DUONG, THANH_DONG, seedFamily } from '../../../../test/support/registry-fixtures.ts';

const thanhDong = { sub: 'cb-thanhdong-01', role: 'commune_police' as const, unit: THANH_DONG };
const haiDuong = { sub: 'cb-haiduong-01', role: 'commune_police' as const, unit: HAI_DUONG };

describe('residence changes', () => {
  let t: TestApp;
  const moved: unknown[] = [];
  beforeAll(async () => {
    t = await createTestApp();
    await seedFamily(t.db);
    const { PersonMoved } = await import('../index.ts');
    t.app.bus.subscribe('test-moves', PersonMoved, async (e) => void moved.push(e.payload));
  });
  afterAll(async () => t?.close());

  const call = async (method: 'GET' | 'POST' | 'DELETE', url: string, actor: Parameters<TestApp['auth']>[0], payload?: unknown) => {
    const res = await t.app.http.inject({ method, url, ...(payload ? { payload: payload as object } : {}), headers: await t.auth(actor) });
    return { status: res.statusCode, body: res.body ? res.json() : null };
  };

  it('registers a permanent residence at the destination and the person changes jurisdiction', async () => {
    const r = await call('POST', `/api/v1/persons/${FAMILY.mother.pid}/residences`, haiDuong, { kind: 'permanent', communeCode: HAI_DUONG, detail: 'Số 20, phố Nguyễn Du', validFrom: '2025-09-01', reason: 'Đăng ký thường trú' });
    expect(r.status).toBe(201);
    expect(r.body).toEqual({ pid: FAMILY.mother.pid, kind: 'permanent', fromCommune: THANH_DONG, toCommune: HAI_DUONG, validFrom: '2025-09-01' });
    expect((await call('GET', `/api/v1/persons/${FAMILY.mother.pid}?purpose=residence_management`, thanhDong)).status).toBe(404);
    const now = await call('GET', `/api/v1/persons/${FAMILY.mother.pid}?purpose=residence_management`, haiDuong);
    expect(now.body.residences).toEqual([expect.objectContaining({ kind: 'permanent', communeCode: HAI_DUONG, validFrom: '2025-09-01' })]);
    const before = await call('GET', `/api/v1/persons/${FAMILY.mother.pid}?purpose=residence_management&asOf=2025-08-31`, haiDuong);
    expect(before.body.residences).toEqual([expect.objectContaining({ kind: 'permanent', communeCode: THANH_DONG, validTo: '2025-09-01' })]);
    await t.app.bus.drain();
    expect(moved).toContainEqual({ pid: FAMILY.mother.pid, kind: 'permanent', fromCommune: THANH_DONG, toCommune: HAI_DUONG, validFrom: '2025-09-01' });
  });

  it('only the destination commune registers a move there', async () => {
    const r = await call('POST', `/api/v1/persons/${FAMILY.son.pid}/residences`, thanhDong, { kind: 'permanent', communeCode: HAI_DUONG, detail: 'Số 20', reason: 'Đăng ký thường trú' });
    expect(r.status).toBe(403);
  });

  it('declares and ends a temporary absence', async () => {
    const r = await call('POST', `/api/v1/persons/${FAMILY.son.pid}/residences`, thanhDong, { kind: 'absence', detail: 'Đi học tại Hà Nội', reason: 'Khai báo tạm vắng' });
    expect(r.status).toBe(201);
    const end = await call('DELETE', `/api/v1/persons/${FAMILY.son.pid}/residences/absence`, thanhDong, { reason: 'Đã trở về' });
    expect(end.status).toBe(204);
    const again = await call('DELETE', `/api/v1/persons/${FAMILY.son.pid}/residences/absence`, thanhDong, { reason: 'Đã trở về' });
    expect(again.status).toBe(404);
  });

  it('refuses a start date before the current residence began', async () => {
    const r = await call('POST', `/api/v1/persons/${FAMILY.mother.pid}/residences`, haiDuong, { kind: 'permanent', communeCode: HAI_DUONG, detail: 'Số 21', validFrom: '2025-01-01', reason: 'Đăng ký thường trú' });
    expect(r.status).toBe(400);
    expect(r.body.errors[0].path).toBe('body.validFrom');
  });
});

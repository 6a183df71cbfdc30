// Who may see and resolve what: role × jurisdiction for the scorecard, the worklist, resolutions
// and sector reports. A finding outside the jurisdiction does not exist for the caller (404).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { BA_DINH, FAMILY, HAI_DUONG, THANH_DONG, seedFamily } from '../../../../test/support/registry-fixtures.ts';

const thanhDong = { sub: 'cb-thanhdong', role: 'commune_police' as const, unit: THANH_DONG };
const haiDuong = { sub: 'cb-haiduong', role: 'commune_police' as const, unit: HAI_DUONG };
const haiPhong = { sub: 'ca-haiphong', role: 'province_police' as const, unit: '31' };
const haNoi = { sub: 'ca-hanoi', role: 'province_police' as const, unit: '01' };
const desk = { sub: 'motcua-thanhdong', role: 'one_stop_officer' as const, unit: THANH_DONG };
const auditor = { sub: 'thanhtra-31', role: 'auditor' as const, unit: '31' };
const insurance = { sub: 'bhxh-vn', role: 'sector_system' as const };
const citizen = { sub: `citizen:${FAMILY.father.pid}`, role: 'citizen' as const, pid: FAMILY.father.pid };

describe('who may see and resolve data-quality findings', () => {
  let t: TestApp;
  let ids: Record<string, number>;
  beforeAll(async () => {
    t = await createTestApp();
    await seedFamily(t.db);
    await t.app.quality.runPass({ startedBy: 'test', duplicates: false });
    const rows = (await sql<{ id: number; pid: string }>`select id, pid from quality.finding where rule = 'required_fields'`.execute(t.db.kysely)).rows;
    ids = Object.fromEntries(rows.map((r) => [r.pid, Number(r.id)]));
  });
  afterAll(async () => t?.close());

  const call = async (actor: object, method: 'GET' | 'POST', url: string, payload?: object) =>
    t.app.http.inject({ method, url, headers: await t.auth(actor as never), ...(payload ? { payload } : {}) });
  const pidsIn = async (actor: object, q = '') => [...new Set(((await call(actor, 'GET', `/api/v1/quality/findings?pageSize=100${q}`)).json().items as { pid: string }[]).map((i) => i.pid))];

  it('a commune officer sees the findings and scorecard of their commune only', async () => {
    const pids = await pidsIn(thanhDong);
    expect(pids).toContain(FAMILY.father.pid);
    expect(pids).not.toContain(FAMILY.neighbour.pid);
    expect((await call(thanhDong, 'GET', '/api/v1/quality/scorecard')).json().unit.code).toBe(THANH_DONG);
    expect((await call(thanhDong, 'GET', `/api/v1/quality/scorecard?unit=${HAI_DUONG}`)).statusCode).toBe(403);
    expect((await call(thanhDong, 'GET', '/api/v1/quality/scorecard?unit=31')).statusCode).toBe(403);
    expect((await call(thanhDong, 'GET', `/api/v1/quality/findings?unit=${HAI_DUONG}`)).statusCode).toBe(403);
    expect((await call(thanhDong, 'GET', `/api/v1/quality/findings/${ids[FAMILY.neighbour.pid]}`)).statusCode).toBe(404);
  });

  it('a province officer sees every commune of the province and can narrow to one', async () => {
    const pids = await pidsIn(haiPhong);
    expect(pids).toEqual(expect.arrayContaining([FAMILY.father.pid, FAMILY.neighbour.pid]));
    expect(pids).not.toContain(FAMILY.hanoian.pid);
    expect(await pidsIn(haiPhong, `&unit=${HAI_DUONG}`)).toEqual([FAMILY.neighbour.pid]);
    const card = (await call(haiPhong, 'GET', '/api/v1/quality/scorecard')).json();
    expect(card.unit.code).toBe('31');
    expect(card.children.length).toBeGreaterThan(100);
    expect((await call(haiPhong, 'GET', '/api/v1/quality/scorecard?unit=01')).statusCode).toBe(403);
  });

  it('another province’s officer sees nothing of this one', async () => {
    expect(await pidsIn(haNoi)).toEqual([FAMILY.hanoian.pid]);
    expect((await call(haNoi, 'GET', `/api/v1/quality/findings/${ids[FAMILY.father.pid]}`)).statusCode).toBe(404);
    const r = await call(haNoi, 'POST', `/api/v1/quality/findings/${ids[FAMILY.father.pid]}/resolve`, { action: 'dismiss', reason: 'Không phải lỗi' });
    expect(r.statusCode).toBe(404);
    expect((await call(haNoi, 'GET', `/api/v1/quality/scorecard?unit=${BA_DINH}`)).statusCode).toBe(200);
  });

  it('roles without data-quality work are refused', async () => {
    for (const actor of [desk, auditor, insurance, citizen]) {
      expect((await call(actor, 'GET', '/api/v1/quality/findings')).statusCode, actor.role).toBe(403);
      expect((await call(actor, 'GET', '/api/v1/quality/scorecard?unit=31')).statusCode, actor.role).toBe(403);
      expect((await call(actor, 'POST', `/api/v1/quality/findings/${ids[FAMILY.father.pid]}/resolve`, { action: 'dismiss', reason: 'Không phải lỗi' })).statusCode, actor.role).toBe(403);
    }
    expect((await t.app.http.inject({ method: 'GET', url: '/api/v1/quality/findings' })).statusCode).toBe(401);
  });

  it('only sector systems send sector reports', async () => {
    const body = { source: 'civil_status', reports: [{ kind: 'death', pid: FAMILY.son.pid, deathDate: '2026-10-01', reportedOn: '2026-10-02' }] };
    expect((await call(thanhDong, 'POST', '/api/v1/quality/sector-reports', body)).statusCode).toBe(403);
    expect((await call(insurance, 'POST', '/api/v1/quality/sector-reports', body)).statusCode).toBe(200);
  });

  it('the commune officer resolves in their commune; the neighbour commune’s officer cannot', async () => {
    expect((await call(haiDuong, 'POST', `/api/v1/quality/findings/${ids[FAMILY.father.pid]}/resolve`, { action: 'dismiss', reason: 'Không phải lỗi' })).statusCode).toBe(404);
    const ok = await call(thanhDong, 'POST', `/api/v1/quality/findings/${ids[FAMILY.father.pid]}/resolve`, { action: 'dismiss', reason: 'Quê quán chưa xác minh được, theo dõi sau' });
    expect(ok.statusCode).toBe(200);
  });
});

// Searching: by personal ID, old CMND number, or name without diacritics and with typos, narrowed
// by birth date and commune, always inside the searcher's jurisdiction, every hit logged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { FAMILY, THANH_DONG, seedFamily } from '../../../../test/support/registry-fixtures.ts';

const commune = { sub: 'cb-thanhdong-01', role: 'commune_police' as const, unit: THANH_DONG };
const province = { sub: 'ca-hp', role: 'province_police' as const, unit: '31' };

describe('GET /api/v1/persons (search)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await seedFamily(t.db);
  });
  afterAll(async () => t?.close());

  const search = async (q: string, actor: Parameters<TestApp['auth']>[0] = province) => {
    const res = await t.app.http.inject({ method: 'GET', url: `/api/v1/persons?purpose=residence_management&${q}`, headers: await t.auth(actor) });
    return { status: res.statusCode, body: res.json() };
  };
  const pids = (r: { body: { items: { pid: string }[] } }) => r.body.items.map((i) => i.pid);

  it('finds a name typed without diacritics', async () => {
    const r = await search(`name=${encodeURIComponent('tran thi thu ha')}`);
    expect(pids(r)[0]).toBe(FAMILY.mother.pid);
    expect(r.body.items[0]).toMatchObject({ fullName: 'Trần Thị Thu Hà', birthDate: '1990-11-02', communeCode: THANH_DONG });
  });

  it('tolerates a typo in any part of the name, and a given name alone', async () => {
    expect(pids(await search(`name=${encodeURIComponent('Nguyen Vn Hung')}`))).toContain(FAMILY.father.pid);
    expect(pids(await search(`name=${encodeURIComponent('Nguyn Van Hung')}`))).toContain(FAMILY.father.pid);
    expect(pids(await search(`name=${encodeURIComponent('tran thi thu haa')}`))).toContain(FAMILY.mother.pid);
    expect(pids(await search(`name=khoi`))).toEqual([FAMILY.son.pid]);
  });

  it('ranks the exact name before near misses', async () => {
    const r = await search(`name=${encodeURIComponent('Nguyễn Văn Hùng')}`);
    expect(r.body.items[0]).toMatchObject({ pid: FAMILY.father.pid, score: 1 });
  });

  it('narrows by birth date, accepting a year-only record for a full date', async () => {
    expect(pids(await search(`name=${encodeURIComponent('Le Van Nam')}&birthDate=1975`))).toEqual([FAMILY.neighbour.pid]);
    expect(pids(await search(`name=${encodeURIComponent('Le Van Nam')}&birthDate=12/06/1975`))).toEqual([FAMILY.neighbour.pid]);
    expect(pids(await search(`name=${encodeURIComponent('Le Van Nam')}&birthDate=1976`))).toEqual([]);
  });

  it('finds by old CMND number and by personal ID', async () => {
    expect(pids(await search('oldId=141234567'))).toEqual([FAMILY.father.pid]);
    expect(pids(await search(`pid=${FAMILY.son.pid}`))).toEqual([FAMILY.son.pid]);
  });

  it('keeps a commune officer inside the commune', async () => {
    expect(pids(await search(`name=${encodeURIComponent('Le Van Nam')}`, commune))).toEqual([]);
    expect(pids(await search(`name=${encodeURIComponent('Nguyen Minh Khoi')}`, commune))).toEqual([FAMILY.son.pid]);
    expect(pids(await search(`name=${encodeURIComponent('Pham Thi Lan')}`))).toEqual([]); // Hà Nội, not Hải Phòng
  });

  it('logs every person a search returned', async () => {
    await search(`pid=${FAMILY.son.pid}`, commune);
    const log = await t.app.accessLog.forPerson(FAMILY.son.pid);
    expect(log[0]).toMatchObject({ action: 'search', actor: 'cb-thanhdong-01', purpose: 'residence_management' });
  });

  it('needs a criterion, and explains a bad birth date', async () => {
    expect((await search('')).status).toBe(400);
    const bad = await search(`name=abc&birthDate=99/99/2000`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('query.birthDate');
  });

  it('is not open to roles that may only look up by number', async () => {
    expect((await search('name=abc', { sub: 'bhxh', role: 'sector_system' })).status).toBe(403);
  });
});

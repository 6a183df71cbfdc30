// Reading a person: purpose, jurisdiction, field-level least privilege, and the access log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { FAMILY, THANH_DONG, seedFamily } from '../../../../test/support/registry-fixtures.ts';

const officer = { sub: 'cb-thanhdong-01', role: 'commune_police' as const, unit: THANH_DONG };

describe('GET /api/v1/persons/:pid', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await seedFamily(t.db);
  });
  afterAll(async () => t?.close());

  const get = async (pid: string, actor: Parameters<TestApp['auth']>[0] | null, query = '?purpose=residence_management', lang = 'vi') =>
    t.app.http.inject({ method: 'GET', url: `/api/v1/persons/${pid}${query}`, headers: { ...(actor ? await t.auth(actor) : {}), 'accept-language': lang } });

  it('shows a resident of the officer’s commune with where each value came from', async () => {
    const res = await get(FAMILY.father.pid, officer);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      pid: FAMILY.father.pid,
      fullName: 'Nguyễn Văn Hùng',
      familyName: 'Nguyễn',
      middleName: 'Văn',
      givenName: 'Hùng',
      birthDate: '1985-04-12',
      sex: 'M',
      oldId: '141234567',
      spousePid: FAMILY.mother.pid,
      household: { code: `${THANH_DONG}-0000001`, relation: 'head', headPid: FAMILY.father.pid },
      idCards: [{ number: FAMILY.father.pid, kind: 'cccd', issuedOn: '2021-05-10', status: 'valid' }],
    });
    expect(body.residences).toEqual([
      expect.objectContaining({ kind: 'permanent', communeCode: THANH_DONG, communeName: 'Phường Thành Đông', provinceName: 'Thành phố Hải Phòng', validFrom: '2015-03-01', validTo: null }),
    ]);
    expect(body.sources).toEqual({ record: { source: 'fixture', updatedAt: '2014-12-31T17:00:00.000Z' }, changed: {} });
    expect(res.headers.etag).toBe('"1"');
  });

  it('writes the read to the access log with actor, purpose and fields', async () => {
    const log = await t.app.accessLog.forPerson(FAMILY.father.pid);
    expect(log[0]).toMatchObject({ actor: 'cb-thanhdong-01', actorRole: 'commune_police', actorUnit: THANH_DONG, purpose: 'residence_management', action: 'read', outcome: 'ok' });
    expect(log[0]!.fields).toEqual(expect.arrayContaining(['fullName', 'birthDate', 'residences', 'phone']));
  });

  it('refuses a read without a purpose, naming the field, in Vietnamese and English', async () => {
    const vi = await get(FAMILY.father.pid, officer, '');
    expect(vi.statusCode).toBe(400);
    expect(vi.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(vi.json()).toMatchObject({ status: 400, code: 'validation', title: 'Dữ liệu không hợp lệ', errors: [{ path: 'query.purpose' }] });
    const en = await get(FAMILY.father.pid, officer, '', 'en-US,en;q=0.9');
    expect(en.json()).toMatchObject({ title: 'Invalid input', errors: [{ path: 'query.purpose' }] });
  });

  it('refuses a purpose the role may not state', async () => {
    const res = await get(FAMILY.father.pid, officer, '?purpose=tax');
    expect(res.statusCode).toBe(403);
    expect(res.json().detail).toContain('Quản lý thuế');
  });

  it('answers 404 for a person outside the commune, and logs the refused attempt', async () => {
    const res = await get(FAMILY.hanoian.pid, officer);
    expect(res.statusCode).toBe(404);
    expect(JSON.stringify(res.json())).not.toContain('Phạm Thị Lan');
    const log = await t.app.accessLog.forPerson(FAMILY.hanoian.pid);
    expect(log[0]).toMatchObject({ actor: 'cb-thanhdong-01', outcome: 'denied', fields: [] });
  });

  it('gives a sector system only identity and residence fields', async () => {
    const res = await get(FAMILY.mother.pid, { sub: 'bhxh-hp', role: 'sector_system' }, '?purpose=social_insurance');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.fullName).toBe('Trần Thị Thu Hà');
    expect(body.residences).toHaveLength(1);
    for (const hidden of ['phone', 'spousePid', 'household', 'idCards', 'ethnicity', 'religion']) expect(body).not.toHaveProperty(hidden);
  });

  it('lets a citizen read their own record but nobody else’s', async () => {
    const me = { sub: `citizen:${FAMILY.mother.pid}`, role: 'citizen' as const, pid: FAMILY.mother.pid };
    expect((await get(FAMILY.mother.pid, me, '?purpose=self_service')).statusCode).toBe(200);
    expect((await get(FAMILY.father.pid, me, '?purpose=self_service')).statusCode).toBe(404);
  });

  it('requires a valid token', async () => {
    expect((await get(FAMILY.father.pid, null)).statusCode).toBe(401);
    const forged = await t.app.http.inject({ method: 'GET', url: `/api/v1/persons/${FAMILY.father.pid}?purpose=residence_management`, headers: { authorization: 'Bearer eyJhbGciOiJub25lIn0.e30.' } });
    expect(forged.statusCode).toBe(401);
  });

  it('names a malformed personal ID', async () => {
    const res = await get('12345', officer);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe('path.pid');
  });

  it('lets province police of Hà Nội see Ba Đình residents but not Hải Phòng ones', async () => {
    const hn = { sub: 'ca-hn', role: 'province_police' as const, unit: '01' };
    expect((await get(FAMILY.hanoian.pid, hn)).statusCode).toBe(200);
    expect((await get(FAMILY.father.pid, hn)).statusCode).toBe(404);
  });
});

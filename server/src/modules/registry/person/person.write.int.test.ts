// Registering and changing people: validation with field paths, allocation of personal IDs,
// history with who/when/source/reason, the record as of a past day, and the events.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePersonalId } from '@open06/kernel';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { FAMILY, HAI_DUONG, THANH_DONG, seedFamily } from '../../../../test/support/registry-fixtures.ts';

const officer = { sub: 'cb-thanhdong-01', role: 'commune_police' as const, unit: THANH_DONG };

describe('registering and changing people', () => {
  let t: TestApp;
  const events: { topic: string; payload: unknown }[] = [];
  beforeAll(async () => {
    t = await createTestApp();
    await seedFamily(t.db);
    const { PersonCreated, PersonUpdated, PersonDied } = await import('../index.ts');
    const record = async (e: { topic: string; payload: unknown }) => void events.push({ topic: e.topic, payload: e.payload });
    t.app.bus.subscribe('test-recorder', PersonCreated, record);
    t.app.bus.subscribe('test-recorder', PersonUpdated, record);
    t.app.bus.subscribe('test-recorder', PersonDied, record);
  });
  afterAll(async () => t?.close());

  const send = async (method: 'POST' | 'PATCH', url: string, payload: unknown, actor = officer) =>
    t.app.http.inject({ method, url, payload: payload as object, headers: await t.auth(actor) });

  it('allocates a personal ID consistent with province, sex and birth year for a newborn', async () => {
    const res = await send('POST', '/api/v1/persons', {
      fullName: '  nguyễn   Gia Bảo ',
      birthDate: '03/02/2026',
      sex: 'M',
      birthRegProvince: '031',
      fatherPid: FAMILY.father.pid,
      motherPid: FAMILY.mother.pid,
      permanentResidence: { communeCode: THANH_DONG, detail: 'Số 1, phố Trần Hưng Đạo' },
      reason: 'Đăng ký khai sinh',
      source: 'procedure',
      sourceRef: '1.001193',
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.fullName).toBe('nguyễn Gia Bảo');
    expect(body.birthDate).toBe('2026-02-03');
    const pid = parsePersonalId(body.pid);
    expect(pid).toMatchObject({ valid: true, provinceCode: '031', sex: 'M', birthYear: 2026 });
    expect(res.headers.location).toBe(`/api/v1/persons/${body.pid}`);
    expect(body.sources.record.source).toBe('procedure:1.001193');
    expect(body.sources.changed).toEqual({});
    await t.app.bus.drain();
    expect(events).toContainEqual({ topic: 'registry.person.created', payload: { pid: body.pid, source: 'procedure:1.001193', communeCode: THANH_DONG } });
  });

  it('names every bad field and writes nothing', async () => {
    const before = await t.db.kysely.selectFrom('registry.person').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const res = await send('POST', '/api/v1/persons', {
      pid: '030085001235',
      fullName: 'Lê Thị Mai',
      birthDate: '31/02/1999',
      sex: 'F',
      deathDate: '2020',
      permanentResidence: { communeCode: THANH_DONG, detail: 'x' },
      reason: 'Nhập thử',
    });
    expect(res.statusCode).toBe(400);
    const paths = res.json().errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.birthDate', 'body.lifeStatus']));
    const after = await t.db.kysely.selectFrom('registry.person').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('refuses a personal ID that contradicts the sex or birth year', async () => {
    const res = await send('POST', '/api/v1/persons', {
      pid: '030085009999', // a man born in 1985
      fullName: 'Lê Thị Mai',
      birthDate: '1999-01-01',
      sex: 'F',
      permanentResidence: { communeCode: THANH_DONG, detail: 'Số 9' },
      reason: 'Nhập thử',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.every((e: { path: string }) => e.path === 'body.pid')).toBe(true);
  });

  it('refuses a personal ID that is already registered', async () => {
    const res = await send('POST', '/api/v1/persons', {
      pid: FAMILY.father.pid,
      fullName: 'Nguyễn Văn Hùng',
      birthDate: '1985-04-12',
      sex: 'M',
      permanentResidence: { communeCode: THANH_DONG, detail: 'Số 1' },
      reason: 'Nhập trùng',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().errors[0].path).toBe('body.pid');
  });

  it('refuses to register someone resident in another commune', async () => {
    const res = await send('POST', '/api/v1/persons', {
      pid: '030075001111',
      fullName: 'Lê Văn Tám',
      birthDate: '1975',
      sex: 'M',
      permanentResidence: { communeCode: HAI_DUONG, detail: 'Số 2' },
      reason: 'Nhập thử',
    });
    expect(res.statusCode).toBe(403);
  });

  it('keeps every change with who, source and reason, and shows the record as of an earlier day', async () => {
    const res = await send('PATCH', `/api/v1/persons/${FAMILY.neighbour.pid}`, {
      changes: { phone: '+84987654321', fullName: 'Lê Văn Nam' },
      reason: 'Công dân cập nhật số điện thoại',
      source: 'correction',
      version: 1,
    }, { sub: 'cb-haiduong', role: 'commune_police', unit: HAI_DUONG });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ phone: '+84987654321', version: 2 });
    expect(res.json().sources.changed.phone.source).toBe('correction');
    expect(res.json().sources.record.source).toBe('fixture');

    const h = await t.app.http.inject({ method: 'GET', url: `/api/v1/persons/${FAMILY.neighbour.pid}/history?purpose=residence_management`, headers: await t.auth({ sub: 'cb-haiduong', role: 'commune_police', unit: HAI_DUONG }) });
    const items = h.json().items;
    expect(items[0]).toMatchObject({ change: 'created', source: 'fixture', actor: 'test' });
    expect(items[1]).toMatchObject({ change: 'updated', source: 'correction', actor: 'cb-haiduong', reason: 'Công dân cập nhật số điện thoại', diff: { phone: [null, '+84987654321'] } });
    expect(Object.keys(items[1].diff)).toEqual(['phone']); // an unchanged value is not a change

    const yesterday = new Date(Date.now() - 86400_000).toISOString().slice(0, 10);
    const asOf = await t.app.http.inject({ method: 'GET', url: `/api/v1/persons/${FAMILY.neighbour.pid}?purpose=residence_management&asOf=${yesterday}`, headers: await t.auth({ sub: 'cb-haiduong', role: 'commune_police', unit: HAI_DUONG }) });
    expect(asOf.json()).toMatchObject({ phone: null, version: 1, asOf: yesterday, sources: { record: { source: 'fixture' }, changed: {} } });
  });

  it('refuses a stale version instead of overwriting someone else’s change', async () => {
    const res = await send('PATCH', `/api/v1/persons/${FAMILY.neighbour.pid}`, { changes: { phone: '+84900000000' }, reason: 'Sửa số', version: 1 }, { sub: 'cb-haiduong', role: 'commune_police', unit: HAI_DUONG });
    expect(res.statusCode).toBe(409);
  });

  it('publishes a death, which the history calls a death', async () => {
    const res = await send('PATCH', `/api/v1/persons/${FAMILY.father.pid}`, { changes: { lifeStatus: 'deceased', deathDate: '2026-01-15' }, reason: 'Đăng ký khai tử', source: 'procedure', sourceRef: '1.000656' });
    expect(res.statusCode).toBe(200);
    await t.app.bus.drain();
    expect(events).toContainEqual({ topic: 'registry.person.died', payload: { pid: FAMILY.father.pid, deathDate: '2026-01-15', source: 'procedure:1.000656' } });
  });
});

// E-ID accounts: level 1 by self-registration (registry match + one-time code), level 2 at the
// police desk, suspension — with refusals that reveal nothing and limits on guessing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { FAMILY, HAI_DUONG, THANH_DONG, seedFamily } from '../../../../test/support/registry-fixtures.ts';

const admin = { sub: 'admin-1', role: 'admin' as const };
const police = { sub: 'cb-thanhdong', role: 'commune_police' as const, unit: THANH_DONG };
const mother = FAMILY.mother;

describe('e-ID accounts', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await seedFamily(t.db);
  });
  afterAll(async () => t?.close());

  const post = async (url: string, payload: unknown, actor?: Parameters<TestApp['auth']>[0]) => {
    const res = await t.app.http.inject({ method: 'POST', url, payload: payload as object, headers: actor ? await t.auth(actor) : {} });
    return { status: res.statusCode, body: res.body ? res.json() : null };
  };
  const lastCode = async (recipient: string) => {
    const res = await t.app.http.inject({ method: 'GET', url: `/api/v1/identity/messages?recipient=${encodeURIComponent(recipient)}`, headers: await t.auth(admin) });
    const items = res.json().items as { body: string }[];
    return /(\d{6})/.exec(items[0]!.body)![1]!;
  };

  let registrationId = '';
  it('checks the details against the registry and sends a one-time code to the phone', async () => {
    const r = await post('/api/v1/identity/registrations', { pid: mother.pid, fullName: 'tran thi thu ha', birthDate: '02/11/1990', phone: '0912 345 000' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ channel: 'sms', sentTo: '+84912***000', expiresInSeconds: 600 });
    registrationId = r.body.registrationId;
    expect(await lastCode('+84912345000')).toMatch(/^\d{6}$/);
  });

  it('refuses a wrong code, telling how many tries are left, and a weak password, naming the field', async () => {
    const code = await lastCode('+84912345000');
    const wrong = await post(`/api/v1/identity/registrations/${registrationId}/confirm`, { code: code === '000000' ? '111111' : '000000', password: 'mat-khau-manh-2026' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0]).toMatchObject({ path: 'body.code', code: 'code_wrong' });
    expect(wrong.body.errors[0].message).toContain('còn 4 lần');
    const weak = await post(`/api/v1/identity/registrations/${registrationId}/confirm`, { code, password: `${mother.pid}x` });
    expect(weak.status).toBe(400);
    expect(weak.body.errors.map((e: { code: string }) => e.code)).toContain('password_personal');
  });

  it('creates the level-1 account with the right code, and only once', async () => {
    const code = await lastCode('+84912345000');
    const r = await post(`/api/v1/identity/registrations/${registrationId}/confirm`, { code, password: 'Hoa-sen-2026!', portrait: 'data:image/png;base64,iVBORw0KGgo=' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ pid: mother.pid, level: 1, status: 'active', phone: '+84912345000', level2: null, hasPortrait: true });
    const again = await post(`/api/v1/identity/registrations/${registrationId}/confirm`, { code, password: 'Hoa-sen-2026!' });
    expect(again.status).toBe(404);
    const twice = await post('/api/v1/identity/registrations', { pid: mother.pid, fullName: 'Trần Thị Thu Hà', birthDate: '1990-11-02', phone: '0912345000' });
    expect(twice.status).toBe(409);
  });

  it('answers a mismatch and an unknown personal ID the same way, without naming the wrong field', async () => {
    const wrongName = await post('/api/v1/identity/registrations', { pid: FAMILY.neighbour.pid, fullName: 'Lê Văn Bình', birthDate: '1975', phone: '0987000111' });
    const unknown = await post('/api/v1/identity/registrations', { pid: '030075000000', fullName: 'Lê Văn Nam', birthDate: '1975', phone: '0987000111' });
    for (const r of [wrongName, unknown]) {
      expect(r.status).toBe(400);
      expect(r.body.errors).toEqual([{ path: 'body', code: 'identity_mismatch', message: 'Thông tin không khớp với Cơ sở dữ liệu quốc gia về dân cư.' }]);
    }
  });

  it('limits attempts on one personal ID', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await post('/api/v1/identity/registrations', { pid: FAMILY.son.pid, fullName: 'Nguyễn Minh Khoa', birthDate: '2015', phone: '0987000222' })).status);
    expect(statuses.slice(0, 5)).toEqual([400, 400, 400, 400, 400]);
    expect(statuses[5]).toBe(429);
  });

  it('raises the account to level 2 at the desk of the commune, with fingerprints checked', async () => {
    const noPrints = await post(`/api/v1/identity/accounts/${mother.pid}/level2`, { place: 'Công an phường Thành Đông', method: 'chip', fingerprintVerified: false }, police);
    expect(noPrints.status).toBe(400);
    const otherCommune = await post(`/api/v1/identity/accounts/${mother.pid}/level2`, { place: 'Công an phường Hải Dương', method: 'chip', fingerprintVerified: true }, { sub: 'x', role: 'commune_police', unit: HAI_DUONG });
    expect(otherCommune.status).toBe(404);
    const r = await post(`/api/v1/identity/accounts/${mother.pid}/level2`, { place: 'Công an phường Thành Đông', method: 'chip', fingerprintVerified: true }, police);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ level: 2, level2: { by: 'cb-thanhdong', place: 'Công an phường Thành Đông', method: 'chip' } });
    const log = await t.app.accessLog.forPerson(mother.pid);
    expect(log.map((l) => [l.actor, l.purpose])).toContainEqual(['cb-thanhdong', 'account_management']);
  });

  it('shows the portrait kept since registration to the police of the commune only', async () => {
    const get = async (actor: Parameters<TestApp['auth']>[0]) => t.app.http.inject({ method: 'GET', url: `/api/v1/identity/accounts/${mother.pid}/portrait`, headers: await t.auth(actor) });
    const ok = await get(police);
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['content-type']).toBe('image/png');
    expect(ok.rawPayload.subarray(0, 4).toString('hex')).toBe('89504e47');
    expect((await get({ sub: 'x', role: 'commune_police', unit: HAI_DUONG })).statusCode).toBe(404);
    expect((await get({ sub: 'c', role: 'citizen', pid: mother.pid })).statusCode).toBe(403);
  });

  it('suspends and restores with a reason; a suspended account cannot log in', async () => {
    expect((await post(`/api/v1/identity/accounts/${mother.pid}/suspend`, { reason: 'Công dân báo mất điện thoại' }, police)).body.status).toBe('suspended');
    await expect(t.app.identity.accounts.login(mother.pid, 'Hoa-sen-2026!')).rejects.toMatchObject({ status: 403 });
    expect((await post(`/api/v1/identity/accounts/${mother.pid}/restore`, { reason: 'Đã xác minh lại' }, police)).body.status).toBe('active');
    await expect(t.app.identity.accounts.login(mother.pid, 'Hoa-sen-2026!')).resolves.toMatchObject({ level: 2 });
  });

  it('locks the account for a while after five wrong passwords', async () => {
    for (let i = 0; i < 5; i++) await expect(t.app.identity.accounts.login(mother.pid, 'sai-mat-khau')).rejects.toMatchObject({ status: 400 });
    await expect(t.app.identity.accounts.login(mother.pid, 'Hoa-sen-2026!')).rejects.toMatchObject({ status: 429 });
  });
});

// Administration of the identity module: relying parties (the secret is shown once), officials'
// roles (granted in a unit of the right level, listed, revoked), the message outbox — and who may.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { FAMILY, THANH_DONG, seedFamily } from '../../../test/support/registry-fixtures.ts';
import { createAccount } from '../../../test/support/identity-fixtures.ts';
import type { Actor } from '../../http/authz.ts';

const admin: Actor = { sub: 'admin-1', role: 'admin' };
const police: Actor = { sub: 'cb-thanhdong', role: 'commune_police', unit: THANH_DONG };
const citizen: Actor = { sub: 'account:x', role: 'citizen', pid: FAMILY.mother.pid };

const portal = {
  client_id: 'cong-dvc-hp',
  client_name: 'Cổng dịch vụ công Hải Phòng',
  organization: 'UBND thành phố Hải Phòng',
  purpose: 'Điền sẵn biểu mẫu thủ tục hành chính',
  redirect_uris: ['https://dichvucong.haiphong.gov.vn/callback'],
  grant_types: ['authorization_code', 'refresh_token'],
  token_endpoint_auth_method: 'client_secret_basic',
  scope: 'openid profile pid address',
};

describe('identity administration', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await seedFamily(t.db);
    await createAccount(t, FAMILY.father, 'Hoa-sen-2026!');
    await createAccount(t, FAMILY.neighbour, 'Hoa-sen-2026!');
  });
  afterAll(async () => t?.close());

  const call = async (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, actor: Actor | null, payload?: unknown) => {
    const res = await t.app.http.inject({ method, url, headers: { ...(actor ? await t.auth(actor) : {}), 'accept-language': 'vi' }, ...(payload !== undefined ? { payload: payload as object } : {}) });
    return { status: res.statusCode, body: res.body ? res.json() : null };
  };

  describe('relying parties', () => {
    let secret = '';
    it('registers a client and shows its secret in that answer only', async () => {
      const r = await call('POST', '/api/v1/identity/clients', admin, portal);
      expect(r.status).toBe(201);
      expect(r.body.client_id).toBe(portal.client_id);
      expect(r.body.client_secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
      secret = r.body.client_secret;
      const list = await call('GET', '/api/v1/identity/clients', admin);
      const listed = list.body.items.find((c: { client_id: string }) => c.client_id === portal.client_id);
      expect(listed).toMatchObject({ client_name: portal.client_name, organization: portal.organization, purpose: portal.purpose, redirect_uris: portal.redirect_uris, token_endpoint_auth_method: 'client_secret_basic', managed_by_platform: false });
      expect(JSON.stringify(list.body)).not.toContain(secret);
      expect(list.body.items.find((c: { client_id: string }) => c.client_id === 'open06-web')).toMatchObject({ managed_by_platform: true });
    });

    it('refuses to register the same client ID twice, naming the field', async () => {
      const r = await call('POST', '/api/v1/identity/clients', admin, { ...portal, client_name: 'Khác' });
      expect(r.status).toBe(409);
      expect(r.body.errors[0]).toMatchObject({ path: 'body.client_id', code: 'client_exists' });
    });

    it('edits a client and keeps its secret (the provider still accepts the old one)', async () => {
      const r = await call('PUT', `/api/v1/identity/clients/${portal.client_id}`, admin, { ...portal, client_id: undefined, client_name: 'Cổng DVC Hải Phòng (mới)' });
      expect(r.status).toBe(200);
      expect(r.body).toEqual({ client_id: portal.client_id });
      const client = await t.app.identity.provider.Client.find(portal.client_id);
      expect(client?.clientName).toBe('Cổng DVC Hải Phòng (mới)');
      expect(client?.clientSecret).toBe(secret);
    });

    it('replaces the secret on request, showing the new one once', async () => {
      const r = await call('POST', `/api/v1/identity/clients/${portal.client_id}/secret`, admin);
      expect(r.status).toBe(201);
      expect(r.body.client_secret).not.toBe(secret);
      expect((await t.app.identity.provider.Client.find(portal.client_id))?.clientSecret).toBe(r.body.client_secret);
    });

    it('refuses bad metadata with the field: unknown scope, code flow without redirect, public client with client credentials', async () => {
      const r = await call('POST', '/api/v1/identity/clients', admin, { ...portal, client_id: 'bad-one', redirect_uris: [], scope: 'openid salary', token_endpoint_auth_method: 'none', grant_types: ['authorization_code', 'client_credentials'] });
      expect(r.status).toBe(400);
      expect(r.body.errors.map((e: { path: string; code: string }) => `${e.path} ${e.code}`).sort()).toEqual([
        'body.redirect_uris required',
        'body.scope scope_unknown',
        'body.token_endpoint_auth_method public_client_credentials',
      ]);
      expect(r.body.errors.find((e: { code: string }) => e.code === 'scope_unknown').message).toBe('Phạm vi không hỗ trợ: salary.');
      const malformed = await call('POST', '/api/v1/identity/clients', admin, { ...portal, client_id: 'X', grant_types: [] });
      expect(malformed.status).toBe(400);
      expect(malformed.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.client_id', 'body.grant_types']);
      const fragment = await call('POST', '/api/v1/identity/clients', admin, { ...portal, client_id: 'frag-one', redirect_uris: ['https://x.example/cb#frag'] });
      expect(fragment.status).toBe(400);
      expect(fragment.body.errors[0]).toMatchObject({ path: 'body', code: 'client_metadata_invalid' });
    });

    it('leaves the web app’s own client alone, and answers 404 for an unknown one', async () => {
      expect((await call('PUT', '/api/v1/identity/clients/open06-web', admin, { ...portal, client_id: undefined })).status).toBe(409);
      expect((await call('PUT', '/api/v1/identity/clients/khong-co', admin, { ...portal, client_id: undefined })).status).toBe(404);
      expect((await call('POST', '/api/v1/identity/clients/open06-web/secret', admin)).status).toBe(409);
    });
  });

  describe('officials', () => {
    it('grants a role in a unit of the right level, and lists officials by personal ID with their units', async () => {
      expect((await call('POST', '/api/v1/identity/officials', admin, { pid: FAMILY.father.pid, role: 'commune_police', unit: THANH_DONG })).status).toBe(204);
      expect((await call('POST', '/api/v1/identity/officials', admin, { pid: FAMILY.father.pid, role: 'auditor', unit: '31' })).status).toBe(204);
      const r = await call('GET', '/api/v1/identity/officials', admin);
      expect(r.status).toBe(200);
      expect(r.body.items).toEqual([
        {
          pid: FAMILY.father.pid,
          level: 1,
          status: 'active',
          roles: [
            { role: 'commune_police', unit: THANH_DONG, unitName: 'Phường Thành Đông', grantedBy: 'admin-1', grantedAt: expect.any(String) },
            { role: 'auditor', unit: '31', unitName: 'Thành phố Hải Phòng', grantedBy: 'admin-1', grantedAt: expect.any(String) },
          ],
        },
      ]);
      const filtered = await call('GET', '/api/v1/identity/officials?role=auditor&unit=31', admin);
      expect(filtered.body.items.map((o: { pid: string }) => o.pid)).toEqual([FAMILY.father.pid]);
      expect((await call('GET', '/api/v1/identity/officials?role=admin', admin)).body.items).toEqual([]);
    });

    it('refuses a unit of the wrong level, a unit for a national role, a machine role, and a person without an account', async () => {
      const wrong = await call('POST', '/api/v1/identity/officials', admin, { pid: FAMILY.neighbour.pid, role: 'commune_police', unit: '31' });
      expect(wrong.status).toBe(400);
      expect(wrong.body.errors[0]).toMatchObject({ path: 'body.unit', code: 'unit_commune_required', message: 'Vai trò này cần mã một xã, phường, đặc khu hiện hành (5 chữ số).' });
      const national = await call('POST', '/api/v1/identity/officials', admin, { pid: FAMILY.neighbour.pid, role: 'admin', unit: '31' });
      expect(national.body.errors[0]).toMatchObject({ path: 'body.unit', code: 'unit_not_allowed' });
      const machine = await call('POST', '/api/v1/identity/officials', admin, { pid: FAMILY.neighbour.pid, role: 'sector_system' });
      expect(machine.status).toBe(400);
      expect(machine.body.errors[0].path).toBe('body.role');
      const noAccount = await call('POST', '/api/v1/identity/officials', admin, { pid: FAMILY.hanoian.pid, role: 'one_stop_officer', unit: '00004' });
      expect(noAccount.status).toBe(404);
    });

    it('revokes one role and keeps the others; revoking what is not held is a 404', async () => {
      const r = await call('DELETE', `/api/v1/identity/officials/${FAMILY.father.pid}/roles/auditor`, admin);
      expect(r.status).toBe(204);
      const list = await call('GET', '/api/v1/identity/officials', admin);
      expect(list.body.items[0].roles.map((x: { role: string }) => x.role)).toEqual(['commune_police']);
      const again = await call('DELETE', `/api/v1/identity/officials/${FAMILY.father.pid}/roles/auditor`, admin);
      expect(again.status).toBe(404);
      expect(again.body.detail).toBe('Tài khoản này không có vai trò đó.');
      expect((await call('DELETE', `/api/v1/identity/officials/${FAMILY.hanoian.pid}/roles/admin`, admin)).status).toBe(404);
    });

    it('does not let an administrator revoke their own administrator role', async () => {
      await call('POST', '/api/v1/identity/officials', admin, { pid: FAMILY.neighbour.pid, role: 'admin' });
      const self: Actor = { sub: 'account:neighbour', role: 'admin', pid: FAMILY.neighbour.pid };
      const r = await call('DELETE', `/api/v1/identity/officials/${FAMILY.neighbour.pid}/roles/admin`, self);
      expect(r.status).toBe(409);
      expect((await call('DELETE', `/api/v1/identity/officials/${FAMILY.neighbour.pid}/roles/admin`, admin)).status).toBe(204);
    });
  });

  it('shows the outbox: the one-time codes the built-in delivery kept', async () => {
    const r = await call('GET', '/api/v1/identity/messages?limit=10', admin);
    expect(r.status).toBe(200);
    expect(r.body.items.length).toBeGreaterThanOrEqual(2);
    expect(r.body.items[0]).toMatchObject({ channel: 'sms', subject: 'Mã xác thực', sentVia: 'outbox' });
    expect(r.body.items[0].body).toMatch(/\d{6}/);
  });

  describe('who may (admin may; police, citizens and anonymous callers may not)', () => {
    const cases: [string, 'GET' | 'POST' | 'PUT' | 'DELETE', string, unknown?][] = [
      ['list clients', 'GET', '/api/v1/identity/clients'],
      ['register a client', 'POST', '/api/v1/identity/clients', { ...portal, client_id: 'matrix-client' }],
      ['edit a client', 'PUT', `/api/v1/identity/clients/${portal.client_id}`, { ...portal, client_id: undefined }],
      ['replace a secret', 'POST', `/api/v1/identity/clients/${portal.client_id}/secret`],
      ['list officials', 'GET', '/api/v1/identity/officials'],
      ['grant a role', 'POST', '/api/v1/identity/officials', { pid: FAMILY.neighbour.pid, role: 'one_stop_officer', unit: '10525' }],
      ['revoke a role', 'DELETE', `/api/v1/identity/officials/${FAMILY.neighbour.pid}/roles/one_stop_officer`],
      ['read the outbox', 'GET', '/api/v1/identity/messages'],
    ];
    it.each(cases)('%s', async (_name, method, url, payload) => {
      for (const who of [police, citizen]) expect((await call(method, url, who, payload)).status, `${who.role}`).toBe(403);
      expect((await call(method, url, null, payload)).status).toBe(401);
      expect((await call(method, url, admin, payload)).status).toBeLessThan(300);
    });
  });
});

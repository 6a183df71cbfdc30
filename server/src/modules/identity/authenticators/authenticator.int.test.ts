// Beyond the password: an authenticator app (TOTP) as a required second factor at login, codes
// that cannot be replayed, recovery that never raises trust, and children's accounts held by a
// parent. (Passkeys are proven in a real browser: web/e2e/devices.e2e.test.ts.)
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as OTPAuth from 'otpauth';
import { startTestServer } from '../../../../test/support/test-app.ts';
import { FAMILY, THANH_DONG, seedFamily } from '../../../../test/support/registry-fixtures.ts';
import { FormBrowser } from '../../../../test/support/form-browser.ts';
import type { Actor } from '../../../http/authz.ts';

const PASSWORD = 'Hoa-sen-2026!';
const REDIRECT = 'http://127.0.0.1:9/cb';
const police: Actor = { sub: 'cb-thanhdong', role: 'commune_police', unit: THANH_DONG };

describe('authenticator apps, recovery and children', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  const citizen = (p: { pid: string }): Actor => ({ sub: `citizen-${p.pid}`, role: 'citizen', pid: p.pid });

  async function call(method: 'GET' | 'POST' | 'DELETE', url: string, actor?: Actor, payload?: object) {
    const res = await server.t.app.http.inject({ method, url, ...(payload ? { payload } : {}), headers: actor ? await server.t.auth(actor) : {} });
    return { status: res.statusCode, body: res.body ? res.json() : null };
  }
  async function lastCode(recipient: string) {
    const items = await server.t.app.identity.delivery.recent({ recipient });
    return items[0] ? /(\d{6})/.exec(items[0].body)![1]! : null;
  }
  async function makeAccount(p: { pid: string; fullName: string; birthDate: string }, phone: string) {
    const { accounts, delivery } = server.t.app.identity;
    const start = await accounts.startRegistration({ pid: p.pid, fullName: p.fullName, birthDate: p.birthDate, phone });
    const code = /(\d{6})/.exec((await delivery.recent({ limit: 1 }))[0]!.body)![1]!;
    return accounts.confirmRegistration(start.registrationId, { code, password: PASSWORD });
  }
  /** Logs in through the provider's pages; returns the page after the password, or the callback. */
  async function passwordLogin(pid: string, password = PASSWORD) {
    const b = new FormBrowser(REDIRECT);
    const q = new URLSearchParams({ client_id: 'test-portal', response_type: 'code', redirect_uri: REDIRECT, scope: 'openid', code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'S256', prompt: 'login' });
    const first = await b.follow(`${server.url}/oidc/auth?${q}`);
    const uid = new URL(first.page!.url).pathname.split('/').pop()!;
    let after = await b.form(`/interaction/${uid}/login`, { pid, password }, server.url);
    after = await consent(b, after);
    return { b, uid, after };
  }

  /** Agrees on the consent page when it shows (the first login to the portal). */
  async function consent(b: FormBrowser, step: Awaited<ReturnType<FormBrowser['follow']>>) {
    if (!step.page?.html.includes('/confirm')) return step;
    return b.form(`${new URL(step.page.url).pathname}/confirm`, {}, server.url);
  }

  let totpSecret = '';
  beforeAll(async () => {
    server = await startTestServer();
    await seedFamily(server.t.db);
    const admin = await server.t.auth({ sub: 'admin', role: 'admin' });
    await server.t.app.http.inject({
      method: 'POST',
      url: '/api/v1/identity/clients',
      headers: admin,
      payload: { client_id: 'test-portal', client_name: 'Cổng thử nghiệm', redirect_uris: [REDIRECT], grant_types: ['authorization_code'], token_endpoint_auth_method: 'none', scope: 'openid' },
    });
    await makeAccount(FAMILY.mother, '0912345000');
    await makeAccount(FAMILY.father, '0912345678');
    await makeAccount(FAMILY.neighbour, '0987654321');
  });
  afterAll(async () => server?.close());

  it('adds an authenticator app only after its first code proves the secret was saved', async () => {
    const me = citizen(FAMILY.mother);
    const start = await call('POST', '/api/v1/identity/me/authenticators/totp', me, { label: 'Điện thoại của Hà' });
    expect(start.status).toBe(201);
    expect(start.body.uri).toMatch(/^otpauth:\/\/totp\/open06:030\*{6}321\?/);
    totpSecret = start.body.secret;
    expect((await call('GET', '/api/v1/identity/me/authenticators', me)).body.items).toEqual([]);
    const wrong = await call('POST', `/api/v1/identity/me/authenticators/totp/${start.body.id}/confirm`, me, { code: '000000' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0]).toMatchObject({ path: 'body.code', code: 'code_wrong' });
    const code = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(totpSecret) }).generate();
    const ok = await call('POST', `/api/v1/identity/me/authenticators/totp/${start.body.id}/confirm`, me, { code });
    expect(ok.status).toBe(200);
    expect((await call('GET', '/api/v1/identity/me/authenticators', me)).body.items).toMatchObject([{ kind: 'totp', label: 'Điện thoại của Hà' }]);
    // another person cannot see or remove it
    expect((await call('DELETE', `/api/v1/identity/me/authenticators/${start.body.id}`, citizen(FAMILY.father))).status).toBe(404);
  });

  it('asks for the app code after the password, and refuses a wrong code and a replayed one', async () => {
    const first = await passwordLogin(FAMILY.mother.pid);
    expect(first.after.page!.html).toContain('Xác thực hai bước');
    const ticket = /name="ticket" value="([^"]+)"/.exec(first.after.page!.html)![1]!;
    const wrong = await first.b.form(`/interaction/${first.uid}/totp`, { ticket, code: '000000' }, server.url);
    expect(wrong.page!.html).toContain('Mã xác thực không đúng');
    // the code of the next 30-second step: the one shown when the app was added is spent
    const code = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(totpSecret) }).generate({ timestamp: Date.now() + 30_000 });
    const ok = await consent(first.b, await first.b.form(`/interaction/${first.uid}/totp`, { ticket, code }, server.url));
    expect(ok.callback?.searchParams.get('code')).toBeTruthy();
    // the same code again, in a new login: already used
    const second = await passwordLogin(FAMILY.mother.pid);
    const ticket2 = /name="ticket" value="([^"]+)"/.exec(second.after.page!.html)![1]!;
    const replay = await second.b.form(`/interaction/${second.uid}/totp`, { ticket: ticket2, code }, server.url);
    expect(replay.page!.html).toContain('đã được dùng');
    // a ticket of another login does not open this one
    const forged = await second.b.form(`/interaction/${second.uid}/totp`, { ticket, code }, server.url);
    expect(forged.page!.html).toContain('Phiên đăng nhập đã hết hạn');
  });

  it('goes straight through for an account without a second factor', async () => {
    const { after } = await passwordLogin(FAMILY.father.pid);
    expect(after.callback?.searchParams.get('code')).toBeTruthy();
  });

  it('answers a recovery request the same way whether or not the contact matches', async () => {
    const before = await lastCode('+84999999999');
    const miss = await call('POST', '/api/v1/identity/recoveries', undefined, { pid: FAMILY.mother.pid, contact: '0999 999 999' });
    const hit = await call('POST', '/api/v1/identity/recoveries', undefined, { pid: FAMILY.father.pid, contact: '0912 345 678' });
    expect(miss.status).toBe(202);
    expect(hit.status).toBe(202);
    expect(Object.keys(miss.body).sort()).toEqual(Object.keys(hit.body).sort());
    expect(miss.body.message.vi).toContain('Nếu thông tin khớp');
    expect(await lastCode('+84999999999')).toBe(before); // nothing sent to a stranger
    const wrong = await call('POST', `/api/v1/identity/recoveries/${miss.body.recoveryId}/confirm`, undefined, { code: '123456', password: 'Mat-khau-moi-2026' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0]).toMatchObject({ path: 'body.code', code: 'code_wrong' });
    const bad = await call('POST', '/api/v1/identity/recoveries', undefined, { pid: FAMILY.father.pid, contact: 'không phải' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('body.contact');
  });

  it('recovers a level-2 account with the code alone at level 1 only, and ends its sessions', async () => {
    expect((await call('POST', `/api/v1/identity/accounts/${FAMILY.father.pid}/level2`, police, { place: 'Công an phường Thành Đông', method: 'chip', fingerprintVerified: true })).status).toBe(200);
    const before = await passwordLogin(FAMILY.father.pid); // a browser logged in before the recovery
    expect(before.after.callback).toBeDefined();
    const start = await call('POST', '/api/v1/identity/recoveries', undefined, { pid: FAMILY.father.pid, contact: '0912345678' });
    const code = (await lastCode('+84912345678'))!;
    const done = await call('POST', `/api/v1/identity/recoveries/${start.body.recoveryId}/confirm`, undefined, { code, password: 'Mat-khau-moi-2026' });
    expect(done.status).toBe(200);
    expect(done.body.level).toBe(1);
    expect((await server.t.app.identity.delivery.recent({ recipient: '+84912345678', limit: 1 }))[0]!.subject).toBe('Tài khoản tạm về mức 1');
    const events = (await call('GET', '/api/v1/identity/me/events', citizen(FAMILY.father))).body.items.map((e: { kind: string }) => e.kind);
    expect(events.slice(0, 3)).toEqual(['level2_withdrawn', 'recovered', 'level2_raised']);
    expect((await passwordLogin(FAMILY.father.pid)).after.page!.html).toContain('Số định danh hoặc mật khẩu không đúng');
    expect((await passwordLogin(FAMILY.father.pid, 'Mat-khau-moi-2026')).after.callback).toBeDefined();
    // that browser's session ended with the recovery (the provider had it in memory too)
    const q = new URLSearchParams({ client_id: 'test-portal', response_type: 'code', redirect_uri: REDIRECT, scope: 'openid', code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'S256' });
    const resumed = await before.b.follow(`${server.url}/oidc/auth?${q}`);
    expect(resumed.callback).toBeUndefined();
    expect(resumed.page!.html).toContain('name="password"');
  });

  it('asks an account with an authenticator app for its code too, and then keeps level 2', async () => {
    expect((await call('POST', `/api/v1/identity/accounts/${FAMILY.mother.pid}/level2`, police, { place: 'Công an phường Thành Đông', method: 'card', fingerprintVerified: true })).status).toBe(200);
    const start = await call('POST', '/api/v1/identity/recoveries', undefined, { pid: FAMILY.mother.pid, contact: '0912345000' });
    const code = (await lastCode('+84912345000'))!;
    const without = await call('POST', `/api/v1/identity/recoveries/${start.body.recoveryId}/confirm`, undefined, { code, password: 'Mat-khau-moi-2026' });
    expect(without.status).toBe(400);
    expect(without.body.errors[0]).toMatchObject({ path: 'body.totp', code: 'totp_required' });
    // two minutes later: the codes used before are spent, the app shows a new one
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 120_000 });
    try {
      const now = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(totpSecret) }).generate();
      const done = await call('POST', `/api/v1/identity/recoveries/${start.body.recoveryId}/confirm`, undefined, { code, password: 'Mat-khau-moi-2026', totp: now });
      expect(done.status).toBe(200);
      expect(done.body.level).toBe(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('lets a parent hold an account for a child under 14, and nobody else', async () => {
    const stranger = await call('POST', '/api/v1/identity/me/children', citizen(FAMILY.neighbour), { pid: FAMILY.son.pid });
    expect(stranger.status).toBe(403);
    const notChild = await call('POST', '/api/v1/identity/me/children', citizen(FAMILY.mother), { pid: FAMILY.father.pid });
    expect(notChild.status).toBe(403);
    const ok = await call('POST', '/api/v1/identity/me/children', citizen(FAMILY.mother), { pid: FAMILY.son.pid });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ pid: FAMILY.son.pid, level: 1, phone: null });
    expect((await call('GET', '/api/v1/identity/me/children', citizen(FAMILY.mother))).body.items.map((a: { pid: string }) => a.pid)).toEqual([FAMILY.son.pid]);
    expect((await call('POST', '/api/v1/identity/me/children', citizen(FAMILY.father), { pid: FAMILY.son.pid })).status).toBe(409);
    // the child's account cannot log in with a password
    expect((await passwordLogin(FAMILY.son.pid, 'anything-1234')).after.page!.html).toContain('Số định danh hoặc mật khẩu không đúng');
  });
});

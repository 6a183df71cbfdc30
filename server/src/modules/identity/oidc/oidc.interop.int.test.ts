// The OpenID Provider as an independent relying party sees it: openid-client runs discovery,
// code + PKCE, PAR, DPoP, refresh, userinfo, client credentials, logout — and the refusals.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHash } from 'node:crypto';
import { exportJWK, SignJWT } from 'jose';
import * as oidc from 'openid-client';
import { startTestServer } from '../../../../test/support/test-app.ts';
import { FAMILY, THANH_DONG, seedFamily } from '../../../../test/support/registry-fixtures.ts';
import { FormBrowser } from '../../../../test/support/form-browser.ts';

const RP = { client_id: 'cong-dich-vu-hp', redirect: 'http://127.0.0.1:9/callback' };
const PASSWORD = 'Hoa-sen-2026!';

describe('OpenID Provider with an independent relying party (openid-client)', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let issuer: string;
  let rp: oidc.Configuration;
  let secret: string;

  beforeAll(async () => {
    server = await startTestServer();
    issuer = `${server.url}/oidc`;
    await seedFamily(server.t.db);
    const admin = await server.t.auth({ sub: 'admin', role: 'admin' });
    const reg = await fetch(`${server.url}/api/v1/identity/clients`, {
      method: 'POST',
      headers: { ...admin, 'content-type': 'application/json' },
      body: JSON.stringify({
        client_id: RP.client_id,
        client_name: 'Cổng dịch vụ công Hải Phòng',
        organization: 'UBND thành phố Hải Phòng',
        purpose: 'Điền sẵn biểu mẫu thủ tục hành chính',
        redirect_uris: [RP.redirect],
        post_logout_redirect_uris: ['http://127.0.0.1:9/bye'],
        grant_types: ['authorization_code', 'refresh_token', 'client_credentials'],
        token_endpoint_auth_method: 'client_secret_basic',
        scope: 'openid offline_access profile pid address household',
      }),
    });
    expect(reg.status).toBe(201);
    secret = ((await reg.json()) as { client_secret: string }).client_secret;
    rp = await oidc.discovery(new URL(issuer), RP.client_id, undefined, oidc.ClientSecretBasic(secret), { execute: [oidc.allowInsecureRequests] });
    // a citizen with a level-1 account
    const start = await server.t.app.identity.accounts.startRegistration({ pid: FAMILY.mother.pid, fullName: FAMILY.mother.fullName, birthDate: FAMILY.mother.birthDate, phone: '0912345000' });
    const code = /(\d{6})/.exec((await server.t.app.identity.delivery.recent({ recipient: '+84912345000' }))[0]!.body)![1]!;
    await server.t.app.identity.accounts.confirmRegistration(start.registrationId, { code, password: PASSWORD });
  });
  afterAll(async () => server?.close());

  async function login(params: Record<string, string>, opts: { par?: boolean; dpop?: oidc.DPoPHandle } = {}) {
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const all = { redirect_uri: RP.redirect, scope: 'openid profile pid address', code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', state, ...params };
    const url = opts.par ? await oidc.buildAuthorizationUrlWithPAR(rp, all, opts.dpop ? { DPoP: opts.dpop } : {}) : oidc.buildAuthorizationUrl(rp, all);
    const b = new FormBrowser(RP.redirect);
    let step = await b.follow(url.toString(), RP.redirect);
    if (step.page?.html.includes('name="password"')) {
      step = await b.form(`${new URL(step.page.url).pathname}/login`, { pid: FAMILY.mother.pid, password: PASSWORD }, server.url);
    }
    if (step.page?.html.includes('/confirm')) {
      expect(step.page.html).toContain('Cổng dịch vụ công Hải Phòng');
      expect(step.page.html).toContain('Điền sẵn biểu mẫu thủ tục hành chính');
      step = await b.form(`${new URL(step.page.url).pathname}/confirm`, {}, server.url);
    }
    if (!step.callback) throw new Error(`no callback: ${step.page?.status} ${step.page?.html.slice(0, 300)}`);
    return { callback: step.callback, verifier, state, browser: b };
  }

  it('publishes discovery and keys', () => {
    const m = rp.serverMetadata();
    expect(m.issuer).toBe(issuer);
    expect(m.code_challenge_methods_supported).toContain('S256');
    expect(m.acr_values_supported).toEqual(['urn:open06:loa:1', 'urn:open06:loa:2']);
    expect(m.pushed_authorization_request_endpoint).toBeDefined();
    expect(m.dpop_signing_alg_values_supported?.length).toBeGreaterThan(0);
  });

  it('logs a citizen in with code + PKCE and releases registry claims with their sources', async () => {
    const { callback, verifier, state } = await login({ scope: 'openid offline_access profile pid address', prompt: 'consent' });
    const tokens = await oidc.authorizationCodeGrant(rp, callback, { pkceCodeVerifier: verifier, expectedState: state });
    const id = tokens.claims()!;
    expect(id.acr).toBe('urn:open06:loa:1');
    const info = await oidc.fetchUserInfo(rp, tokens.access_token, id.sub);
    expect(info).toMatchObject({ name: 'Trần Thị Thu Hà', birthdate: '1990-11-02', gender: 'female', pid: FAMILY.mother.pid, address: { locality: 'Phường Thành Đông', commune_code: THANH_DONG } });
    expect((info.claim_sources as Record<string, { source: string }>).name?.source).toBe('fixture');
    // the release is in the citizen's access log, under the relying party's name
    const log = await server.t.app.accessLog.forPerson(FAMILY.mother.pid);
    expect(log.map((l) => [l.actor, l.purpose])).toContainEqual([`oidc:${RP.client_id}`, 'claims_release']);
    // refresh
    expect(tokens.refresh_token).toBeDefined();
    const refreshed = await oidc.refreshTokenGrant(rp, tokens.refresh_token!);
    expect(refreshed.access_token).not.toBe(tokens.access_token);
  });

  it('works through pushed authorization requests with DPoP-bound tokens', async () => {
    const dpop = oidc.getDPoPHandle(rp, await oidc.randomDPoPKeyPair());
    const { callback, verifier, state } = await login({}, { par: true, dpop });
    const tokens = await oidc.authorizationCodeGrant(rp, callback, { pkceCodeVerifier: verifier, expectedState: state }, undefined, { DPoP: dpop });
    expect(tokens.token_type.toLowerCase()).toBe('dpop');
    const info = await oidc.fetchUserInfo(rp, tokens.access_token, tokens.claims()!.sub, { DPoP: dpop });
    expect(info.pid).toBe(FAMILY.mother.pid);
  });

  it('accepts a DPoP-bound API token only with a fresh proof of its key for the very request', async () => {
    const keys = await oidc.randomDPoPKeyPair('ES256');
    const dpop = oidc.getDPoPHandle(rp, keys);
    const { callback, verifier, state } = await login({ resource: 'urn:open06:api', scope: 'openid api' }, { par: true, dpop });
    const tokens = await oidc.authorizationCodeGrant(rp, callback, { pkceCodeVerifier: verifier, expectedState: state }, { resource: 'urn:open06:api' }, { DPoP: dpop });
    expect(tokens.token_type.toLowerCase()).toBe('dpop');
    const url = `${server.url}/api/v1/persons/${FAMILY.mother.pid}`;
    expect((await oidc.fetchProtectedResource(rp, tokens.access_token, new URL(`${url}?purpose=self_service`), 'GET', undefined, undefined, { DPoP: dpop })).status).toBe(200);
    // the same token as a plain bearer token: refused (a stolen token is useless without the key)
    expect((await fetch(`${url}?purpose=self_service`, { headers: { authorization: `Bearer ${tokens.access_token}` } })).status).toBe(401);
    // a proof made by hand: good once, refused when replayed or used for another address
    const proof = async (htu: string, key = keys) =>
      new SignJWT({ htm: 'GET', htu, jti: crypto.randomUUID(), ath: createHash('sha256').update(tokens.access_token).digest('base64url') })
        .setProtectedHeader({ typ: 'dpop+jwt', alg: 'ES256', jwk: await exportJWK(key.publicKey) })
        .setIssuedAt()
        .sign(key.privateKey);
    const once = await proof(url);
    const call = (p: string, target = url) => fetch(`${target}?purpose=self_service`, { headers: { authorization: `DPoP ${tokens.access_token}`, dpop: p } });
    expect((await call(once)).status).toBe(200);
    expect((await call(once)).status).toBe(401);
    expect((await call(await proof(url), `${server.url}/api/v1/persons/${FAMILY.father.pid}`)).status).toBe(401);
    expect((await call(await proof(url, await oidc.randomDPoPKeyPair('ES256')))).status).toBe(401);
  });

  it('refuses a replayed code and a wrong PKCE verifier', async () => {
    const first = await login({});
    await oidc.authorizationCodeGrant(rp, first.callback, { pkceCodeVerifier: first.verifier, expectedState: first.state });
    await expect(oidc.authorizationCodeGrant(rp, first.callback, { pkceCodeVerifier: first.verifier, expectedState: first.state })).rejects.toMatchObject({ error: 'invalid_grant' });
    const second = await login({});
    await expect(oidc.authorizationCodeGrant(rp, second.callback, { pkceCodeVerifier: oidc.randomPKCECodeVerifier(), expectedState: second.state })).rejects.toMatchObject({ error: 'invalid_grant' });
    // the same code exchanged twice at once: the database lets exactly one through
    const third = await login({});
    const both = await Promise.allSettled([0, 1].map(() => oidc.authorizationCodeGrant(rp, third.callback, { pkceCodeVerifier: third.verifier, expectedState: third.state })));
    expect(both.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(both.find((r) => r.status === 'rejected')).toMatchObject({ reason: { error: 'invalid_grant' } });
  });

  it('refuses a redirect URI that was not registered', async () => {
    const url = oidc.buildAuthorizationUrl(rp, { redirect_uri: 'http://evil.example/cb', scope: 'openid', code_challenge: await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier()), code_challenge_method: 'S256' });
    const res = await fetch(url, { redirect: 'manual' });
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
    expect(await res.text()).toContain('redirect_uri');
  });

  it('refuses level 1 to a service that demands level 2, with a clear reason', async () => {
    const verifier = oidc.randomPKCECodeVerifier();
    const url = oidc.buildAuthorizationUrl(rp, { redirect_uri: RP.redirect, scope: 'openid', code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', acr_values: 'urn:open06:loa:2', prompt: 'login' });
    const b = new FormBrowser(RP.redirect);
    const page = (await b.follow(url.toString(), RP.redirect)).page!;
    const done = await b.form(`${new URL(page.url).pathname}/login`, { pid: FAMILY.mother.pid, password: PASSWORD }, server.url);
    expect(done.callback!.searchParams.get('error')).toBe('access_denied');
    expect(done.callback!.searchParams.get('error_description')).toContain('mức 2');
  });

  it('issues machine tokens by client credentials, and API tokens the open06 API accepts', async () => {
    const machine = await oidc.clientCredentialsGrant(rp, { scope: 'api', resource: 'urn:open06:api' });
    expect(machine.access_token.split('.')).toHaveLength(3);
    const { callback, verifier, state } = await login({ resource: 'urn:open06:api', scope: 'openid profile api' });
    const tokens = await oidc.authorizationCodeGrant(rp, callback, { pkceCodeVerifier: verifier, expectedState: state }, { resource: 'urn:open06:api' });
    const me = await fetch(`${server.url}/api/v1/persons/${FAMILY.mother.pid}?purpose=self_service`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { fullName: string }).fullName).toBe('Trần Thị Thu Hà');
    const other = await fetch(`${server.url}/api/v1/persons/${FAMILY.father.pid}?purpose=self_service`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(other.status).toBe(404);
  });

  it('rejects expired and tampered access tokens at the API', async () => {
    const { callback, verifier, state } = await login({ resource: 'urn:open06:api', scope: 'openid api' });
    const tokens = await oidc.authorizationCodeGrant(rp, callback, { pkceCodeVerifier: verifier, expectedState: state }, { resource: 'urn:open06:api' });
    const [h, p, s] = tokens.access_token.split('.');
    const body = JSON.parse(Buffer.from(p!, 'base64url').toString()) as Record<string, unknown>;
    const forged = [h, Buffer.from(JSON.stringify({ ...body, exp: Math.floor(Date.now() / 1000) + 86400 * 365 })).toString('base64url'), s].join('.');
    const res = await fetch(`${server.url}/api/v1/persons/${FAMILY.mother.pid}?purpose=self_service`, { headers: { authorization: `Bearer ${forged}` } });
    expect(res.status).toBe(401);
  });

  it('refuses an access token once it has expired, at the API and at userinfo', async () => {
    const { callback, verifier, state } = await login({ resource: 'urn:open06:api', scope: 'openid api' });
    const tokens = await oidc.authorizationCodeGrant(rp, callback, { pkceCodeVerifier: verifier, expectedState: state }, { resource: 'urn:open06:api' });
    const url = `${server.url}/api/v1/persons/${FAMILY.mother.pid}?purpose=self_service`;
    expect((await fetch(url, { headers: { authorization: `Bearer ${tokens.access_token}` } })).status).toBe(200);
    const idTokens = await login({});
    const forUserinfo = await oidc.authorizationCodeGrant(rp, idTokens.callback, { pkceCodeVerifier: idTokens.verifier, expectedState: idTokens.state });
    // sixteen minutes later (access tokens live fifteen)
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 16 * 60_000 });
    try {
      expect((await fetch(url, { headers: { authorization: `Bearer ${tokens.access_token}` } })).status).toBe(401);
      await expect(oidc.fetchUserInfo(rp, forUserinfo.access_token, forUserinfo.claims()!.sub)).rejects.toMatchObject({ status: 401 });
    } finally {
      vi.useRealTimers();
    }
  });

  it('authenticates a sector system by private_key_jwt, and refuses a key it did not register', async () => {
    const { privateKey, publicKey } = await oidc.randomDPoPKeyPair('ES256');
    const jwk = { ...(await exportJWK(publicKey)), alg: 'ES256', use: 'sig', kid: 'bhxh-2026' };
    const admin = await server.t.auth({ sub: 'admin', role: 'admin' });
    const reg = await fetch(`${server.url}/api/v1/identity/clients`, {
      method: 'POST',
      headers: { ...admin, 'content-type': 'application/json' },
      body: JSON.stringify({ client_id: 'bhxh-hai-phong', client_name: 'BHXH Hải Phòng', organization: 'Bảo hiểm xã hội thành phố Hải Phòng', grant_types: ['client_credentials'], token_endpoint_auth_method: 'private_key_jwt', jwks: { keys: [jwk] }, scope: 'openid' }),
    });
    expect(reg.status).toBe(201);
    expect(((await reg.json()) as { client_secret?: string }).client_secret).toBeUndefined();
    const sector = await oidc.discovery(new URL(issuer), 'bhxh-hai-phong', undefined, oidc.PrivateKeyJwt({ key: privateKey, kid: 'bhxh-2026' }), { execute: [oidc.allowInsecureRequests] });
    const tokens = await oidc.clientCredentialsGrant(sector, { scope: 'api', resource: 'urn:open06:api' });
    expect(tokens.access_token.split('.')).toHaveLength(3);
    const stranger = await oidc.randomDPoPKeyPair('ES256');
    const impostor = await oidc.discovery(new URL(issuer), 'bhxh-hai-phong', undefined, oidc.PrivateKeyJwt({ key: stranger.privateKey, kid: 'bhxh-2026' }), { execute: [oidc.allowInsecureRequests] });
    await expect(oidc.clientCredentialsGrant(impostor, { scope: 'api', resource: 'urn:open06:api' })).rejects.toMatchObject({ error: 'invalid_client' });
  });

  it('lets a sector system registered with an API role call the API with its client-credentials token, and no other client', async () => {
    const admin = await server.t.auth({ sub: 'admin', role: 'admin' });
    const register = (id: string, extra: object) =>
      fetch(`${server.url}/api/v1/identity/clients`, {
        method: 'POST',
        headers: { ...admin, 'content-type': 'application/json' },
        body: JSON.stringify({ client_id: id, client_name: id, organization: 'Bảo hiểm xã hội Việt Nam', grant_types: ['client_credentials'], token_endpoint_auth_method: 'client_secret_basic', scope: 'openid', ...extra }),
      }).then((r) => r.json() as Promise<{ client_secret: string }>);
    const tokenOf = async (id: string, secret: string) => {
      const c = await oidc.discovery(new URL(issuer), id, undefined, oidc.ClientSecretBasic(secret), { execute: [oidc.allowInsecureRequests] });
      return (await oidc.clientCredentialsGrant(c, { scope: 'api', resource: 'urn:open06:api' })).access_token;
    };
    const url = `${server.url}/api/v1/persons/${FAMILY.mother.pid}?purpose=social_insurance`;
    const bhxh = await tokenOf('bhxh-vn', (await register('bhxh-vn', { api_role: 'sector_system' })).client_secret);
    const ok = await fetch(url, { headers: { authorization: `Bearer ${bhxh}` } });
    expect(ok.status).toBe(200);
    const log = await server.t.app.accessLog.forPerson(FAMILY.mother.pid);
    expect(log.map((l) => [l.actor, l.purpose])).toContainEqual(['oidc:bhxh-vn', 'social_insurance']);
    const other = await tokenOf('some-portal', (await register('some-portal', {})).client_secret);
    expect((await fetch(url, { headers: { authorization: `Bearer ${other}` } })).status).toBe(401);
  });

  it('lets the citizen see and withdraw a consent; the service’s tokens stop working', async () => {
    const { callback, verifier, state } = await login({ resource: 'urn:open06:api', scope: 'openid offline_access profile api', prompt: 'consent' });
    const tokens = await oidc.authorizationCodeGrant(rp, callback, { pkceCodeVerifier: verifier, expectedState: state }, { resource: 'urn:open06:api' });
    const headers = { authorization: `Bearer ${tokens.access_token}` };
    const me = (await (await fetch(`${server.url}/api/v1/identity/me`, { headers })).json()) as { level: number; pid: string };
    expect(me).toMatchObject({ level: 1, pid: FAMILY.mother.pid });
    const consents = (await (await fetch(`${server.url}/api/v1/identity/me/consents`, { headers })).json()) as { items: { clientId: string; clientName: string; purpose: string; claims: string[] }[] };
    expect(consents.items[0]).toMatchObject({ clientId: RP.client_id, clientName: 'Cổng dịch vụ công Hải Phòng', purpose: 'Điền sẵn biểu mẫu thủ tục hành chính' });
    expect(consents.items[0]!.claims).toContain('birthdate');
    expect((await fetch(`${server.url}/api/v1/identity/me/consents/${RP.client_id}`, { method: 'DELETE', headers })).status).toBe(204);
    await expect(oidc.refreshTokenGrant(rp, tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
    const after = (await (await fetch(`${server.url}/api/v1/identity/me/consents`, { headers })).json()) as { items: unknown[] };
    expect(after.items).toEqual([]);
  });

  it('logs out on the relying party’s request', async () => {
    const { callback, verifier, state, browser } = await login({});
    const tokens = await oidc.authorizationCodeGrant(rp, callback, { pkceCodeVerifier: verifier, expectedState: state });
    const end = oidc.buildEndSessionUrl(rp, { id_token_hint: tokens.id_token!, post_logout_redirect_uri: 'http://127.0.0.1:9/bye' });
    const confirm = await browser.follow(end.toString(), 'http://127.0.0.1:9/bye');
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(confirm.page!.html)![1]!;
    const action = /action="([^"]+)"/.exec(confirm.page!.html)![1]!;
    const done = await browser.follow(new URL(action, server.url).toString(), 'http://127.0.0.1:9/bye', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ xsrf, logout: 'yes' }).toString() });
    expect(done.callback?.toString()).toBe('http://127.0.0.1:9/bye');
    // the provider remembers sessions for a moment; the one just ended is not among them
    const again = await browser.follow(
      oidc.buildAuthorizationUrl(rp, { redirect_uri: RP.redirect, scope: 'openid', code_challenge: await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier()), code_challenge_method: 'S256' }).toString(),
      RP.redirect,
    );
    expect(again.callback).toBeUndefined();
    expect(again.page!.html).toContain('name="password"');
  });
});

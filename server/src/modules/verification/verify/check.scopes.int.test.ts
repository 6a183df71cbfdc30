// Who may verify, get an e-ID QR, register organisations and read usage: role × registration ×
// purpose × jurisdiction.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../http/authz.ts';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { FAMILY, HAI_DUONG, THANH_DONG, seedFamily } from '../../../../test/support/registry-fixtures.ts';
import { createAccount } from '../../../../test/support/identity-fixtures.ts';

const pid = FAMILY.son.pid;
const HOTEL: Actor = { sub: 'org:khach-san-hoa-sen', role: 'sector_system', name: 'Khách sạn Hoa Sen' };
const CLOSED: Actor = { sub: 'org:nha-nghi-da-dong-cua', role: 'sector_system', name: 'Nhà nghỉ đã đóng cửa' };

type Row = [name: string, actor: Actor | null, purpose: string, status: number, result?: 'green' | 'amber' | 'red'];

// 200 with a result colour, 403 refused (role, purpose or registration), 401 no token
const CHECKS: Row[] = [
  ['a registered hotel, for lodging', HOTEL, 'verification_lodging', 200, 'green'],
  ['a registered hotel, for a purpose it was not registered for', HOTEL, 'verification_banking', 403],
  ['an unregistered sector system', { sub: 'org:bhxh', role: 'sector_system' }, 'verification_lodging', 403],
  ['a registration that was deactivated', CLOSED, 'verification_lodging', 403],
  ['commune police of the commune', { sub: 'p1', role: 'commune_police', unit: THANH_DONG }, 'verification_lodging', 200, 'green'],
  ['commune police of another commune (amber: outside its jurisdiction)', { sub: 'p2', role: 'commune_police', unit: HAI_DUONG }, 'verification_lodging', 200, 'amber'],
  ['province police of the province', { sub: 'p3', role: 'province_police', unit: '31' }, 'verification_public_service', 200, 'green'],
  ['a one-stop officer, for a procedure', { sub: 'o1', role: 'one_stop_officer', unit: THANH_DONG }, 'verification_public_service', 200, 'green'],
  ['a one-stop officer, for lodging (not its purpose)', { sub: 'o2', role: 'one_stop_officer', unit: THANH_DONG }, 'verification_lodging', 403],
  ['the identity provider', { sub: 'idp', role: 'identity_provider' }, 'verification_lodging', 403],
  ['an auditor', { sub: 'a1', role: 'auditor', unit: '31' }, 'verification_lodging', 403],
  ['an administrator', { sub: 'ad', role: 'admin' }, 'verification_lodging', 403],
  ['a citizen', { sub: 'c1', role: 'citizen', pid }, 'verification_lodging', 403],
  ['nobody (no token)', null, 'verification_lodging', 401],
];

describe('verification scopes', () => {
  let t: TestApp;
  const headers = async (actor: Actor | null) => (actor ? await t.auth(actor) : {});
  beforeAll(async () => {
    t = await createTestApp();
    await seedFamily(t.db);
    await createAccount(t, FAMILY.mother, 'Hoa-sen-2026!');
    const admin = await t.auth({ sub: 'admin', role: 'admin' });
    for (const [org, active] of [[HOTEL, true], [CLOSED, false]] as const)
      expect((await t.app.http.inject({ method: 'PUT', url: `/api/v1/verification/organisations/${org.sub}`, headers: admin, payload: { name: org.name, purposes: ['verification_lodging'], active } })).statusCode).toBe(201);
  });
  afterAll(async () => t?.close());

  it.each(CHECKS)('check: %s', async (_name, actor, purpose, status, result) => {
    const r = await t.app.http.inject({
      method: 'POST',
      url: '/api/v1/verification/checks',
      headers: await headers(actor),
      payload: { purpose, source: 'typed', attributes: { pid, fullName: FAMILY.son.fullName, birthDate: FAMILY.son.birthDate } },
    });
    expect(r.statusCode, r.body).toBe(status);
    if (result) expect(r.json().result).toBe(result);
    else expect(r.headers['content-type']).toContain('application/problem+json');
  });

  const QR: [string, Actor | null, number][] = [
    ['the citizen with an e-ID account', { sub: 'm', role: 'citizen', pid: FAMILY.mother.pid }, 201],
    ['a citizen without an e-ID account', { sub: 's', role: 'citizen', pid }, 403],
    ['commune police', { sub: 'p1', role: 'commune_police', unit: THANH_DONG }, 403],
    ['a sector system', HOTEL, 403],
    ['nobody', null, 401],
  ];
  it.each(QR)('e-ID QR issuance: %s', async (_name, actor, status) => {
    const r = await t.app.http.inject({ method: 'POST', url: '/api/v1/verification/eid-qr', headers: await headers(actor) });
    expect(r.statusCode, r.body).toBe(status);
  });

  const ADMIN_ONLY: [string, Actor | null, number, number, number][] = [
    // register an organisation, list them, rotate the QR key
    ['an administrator', { sub: 'admin', role: 'admin' }, 200, 200, 200],
    ['a sector system', HOTEL, 403, 403, 403],
    ['province police', { sub: 'p3', role: 'province_police', unit: '31' }, 403, 403, 403],
    ['nobody', null, 401, 401, 401],
  ];
  it.each(ADMIN_ONLY)('administration: %s', async (_name, actor, register, list, rotate) => {
    const h = await headers(actor);
    const put = await t.app.http.inject({ method: 'PUT', url: `/api/v1/verification/organisations/${HOTEL.sub}`, headers: h, payload: { name: HOTEL.name!, purposes: ['verification_lodging'] } });
    expect(put.statusCode, 'register').toBe(register);
    expect((await t.app.http.inject({ method: 'GET', url: '/api/v1/verification/organisations', headers: h })).statusCode, 'list').toBe(list);
    expect((await t.app.http.inject({ method: 'POST', url: '/api/v1/verification/eid-qr/keys/rotate', headers: h })).statusCode, 'rotate').toBe(rotate);
  });

  it('an organisation reads its own registration and usage, not another’s', async () => {
    const h = await t.auth(HOTEL);
    expect((await t.app.http.inject({ method: 'GET', url: `/api/v1/verification/organisations/${HOTEL.sub}`, headers: h })).statusCode).toBe(200);
    expect((await t.app.http.inject({ method: 'GET', url: `/api/v1/verification/organisations/${CLOSED.sub}`, headers: h })).statusCode).toBe(403);
    expect((await t.app.http.inject({ method: 'GET', url: '/api/v1/verification/usage', headers: h })).statusCode).toBe(200);
    const police = await t.auth({ sub: 'p1', role: 'commune_police', unit: THANH_DONG });
    expect((await t.app.http.inject({ method: 'GET', url: '/api/v1/verification/usage', headers: police })).statusCode).toBe(403);
  });

  it('only verification purposes open to organisations can be registered', async () => {
    const admin = await t.auth({ sub: 'admin', role: 'admin' });
    const r = await t.app.http.inject({ method: 'PUT', url: '/api/v1/verification/organisations/org:x', headers: admin, payload: { name: 'Tổ chức X', purposes: ['verification_lodging', 'tax', 'verification_public_service', 'eid_qr_issuance'] } });
    expect(r.statusCode).toBe(400);
    expect(r.json().errors.map((e: { path: string; code: string }) => `${e.path}:${e.code}`)).toEqual(['body.purposes.1:purpose_not_for_verification', 'body.purposes.3:purpose_not_for_verification']);
  });
});

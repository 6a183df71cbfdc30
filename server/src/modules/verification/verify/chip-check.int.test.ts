// Checking a chip ID card through the API: the files an NFC reader sent are passively
// authenticated against the CSCA certificates an administrator imported, then compared with the
// registry. Synthetic chips only (server/test/support/chip-factory.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../http/authz.ts';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { FAMILY, seedFamily } from '../../../../test/support/registry-fixtures.ts';
import { createCsca, issueCertificate, issueChip, syntheticPerson, tamper, type Authority, type SyntheticChip } from '../../../../test/support/chip-factory.ts';

const BANK: Actor = { sub: 'org:ngan-hang-bien-xanh', role: 'sector_system', name: 'Ngân hàng Biển Xanh' };
const HOTEL: Actor = { sub: 'org:khach-san-hoa-sen', role: 'sector_system', name: 'Khách sạn Hoa Sen' };
const ADMIN: Actor = { sub: 'admin', role: 'admin' };
const b64 = (b: Uint8Array | undefined) => (b ? Buffer.from(b).toString('base64') : undefined);
const filesOf = (c: SyntheticChip) => Object.fromEntries(Object.entries({ sod: c.sod, dg1: c.dg1, dg2: c.dg2, dg13: c.dg13, dg14: c.dg14, dg15: c.dg15 }).filter(([, v]) => v).map(([k, v]) => [k, b64(v)]));

describe('chip checks', () => {
  let t: TestApp;
  let csca: Authority;
  let fathersChip: SyntheticChip;
  const father = syntheticPerson({ pid: FAMILY.father.pid, oldId: '141234567', fullName: FAMILY.father.fullName, dateOfBirth: '1985-04-12', sex: 'M', issueDate: '2021-05-10' });
  const post = async (actor: Actor, purpose: string, chip: object) =>
    t.app.http.inject({ method: 'POST', url: '/api/v1/verification/checks', headers: await t.auth(actor), payload: { purpose, source: 'chip', chip } });

  beforeAll(async () => {
    t = await createTestApp();
    await seedFamily(t.db);
    csca = await createCsca();
    fathersChip = await issueChip(await issueCertificate(csca), father);
    const admin = await t.auth(ADMIN);
    for (const [org, purposes] of [[BANK, ['verification_banking']], [HOTEL, ['verification_lodging']]] as const)
      await t.app.http.inject({ method: 'PUT', url: `/api/v1/verification/organisations/${org.sub}`, headers: admin, payload: { name: org.name, purposes } });
  });
  afterAll(async () => t?.close());

  it('before any CSCA is trusted, a chip is unverified (amber), never genuine', async () => {
    const r = await post(BANK, 'verification_banking', filesOf(fathersChip));
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    expect(body.result).toBe('amber');
    expect(body.chip.verdict).toBe('unverified');
    expect(body.chip.checks).toContainEqual(expect.objectContaining({ id: 'csca_chain', status: 'not_possible' }));
    expect(body.photo).toBeUndefined();
  });

  it('an administrator imports the CSCA; only administrators may', async () => {
    const payload = { name: 'csca-vn-test.der', data: b64(csca.der) };
    expect((await t.app.http.inject({ method: 'POST', url: '/api/v1/verification/trust', headers: await t.auth(BANK), payload })).statusCode).toBe(403);
    const r = await t.app.http.inject({ method: 'POST', url: '/api/v1/verification/trust', headers: await t.auth(ADMIN), payload });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().added[0].subject).toContain('CSCA Viet Nam TEST');
    const bad = await t.app.http.inject({ method: 'POST', url: '/api/v1/verification/trust', headers: await t.auth(ADMIN), payload: { name: 'x.der', data: b64(new TextEncoder().encode('khong phai chung thu')) } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toMatchObject({ path: 'body.data', code: 'not_a_certificate' });
    const list = await t.app.http.inject({ method: 'GET', url: '/api/v1/verification/trust', headers: await t.auth(ADMIN) });
    expect(list.json().items).toHaveLength(1);
  });

  it('a genuine chip matching the registry is green; a bank (whose purpose allows it) gets the photo', async () => {
    const body = (await post(BANK, 'verification_banking', filesOf(fathersChip))).json();
    expect(body.result).toBe('green');
    expect(body.chip.verdict).toBe('genuine');
    expect(body.checks.map((c: { name: string; status: string }) => `${c.name}:${c.status}`)).toEqual(['chip:passed', 'registry:passed', 'alive:passed']);
    expect(body.attributes).toMatchObject({ pid: 'match', fullName: 'match', birthDate: 'match', sex: 'match' });
    expect(body.presented).toMatchObject({ pid: FAMILY.father.pid, fullName: 'Nguyễn Văn Hùng', birthDate: '1985-04-12', sex: 'M' });
    expect(body.photo.mimeType).toBe('image/jpeg');
    expect(Buffer.from(body.photo.data, 'base64').subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    // DG13 also carries the address and the parents' names: none of it is echoed
    expect(JSON.stringify(body)).not.toMatch(/Đội Cấn|Lê Thị Cúc|Nguyễn Văn Bình/);
  });

  it('a hotel, whose purpose does not allow photos, gets none', async () => {
    const body = (await post(HOTEL, 'verification_lodging', filesOf(fathersChip))).json();
    expect(body.result).toBe('green');
    expect(body.photo).toBeUndefined();
  });

  it('a chip whose DG13 was altered after signing is forged (red) and not compared with anyone', async () => {
    const forged = { ...filesOf(fathersChip), dg13: b64(tamper(fathersChip.dg13!)) };
    const body = (await post(BANK, 'verification_banking', forged)).json();
    expect(body.result).toBe('red');
    expect(body.chip.verdict).toBe('forged');
    expect(body.chip.checks).toContainEqual(expect.objectContaining({ id: 'dg13_hash', status: 'failed' }));
    expect(body.checks.map((c: { name: string }) => c.name)).toEqual(['chip']);
    expect(body.photo).toBeUndefined();
  });

  it('a genuine chip whose holder is not in the registry does not match', async () => {
    const stranger = await issueChip(await issueCertificate(csca), syntheticPerson({ pid: '001085012345' }));
    const body = (await post(BANK, 'verification_banking', filesOf(stranger))).json();
    expect(body.result).toBe('red');
    expect(body.checks).toContainEqual({ name: 'registry', status: 'failed', reason: 'not_in_registry' });
  });

  it('an unreadable EF.SOD is bad input naming the file', async () => {
    const r = await post(BANK, 'verification_banking', { sod: b64(new Uint8Array([1, 2, 3, 4, 5])) });
    expect(r.statusCode).toBe(400);
    expect(r.json().errors[0]).toMatchObject({ path: 'body.chip.sod' });
  });
});

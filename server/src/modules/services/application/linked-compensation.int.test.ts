// The compensation of a linked procedure's completed steps, which the shipped definitions reach only
// when a later step is set to abort: here the birth chain's residence step is, so refusing it
// undoes the birth registered the step before (the child's number retired for good) and revokes
// the birth certificate already in the father's wallet.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../http/authz.ts';
import { createTestApp, untilDelivered, type TestApp } from '../../../../test/support/test-app.ts';
import { FAMILY, THANH_DONG, seedFamily } from '../../../../test/support/registry-fixtures.ts';
import { birthForm } from '../../../../test/support/services-fixtures.ts';
import { loadCatalogue, type Catalogue } from '../index.ts';
import type { LinkedDefinition } from '../catalogue/catalogue.schema.ts';

const FATHER: Actor = { sub: 'citizen:father', role: 'citizen', pid: FAMILY.father.pid };
const DESK: Actor = { sub: 'desk-td', role: 'one_stop_officer', unit: THANH_DONG };
const CIVIL: Actor = { sub: 'civil-td', role: 'civil_status_officer', unit: THANH_DONG };
const CHAIR: Actor = { sub: 'chair-td', role: 'commune_chairman', unit: THANH_DONG };
const POLICE: Actor = { sub: 'police-td', role: 'commune_police', unit: THANH_DONG };
const clock = { now: () => new Date(Date.parse('2026-11-24T09:00:00+07:00')) };

/** The shipped catalogue, with the residence step of the birth chain aborting the chain when refused. */
function abortingCatalogue(): Catalogue {
  const shipped = loadCatalogue();
  const chain = shipped.procedures.get('birth-residence-health-insurance') as LinkedDefinition;
  const changed: LinkedDefinition = { ...chain, steps: chain.steps.map((s, i) => (i === 1 ? { ...s, onRefusal: 'abort' as const } : s)) };
  return { ...shipped, procedures: new Map([...shipped.procedures, [chain.id, changed]]) };
}

describe('a linked procedure aborted after a completed step', () => {
  let t: TestApp;
  const call = async (actor: Actor, method: 'GET' | 'POST', url: string, payload?: object) =>
    t.app.http.inject({ method, url, headers: { ...(await t.auth(actor)), 'accept-language': 'vi' }, ...(payload ? { payload } : {}) });
  const decide = async (actor: Actor, id: string, outcome: string, note?: string) => {
    const r = await call(actor, 'POST', `/api/v1/applications/${id}/decision`, { outcome, ...(note ? { note } : {}) });
    expect(r.statusCode, r.body).toBe(200);
  };
  const until = <T>(read: () => Promise<T>, ok: (v: T) => boolean) => untilDelivered(t, read, ok);

  beforeAll(async () => {
    t = await createTestApp({ clock, catalogue: abortingCatalogue() });
    await seedFamily(t.db);
  });
  afterAll(async () => t?.close());

  it('undoes the birth, retires the number and revokes the birth certificate', async () => {
    const doc = (await call(FATHER, 'POST', '/api/v1/attachments', { fileName: 'cam-doan.pdf', mediaType: 'application/pdf', contentBase64: Buffer.from('%PDF-1.4').toString('base64') })).json().id;
    const r = await call(FATHER, 'POST', '/api/v1/applications', {
      serviceId: 'birth-residence-health-insurance',
      values: {
        ...birthForm({ applicant: 'father', fullName: 'Nguyễn Minh Khang', sex: 'M' }),
        'residence.relationToHead': 'child',
        'care.facility': 'Trạm Y tế phường Thành Đông',
      },
      documents: { witnessStatement: { attachmentId: doc } },
    });
    expect(r.statusCode, r.body).toBe(201);
    const parentId = r.json().id as string;
    const read = () => call(FATHER, 'GET', `/api/v1/applications/${parentId}`).then((x) => x.json());
    const birth = (await until(read, (x) => x.steps.length > 0)).steps[0].id as string;
    for (const who of [DESK, CIVIL, CHAIR]) await decide(who, birth, 'approve');
    const residence = (await until(read, (x) => x.steps.length > 1)).steps[1].id as string;
    const [certificate] = (await call(FATHER, 'GET', '/api/v1/wallet')).json().items;
    expect(certificate).toMatchObject({ kind: 'birth_certificate', status: 'valid' });
    const childPid = certificate.claims.new_pid as string;

    await decide(POLICE, residence, 'refuse', 'Chủ hộ không đồng ý cho nhập khẩu');
    const parent = await until(read, (x) => x.status !== 'in_progress');
    expect(parent).toMatchObject({ status: 'refused', result: { outcome: 'aborted' } });

    const step = (await call(FATHER, 'GET', `/api/v1/applications/${birth}`)).json();
    expect(step.result.outcome).toBe('aborted');
    expect(step.events.map((e: { action: string }) => e.action)).toContain('compensated');
    // the number is retired for good, the person gone
    const retired = await t.db.kysely.selectFrom('registry.retired_pid' as never).selectAll().where('pid' as never, '=', childPid as never).execute();
    expect(retired).toHaveLength(1);
    const person = await t.db.kysely.selectFrom('registry.person' as never).select('pid' as never).where('pid' as never, '=', childPid as never).execute();
    expect(person).toEqual([]);
    // the certificate no longer holds: revoked in the wallet and for verifiers
    const after = (await call(FATHER, 'GET', '/api/v1/wallet')).json().items.find((d: { id: string }) => d.id === certificate.id);
    expect(after).toMatchObject({ status: 'revoked', revoked: { reason: expect.stringContaining('Bù trừ') } });
    const { credential } = (await call(FATHER, 'GET', `/api/v1/wallet/${certificate.id}`)).json();
    expect((await t.app.http.inject({ method: 'POST', url: '/api/v1/wallet/verify', payload: { credential } })).json()).toMatchObject({ status: { checked: true, status: 'revoked' } });
  });
});

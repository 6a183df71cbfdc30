// Applications end to end as citizens and officials use them: prefill with sources, values the
// registry holds that cannot be overwritten, people not linked to the applicant, documents, fees paid
// by VietQR, the desk's queue and decisions, supplements and the deadline clock, refusal, completion
// with its registry effects and a verifiable result in the wallet, effects undone when one fails,
// linked procedures run step by step, and the plans' figures.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../http/authz.ts';
import { createTestApp, untilDelivered, type TestApp } from '../../../../test/support/test-app.ts';
import { FAMILY, HAI_DUONG, THANH_DONG, seedFamily } from '../../../../test/support/registry-fixtures.ts';
import { createAccount, phoneOf } from '../../../../test/support/identity-fixtures.ts';
import { birthForm } from '../../../../test/support/services-fixtures.ts';
import { checkStatus, statusReferenceOf, verifySdJwtVc } from '@open06/kernel/sd-jwt';

const MOTHER: Actor = { sub: 'citizen:mother', role: 'citizen', pid: FAMILY.mother.pid };
const FATHER: Actor = { sub: 'citizen:father', role: 'citizen', pid: FAMILY.father.pid };
const NEIGHBOUR: Actor = { sub: 'citizen:neighbour', role: 'citizen', pid: FAMILY.neighbour.pid };
const DESK: Actor = { sub: 'desk-td', role: 'one_stop_officer', unit: THANH_DONG };
const OTHER_DESK: Actor = { sub: 'desk-hd', role: 'one_stop_officer', unit: HAI_DUONG };
const CIVIL: Actor = { sub: 'civil-td', role: 'civil_status_officer', unit: THANH_DONG };
const CHAIR: Actor = { sub: 'chair-td', role: 'commune_chairman', unit: THANH_DONG };
const POLICE: Actor = { sub: 'police-td', role: 'commune_police', unit: THANH_DONG };
const INSURANCE: Actor = { sub: 'bhxh-hp', role: 'social_insurance_officer', unit: '31' };
const PROVINCE_ADMIN: Actor = { sub: 'admin-1', role: 'admin' };

const nowMs = Date.parse('2026-11-24T09:00:00+07:00'); // a Tuesday
const clock = { now: () => new Date(nowMs) };

const BABY = birthForm();

describe('applications', () => {
  let t: TestApp;
  const call = async (actor: Actor, method: 'GET' | 'POST', url: string, payload?: object) =>
    t.app.http.inject({ method, url, headers: { ...(await t.auth(actor)), 'accept-language': 'vi' }, ...(payload ? { payload } : {}) });
  const upload = async (actor: Actor, fileName = 'giay-cam-doan.pdf') => {
    const r = await call(actor, 'POST', '/api/v1/attachments', { fileName, mediaType: 'application/pdf', contentBase64: Buffer.from('%PDF-1.4 cam đoan').toString('base64') });
    expect(r.statusCode, r.body).toBe(201);
    return r.json().id as string;
  };
  const decide = async (actor: Actor, id: string, outcome: string, note?: string) => {
    const r = await call(actor, 'POST', `/api/v1/applications/${id}/decision`, { outcome, ...(note ? { note } : {}) });
    expect(r.statusCode, r.body).toBe(200);
    return r.json();
  };
  /** The saga advances through the outbox: wait for it. */
  const until = <T>(read: () => Promise<T>, ok: (v: T) => boolean) => untilDelivered(t, read, ok);

  beforeAll(async () => {
    t = await createTestApp({ clock });
    await seedFamily(t.db);
    await createAccount(t, FAMILY.mother, 'Hoa-sen-2026!');
  });
  afterAll(async () => t?.close());

  describe('prefill', () => {
    it('fills what the registry knows, each value with its source, following who applies', async () => {
      const r = await call(MOTHER, 'POST', '/api/v1/services/birth-registration/prefill', { values: { 'applicant.relationToChild': 'mother' } });
      expect(r.statusCode, r.body).toBe(200);
      const e = r.json().entries;
      expect(e['applicant.fullName']).toMatchObject({ value: FAMILY.mother.fullName, source: 'fixture', editable: false, of: 'applicant' });
      expect(e['mother.pid'].value).toBe(FAMILY.mother.pid);
      expect(e['father.pid'].value).toBe(FAMILY.father.pid);
      expect(e['father.fullName']).toMatchObject({ value: FAMILY.father.fullName, of: 'father.pid' });
      expect(e['registration.commune']).toMatchObject({ value: THANH_DONG, source: 'residence', editable: true });
      // the father's record was read for the procedure, and he can see it
      const log = (await call(FATHER, 'GET', `/api/v1/persons/${FAMILY.father.pid}/access-log`)).json().items;
      expect(log[0]).toMatchObject({ actorRole: 'procedure_engine', purpose: 'administrative_procedure:birth-registration' });
    });

    it('a person not linked to the applicant is not read', async () => {
      const r = await call(NEIGHBOUR, 'POST', '/api/v1/services/death-registration/prefill', { values: { 'deceased.pid': FAMILY.father.pid } });
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json().entries['deceased.fullName']).toBeUndefined();
      expect(r.json().problems).toEqual([expect.objectContaining({ path: 'body.values.deceased.pid', code: 'not_linked' })]);
    });
  });

  describe('a birth registered online and processed at the commune', () => {
    let id: string;

    it('refuses a registry value typed differently, a missing document and a bad date, all at once', async () => {
      const r = await call(MOTHER, 'POST', '/api/v1/applications', {
        serviceId: 'birth-registration',
        values: { ...BABY, 'mother.fullName': 'Trần Thị Hà', 'child.birthDate': '31/02/2026' },
      });
      expect(r.statusCode).toBe(400);
      const paths = r.json().errors.map((e: { path: string; code: string }) => `${e.path}:${e.code}`);
      expect(paths).toEqual(expect.arrayContaining(['body.values.mother.fullName:registry_value', 'body.values.child.birthDate:date', 'body.documents.witnessStatement:required']));
      expect(await t.db.kysely.selectFrom('services.application' as never).selectAll().execute()).toHaveLength(0);
    });

    it('is stored with the prefilled values and their sources, free, due the same day, at the commune’s desk', async () => {
      const doc = await upload(MOTHER);
      const r = await call(MOTHER, 'POST', '/api/v1/applications', { serviceId: 'birth-registration', values: BABY, documents: { witnessStatement: { attachmentId: doc } } });
      expect(r.statusCode, r.body).toBe(201);
      const a = r.json();
      id = a.id;
      expect(a).toMatchObject({ status: 'in_progress', channel: 'online', communeCode: THANH_DONG, fee: { amount: 0, paid: null }, receivedOn: '2026-11-24', dueOn: '2026-11-24', step: { id: 'receive', role: 'one_stop_officer' } });
      expect(a.code).toMatch(/^HS261124-\d{6}$/);
      expect(a.values['mother.fullName']).toBe(FAMILY.mother.fullName);
      expect(a.prefilled['father.fullName']).toMatchObject({ source: 'fixture', of: 'father.pid' });
      expect(a.prefilledShare).toBeGreaterThan(0.4);
      expect((await call(MOTHER, 'GET', '/api/v1/applications/mine')).json().items.map((x: { id: string }) => x.id)).toEqual([id]);
    });

    it('waits in the queue of its commune’s desk only; the file is the owner’s and the desk’s', async () => {
      const q = (await call(DESK, 'GET', '/api/v1/desk/queue')).json();
      expect(q.items.map((x: { id: string }) => x.id)).toEqual([id]);
      expect(q.items[0]).toMatchObject({ applicantName: FAMILY.mother.fullName, queueUnit: THANH_DONG });
      expect(q.counts).toEqual({ in_progress: 1, supplement_requested: 0, awaiting_payment: 0 });
      expect((await call(DESK, 'GET', '/api/v1/desk/queue?overdue=false')).json().items).toHaveLength(1);
      expect((await call(DESK, 'GET', '/api/v1/desk/queue?overdue=true')).json().items).toHaveLength(0);
      expect((await call(OTHER_DESK, 'GET', '/api/v1/desk/queue')).json().items).toEqual([]);
      expect((await call(OTHER_DESK, 'GET', `/api/v1/applications/${id}`)).statusCode).toBe(404);
      expect((await call(NEIGHBOUR, 'GET', `/api/v1/applications/${id}`)).statusCode).toBe(404);
      const a = (await call(DESK, 'GET', `/api/v1/applications/${id}`)).json();
      const file = await call(DESK, 'GET', `/api/v1/attachments/${(a.documents.witnessStatement as { attachmentId: string }).attachmentId}`);
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-type']).toBe('application/pdf');
      expect((await call(NEIGHBOUR, 'GET', `/api/v1/attachments/${(a.documents.witnessStatement as { attachmentId: string }).attachmentId}`)).statusCode).toBe(404);
    });

    it('a supplement stops the clock and the applicant’s answer restarts it', async () => {
      const bad = await call(DESK, 'POST', `/api/v1/applications/${id}/decision`, { outcome: 'request_supplement' });
      expect(bad.json().errors[0].path).toBe('body.note');
      const s = await decide(DESK, id, 'request_supplement', 'Bổ sung nơi sinh ghi rõ số nhà');
      expect(s).toMatchObject({ status: 'supplement_requested', dueOn: null, daysLeftWhenPaused: 0 });
      expect((await call(MOTHER, 'POST', `/api/v1/applications/${id}/supplement`, { values: { 'mother.fullName': 'X' } })).json().errors[0].code).toBe('registry_value');
      const r = await call(MOTHER, 'POST', `/api/v1/applications/${id}/supplement`, { values: { 'child.birthPlace': 'Nhà số 1, phố Trần Hưng Đạo, phường Thành Đông, Hải Phòng' }, note: 'Đã ghi rõ' });
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json()).toMatchObject({ status: 'in_progress', dueOn: '2026-11-24', step: { id: 'receive' } });
      // she was told by SMS, with the code and the procedure, nothing personal
      const sms = await until(
        () => t.app.identity.delivery.recent({ recipient: phoneOf(FAMILY.mother) }),
        (m) => m.some((x) => x.body.includes('cần bổ sung')),
      );
      const told = sms.find((x) => x.body.includes('cần bổ sung'))!.body;
      expect(told).toContain(r.json().code);
      expect(told).toContain('Đăng ký khai sinh');
      expect(told).not.toContain('Nguyễn Minh An');
    });

    it('only the role of the current step acts; the last signature registers the child', async () => {
      expect((await call(CHAIR, 'POST', `/api/v1/applications/${id}/decision`, { outcome: 'approve' })).statusCode).toBe(409);
      await decide(DESK, id, 'approve');
      expect((await call(CIVIL, 'GET', '/api/v1/desk/queue')).json().items.map((x: { id: string }) => x.id)).toEqual([id]);
      await decide(CIVIL, id, 'approve', 'Đã ghi sổ hộ tịch');
      const done = await decide(CHAIR, id, 'approve');
      expect(done).toMatchObject({ status: 'completed', result: { outcome: 'approved' } });
      const childPid = done.result.outputs.newPid as string;
      expect(childPid).toMatch(/^031[23]26\d{6}$/); // Hải Phòng, a girl born in the 2000s, 2026
      // no residence yet (that is the next procedure), so no commune sees the child: read the tables
      const child = await t.db.kysely.selectFrom('registry.person' as never).selectAll().where('pid' as never, '=', childPid as never).executeTakeFirstOrThrow();
      expect(child).toMatchObject({ full_name: 'Nguyễn Minh An', birth_date: '2026-11-20', mother_pid: FAMILY.mother.pid, father_pid: FAMILY.father.pid, source: `procedure:birth-registration:${done.code}` });
      expect(done.events.map((e: { action: string }) => e.action)).toEqual(['submitted', 'supplement_requested', 'supplemented', 'approved', 'approved', 'approved', 'completed']);
    });

    it('the birth certificate is in the mother’s wallet and verifies against the published key', async () => {
      const items = (await call(MOTHER, 'GET', '/api/v1/wallet')).json().items;
      expect(items).toEqual([expect.objectContaining({ kind: 'birth_certificate', holderPid: FAMILY.mother.pid, applicationId: id })]);
      const doc = (await call(MOTHER, 'GET', `/api/v1/wallet/${items[0].id}`)).json();
      const v = await t.app.http.inject({ method: 'POST', url: '/api/v1/wallet/verify', payload: { credential: doc.credential } });
      expect(v.json()).toMatchObject({ valid: true });
      expect(JSON.stringify(v.json())).toContain('Nguyễn Minh An');
      const forged = doc.credential.replace(/\.([^.~]+)~/, (_: string, sig: string) => `.${sig.slice(0, -4)}AAAA~`);
      expect((await t.app.http.inject({ method: 'POST', url: '/api/v1/wallet/verify', payload: { credential: forged } })).json().valid).toBe(false);
      expect((await call(FATHER, 'GET', `/api/v1/wallet/${items[0].id}`)).statusCode).toBe(404);
      const meta = (await t.app.http.inject({ method: 'GET', url: '/.well-known/jwt-vc-issuer' })).json();
      expect(meta.jwks.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256' });
      expect(meta.jwks.keys[0].d).toBeUndefined();
    });

    it('an official of the commune revokes it: verifiers, the status list, the wallet and the mother see it', async () => {
      const [item] = (await call(MOTHER, 'GET', '/api/v1/wallet')).json().items;
      const { credential } = (await call(MOTHER, 'GET', `/api/v1/wallet/${item.id}`)).json();
      const statusOf = async () => {
        const list = await t.app.http.inject({ method: 'GET', url: '/api/v1/wallet/status-list' });
        expect(list.headers['content-type']).toContain('application/statuslist+jwt');
        const issuerKey = (await t.app.http.inject({ method: 'GET', url: '/.well-known/jwt-vc-issuer' })).json().jwks.keys[0];
        const v = await verifySdJwtVc(credential, { issuerKey, now: clock.now() });
        if (!v.valid) throw new Error('the credential does not verify');
        return checkStatus(statusReferenceOf(v.claims)!, list.body, { issuerKey, now: clock.now() });
      };
      expect(await statusOf()).toMatchObject({ checked: true, status: 'valid' });
      // not an official of the commune, not an official, no reason
      expect((await call(OTHER_DESK, 'POST', `/api/v1/desk/applications/${id}/result-revocation`, { reason: 'Cấp nhầm' })).statusCode).toBe(404);
      expect((await call(MOTHER, 'POST', `/api/v1/desk/applications/${id}/result-revocation`, { reason: 'Cấp nhầm' })).statusCode).toBe(403);
      // the commune's police decide residence procedures, not births
      expect((await call(POLICE, 'POST', `/api/v1/desk/applications/${id}/result-revocation`, { reason: 'Cấp nhầm' })).statusCode).toBe(403);
      const blank = await call(CIVIL, 'POST', `/api/v1/desk/applications/${id}/result-revocation`, { reason: ' ' });
      expect(blank.json().errors[0]).toMatchObject({ path: 'body.reason' });
      const r = await call(CIVIL, 'POST', `/api/v1/desk/applications/${id}/result-revocation`, { reason: 'Ghi sai ngày sinh, cấp lại theo hồ sơ mới' });
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json().events.at(-1)).toMatchObject({ action: 'result_revoked', note: 'Ghi sai ngày sinh, cấp lại theo hồ sơ mới' });
      expect((await call(CIVIL, 'POST', `/api/v1/desk/applications/${id}/result-revocation`, { reason: 'Lần nữa' })).statusCode).toBe(409);
      // the issuer's check and anyone's check of the published list
      const v = (await t.app.http.inject({ method: 'POST', url: '/api/v1/wallet/verify', payload: { credential } })).json();
      expect(v).toMatchObject({ valid: true, status: { checked: true, status: 'revoked' } });
      expect(await statusOf()).toMatchObject({ checked: true, status: 'revoked' });
      expect((await call(MOTHER, 'GET', '/api/v1/wallet')).json().items[0]).toMatchObject({ status: 'revoked', revoked: { reason: 'Ghi sai ngày sinh, cấp lại theo hồ sơ mới' } });
      await until(
        () => t.app.identity.delivery.recent({ recipient: phoneOf(FAMILY.mother) }),
        (sent) => sent.some((m) => m.body.includes('đã bị thu hồi')),
      );
    });
  });

  describe('fees, refusals and failing effects', () => {
    it('a fee opens a VietQR payment; the bank’s confirmation starts the clock', async () => {
      const r = await call(FATHER, 'POST', '/api/v1/applications', {
        serviceId: 'permanent-residence-registration',
        values: { 'residence.communeCode': THANH_DONG, 'residence.detail': 'Số 1, phố Trần Hưng Đạo', 'residence.basis': 'family', 'household.mode': 'join', 'household.headPid': FAMILY.father.pid, 'household.relationToHead': 'other', 'consent.ownerPid': FAMILY.father.pid },
      });
      expect(r.statusCode, r.body).toBe(201);
      const a = r.json();
      expect(a).toMatchObject({ status: 'awaiting_payment', receivedOn: null, payment: { status: 'pending' } });
      expect(a.fee.amount).toBeGreaterThan(0);
      expect(a.payment.amount).toBe(a.fee.amount);
      expect((await call(POLICE, 'GET', '/api/v1/desk/queue')).json().items).toEqual([]);
      const pay = await call(FATHER, 'POST', `/api/v1/payments/${a.payment.id}/simulate-transfer`);
      expect(pay.statusCode, pay.body).toBe(200);
      const paid = await until(
        async () => (await call(FATHER, 'GET', `/api/v1/applications/${a.id}`)).json(),
        (x) => x.status === 'in_progress',
      );
      expect(paid).toMatchObject({ fee: { paid: 'online' }, receivedOn: '2026-11-24', dueOn: '2026-12-03' }); // 7 working days
      // the father is already in his own household: the last step fails and changes nothing
      await decide(POLICE, a.id, 'approve');
      const before = (await call(POLICE, 'GET', `/api/v1/persons/${FAMILY.father.pid}?purpose=residence_management`)).json();
      const fail = await call(POLICE, 'POST', `/api/v1/applications/${a.id}/decision`, { outcome: 'approve' });
      expect(fail.statusCode).toBe(409);
      const after = (await call(POLICE, 'GET', `/api/v1/persons/${FAMILY.father.pid}?purpose=residence_management`)).json();
      const active = (p: { residences: { kind: string; communeCode: string; detail: string; validTo: string | null }[] }) =>
        p.residences.filter((x) => x.validTo === null).map((x) => ({ kind: x.kind, communeCode: x.communeCode, detail: x.detail }));
      expect(active(after)).toEqual(active(before));
      expect(after.household).toEqual(before.household);
      expect((await call(FATHER, 'GET', `/api/v1/applications/${a.id}`)).json()).toMatchObject({ status: 'in_progress', step: { role: 'commune_police' } });
      // refused with reasons instead
      expect((await call(POLICE, 'POST', `/api/v1/applications/${a.id}/decision`, { outcome: 'refuse' })).json().errors[0].path).toBe('body.note');
      const refused = await decide(POLICE, a.id, 'refuse', 'Công dân đã thường trú tại địa chỉ này');
      expect(refused).toMatchObject({ status: 'refused', result: { outcome: 'refused', reasons: 'Công dân đã thường trú tại địa chỉ này' } });
    });

    it('the applicant withdraws an application that is waiting; a finished one cannot be withdrawn', async () => {
      const r = await call(FATHER, 'POST', '/api/v1/applications', { serviceId: 'temporary-absence-declaration', values: { 'absence.case': 'voluntary', 'absence.from': '24/11/2026', 'absence.destination': 'Thành phố Hồ Chí Minh', 'absence.reason': 'Đi làm' } });
      expect(r.statusCode, r.body).toBe(201);
      expect((await call(MOTHER, 'POST', `/api/v1/applications/${r.json().id}/withdraw`, {})).statusCode).toBe(404);
      const w = await call(FATHER, 'POST', `/api/v1/applications/${r.json().id}/withdraw`, { reason: 'Không đi nữa' });
      expect(w.statusCode, w.body).toBe(200);
      expect(w.json()).toMatchObject({ status: 'withdrawn', result: { outcome: 'withdrawn', reasons: 'Không đi nữa' }, step: null });
      expect((await call(POLICE, 'GET', '/api/v1/desk/queue')).json().items.map((x: { id: string }) => x.id)).not.toContain(r.json().id);
      expect((await call(FATHER, 'POST', `/api/v1/applications/${r.json().id}/withdraw`, {})).statusCode).toBe(409);
    });

    it('the desk receives an application for a citizen identified by their card', async () => {
      const r = await call(DESK, 'POST', '/api/v1/desk/applications', { serviceId: 'old-id-confirmation', applicantPid: FAMILY.father.pid, values: { 'request.purpose': 'bank' } });
      expect(r.statusCode, r.body).toBe(201);
      expect(r.json()).toMatchObject({ channel: 'desk', applicantPid: FAMILY.father.pid, values: { 'applicant.oldId': FAMILY.father.oldId } });
      expect((await call(OTHER_DESK, 'POST', '/api/v1/desk/applications', { serviceId: 'old-id-confirmation', applicantPid: FAMILY.father.pid, values: { 'request.purpose': 'bank' } })).json().errors[0].path).toBe('body.applicantPid');
    });
  });

  describe('certified copies', () => {
    it('the desk certifies a scan of a paper original into the wallet; the citizen reuses it online', async () => {
      const scan = (await call(DESK, 'POST', '/api/v1/attachments', { fileName: 'so-do.jpg', mediaType: 'image/jpeg', contentBase64: Buffer.from('jpeg bytes').toString('base64'), applicantPid: FAMILY.father.pid })).json().id;
      const bad = await call(DESK, 'POST', '/api/v1/desk/certified-copies', { applicantPid: FAMILY.father.pid, attachmentId: scan, kind: 'passport' });
      expect(bad.json().errors[0].path).toBe('body.kind');
      expect((await call(OTHER_DESK, 'POST', '/api/v1/desk/certified-copies', { applicantPid: FAMILY.father.pid, attachmentId: scan, kind: 'land_use_certificate' })).json().errors[0].path).toBe('body.applicantPid');
      const r = await call(DESK, 'POST', '/api/v1/desk/certified-copies', { applicantPid: FAMILY.father.pid, attachmentId: scan, kind: 'land_use_certificate' });
      expect(r.statusCode, r.body).toBe(201);
      const copy = (await call(FATHER, 'GET', `/api/v1/wallet/${r.json().walletDocumentId}`)).json();
      expect(copy).toMatchObject({ kind: 'land_use_certificate', title: { vi: 'Giấy chứng nhận quyền sử dụng đất (bản sao điện tử có chứng thực)' }, claims: { certified_copy: true, certified_by: `one_stop_officer@${THANH_DONG}` } });
      const apply = await call(FATHER, 'POST', '/api/v1/applications', {
        serviceId: 'electricity-connection',
        values: { 'site.commune': THANH_DONG, 'site.detail': 'Số 1, phố Trần Hưng Đạo', 'site.use': 'domestic', 'site.phases': 'one', 'site.load': 5 },
        documents: { premisesProof: { walletDocumentId: r.json().walletDocumentId } },
      });
      expect(apply.statusCode, apply.body).toBe(201);
    });
  });

  describe('a marriage registered at the desk', () => {
    const HD_DESK: Actor = { sub: 'desk-hd', role: 'one_stop_officer', unit: HAI_DUONG };
    const HD_CIVIL: Actor = { sub: 'civil-hd', role: 'civil_status_officer', unit: HAI_DUONG };
    const HD_CHAIR: Actor = { sub: 'chair-hd', role: 'commune_chairman', unit: HAI_DUONG };
    const HD_POLICE: Actor = { sub: 'police-hd', role: 'commune_police', unit: HAI_DUONG };
    let bride: string;

    it('links both spouses and marks them married; a partner already married fails at the signature and changes nothing', async () => {
      const created = await call(HD_POLICE, 'POST', '/api/v1/persons', {
        fullName: 'Đỗ Thị Mai',
        birthDate: '1980-06-01',
        sex: 'F',
        birthRegProvince: '031',
        maritalStatus: 'single',
        permanentResidence: { communeCode: HAI_DUONG, detail: 'Số 9, phố Quang Trung' },
        reason: 'Đăng ký thường trú lần đầu',
      });
      expect(created.statusCode, created.body).toBe(201);
      bride = created.json().pid;
      const apply = (partner: string) =>
        call(HD_DESK, 'POST', '/api/v1/desk/applications', { serviceId: 'marriage-registration', applicantPid: FAMILY.neighbour.pid, values: { 'partner.pid': partner, 'declaration.voluntary': true } });
      // the mother is married and lives in another commune: the desk of Hải Dương cannot even read her
      expect((await apply(FAMILY.mother.pid)).json().errors[0]).toMatchObject({ path: 'body.values.partner.pid', code: 'not_linked' });
      const r = await apply(bride);
      expect(r.statusCode, r.body).toBe(201);
      expect(r.json().values).toMatchObject({ 'partner.fullName': 'Đỗ Thị Mai', 'partner.sex': 'F', 'registration.commune': HAI_DUONG });
      const id = r.json().id;
      for (const who of [HD_DESK, HD_CIVIL, HD_CHAIR]) await decide(who, id, 'approve');
      const him = (await call(HD_POLICE, 'GET', `/api/v1/persons/${FAMILY.neighbour.pid}?purpose=residence_management`)).json();
      const her = (await call(HD_POLICE, 'GET', `/api/v1/persons/${bride}?purpose=residence_management`)).json();
      expect(him).toMatchObject({ spousePid: bride, maritalStatus: 'married' });
      expect(her).toMatchObject({ spousePid: FAMILY.neighbour.pid, maritalStatus: 'married' });
    });

    it('a second marriage is refused by the registry at the last step, with its reason', async () => {
      const r = await call(HD_DESK, 'POST', '/api/v1/desk/applications', { serviceId: 'marriage-registration', applicantPid: bride, values: { 'partner.pid': FAMILY.neighbour.pid, 'declaration.voluntary': true } });
      expect(r.statusCode, r.body).toBe(201);
      await decide(HD_DESK, r.json().id, 'approve');
      await decide(HD_CIVIL, r.json().id, 'approve');
      const last = await call(HD_CHAIR, 'POST', `/api/v1/applications/${r.json().id}/decision`, { outcome: 'approve' });
      expect(last.statusCode).toBe(400);
      expect(last.json().errors.map((e: { code: string }) => e.code)).toContain('already_married');
      expect((await call(HD_CHAIR, 'GET', `/api/v1/applications/${r.json().id}`)).json()).toMatchObject({ status: 'in_progress', step: { role: 'commune_chairman' } });
    });
  });

  describe('a linked procedure: birth → permanent residence → health-insurance card', () => {
    it('runs each step at its agency and ends with the child registered, resident and insured', async () => {
      const doc = await upload(FATHER, 'cam-doan.pdf');
      const r = await call(FATHER, 'POST', '/api/v1/applications', {
        serviceId: 'birth-residence-health-insurance',
        values: {
          ...BABY,
          'applicant.relationToChild': 'father',
          'child.fullName': 'Nguyễn Minh Châu',
          'residence.relationToHead': 'child',
          'care.facility': 'Trạm Y tế phường Thành Đông',
        },
        documents: { witnessStatement: { attachmentId: doc } },
      });
      expect(r.statusCode, r.body).toBe(201);
      const parent = r.json();
      expect(parent.steps).toHaveLength(1);
      const step = async (i: number) =>
        until(
          async () => (await call(FATHER, 'GET', `/api/v1/applications/${parent.id}`)).json(),
          (x) => x.steps.length > i,
        ).then((x) => x.steps[i].id as string);
      const birth = await step(0);
      await decide(DESK, birth, 'approve');
      await decide(CIVIL, birth, 'approve');
      await decide(CHAIR, birth, 'approve');
      const residence = await step(1);
      await decide(POLICE, residence, 'approve');
      await decide(POLICE, residence, 'approve');
      const insurance = await step(2);
      await decide(INSURANCE, insurance, 'approve');
      const done = await until(
        async () => (await call(FATHER, 'GET', `/api/v1/applications/${parent.id}`)).json(),
        (x) => x.status === 'completed',
      );
      const childPid = done.result.outputs['birth.newPid'];
      const child = (await call(POLICE, 'GET', `/api/v1/persons/${childPid}?purpose=residence_management`)).json();
      expect(child.residences).toEqual([expect.objectContaining({ kind: 'permanent', communeCode: THANH_DONG, validTo: null })]);
      expect(child.household).toMatchObject({ relation: 'child', headPid: FAMILY.father.pid });
      // his list shows the linked application once, not its steps
      const mine = (await call(FATHER, 'GET', '/api/v1/applications/mine')).json().items as { id: string; parentId: string | null }[];
      expect(mine.filter((x) => x.parentId !== null)).toEqual([]);
      expect(mine.map((x) => x.id)).toContain(parent.id);
      const wallet = (await call(FATHER, 'GET', '/api/v1/wallet')).json().items.map((d: { kind: string }) => d.kind);
      expect(wallet).toEqual(expect.arrayContaining(['birth_certificate', 'permanent_residence_notice', 'health_insurance_card']));
    });
  });

  describe('a linked procedure: death → removal of permanent residence → funeral allowance', () => {
    const SOCIAL: Actor = { sub: 'vhxh-td', role: 'social_affairs_officer', unit: THANH_DONG };
    const DEATH = {
      'applicant.relationToDeceased': 'parent',
      'death.date': '22/11/2026',
      'death.place': 'Bệnh viện Đa khoa tỉnh',
      'registration.copies': 0,
      'funeral.regime': 'social_assistance',
      'funeral.method': 'bank',
      'funeral.account': '0123456789',
    };
    let extract: string;

    it('a refusal of the first step aborts the chain and changes nothing', async () => {
      const doc = await upload(MOTHER, 'giay-bao-tu.pdf');
      const r = await call(MOTHER, 'POST', '/api/v1/applications', { serviceId: 'death-residence-funeral', values: { ...DEATH, 'deceased.pid': FAMILY.son.pid }, documents: { deathNotice: { attachmentId: doc } } });
      expect(r.statusCode, r.body).toBe(201);
      const first = r.json().steps[0].id;
      await decide(DESK, first, 'refuse', 'Giấy báo tử không hợp lệ');
      const parent = await until(
        async () => (await call(MOTHER, 'GET', `/api/v1/applications/${r.json().id}`)).json(),
        (x) => x.status !== 'in_progress',
      );
      expect(parent).toMatchObject({ status: 'refused', result: { outcome: 'aborted', reasons: 'Giấy báo tử không hợp lệ' } });
      expect(parent.steps).toHaveLength(1);
      const son = await t.db.kysely.selectFrom('registry.person' as never).select(['life_status' as never]).where('pid' as never, '=', FAMILY.son.pid as never).executeTakeFirstOrThrow();
      expect(son).toEqual({ life_status: 'alive' });
    });

    it('runs death, removal and allowance; the extract lands in the wallet', async () => {
      const doc = await upload(FATHER, 'giay-bao-tu.pdf');
      const r = await call(FATHER, 'POST', '/api/v1/applications', { serviceId: 'death-residence-funeral', values: { ...DEATH, 'deceased.pid': FAMILY.son.pid }, documents: { deathNotice: { attachmentId: doc } } });
      expect(r.statusCode, r.body).toBe(201);
      const parentId = r.json().id;
      const step = (i: number) =>
        until(
          async () => (await call(FATHER, 'GET', `/api/v1/applications/${parentId}`)).json(),
          (x) => x.steps.length > i,
        ).then((x) => x.steps[i].id as string);
      const death = await step(0);
      for (const who of [DESK, CIVIL, CHAIR]) await decide(who, death, 'approve');
      await decide(POLICE, await step(1), 'approve');
      const funeral = await step(2);
      // a social-assistance allowance: the social-insurance step applies only to insured people
      for (const who of [SOCIAL, CHAIR]) await decide(who, funeral, 'approve');
      await until(
        async () => (await call(FATHER, 'GET', `/api/v1/applications/${parentId}`)).json(),
        (x) => x.status === 'completed',
      );
      // no residence left, so no commune sees him any more: read the tables
      const son = await t.db.kysely.selectFrom('registry.person' as never).select(['life_status', 'death_date'] as never).where('pid' as never, '=', FAMILY.son.pid as never).executeTakeFirstOrThrow();
      expect(son).toEqual({ life_status: 'deceased', death_date: '2026-11-22' });
      const residences = await t.db.kysely.selectFrom('registry.residence' as never).select(['kind'] as never).where('pid' as never, '=', FAMILY.son.pid as never).where('valid_to' as never, 'is', null).execute();
      expect(residences).toEqual([]);
      const docs = (await call(FATHER, 'GET', '/api/v1/wallet')).json().items as { id: string; kind: string }[];
      extract = docs.find((d) => d.kind === 'death_extract')!.id;
      expect(extract).toBeDefined();
    });

    it('a later application reuses the extract from the wallet instead of an upload; another’s is refused', async () => {
      const values = { 'deceased.pid': FAMILY.son.pid, 'applicant.relationToDeceased': 'parent', 'funeral.regime': 'social_assistance', 'funeral.commune': THANH_DONG, 'payment.method': 'cash' };
      const wrong = await call(MOTHER, 'POST', '/api/v1/applications', { serviceId: 'funeral-allowance', values, documents: { deathExtract: { walletDocumentId: extract } } });
      expect(wrong.json().errors).toEqual([expect.objectContaining({ path: 'body.documents.deathExtract', code: 'wallet_document' })]);
      const r = await call(FATHER, 'POST', '/api/v1/applications', { serviceId: 'funeral-allowance', values, documents: { deathExtract: { walletDocumentId: extract } } });
      expect(r.statusCode, r.body).toBe(201);
      expect(r.json().documents).toEqual({ deathExtract: { walletDocumentId: extract } });
    });
  });

  describe('figures', () => {
    it('count online submissions, online payments, prefilled fields and results in the wallet, for the official’s unit', async () => {
      const r = await call(PROVINCE_ADMIN, 'GET', '/api/v1/services/figures');
      expect(r.statusCode, r.body).toBe(200);
      const f = r.json();
      const birth = f.rows.find((x: { serviceId: string }) => x.serviceId === 'birth-registration');
      expect(birth).toMatchObject({ communeCode: THANH_DONG, submitted: 2, online: 2, completed: 2, resultsInWallet: 2, walletShare: 1, onlineShare: 1 });
      expect(f.total.paidOnline).toBe(1);
      expect(f.total.prefilledShare).toBeGreaterThan(0.3);
      // the desk of Hải Dương sees its own commune only: the marriages it received
      expect((await call(OTHER_DESK, 'GET', '/api/v1/services/figures')).json().rows).toEqual([expect.objectContaining({ serviceId: 'marriage-registration', communeCode: HAI_DUONG, submitted: 2, desk: 2, completed: 1 })]);
      expect((await call(MOTHER, 'GET', '/api/v1/services/figures')).statusCode).toBe(403);
    });
  });
});

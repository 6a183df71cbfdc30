// Verification as a hotel, a bank and a one-stop desk use it: an e-ID QR from the citizen's app, the
// printed QR of an ID card, attributes typed from a document. Answers say match / no match per
// attribute and never carry data that was not presented; replays and expired QRs are refused; the
// citizen sees every check in their access log; bad input is named field by field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../http/authz.ts';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { FAMILY, HAI_DUONG, THANH_DONG, seedFamily } from '../../../../test/support/registry-fixtures.ts';
import { createAccount } from '../../../../test/support/identity-fixtures.ts';

const HOTEL: Actor = { sub: 'org:khach-san-hoa-sen', role: 'sector_system', name: 'Khách sạn Hoa Sen' };
const BANK: Actor = { sub: 'org:ngan-hang-bien-xanh', role: 'sector_system', name: 'Ngân hàng Biển Xanh' };
const DESK: Actor = { sub: 'desk-1', role: 'one_stop_officer', unit: THANH_DONG };
const MOTHER: Actor = { sub: 'citizen:mother', role: 'citizen', pid: FAMILY.mother.pid };
const ADMIN: Actor = { sub: 'admin-1', role: 'admin' };

let nowMs = Date.parse('2026-11-23T09:00:00+07:00');
const clock = { now: () => new Date(nowMs) };

describe('verification checks', () => {
  let t: TestApp;
  const post = async (actor: Actor, payload: object, lang = 'vi') =>
    t.app.http.inject({ method: 'POST', url: '/api/v1/verification/checks', headers: { ...(await t.auth(actor)), 'accept-language': lang }, payload });
  const newQr = async (actor: Actor = MOTHER) => {
    const r = await t.app.http.inject({ method: 'POST', url: '/api/v1/verification/eid-qr', headers: await t.auth(actor) });
    expect(r.statusCode, r.body).toBe(201);
    return r.json() as { qr: string; expiresAt: string; level: number };
  };

  beforeAll(async () => {
    t = await createTestApp({ clock });
    await seedFamily(t.db);
    await createAccount(t, FAMILY.mother, 'Hoa-sen-2026!');
    const admin = await t.auth(ADMIN);
    for (const [org, purposes, extra] of [
      [HOTEL, ['verification_lodging'], {}],
      [BANK, ['verification_banking', 'verification_lodging'], { perMinute: 1000, dailyQuota: 5 }],
    ] as const) {
      const r = await t.app.http.inject({ method: 'PUT', url: `/api/v1/verification/organisations/${org.sub}`, headers: admin, payload: { name: org.name, purposes, ...extra } });
      expect(r.statusCode, r.body).toBe(201);
    }
  });
  afterAll(async () => t?.close());

  describe('e-ID QR', () => {
    it('a hotel verifies a fresh QR: signature, expiry, replay, account and registry all pass; only what the QR showed comes back', async () => {
      const { qr, level } = await newQr();
      expect(qr).toMatch(/^VN1:/);
      const r = await post(HOTEL, { purpose: 'verification_lodging', source: 'eid_qr', qr });
      expect(r.statusCode, r.body).toBe(200);
      const body = r.json();
      expect(body.result).toBe('green');
      expect(body.accountLevel).toBe(level);
      expect(body.checks.map((c: { name: string; status: string }) => `${c.name}:${c.status}`)).toEqual([
        'version:passed',
        'format:passed',
        'key:passed',
        'signature:passed',
        'issuer:passed',
        'expiry:passed',
        'replay:passed',
        'account:passed',
        'registry:passed',
        'alive:passed',
      ]);
      expect(body.attributes).toEqual({ pid: 'match', fullName: 'match', birthDate: 'match', sex: 'match' });
      expect(body.presented).toEqual({ pid: FAMILY.mother.pid, fullName: 'Trần Thị Thu Hà', birthDate: '1990-11-02', sex: 'F' });
      // nothing the hotel was not shown: no address, household, phone, relatives
      expect(r.body).not.toContain('Trần Hưng Đạo');
      expect(r.body).not.toContain(FAMILY.father.pid);
      expect(r.body).not.toMatch(/residence|household|phone|Thành Đông/i);
    });

    it('refuses the same QR a second time (replay), and the citizen sees the attempt', async () => {
      const { qr } = await newQr();
      expect((await post(HOTEL, { purpose: 'verification_lodging', source: 'eid_qr', qr })).json().result).toBe('green');
      const again = (await post(HOTEL, { purpose: 'verification_lodging', source: 'eid_qr', qr })).json();
      expect(again.result).toBe('red');
      expect(again.checks).toContainEqual({ name: 'replay', status: 'failed', reason: 'replayed' });
      expect(again.checks.find((c: { name: string }) => c.name === 'registry')).toBeUndefined();
      const log = await t.app.accessLog.forPerson(FAMILY.mother.pid, { limit: 5 });
      expect(log[0]).toMatchObject({ actor: HOTEL.sub, action: 'verify', outcome: 'denied', fields: ['eidQr'] });
      expect(log[0]!.purpose).toMatch(/^verification_lodging:/);
    });

    it('accepts a QR only once even when it is presented twice at the same moment', async () => {
      const { qr } = await newQr();
      const results = await Promise.all([1, 2, 3].map(async () => (await post(HOTEL, { purpose: 'verification_lodging', source: 'eid_qr', qr })).json().result as string));
      expect(results.sort()).toEqual(['green', 'red', 'red']);
    });

    it('refuses an expired QR without reading the registry', async () => {
      const { qr } = await newQr();
      nowMs += 4 * 60_000;
      try {
        const body = (await post(HOTEL, { purpose: 'verification_lodging', source: 'eid_qr', qr })).json();
        expect(body.result).toBe('red');
        expect(body.checks).toContainEqual({ name: 'expiry', status: 'failed', reason: 'expired' });
        expect(body.checks.map((c: { name: string }) => c.name)).not.toContain('registry');
      } finally {
        nowMs -= 4 * 60_000;
      }
    });

    it('refuses an altered QR and shows nothing of it', async () => {
      const { qr } = await newQr();
      const i = 40;
      const forged = qr.slice(0, i) + (qr[i] === 'A' ? 'B' : 'A') + qr.slice(i + 1);
      const body = (await post(HOTEL, { purpose: 'verification_lodging', source: 'eid_qr', qr: forged })).json();
      expect(body.result).toBe('red');
      expect(body.presented).toEqual({});
      expect(body.attributes).toEqual({});
    });

    it('reports a suspended account, and the account level raised in person', async () => {
      const police = await t.auth({ sub: 'cs-thanh-dong', role: 'commune_police', unit: THANH_DONG });
      const raise = await t.app.http.inject({ method: 'POST', url: `/api/v1/identity/accounts/${FAMILY.mother.pid}/level2`, headers: police, payload: { place: 'Công an phường Thành Đông', method: 'chip', fingerprintVerified: true } });
      expect(raise.statusCode, raise.body).toBe(200);
      const { qr, level } = await newQr();
      expect(level).toBe(2);
      const suspend = await t.app.http.inject({ method: 'POST', url: `/api/v1/identity/accounts/${FAMILY.mother.pid}/suspend`, headers: police, payload: { reason: 'Kiểm thử xác thực' } });
      expect(suspend.statusCode, suspend.body).toBe(200);
      try {
        const body = (await post(HOTEL, { purpose: 'verification_lodging', source: 'eid_qr', qr })).json();
        expect(body.result).toBe('red');
        expect(body.accountLevel).toBe(2);
        expect(body.checks).toContainEqual({ name: 'account', status: 'failed', reason: 'account_suspended' });
        // and a suspended account gets no new QR
        const denied = await t.app.http.inject({ method: 'POST', url: '/api/v1/verification/eid-qr', headers: await t.auth(MOTHER) });
        expect(denied.statusCode).toBe(403);
      } finally {
        await t.app.http.inject({ method: 'POST', url: `/api/v1/identity/accounts/${FAMILY.mother.pid}/restore`, headers: police, payload: { reason: 'Kết thúc kiểm thử' } });
      }
    });

    it('publishes the verification keys to anyone, without private parts', async () => {
      const r = await t.app.http.inject({ method: 'GET', url: '/api/v1/verification/eid-qr/keys' });
      expect(r.statusCode).toBe(200);
      expect(r.headers['cache-control']).toContain('max-age');
      const set = r.json();
      expect(set.issuer).toBe('http://127.0.0.1');
      expect(set.qrLifetimeSeconds).toBe(180);
      expect(set.keys.length).toBeGreaterThanOrEqual(2);
      expect(r.body).not.toMatch(/"d"\s*:/);
    });
  });

  describe('printed ID-card QR', () => {
    const cardQr = (name = FAMILY.father.fullName) => `${FAMILY.father.pid}|141234567|${name}|12041985|Nam|Số 1, phố Trần Hưng Đạo, Phường Cẩm Thượng, Thành phố Hải Dương, Tỉnh Hải Dương|10052021`;

    it('is confirmed by the registry; the old ID and issue date are checked only by those who may see them', async () => {
      const hotel = (await post(HOTEL, { purpose: 'verification_lodging', source: 'id_card_qr', qr: `${cardQr()}\r\n` })).json();
      expect(hotel.result).toBe('green');
      expect(hotel.card).toMatchObject({ signed: false, verdict: 'confirmed_by_registry' });
      expect(hotel.attributes).toEqual({ pid: 'match', fullName: 'match', birthDate: 'match', sex: 'match', oldId: 'not_checked', issueDate: 'not_checked' });
      expect(JSON.stringify(hotel)).not.toContain('Trần Hưng Đạo'); // the address is never echoed
      // the pre-2025 address is mapped to today's commune, as a suggestion
      expect(hotel.card.communeSuggestion).toMatchObject({ via: 'legacy', divided: false, communes: [{ code: THANH_DONG, fullName: 'Phường Thành Đông' }] });
      const desk = (await post(DESK, { purpose: 'verification_public_service', source: 'id_card_qr', qr: cardQr() })).json();
      expect(desk.attributes).toEqual({ pid: 'match', fullName: 'match', birthDate: 'match', sex: 'match', oldId: 'match', issueDate: 'match' });
    });

    it('a card whose name differs from the registry is contradicted (red)', async () => {
      const body = (await post(HOTEL, { purpose: 'verification_lodging', source: 'id_card_qr', qr: cardQr('Nguyễn Văn Hưng') })).json();
      expect(body.result).toBe('red');
      expect(body.card.verdict).toBe('contradicted');
      expect(body.attributes.fullName).toBe('no_match');
    });

    it('a card whose personal ID contradicts its own sex fails the consistency check', async () => {
      const qr = `${FAMILY.father.pid}||${FAMILY.father.fullName}|12041985|Nữ|Thành Đông|10052021`;
      const body = (await post(HOTEL, { purpose: 'verification_lodging', source: 'id_card_qr', qr })).json();
      expect(body.result).toBe('red');
      expect(body.checks).toContainEqual({ name: 'consistency', status: 'failed', reason: 'sex_mismatch' });
    });
  });

  describe('typed attributes', () => {
    it('match, including a name typed without diacritics and a date written dd/mm/yyyy', async () => {
      const body = (await post(HOTEL, { purpose: 'verification_lodging', source: 'typed', attributes: { pid: FAMILY.son.pid, fullName: 'nguyen minh khoi', birthDate: '20/07/2015', sex: 'M' } })).json();
      expect(body.result).toBe('green');
      expect(body.presented).toEqual({ pid: FAMILY.son.pid, fullName: 'nguyen minh khoi', birthDate: '2015-07-20', sex: 'M' });
    });

    it('a wrong diacritic is a different name; the registry value is not revealed', async () => {
      const r = await post(HOTEL, { purpose: 'verification_lodging', source: 'typed', attributes: { pid: FAMILY.mother.pid, fullName: 'Trần Thị Thu Hằng', birthDate: '1990-11-02' } });
      const body = r.json();
      expect(body.result).toBe('red');
      expect(body.attributes).toEqual({ pid: 'match', fullName: 'no_match', birthDate: 'match' });
      expect(r.body).not.toContain('Thu Hà');
    });

    it('a birth date known to the registry only as a year matches at that precision', async () => {
      const body = (await post(HOTEL, { purpose: 'verification_lodging', source: 'typed', attributes: { pid: FAMILY.neighbour.pid, birthDate: '1975-06-01' } })).json();
      expect(body.attributes.birthDate).toBe('match');
    });

    it('an unknown personal ID does not match (for a national verifier), and is logged as not found', async () => {
      const body = (await post(HOTEL, { purpose: 'verification_lodging', source: 'typed', attributes: { pid: '030099999999', fullName: 'Ai Đó' } })).json();
      expect(body.result).toBe('red');
      expect(body.checks).toContainEqual({ name: 'registry', status: 'failed', reason: 'not_in_registry' });
      expect(body.attributes).toEqual({ pid: 'no_match', fullName: 'not_checked' });
    });

    it('an official outside the person’s commune gets amber: the registry could not be consulted', async () => {
      const other = { sub: 'desk-2', role: 'one_stop_officer' as const, unit: HAI_DUONG };
      const body = (await post(other, { purpose: 'verification_public_service', source: 'typed', attributes: { pid: FAMILY.son.pid, fullName: 'Nguyễn Minh Khôi' } })).json();
      expect(body.result).toBe('amber');
      expect(body.checks).toEqual([{ name: 'registry', status: 'not_possible', reason: 'not_found_or_outside_jurisdiction' }]);
      expect(body.attributes).toEqual({ pid: 'not_checked', fullName: 'not_checked' });
    });
  });

  describe('the citizen’s access log', () => {
    it('shows each check under the organisation and its purpose', async () => {
      const body = (await post(HOTEL, { purpose: 'verification_lodging', source: 'typed', attributes: { pid: FAMILY.son.pid, fullName: 'Nguyễn Minh Khôi' } })).json();
      const son = await t.auth({ sub: 'citizen:son', role: 'citizen', pid: FAMILY.son.pid });
      const r = await t.app.http.inject({ method: 'GET', url: `/api/v1/persons/${FAMILY.son.pid}/access-log`, headers: son });
      expect(r.statusCode).toBe(200);
      const entry = (r.json().items as { actor: string; actorRole: string; purpose: string; outcome: string }[]).find((e) => e.purpose === `verification_lodging:${body.id}`);
      expect(entry).toMatchObject({ actor: HOTEL.sub, actorRole: 'sector_system', outcome: 'ok' });
    });

    it('shows the citizen’s own QR issuance', async () => {
      await newQr();
      const log = await t.app.accessLog.forPerson(FAMILY.mother.pid, { limit: 20 });
      expect(log.some((e) => e.actor === MOTHER.sub && e.purpose === 'eid_qr_issuance' && e.action === 'read')).toBe(true);
    });
  });

  describe('bad input, named field by field (problem+json)', () => {
    it.each([
      [{ source: 'typed', attributes: { pid: FAMILY.son.pid, fullName: 'X' } }, 'body.purpose', 'purpose_required'],
      [{ purpose: 'tax', source: 'typed', attributes: { pid: FAMILY.son.pid, fullName: 'X' } }, 'body.purpose', 'purpose_not_for_verification'],
      [{ purpose: 'khong_co', source: 'typed', attributes: { pid: FAMILY.son.pid, fullName: 'X' } }, 'body.purpose', 'purpose_unknown'],
      [{ purpose: 'verification_lodging', source: 'typed', attributes: { fullName: 'X' } }, 'body.attributes.pid', 'required'],
      [{ purpose: 'verification_lodging', source: 'typed', attributes: { pid: '12345' , fullName: 'X' } }, 'body.attributes.pid', 'pid_invalid'],
      [{ purpose: 'verification_lodging', source: 'typed', attributes: { pid: FAMILY.son.pid } }, 'body.attributes', 'attribute_required'],
      [{ purpose: 'verification_lodging', source: 'typed', attributes: { pid: FAMILY.son.pid, birthDate: '31/02/2015' } }, 'body.attributes.birthDate', 'date_invalid'],
      [{ purpose: 'verification_lodging', source: 'typed', attributes: { pid: FAMILY.son.pid, oldId: '12AB' } }, 'body.attributes.oldId', 'old_id_invalid'],
      [{ purpose: 'verification_lodging', source: 'eid_qr' }, 'body.qr', 'required'],
      [{ purpose: 'verification_lodging', source: 'typed', qr: 'VN1:X', attributes: { pid: FAMILY.son.pid, fullName: 'X' } }, 'body.qr', 'not_for_source'],
      [{ purpose: 'verification_lodging', source: 'id_card_qr', qr: 'xin chào' }, 'body.qr', 'qr_not_id_card'],
      [{ purpose: 'verification_lodging', source: 'chip' }, 'body.chip', 'required'],
      [{ purpose: 'verification_lodging', source: 'passport', qr: 'x' }, 'body.source', 'invalid_value'],
    ])('%j → %s', async (payload, path, code) => {
      const r = await post(HOTEL, payload);
      expect(r.statusCode).toBe(400);
      expect(r.headers['content-type']).toContain('application/problem+json');
      const problem = r.json();
      expect(problem.errors).toContainEqual(expect.objectContaining({ path, code }));
      expect(problem.title).toBe('Dữ liệu không hợp lệ');
    });

    it('answers in English when asked', async () => {
      const r = await post(HOTEL, { purpose: 'verification_lodging', source: 'typed', attributes: { pid: FAMILY.son.pid } }, 'en');
      expect(r.json().errors[0].message).toMatch(/at least one attribute/);
    });
  });

  describe('metering, quotas and rate limits', () => {
    it('counts checks per organisation, day, purpose and source; an organisation reads only its own', async () => {
      const bank = await t.auth(BANK);
      for (let i = 0; i < 2; i++) expect((await post(BANK, { purpose: 'verification_banking', source: 'typed', attributes: { pid: FAMILY.son.pid, fullName: 'Nguyễn Minh Khôi' } })).statusCode).toBe(200);
      const { qr } = await newQr();
      expect((await post(BANK, { purpose: 'verification_lodging', source: 'eid_qr', qr })).statusCode).toBe(200);
      const r = await t.app.http.inject({ method: 'GET', url: '/api/v1/verification/usage', headers: bank });
      expect(r.statusCode, r.body).toBe(200);
      const usage = r.json();
      expect(usage.items).toEqual([
        { party: BANK.sub, day: '2026-11-23', purpose: 'verification_banking', source: 'typed', checks: 2 },
        { party: BANK.sub, day: '2026-11-23', purpose: 'verification_lodging', source: 'eid_qr', checks: 1 },
      ]);
      expect(usage.total).toBe(3);
      const snoop = await t.app.http.inject({ method: 'GET', url: `/api/v1/verification/usage?organisation=${HOTEL.sub}`, headers: bank });
      expect(snoop.statusCode).toBe(403);
      const admin = await t.app.http.inject({ method: 'GET', url: '/api/v1/verification/usage?from=2026-11-01&to=2026-11-30', headers: await t.auth(ADMIN) });
      const parties = new Set((admin.json().items as { party: string }[]).map((i) => i.party));
      expect(parties).toEqual(new Set([HOTEL.sub, BANK.sub, `one_stop_officer@${THANH_DONG}`, `one_stop_officer@${HAI_DUONG}`]));
    });

    it('stops an organisation at its daily quota until Vietnamese midnight', async () => {
      // the bank has a quota of 5 and used 3
      for (let i = 0; i < 2; i++) expect((await post(BANK, { purpose: 'verification_banking', source: 'typed', attributes: { pid: FAMILY.son.pid, sex: 'M' } })).statusCode).toBe(200);
      const over = await post(BANK, { purpose: 'verification_banking', source: 'typed', attributes: { pid: FAMILY.son.pid, sex: 'M' } });
      expect(over.statusCode).toBe(429);
      expect(Number(over.headers['retry-after'])).toBe(15 * 3600); // 09:00 → midnight
      nowMs += 15 * 3600_000;
      try {
        expect((await post(BANK, { purpose: 'verification_banking', source: 'typed', attributes: { pid: FAMILY.son.pid, sex: 'M' } })).statusCode).toBe(200);
      } finally {
        nowMs -= 15 * 3600_000;
      }
    });

    it('rate-limits an organisation per minute as registered', async () => {
      const slow: Actor = { sub: 'org:cam-do-an-phat', role: 'sector_system', name: 'Cầm đồ An Phát' };
      await t.app.http.inject({ method: 'PUT', url: `/api/v1/verification/organisations/${slow.sub}`, headers: await t.auth(ADMIN), payload: { name: slow.name, purposes: ['verification_pawn'], perMinute: 3 } });
      const codes: number[] = [];
      for (let i = 0; i < 4; i++) codes.push((await post(slow, { purpose: 'verification_pawn', source: 'typed', attributes: { pid: FAMILY.son.pid, sex: 'M' } })).statusCode);
      expect(codes).toEqual([200, 200, 200, 429]);
    });
  });
});

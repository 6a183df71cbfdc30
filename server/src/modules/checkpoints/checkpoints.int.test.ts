// Counting at a heritage site as its staff do it: e-ID QRs and ID-card QRs scanned at the gate
// (verified first, as the site, and in the visitor's access log), a clicker for people without a
// card, people on site never below 0, capacity alerts, hours and days in Vietnamese time, QRs that
// fail refused and not counted, old passages purged while the counts stay, and no personal ID kept.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Actor } from '../../http/authz.ts';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { FAMILY, THANH_DONG, seedFamily } from '../../../test/support/registry-fixtures.ts';
import { createAccount } from '../../../test/support/identity-fixtures.ts';
import { createCheckpointsModule } from './index.ts';

const POLICE: Actor = { sub: 'cs-thanh-dong', role: 'commune_police', unit: THANH_DONG };
const STAFF: Actor = { sub: 'account:staff-1', role: 'citizen', pid: '030092008888' };
const MOTHER: Actor = { sub: 'account:mother', role: 'citizen', pid: FAMILY.mother.pid };

let nowMs = Date.parse('2026-11-24T08:30:00+07:00');
const clock = { now: () => new Date(nowMs) };

const cardQr = (p: { pid: string; fullName: string }, dob: string, sex: 'Nam' | 'Nữ', oldId = '') => `${p.pid}|${oldId}|${p.fullName}|${dob}|${sex}|Số 1, phố Trần Hưng Đạo, Phường Thành Đông, Thành phố Hải Phòng|10052021`;
const FATHER_QR = cardQr(FAMILY.father, '12041985', 'Nam', '141234567');
const NEIGHBOUR_QR = cardQr(FAMILY.neighbour, '01011975', 'Nam');
const HANOIAN_QR = cardQr(FAMILY.hanoian, '15021980', 'Nữ');

describe('checkpoint counts', () => {
  let t: TestApp;
  let site: string;

  const call = async (actor: Actor, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    t.app.http.inject({ method, url, headers: await t.auth(actor), ...(payload ? { payload } : {}) });
  const scan = (direction: 'in' | 'out', qr: string, at = site) => call(STAFF, 'POST', `/api/v1/checkpoints/sites/${at}/scans`, { direction, qr });
  const count = (direction: 'in' | 'out', n: number, at = site) => call(STAFF, 'POST', `/api/v1/checkpoints/sites/${at}/counts`, { direction, count: n });
  const summary = async (day?: string, at = site) => {
    const r = await call(STAFF, 'GET', `/api/v1/checkpoints/sites/${at}/summary${day ? `?day=${day}` : ''}`);
    expect(r.statusCode, r.body).toBe(200);
    return r.json();
  };
  const newSite = async (body: object) => {
    const r = await call(POLICE, 'POST', '/api/v1/checkpoints/sites', body);
    expect(r.statusCode, r.body).toBe(201);
    const id = r.json().id as string;
    const s = await call(POLICE, 'POST', `/api/v1/checkpoints/sites/${id}/staff`, { pid: STAFF.pid });
    expect(s.statusCode, s.body).toBe(201);
    return id;
  };
  const eidQr = async () => {
    const r = await call(MOTHER, 'POST', '/api/v1/verification/eid-qr');
    expect(r.statusCode, r.body).toBe(201);
    return r.json().qr as string;
  };

  beforeAll(async () => {
    t = await createTestApp({ clock });
    await seedFamily(t.db);
    await createAccount(t, FAMILY.mother, 'Hoa-sen-2026!');
    site = await newSite({ name: 'Văn Miếu Thành Đông', kind: 'heritage', communeCode: THANH_DONG, capacity: 100 });
  });
  afterAll(async () => t?.close());

  it('counts an entry by e-ID QR and by ID-card QR, and the visitor’s access log names the site', async () => {
    const a = await scan('in', await eidQr());
    expect(a.statusCode, a.body).toBe(201);
    expect(a.json()).toMatchObject({ direction: 'in', count: 1, method: 'eid_qr', verification: 'green', onSite: 1, capacity: 100, alert: null });
    const b = await scan('in', `${FATHER_QR}\r\n`);
    expect(b.statusCode, b.body).toBe(201);
    expect(b.json()).toMatchObject({ method: 'id_card_qr', onSite: 2 });
    // nothing of the visitor comes back to the gate
    expect(b.body).not.toContain(FAMILY.father.pid);
    expect(b.body).not.toContain('Nguyễn Văn Hùng');

    const log = await t.app.accessLog.forPerson(FAMILY.mother.pid, { limit: 5 });
    const entry = log.find((e) => e.actor === `site:${site}`);
    expect(entry).toMatchObject({ actorRole: 'checkpoint_site', outcome: 'ok' });
    expect(entry!.purpose).toMatch(/^verification_checkpoint/);
    // anyone can turn that id into the site's name
    const pub = await t.app.http.inject({ method: 'GET', url: `/api/v1/checkpoints/sites/${site}/public` });
    expect(pub.statusCode, pub.body).toBe(200);
    expect(pub.json()).toEqual({ id: site, name: 'Văn Miếu Thành Đông', kind: 'heritage', communeCode: THANH_DONG });
  });

  it('does not count the same visitor in twice; an exit matches their entry, an exit without one still counts', async () => {
    const again = await scan('in', FATHER_QR);
    expect(again.statusCode, again.body).toBe(409);
    expect(again.json().errors[0].path).toBe('body.direction');
    expect((await summary()).onSite).toBe(2);

    const out = await scan('out', FATHER_QR);
    expect(out.statusCode, out.body).toBe(201);
    expect(out.json()).toMatchObject({ direction: 'out', matchedEntry: true, onSite: 1 });
    const stranger = await scan('out', NEIGHBOUR_QR);
    expect(stranger.json()).toMatchObject({ matchedEntry: false, onSite: 0 });
    // never below 0, though every exit is counted
    const more = await scan('out', HANOIAN_QR);
    expect(more.json()).toMatchObject({ matchedEntry: false, onSite: 0 });
    const s = await summary();
    expect(s).toMatchObject({ onSite: 0, entriesToday: 2, exitsToday: 3 });
    // back in after leaving: counted again
    expect((await scan('in', FATHER_QR)).json().onSite).toBe(1);
  });

  it('refuses a red or unreadable QR with a problem naming body.qr, and counts nothing', async () => {
    const before = await summary();
    const used = await eidQr(); // the mother, inside since the first scan, leaves
    expect((await scan('out', used)).json()).toMatchObject({ matchedEntry: true });
    const replay = await scan('in', used);
    expect(replay.statusCode, replay.body).toBe(422);
    expect(replay.headers['content-type']).toContain('application/problem+json');
    expect(replay.json().errors).toEqual([{ path: 'body.qr', code: 'replayed', message: expect.stringContaining('đã được dùng') }]);
    expect(replay.json().detail).toContain('không được tính');

    const wrongName = await scan('in', cardQr({ pid: FAMILY.father.pid, fullName: 'Nguyễn Văn Hưng' }, '12041985', 'Nam'));
    expect(wrongName.statusCode, wrongName.body).toBe(422);
    expect(wrongName.json().errors[0]).toMatchObject({ path: 'body.qr', code: 'no_match' });
    const garbage = await scan('in', 'xin chào');
    expect(garbage.statusCode, garbage.body).toBe(400);
    expect(garbage.json().errors[0].path).toBe('body.qr');
    const fresh = await eidQr();
    const forged = await scan('in', fresh.slice(0, 40) + (fresh[40] === 'A' ? 'B' : 'A') + fresh.slice(41));
    expect(forged.statusCode, forged.body).toBe(422);
    expect(forged.json().errors[0].path).toBe('body.qr');
    const empty = await scan('in', '   ');
    expect(empty.statusCode).toBe(400);
    expect(empty.json().errors[0].path).toBe('body.qr');

    const after = await summary();
    expect(after).toMatchObject({ onSite: before.onSite - 1, entriesToday: before.entriesToday, exitsToday: before.exitsToday + 1 });
  });

  it('counts people without a card with the clicker, within 1–500 a press', async () => {
    const before = await summary();
    const r = await count('in', 5);
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ method: 'counter', direction: 'in', count: 5, onSite: before.onSite + 5 });
    expect((await count('out', 2)).json().onSite).toBe(before.onSite + 3);
    for (const n of [0, 501, 1.5]) {
      const bad = await count('in', n);
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors[0].path).toBe('body.count');
    }
    const bad = await call(STAFF, 'POST', `/api/v1/checkpoints/sites/${site}/counts`, { direction: 'sideways', count: 1 });
    expect(bad.json().errors[0].path).toBe('body.direction');
    // presses at the same moment on several phones: each one counted once
    await Promise.all(Array.from({ length: 12 }, () => count('in', 1)));
    const s = await summary();
    expect(s).toMatchObject({ onSite: before.onSite + 15, entriesToday: before.entriesToday + 17, exitsToday: before.exitsToday + 2 });
  });

  it('counts one entry when the same card is scanned at two gates at once', async () => {
    const gate = await newSite({ name: 'Cổng phụ', kind: 'other', communeCode: THANH_DONG, capacity: 20 });
    const codes = (await Promise.all([scan('in', FATHER_QR, gate), scan('in', FATHER_QR, gate)])).map((r) => r.statusCode).sort();
    expect(codes).toEqual([201, 409]);
    expect(await summary(undefined, gate)).toMatchObject({ onSite: 1, entriesToday: 1 });
  });

  it('warns at 90 % of capacity, says full at 100 %, each since the moment it was reached, and clears below', async () => {
    const small = await newSite({ name: 'Đền Bà Chúa Kho', kind: 'temple', communeCode: THANH_DONG, capacity: 10 });
    expect((await count('in', 8, small)).json().alert).toBeNull();
    const warnAt = nowMs;
    const w = (await count('in', 1, small)).json();
    expect(w.alert).toEqual({ level: 'warning', since: new Date(warnAt).toISOString() });
    // still a warning a while later: since the same moment
    nowMs += 120_000;
    expect((await call(STAFF, 'GET', `/api/v1/checkpoints/sites/${small}/summary`)).json().alert).toEqual({ level: 'warning', since: new Date(warnAt).toISOString() });
    const fullAt = nowMs;
    expect((await count('in', 3, small)).json()).toMatchObject({ onSite: 12, alert: { level: 'full', since: new Date(fullAt).toISOString() } });
    nowMs += 60_000;
    expect((await count('out', 4, small)).json()).toMatchObject({ onSite: 8, alert: null });
    // a smaller capacity set by the police starts an alert at once
    const edit = await call(POLICE, 'PATCH', `/api/v1/checkpoints/sites/${small}`, { capacity: 8 });
    expect(edit.statusCode, edit.body).toBe(200);
    expect(edit.json()).toMatchObject({ capacity: 8, retentionDays: 30, alert: { level: 'full', since: new Date(nowMs).toISOString() } });
    const s = (await call(STAFF, 'GET', `/api/v1/checkpoints/sites/${small}/summary`)).json();
    expect(s).toMatchObject({ onSite: 8, capacity: 8, alert: { level: 'full' } });
  });

  it('puts passages into Vietnamese hours and days (UTC+7)', async () => {
    const gate = await newSite({ name: 'Ga Hải Phòng', kind: 'station', communeCode: THANH_DONG, capacity: 500 });
    const saved = nowMs;
    try {
      nowMs = Date.parse('2026-11-24T23:40:00+07:00'); // 16:40 UTC
      await count('in', 7, gate);
      nowMs = Date.parse('2026-11-25T00:10:00+07:00'); // still 24/11 in UTC
      await count('in', 4, gate);
      await count('out', 6, gate);
      nowMs = Date.parse('2026-11-25T06:59:00+07:00');
      await count('in', 2, gate);

      const late = await summary('2026-11-24', gate);
      expect(late.byHour).toHaveLength(24);
      expect(late.byHour[23]).toEqual({ hour: 23, in: 7, out: 0 });
      expect(late).toMatchObject({ day: '2026-11-24', entriesToday: 7, exitsToday: 0 });
      const next = await summary(undefined, gate); // today: 25/11 in Vietnam
      expect(next.day).toBe('2026-11-25');
      expect(next.byHour[0]).toEqual({ hour: 0, in: 4, out: 6 });
      expect(next.byHour[6]).toEqual({ hour: 6, in: 2, out: 0 });
      expect(next).toMatchObject({ entriesToday: 6, exitsToday: 6, onSite: 7 });
      expect(next.byDay).toHaveLength(30);
      expect(next.byDay.slice(-2)).toEqual([
        { day: '2026-11-24', in: 7, out: 0 },
        { day: '2026-11-25', in: 6, out: 6 },
      ]);
      const bad = await call(STAFF, 'GET', `/api/v1/checkpoints/sites/${gate}/summary?day=2026-02-30`);
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors[0].path).toBe('query.day');
    } finally {
      nowMs = saved;
    }
  });

  it('keeps no personal ID, name or birth date of a visitor; the keyed hash differs from site to site', async () => {
    const other = await newSite({ name: 'Chùa Cao Linh', kind: 'temple', communeCode: THANH_DONG, capacity: 50 });
    expect((await scan('in', NEIGHBOUR_QR, other)).statusCode).toBe(201);
    const rows = await sql<{ row: string }>`
      select row_to_json(p)::text as row from checkpoints.passage p
      union all select row_to_json(h)::text from checkpoints.hourly h
      union all select (row_to_json(s)::jsonb - 'hash_key')::text from checkpoints.site s`.execute(t.db.kysely);
    const all = rows.rows.map((r) => r.row).join('\n');
    for (const p of [FAMILY.father, FAMILY.mother, FAMILY.neighbour, FAMILY.hanoian]) {
      expect(all).not.toContain(p.pid);
      expect(all).not.toContain(p.fullName);
    }
    expect(all).not.toMatch(/1985-04-12|1990-11-02|12041985/);
    const hashes = await sql<{ site_id: string; visitor_hash: string }>`
      select distinct site_id, visitor_hash from checkpoints.passage where visitor_hash is not null and site_id in (${site}, ${other})`.execute(t.db.kysely);
    expect(hashes.rows.every((r) => /^[0-9a-f]{64}$/.test(r.visitor_hash))).toBe(true);
    // the neighbour went out of the first site and into the other: no hash is shared between the two
    expect(hashes.rows.filter((r) => r.site_id === other)).toHaveLength(1);
    expect(new Set(hashes.rows.map((r) => r.visitor_hash)).size).toBe(hashes.rows.length);
  });

  it('purges passages after the site’s retention period, keeping every count', async () => {
    const kiosk = await newSite({ name: 'Bến xe Thành Đông', kind: 'station', communeCode: THANH_DONG, capacity: 80, retentionDays: 1 });
    await count('in', 10, kiosk);
    await scan('in', HANOIAN_QR, kiosk);
    await count('out', 4, kiosk);
    const day = (await summary(undefined, kiosk)).day;
    const passagesOf = async (id: string) =>
      Number((await sql<{ n: number }>`select count(*)::int as n from checkpoints.passage where site_id = ${id}`.execute(t.db.kysely)).rows[0]!.n);
    expect(await passagesOf(kiosk)).toBe(3);
    const mainBefore = await passagesOf(site);

    const module = createCheckpointsModule({ db: t.db, accessLog: t.app.accessLog, verification: { check: () => Promise.reject(new Error('not used')) }, clock });
    // within the period: nothing goes
    expect(await module.purgeExpired(new Date(nowMs + 23 * 3600_000))).toBe(0);
    // two days on: the one-day site's passages go, the 30-day sites keep theirs
    const deleted = await module.purgeExpired(new Date(nowMs + 2 * 86_400_000));
    expect(deleted).toBe(3);
    expect(await passagesOf(kiosk)).toBe(0);
    expect(await passagesOf(site)).toBe(mainBefore);
    const s = await summary(day, kiosk);
    expect(s).toMatchObject({ onSite: 7, entriesToday: 11, exitsToday: 4 });
    expect(s.byDay.at(-1)).toEqual({ day, in: 11, out: 4 });
  });
});

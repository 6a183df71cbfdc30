// Incremental recompute: the registry's events re-check the people a change touched, so findings
// and the scorecard follow the registry between full passes; sector reports re-check at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { BA_DINH, FAMILY, HAI_DUONG, THANH_DONG, seedFamily } from '../../../../test/support/registry-fixtures.ts';

const officer = { sub: 'cb-thanhdong-01', role: 'commune_police' as const, unit: THANH_DONG };
const haiDuong = { sub: 'cb-haiduong-01', role: 'commune_police' as const, unit: HAI_DUONG };
const insurance = { sub: 'bhxh-vn', role: 'sector_system' as const };

describe('re-checking after changes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await seedFamily(t.db);
    await t.app.quality.runPass({ startedBy: 'test', duplicates: false });
  });
  afterAll(async () => t?.close());

  const findings = async (pid: string) =>
    (await sql<{ rule: string; key: string; status: string; resolution: string | null; evidence: Record<string, unknown> }>`
      select rule, key, status, resolution, evidence from quality.finding where pid = ${pid} order by id`.execute(t.db.kysely)).rows;
  const open = async (pid: string, rule: string) => (await findings(pid)).filter((f) => f.rule === rule && f.status === 'open');
  const patch = async (pid: string, changes: object, actor: object = officer) => {
    const res = await t.app.http.inject({ method: 'PATCH', url: `/api/v1/persons/${pid}`, payload: { changes, reason: 'Cập nhật theo tờ khai', source: 'correction' }, headers: await t.auth(actor as never) });
    expect(res.statusCode, res.body).toBe(200);
    await t.app.bus.drain();
  };

  it('a clean family has no finding but the missing birthplace and hometown', async () => {
    expect((await findings(FAMILY.father.pid)).map((f) => f.rule)).toEqual(['required_fields']);
  });

  it('a phone written in national format opens a finding; writing it in E.164 resolves it', async () => {
    await patch(FAMILY.father.pid, { phone: '0912 345 678' });
    const [f] = await open(FAMILY.father.pid, 'phone_e164');
    expect(f!.evidence).toMatchObject({ value: '0912 345 678', suggestion: '+84912345678' });
    await patch(FAMILY.father.pid, { phone: '+84912345678' });
    expect(await open(FAMILY.father.pid, 'phone_e164')).toEqual([]);
    expect((await findings(FAMILY.father.pid)).find((x) => x.rule === 'phone_e164')).toMatchObject({ status: 'resolved', resolution: 'rechecked' });
  });

  it('a one-way spouse link is seen on the person who has it', async () => {
    await patch(FAMILY.neighbour.pid, { spousePid: FAMILY.hanoian.pid, maritalStatus: 'married' }, haiDuong);
    expect((await open(FAMILY.neighbour.pid, 'spouse_symmetric'))[0]).toMatchObject({ key: 'one_way' });
  });

  it('a death re-checks the person and the people linked to them', async () => {
    const before = await sql<{ checked_at: Date }>`select checked_at from quality.person_status where pid = ${FAMILY.mother.pid}`.execute(t.db.kysely);
    await patch(FAMILY.father.pid, { lifeStatus: 'deceased', deathDate: '2020-01-01' });
    // his card was issued on 10/05/2021, after the recorded death
    expect((await open(FAMILY.father.pid, 'nothing_after_death'))[0]).toMatchObject({ key: 'card:2021-05-10' });
    const after = await sql<{ checked_at: Date }>`select checked_at from quality.person_status where pid = ${FAMILY.mother.pid}`.execute(t.db.kysely);
    expect(new Date(after.rows[0]!.checked_at).getTime()).toBeGreaterThan(new Date(before.rows[0]!.checked_at).getTime());
  });

  it('a person registered through the API is checked when the event arrives', async () => {
    const res = await t.app.http.inject({
      method: 'POST',
      url: '/api/v1/persons',
      payload: { fullName: 'Nguyen Minh Anh', birthDate: '2026-03-01', sex: 'F', birthRegProvince: '031', motherPid: FAMILY.mother.pid, permanentResidence: { communeCode: THANH_DONG, detail: 'Số 1, phố Trần Hưng Đạo' }, reason: 'Đăng ký khai sinh', source: 'procedure' },
      headers: await t.auth(officer),
    });
    expect(res.statusCode).toBe(201);
    await t.app.bus.drain();
    const pid = res.json().pid as string;
    expect((await open(pid, 'name_diacritics'))[0]!.evidence).toMatchObject({ suggestion: 'Nguyễn Minh Anh' });
  });

  it('a death reported by a sector system is a finding at once, counted in the commune’s scorecard', async () => {
    const card = async () => (await t.app.http.inject({ method: 'GET', url: `/api/v1/quality/scorecard?unit=${THANH_DONG}`, headers: await t.auth(officer) })).json().unit;
    const before = await card();
    const res = await t.app.http.inject({
      method: 'POST',
      url: '/api/v1/quality/sector-reports',
      payload: {
        source: 'civil_status',
        reports: [
          { kind: 'death', pid: FAMILY.mother.pid, fullName: 'Trần Thị Thu Hà', birthDate: '02/11/1990', deathDate: '2026-10-05', reportedOn: '2026-10-06' },
          { kind: 'death', pid: '001099000000', deathDate: '2026-10-05', reportedOn: '2026-10-06' },
          { kind: 'death', pid: FAMILY.son.pid, deathDate: '31/02/2026', reportedOn: '2026-10-06' },
        ],
      },
      headers: await t.auth(insurance),
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.accepted).toBe(2);
    expect(body.unmatched).toEqual(['001099000000']);
    expect(body.rejected[0]).toMatchObject({ index: 2, problems: [{ path: 'body.reports.2.deathDate', code: 'date_invalid' }] });
    const [f] = await open(FAMILY.mother.pid, 'reported_dead_elsewhere');
    expect(f!.evidence).toMatchObject({ source: 'civil_status', deathDate: '05/10/2026', identityAgrees: true });
    const after = await card();
    expect(after.open.high).toBe(before.open.high + 1);
    expect(after.alive).toBeLessThan(100);
    // the report is in the person's access log
    const log = await t.app.accessLog.forPerson(FAMILY.mother.pid, { limit: 20 });
    expect(log.find((e) => e.action === 'sector_death')).toMatchObject({ actor: 'bhxh-vn', purpose: 'data_quality' });
  });

  it('a move to another commune moves the person’s findings to that commune', async () => {
    const res = await t.app.http.inject({
      method: 'POST',
      url: `/api/v1/persons/${FAMILY.hanoian.pid}/residences`,
      payload: { kind: 'permanent', communeCode: THANH_DONG, detail: 'Số 9, phố Lê Lợi', reason: 'Chuyển hộ khẩu' },
      headers: await t.auth(officer),
    });
    expect(res.statusCode, res.body).toBeLessThan(300);
    await t.app.bus.drain();
    const rows = (await sql<{ commune_code: string }>`select commune_code from quality.finding where pid = ${FAMILY.hanoian.pid} and status = 'open'`.execute(t.db.kysely)).rows;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.commune_code === THANH_DONG)).toBe(true);
    expect(rows.some((r) => r.commune_code === BA_DINH)).toBe(false);
  });
});

// The worklist and the three ways to resolve a finding — correct the record, merge the duplicates,
// dismiss with a reason — each leaving its trace in the person's history and the access log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { FAMILY, THANH_DONG, person, seedFamily } from '../../../../test/support/registry-fixtures.ts';
import { seedDatabase } from '../../registry/index.ts';
import { writePersonBatch } from '../../registry/bulk/person-bulk.writer.ts';

const officer = { sub: 'cb-thanhdong-01', role: 'commune_police' as const, unit: THANH_DONG };
const Q = 'purpose=data_quality';

// The mother registered twice (the second time without diacritics, outside the household), and a
// resident whose phone is written in national format.
const MOTHER_AGAIN = person({ pid: '030190006543', fullName: 'Tran Thi Thu Ha', birthDate: '1990-11-02', sex: 'F', phone: '+84912000111', birthPlace: 'Tỉnh Hải Dương', hometown: 'Hải Dương' });
const PHONE = person({ pid: '030172001111', fullName: 'Vũ Thị Lan', birthDate: '1972-05-05', sex: 'F', phone: '0912 000 222', birthPlace: 'Thành phố Hải Phòng', hometown: 'Hải Phòng' });

interface Finding {
  id: number;
  rule: string;
  pid: string;
  relatedPid: string | null;
  status: string;
  resolution: string | null;
  evidence: Record<string, unknown>;
  subjectName: string;
  communeCode: string;
  severity: string;
}

describe('the worklist', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    // a background population with defects (duplicates among them), so that linkage learns its weights
    await seedDatabase(t.db, { seed: 3, people: 2500, communes: [THANH_DONG, '10525'], asOf: '2026-11-01', noise: 0.05 });
    await seedFamily(t.db);
    await t.db.bulk((s) => writePersonBatch(s, [MOTHER_AGAIN, PHONE].map((record, i) => ({ rowNo: i + 1, record })), { source: 'import:legacy', actor: 'test', today: '2026-01-01' }));
    await t.app.quality.runPass({ startedBy: 'test' });
  });
  afterAll(async () => t?.close());

  const get = async (url: string, actor: object = officer) => t.app.http.inject({ method: 'GET', url, headers: await t.auth(actor as never) });
  const resolve = async (id: number, body: object, actor: object = officer) =>
    t.app.http.inject({ method: 'POST', url: `/api/v1/quality/findings/${id}/resolve`, payload: body, headers: await t.auth(actor as never) });
  const list = async (q: string) => (await get(`/api/v1/quality/findings?${q}`)).json() as { items: Finding[]; total: number; byRule: Record<string, number> };
  const one = async (rule: string, pid: string) => (await list(`rule=${rule}&pid=${pid}`)).items.find((f) => f.pid === pid)!;
  const history = async (pid: string) => (await get(`/api/v1/persons/${pid}/history?${Q}`)).json().items as { change: string; source: string; reason: string; actor: string; diff: Record<string, unknown> }[];

  it('lists the open findings of the officer’s commune, worst first, paged, with counts per rule', async () => {
    const page = await list('pageSize=5');
    expect(page.items).toHaveLength(5);
    expect(page.total).toBeGreaterThan(5);
    expect(page.items.every((f) => f.communeCode === THANH_DONG)).toBe(true);
    const order = { high: 0, medium: 1, low: 2 } as Record<string, number>;
    expect(page.items.map((f) => order[f.severity])).toEqual([...page.items.map((f) => order[f.severity]!)].sort());
    expect(Object.values(page.byRule).reduce((a, b) => a + b, 0)).toBe(page.total);
    const second = await list('pageSize=5&page=2');
    expect(second.items.map((f) => f.id)).not.toContain(page.items[0]!.id);
    // each person shown is in their access log
    const log = await t.app.accessLog.forPerson(page.items[0]!.pid, { limit: 10 });
    expect(log.find((e) => e.action === 'quality_worklist')).toMatchObject({ actor: officer.sub, purpose: 'data_quality' });
  });

  it('filters by rule and severity, and names a bad filter', async () => {
    const dups = await list('rule=duplicate_person');
    expect(dups.items.every((f) => f.rule === 'duplicate_person')).toBe(true);
    const low = await list('severity=low');
    expect(low.items.every((f) => f.severity === 'low')).toBe(true);
    const bad = await get('/api/v1/quality/findings?rule=no_such_rule');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('query.rule');
  });

  it('corrects a record: the registry keeps who, when, the source and the reason; the finding is closed as corrected', async () => {
    const f = await one('phone_e164', PHONE.pid);
    expect(f.evidence.suggestion).toBe('+84912000222');
    const res = await resolve(f.id, { action: 'correct', changes: { phone: '+84912000222' }, reason: 'Chuẩn hoá số điện thoại theo E.164' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ fixed: true, finding: { status: 'resolved', resolution: 'corrected', resolvedBy: officer.sub } });
    const h = (await history(PHONE.pid)).find((e) => e.change === 'updated')!;
    expect(h).toMatchObject({ source: `correction:quality-finding:${f.id}`, reason: 'Chuẩn hoá số điện thoại theo E.164', actor: officer.sub, diff: { phone: ['0912 000 222', '+84912000222'] } });
    const log = await t.app.accessLog.forPerson(PHONE.pid, { limit: 20 });
    expect(log.find((e) => e.action === 'update')).toMatchObject({ purpose: `correction:quality-finding:${f.id}` });
  });

  it('a correction that does not remove the defect is saved, and the finding stays open with what is still missing', async () => {
    const f = await one('required_fields', FAMILY.son.pid);
    const res = await resolve(f.id, { action: 'correct', changes: { birthPlace: 'Thành phố Hải Phòng' }, reason: 'Bổ sung nơi sinh theo giấy khai sinh' });
    expect(res.statusCode).toBe(200);
    expect(res.json().fixed).toBe(false);
    expect(res.json().finding.status).toBe('open');
    expect(res.json().finding.fields).toEqual(['hometown']);
  });

  it('dismisses with a reason kept in the person’s history; a later pass leaves it dismissed', async () => {
    const f = await one('name_diacritics', MOTHER_AGAIN.pid);
    const res = await resolve(f.id, { action: 'dismiss', reason: 'Công dân đăng ký tên không dấu theo giấy tờ nước ngoài' });
    expect(res.statusCode).toBe(200);
    expect(res.json().finding).toMatchObject({ status: 'dismissed', resolution: 'dismissed' });
    expect((await history(MOTHER_AGAIN.pid)).find((e) => e.change === 'quality_dismissed')).toMatchObject({
      source: 'data_quality',
      reason: 'Công dân đăng ký tên không dấu theo giấy tờ nước ngoài',
      diff: { review: [null, { findingId: f.id, rule: 'name_diacritics', key: 'diacritics' }] },
    });
    await t.app.quality.runPass({ startedBy: 'test', duplicates: false });
    const after = (await get(`/api/v1/quality/findings/${f.id}`)).json();
    expect(after.status).toBe('dismissed');
    const again = await resolve(f.id, { action: 'dismiss', reason: 'Lần nữa' });
    expect(again.statusCode).toBe(409);
  });

  it('merges a duplicate: the retired number points at the survivor, the finding is closed as merged', async () => {
    const f = (await list(`rule=duplicate_person&pid=${FAMILY.mother.pid}`)).items[0]!;
    expect(f).toBeDefined();
    expect([f.pid, f.relatedPid].sort()).toEqual([FAMILY.mother.pid, MOTHER_AGAIN.pid].sort());
    expect(f.pid).toBe(MOTHER_AGAIN.pid); // the record outside the household is the one to retire
    expect(Number(f.evidence.probability)).toBeGreaterThanOrEqual(0.95);
    const bad = await resolve(f.id, { action: 'merge', survivorPid: FAMILY.son.pid, reason: 'Trùng hồ sơ' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('body.survivorPid');
    const res = await resolve(f.id, { action: 'merge', survivorPid: FAMILY.mother.pid, take: ['phone', 'birthPlace', 'hometown'], reason: 'Cùng một người theo giấy khai sinh' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ fixed: true, finding: { status: 'resolved', resolution: 'merged' }, merge: { survivorPid: FAMILY.mother.pid, retiredPid: MOTHER_AGAIN.pid } });
    const moved = await get(`/api/v1/persons/${MOTHER_AGAIN.pid}?${Q}`);
    expect(moved.statusCode).toBe(301);
    expect((await history(FAMILY.mother.pid)).some((e) => e.change === 'merged')).toBe(true);
    // the retired record's other findings are closed by the re-check
    const left = (await sql<{ n: number }>`select count(*)::int as n from quality.finding where pid = ${MOTHER_AGAIN.pid} and status = 'open'`.execute(t.db.kysely)).rows[0]!.n;
    expect(Number(left)).toBe(0);
    // the survivor took the duplicate's birthplace: her completeness finding is gone
    expect((await list(`rule=required_fields&pid=${FAMILY.mother.pid}`)).items.filter((x) => x.pid === FAMILY.mother.pid)).toEqual([]);
  });

  it('a person registered between passes is compared with the registry at once: the duplicate is found', async () => {
    const res = await t.app.http.inject({
      method: 'POST',
      url: '/api/v1/persons',
      payload: { fullName: 'Nguyễn Minh Khôi', birthDate: '20/07/2015', sex: 'M', birthRegProvince: '031', permanentResidence: { communeCode: THANH_DONG, detail: 'Số 1, phố Trần Hưng Đạo' }, reason: 'Đăng ký thường trú', source: 'registration' },
      headers: await t.auth(officer),
    });
    expect(res.statusCode).toBe(201);
    await t.app.bus.drain();
    const pid = res.json().pid as string;
    const dup = (await list(`rule=duplicate_person&pid=${pid}`)).items[0];
    expect(dup).toMatchObject({ pid, relatedPid: FAMILY.son.pid }); // the son has a household: the new record is the one to retire
    expect(Number(dup!.evidence.probability)).toBeGreaterThanOrEqual(0.95);
  });

  it('refuses to merge a finding that is not a duplicate, and a resolution without a reason', async () => {
    const f = await one('required_fields', FAMILY.father.pid);
    const merge = await resolve(f.id, { action: 'merge', survivorPid: FAMILY.father.pid, reason: 'Trùng hồ sơ' });
    expect(merge.statusCode).toBe(400);
    expect(merge.json().errors[0].code).toBe('not_a_duplicate');
    const noReason = await resolve(f.id, { action: 'dismiss' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors[0].path).toBe('body.reason');
  });
});

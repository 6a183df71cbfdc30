// A full pass over a generated population with injected defects (the generator's ground truth):
// every injected defect of a rule the registry alone can see is found, re-running changes nothing,
// the scorecard adds up, and the pass reads the registry in logged batches.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { seedDatabase, type TruthEntry } from '../../registry/index.ts';
import type { PassReport } from '../index.ts';

const province = { sub: 'ca-haiphong-01', role: 'province_police' as const, unit: '31' };

describe('a full quality pass', () => {
  let t: TestApp;
  const truth: TruthEntry[] = [];
  let report: PassReport;
  let open: { rule: string; pid: string; related_pid: string | null; key: string }[];
  beforeAll(async () => {
    t = await createTestApp();
    await seedDatabase(t.db, { seed: 11, people: 3000, provinces: ['31'], noise: 0.06, asOf: '2026-11-01' }, undefined, (x) => truth.push(...x));
    report = await t.app.quality.runPass({ startedBy: 'test', batchSize: 700 });
    open = (await sql<{ rule: string; pid: string; related_pid: string | null; key: string }>`select rule, pid, related_pid, key from quality.finding where status = 'open'`.execute(t.db.kysely)).rows;
  });
  afterAll(async () => t?.close());

  const has = (rule: string, pid: string) => open.some((f) => f.rule === rule && f.pid === pid);
  const of = (kind: string) => truth.filter((e) => e.kind === kind);

  it('checks everyone and reports what it found by family, rule and severity', async () => {
    const people = Number((await sql<{ n: number }>`select count(*)::int as n from registry.person`.execute(t.db.kysely)).rows[0]!.n);
    expect(report.persons).toBe(people);
    expect(report.open.total).toBe(open.length);
    expect(report.open.byFamily.correct + report.open.byFamily.complete + report.open.byFamily.clean + report.open.byFamily.alive).toBe(open.length);
    expect(report.duplicates?.found).toBeGreaterThan(0);
    const status = Number((await sql<{ n: number }>`select count(*)::int as n from quality.person_status`.execute(t.db.kysely)).rows[0]!.n);
    expect(status).toBe(people);
  });

  it('finds every sex and birth year that disagree with the personal ID', () => {
    const injected = [...of('sex_mismatch'), ...of('birth_year_mismatch')];
    expect(injected.length).toBeGreaterThan(5);
    expect(injected.filter((e) => !has('pid_consistent', e.pid))).toEqual([]);
  });

  it('finds every removed required field, every residence on an abolished commune, every unmarked name', () => {
    expect(of('missing_fields').filter((e) => !has('required_fields', e.pid))).toEqual([]);
    expect(of('stale_address').filter((e) => !has('commune_abolished', e.pid))).toEqual([]);
    expect(of('missing_diacritics').filter((e) => !has('name_diacritics', e.pid))).toEqual([]);
  });

  it('finds most injected duplicates, each pointing at its original', () => {
    const dups = of('duplicate');
    const found = dups.filter((e) => open.some((f) => f.rule === 'duplicate_person' && ((f.pid === e.pid && f.related_pid === e.duplicateOf) || (f.pid === e.duplicateOf && f.related_pid === e.pid))));
    expect(found.length / dups.length).toBeGreaterThanOrEqual(0.9);
  });

  it('places every finding in a current commune of the province (stale addresses through their old unit)', async () => {
    const unplaced = (await sql<{ n: number }>`select count(*)::int as n from quality.finding where commune_code is null or province_code <> '31'`.execute(t.db.kysely)).rows[0]!.n;
    expect(Number(unplaced)).toBe(0);
  });

  it('reads the registry in batches, one access-log entry per batch naming the range', async () => {
    const scans = (await sql<{ request_id: string; subject_pid: string | null }>`select request_id, subject_pid from audit.access_log where action = 'scan' and actor = 'open06-quality'`.execute(t.db.kysely)).rows;
    const passScans = scans.filter((s) => s.request_id.startsWith(`quality-pass:${report.passId}#`));
    expect(passScans.length).toBe(Math.ceil(report.persons / 700));
    expect(passScans.every((s) => s.subject_pid === null)).toBe(true);
    expect(passScans[0]!.request_id).toMatch(/^quality-pass:\d+#1:\d{12}\.\.\d{12}:700$/);
  });

  it('changes nothing when run again', async () => {
    const again = await t.app.quality.runPass({ startedBy: 'test' });
    expect(again.opened).toBe(0);
    expect(again.resolved).toBe(0);
    expect(again.open).toEqual(report.open);
  });

  it('gives a scorecard whose communes add up to the province', async () => {
    const res = await t.app.http.inject({ method: 'GET', url: '/api/v1/quality/scorecard?unit=31', headers: await t.auth(province) });
    expect(res.statusCode).toBe(200);
    const card = res.json();
    expect(card.unit).toMatchObject({ code: '31', level: 'province', persons: report.persons });
    expect(card.children.reduce((a: number, c: { persons: number }) => a + c.persons, 0)).toBe(report.persons);
    expect(card.unit.open.total).toBe(report.open.total);
    for (const f of ['correct', 'complete', 'clean', 'alive', 'overall'] as const) {
      expect(card.unit[f]).toBeGreaterThan(80);
      expect(card.unit[f]).toBeLessThan(100);
    }
    expect(card.unit.overall).toBeCloseTo((card.unit.correct + card.unit.complete + card.unit.clean + card.unit.alive) / 4, 0);
    // the worst commune first
    expect(card.children[0].overall).toBeLessThanOrEqual(card.children.at(-1).overall);
  });
});

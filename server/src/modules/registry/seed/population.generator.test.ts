// The synthetic population looks like Vietnam's and is internally consistent.
import { describe, expect, it } from 'vitest';
import { checkPersonalIdConsistency, parsePartialDate, parsePersonalId } from '@open06/kernel';
import type { PersonRecord } from '../bulk/person-record.ts';
import { communeQuotas, generatePopulation, type GenerateOptions } from './population.generator.ts';
import { loadAdminUnits } from '@open06/kernel/admin-units';

const collect = (opts: GenerateOptions) => {
  const records: PersonRecord[] = [];
  let households = 0;
  const truth = [];
  for (const b of generatePopulation(opts)) {
    records.push(...b.records);
    households += b.households;
    truth.push(...b.truth);
  }
  return { records, households, truth };
};

describe('population generator', () => {
  const asOf = '2026-06-30';
  const { records, households } = collect({ seed: 11, people: 20_000, provinces: ['31'], asOf });
  const byPid = new Map(records.map((r) => [r.pid, r]));
  const year = (r: PersonRecord) => Number(r.birthDate.slice(0, 4));

  it('makes exactly the people asked for, in households of about 3.5', () => {
    expect(records).toHaveLength(20_000);
    expect(byPid.size).toBe(20_000);
    expect(records.length / households).toBeGreaterThan(3);
    expect(records.length / households).toBeLessThan(4);
  });

  it('is deterministic from the seed', () => {
    const again = collect({ seed: 11, people: 500, provinces: ['31'], asOf }).records;
    expect(collect({ seed: 11, people: 500, provinces: ['31'], asOf }).records).toEqual(again);
    expect(collect({ seed: 12, people: 500, provinces: ['31'], asOf }).records).not.toEqual(again);
  });

  it('uses Vietnamese family names at their frequencies', () => {
    const nguyen = records.filter((r) => r.fullName.startsWith('Nguyễn ')).length / records.length;
    expect(nguyen).toBeGreaterThan(0.34);
    expect(nguyen).toBeLessThan(0.42);
    const tran = records.filter((r) => r.fullName.startsWith('Trần ')).length / records.length;
    expect(tran).toBeGreaterThan(0.08);
  });

  it('has a plausible age–sex structure', () => {
    const male = records.filter((r) => r.sex === 'M').length / records.length;
    expect(male).toBeGreaterThan(0.47);
    expect(male).toBeLessThan(0.53);
    const ages = records.map((r) => 2026 - year(r));
    expect(Math.min(...ages)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...ages)).toBeLessThanOrEqual(110);
    const children = ages.filter((a) => a < 15).length / ages.length;
    const elderly = ages.filter((a) => a >= 65).length / ages.length;
    expect(children).toBeGreaterThan(0.15);
    expect(children).toBeLessThan(0.32);
    expect(elderly).toBeGreaterThan(0.03);
  });

  it('gives every person a valid personal ID consistent with sex and birth year', () => {
    for (const r of records) {
      expect(parsePersonalId(r.pid).valid).toBe(true);
      const d = parsePartialDate(r.birthDate);
      expect(d.ok && checkPersonalIdConsistency(r.pid, { sex: r.sex, birthDate: d.value })).toEqual([]);
    }
  });

  it('links spouses both ways and parents at least 15 years older', () => {
    for (const r of records) {
      if (r.spousePid) {
        const s = byPid.get(r.spousePid)!;
        expect(s.spousePid).toBe(r.pid);
        expect(s.sex).not.toBe(r.sex);
      }
      for (const p of [r.fatherPid, r.motherPid]) if (p) expect(year(byPid.get(p)!) + 15).toBeLessThanOrEqual(year(r));
      if (r.fatherPid) expect(byPid.get(r.fatherPid)!.sex).toBe('M');
      if (r.motherPid) expect(byPid.get(r.motherPid)!.sex).toBe('F');
    }
  });

  it('has one head per household, ID cards only from 14, deceased people outside households', () => {
    const heads = new Map<string, number>();
    for (const r of records) if (r.householdRelation === 'head') heads.set(r.householdCode!, (heads.get(r.householdCode!) ?? 0) + 1);
    expect([...heads.values()].every((n) => n === 1)).toBe(true);
    expect(heads.size).toBe(households);
    for (const r of records) {
      if (r.idCardIssuedOn) expect(Number(r.idCardIssuedOn.slice(0, 4)) - year(r)).toBeGreaterThanOrEqual(13);
      if (r.lifeStatus === 'deceased') {
        expect(r.householdCode).toBeNull();
        expect(r.deathDate! >= r.birthDate).toBe(true);
      }
    }
  });

  it('places people in real communes in proportion to their population', () => {
    const units = loadAdminUnits();
    const quotas = communeQuotas(units.communesOf('31'), 20_000);
    for (const r of records) expect(units.commune(r.communeCode!)?.provinceCode).toBe('31');
    const [big] = [...quotas.entries()].sort((a, b) => b[1] - a[1]);
    expect(records.filter((r) => r.communeCode === big![0]).length).toBe(big![1]);
  });
});

describe('noise', () => {
  const { records, truth } = collect({ seed: 5, people: 5000, provinces: ['31'], asOf: '2026-06-30', noise: 0.1 });
  const byPid = new Map(records.map((r) => [r.pid, r]));

  it('injects about the rate asked for, each defect in the ground truth and in the data', () => {
    expect(truth.length).toBeGreaterThan(300);
    expect(truth.length).toBeLessThan(700);
    for (const t of truth) {
      const r = byPid.get(t.pid)!;
      expect(r).toBeDefined();
      if (t.kind === 'duplicate') {
        expect(byPid.get(t.duplicateOf!)).toBeDefined();
        expect(t.duplicateOf).not.toBe(t.pid);
      } else if (t.field === 'fullName' || t.field === 'birthDate' || t.field === 'sex') {
        // a later defect may have changed the same field again; the last one must show
        const last = truth.filter((u) => u.pid === t.pid && u.field === t.field).at(-1)!;
        expect(r[t.field]).toBe(last.injected);
      }
    }
    const kinds = new Set(truth.map((t) => t.kind));
    expect(kinds.size).toBeGreaterThanOrEqual(8);
  });

  it('makes duplicates that are new personal IDs for the same person', () => {
    const dup = truth.find((t) => t.kind === 'duplicate')!;
    const a = byPid.get(dup.pid)!;
    const b = byPid.get(dup.duplicateOf!)!;
    expect(a.pid).not.toBe(b.pid);
    expect(a.birthDate.slice(0, 4)).toBe(b.birthDate.slice(0, 4));
    expect(a.sex).toBe(b.sex);
  });
});

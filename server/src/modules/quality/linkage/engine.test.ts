// The engine end to end on a small synthetic population built here (a few hundred people, each
// given a varied duplicate or a copy in a second list).
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../http/errors.ts';
import { RecordTable, runLinkage } from './engine.ts';
import { mulberry32 } from './estimate.ts';
import { parseFieldSpecs } from './fields.ts';
import { probability } from './score.ts';

const FAMILY = ['Nguyễn', 'Nguyễn', 'Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ'];
const MIDDLE = ['Văn', 'Thị', 'Minh', 'Thu', 'Đức', 'Ngọc', 'Thanh'];
const GIVEN = ['An', 'Bình', 'Cường', 'Dũng', 'Hà', 'Hạnh', 'Hùng', 'Lan', 'Long', 'Mai', 'Nam', 'Phương', 'Quân', 'Sơn', 'Tâm', 'Thảo', 'Trang', 'Tuấn', 'Vân', 'Yến'];
const COMMUNES = ['10813', '11557', '11506', '11383', '11020', '11602'];

interface Person {
  id: string;
  name: string;
  dob: string;
  sex: string;
  commune: string;
  phone: string;
}

function population(n: number, seed: number): Person[] {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  return Array.from({ length: n }, (_, i) => {
    const y = 1940 + Math.floor(rnd() * 80);
    const m = 1 + Math.floor(rnd() * 12);
    const d = 1 + Math.floor(rnd() * 28);
    return {
      id: `P${i}`,
      name: `${pick(FAMILY)} ${pick(MIDDLE)} ${pick(GIVEN)}`,
      dob: `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
      sex: rnd() < 0.5 ? 'M' : 'F',
      commune: pick(COMMUNES),
      phone: rnd() < 0.5 ? `09${String(Math.floor(rnd() * 1e8)).padStart(8, '0')}` : '',
    };
  });
}

const strip = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');

function variant(p: Person, k: number): Person {
  const [y, m, d] = p.dob.split('-');
  const words = p.name.split(' ');
  switch (k % 5) {
    case 0:
      return { ...p, name: strip(p.name), phone: '' };
    case 1:
      return { ...p, name: `${words[0]} ${words[2]}`, dob: `${d}/${m}/${y}` };
    case 2:
      return { ...p, dob: y!, phone: '' };
    case 3:
      return { ...p, name: p.name.toUpperCase(), dob: `${d}${m}${y}` };
    default:
      return { ...p, name: `${words[2]} ${words[1]} ${words[0]}` };
  }
}

const FIELDS = parseFieldSpecs('full_name=name,dob=dob,sex=sex,commune=commune,phone=phone');

describe('deduplication', () => {
  const people = population(600, 1);
  const dups = people.slice(0, 60).map((p, k) => ({ ...variant(p, k), id: `D${k}` }));
  const t = new RecordTable(FIELDS);
  for (const p of [...people, ...dups]) t.add(p.id, p as unknown as Record<string, unknown>);
  const run = runLinkage(t, { randomPairs: 100_000 });
  const truth = new Set(dups.map((_, k) => `P${k}|D${k}`));

  it('finds the duplicates and little else', () => {
    const found = run.pairsAbove().map((p) => `${run.ids[p.left]}|${run.ids[p.right]}`);
    const right = found.filter((f) => truth.has(f)).length;
    expect(right / truth.size).toBeGreaterThanOrEqual(0.95);
    expect(right / found.length).toBeGreaterThanOrEqual(0.95);
    expect(run.clusters!.count).toBeGreaterThanOrEqual(57);
    expect(run.stats.comparisons).toBeLessThan(run.stats.possiblePairs / 20);
  });

  it('explains every score: the prior and the contributions add up to the weight', () => {
    for (let k = 0; k < run.candidates.left.length; k++) {
      const e = run.explain(run.candidates.left[k]!, run.candidates.right[k]!);
      const sum = e.priorWeight + e.contributions.reduce((a, c) => a + c.weight, 0);
      expect(e.matchWeight).toBeCloseTo(sum, 9);
      expect(e.matchWeight).toBeCloseTo(run.candidates.weight[k]!, 3);
      expect(e.matchProbability).toBeCloseTo(probability(e.matchWeight), 12);
      for (const c of e.contributions) if (c.level !== 'null') expect(c.weight).toBeCloseTo(Math.log2(c.m / c.u), 9);
    }
  });

  it('weighs agreeing on a common name less than on a rare one', () => {
    const t2 = new RecordTable(parseFieldSpecs('full_name=name,dob=dob'));
    const rows = [...population(400, 2).map((p) => ({ ...p, name: 'Nguyễn Văn An' })), ...population(2, 3).map((p) => ({ ...p, name: 'Tôn Thất Thuyết' }))];
    rows.forEach((r, i) => t2.add(String(i), r as unknown as Record<string, unknown>));
    const r2 = runLinkage(t2, { randomPairs: 50_000 });
    const common = r2.explain(0, 1).contributions[0]!;
    const rare = r2.explain(400, 401).contributions[0]!;
    expect(common.level).toBe('exact');
    expect(rare.level).toBe('exact');
    expect(rare.weight - common.weight).toBeGreaterThan(5);
    expect(common.tfAdjustment).toBeLessThan(0);
  });
});

describe('linking two lists', () => {
  const registry = population(800, 4);
  const known = registry.slice(0, 100).map((p, k) => ({ ...variant(p, k), id: `L${k}` }));
  const strangers = population(30, 5).map((p, k) => ({ ...p, id: `S${k}` }));
  const t = new RecordTable(FIELDS);
  for (const p of [...known, ...strangers]) t.add(p.id, p as unknown as Record<string, unknown>);
  t.startRight();
  for (const p of registry) t.add(p.id, p as unknown as Record<string, unknown>);
  const run = runLinkage(t, { randomPairs: 100_000, threshold: 0.95, reviewThreshold: 0.5 });

  it('gives the best registry row for each row of the list, with a review band', () => {
    const best = run.best!;
    expect(best).toHaveLength(130);
    const matched = best.filter((b) => b.status === 'matched');
    const right = matched.filter((b) => b.leftId.startsWith('L') && b.rightId === `P${b.leftId.slice(1)}`);
    expect(right.length / 100).toBeGreaterThanOrEqual(0.9);
    expect(right.length / matched.length).toBeGreaterThanOrEqual(0.97);
    expect(best.filter((b) => b.leftId.startsWith('S') && b.status === 'matched').length).toBeLessThanOrEqual(1);
    for (const b of best) {
      if (b.status === 'matched') expect(b.matchProbability).toBeGreaterThanOrEqual(0.95);
      if (b.status === 'review' && b.reason === 'uncertain') expect(b.matchProbability).toBeGreaterThanOrEqual(0.5);
      if (b.status === 'none') expect(b.matchProbability).toBeLessThan(0.5);
    }
    // only pairs across the lists
    for (let k = 0; k < run.candidates.left.length; k++) expect(run.candidates.left[k]! < 130 && run.candidates.right[k]! >= 130).toBe(true);
  });

  it('reuses a saved model, and refuses one that does not fit the fields', () => {
    const model = JSON.parse(JSON.stringify(run.model)) as typeof run.model;
    const t2 = new RecordTable(FIELDS);
    for (const p of known.slice(0, 10)) t2.add(p.id, p as unknown as Record<string, unknown>);
    t2.startRight();
    for (const p of registry.slice(0, 50)) t2.add(p.id, p as unknown as Record<string, unknown>);
    const again = runLinkage(t2, { model });
    expect(again.model).toBe(model);
    expect(again.best!.filter((b) => b.status === 'matched').length).toBeGreaterThanOrEqual(8);
    const t3 = new RecordTable(parseFieldSpecs('full_name=name,dob=dob'));
    t3.add('a', { name: 'An', dob: '1990' });
    t3.add('b', { name: 'An', dob: '1990' });
    expect(() => runLinkage(t3, { model })).toThrow(AppError);
  });

  it('refuses thresholds that are not probabilities', () => {
    expect(() => runLinkage(new RecordTable(FIELDS), { threshold: 1.5 })).toThrow(AppError);
    expect(() => runLinkage(new RecordTable(FIELDS), { threshold: 0.6, reviewThreshold: 0.8 })).toThrow(AppError);
  });
});

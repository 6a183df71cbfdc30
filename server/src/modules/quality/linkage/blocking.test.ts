import { describe, expect, it } from 'vitest';
import { AppError } from '../../../http/errors.ts';
import { candidatePairs, defaultRules, inRule, samplePairs } from './blocking.ts';
import { mulberry32 } from './estimate.ts';
import { clusterPairs } from './cluster.ts';
import { RecordTable } from './engine.ts';
import { parseFieldSpecs } from './fields.ts';

const FIELDS = 'full_name=n,dob=d,commune=c,phone=p';

function table(rows: [string, string, string, string][], right?: [string, string, string, string][]) {
  const t = new RecordTable(parseFieldSpecs(FIELDS));
  rows.forEach(([n, d, c, p], i) => t.add(`L${i}`, [n, d, c, p]));
  if (right) {
    t.startRight();
    right.forEach(([n, d, c, p], i) => t.add(`R${i}`, [n, d, c, p]));
  }
  return t;
}

const pairsOf = (c: { left: Int32Array; right: Int32Array }) => [...c.left].map((l, k) => `${l}-${c.right[k]}`).sort();

describe('blocking', () => {
  it('generates each pair once over a union of rules and counts what each rule adds', () => {
    const t = table([
      ['Nguyễn Văn An', '1990-01-02', '10813', '0912345678'], // 0
      ['Nguyen Van An', '1990-01-02', '10813', ''], // 1: same name key, year, dob, commune as 0
      ['Nguyễn Văn An', '1990', '10813', ''], // 2: same name + year as 0 and 1
      ['Trần Thị Bình', '1990-01-02', '10813', '0912345678'], // 3: same dob + commune and phone as 0
      ['Lê Văn Cường', '1975-03-04', '11557', ''], // 4: alone
    ]);
    const c = candidatePairs(t.comparisons(), ['name+dob.year', 'dob+commune', 'phone'], t.rows, t.rows, { maxBlockPairs: 100 });
    expect(pairsOf(c)).toEqual(['0-1', '0-2', '0-3', '1-2', '1-3']);
    expect(c.stats.map((s) => [s.rule, s.pairs, s.blockPairs])).toEqual([
      ['name+dob.year', 3, 3],
      ['dob+commune', 2, 3],
      ['phone', 0, 1],
    ]);
    // a pair belongs to every rule whose keys it shares, whichever rule produced it
    expect(inRule(c.rules[1]!, 0, 1)).toBe(true);
    expect(inRule(c.rules[2]!, 0, 3)).toBe(true);
    expect(inRule(c.rules[2]!, 0, 1)).toBe(false);
  });

  it('skips and reports blocks with too many pairs', () => {
    const rows = Array.from({ length: 30 }, (_, i) => ['Nguyễn Văn An', `19${50 + (i % 2)}-01-0${1 + (i % 9)}`, '10813', ''] as [string, string, string, string]);
    const c = candidatePairs(table(rows).comparisons(), ['name+dob.year'], 30, 30, { maxBlockPairs: 100 });
    // two blocks of 15 rows: 105 pairs each, both over the limit
    expect(c.left.length).toBe(0);
    expect(c.stats[0]).toMatchObject({ skippedBlocks: 2, skippedPairs: 210, pairs: 0 });
  });

  it('between two lists pairs only left rows with right rows', () => {
    const t = table(
      [
        ['Nguyễn Văn An', '1990-01-02', '10813', ''],
        ['Nguyễn Văn An', '1990-05-06', '10813', ''],
      ],
      [
        ['Nguyễn Văn An', '1990-01-02', '10813', ''],
        ['Nguyễn Văn An', '1990-07-08', '10813', ''],
      ],
    );
    const c = candidatePairs(t.comparisons(), ['name+dob.year'], 4, 2, { maxBlockPairs: 100 });
    expect(pairsOf(c)).toEqual(['0-2', '0-3', '1-2', '1-3']);
  });

  it('puts a divided legacy commune in the block of each current commune it became, once per pair', () => {
    const t = table(
      [['Bùi Hữu Hiệp', '', '11521', '']], // legacy, divided between 11506 and 11557
      [
        ['Bùi Hữu Hiệp', '', '11557', ''],
        ['Bùi Hữu Hiệp', '', '11506', ''],
        ['Bùi Hữu Hiệp', '', '10813', ''],
      ],
    );
    const c = candidatePairs(t.comparisons(), ['name+commune', 'commune'], 4, 1, { maxBlockPairs: 100 });
    expect(pairsOf(c)).toEqual(['0-1', '0-2']);
  });

  it('chooses rules from the fields present and refuses keys that are not there', () => {
    expect(defaultRules(table([]).comparisons())).toEqual(['name+dob.year', 'name.given+dob', 'name.fg+dob.year', 'dob+commune', 'name+commune', 'name.fg+commune', 'phone']);
    expect(() => candidatePairs(table([]).comparisons(), ['name+address'], 0, 0, { maxBlockPairs: 10 })).toThrow(AppError);
  });
});

describe('training pairs', () => {
  it('samples a broad rule evenly, and takes all pairs of a narrow one', () => {
    // 200 rows in 4 name blocks of 50: 4 · 1225 = 4900 pairs
    const names = ['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Văn Cường', 'Phạm Thị Dung'];
    const t = table(Array.from({ length: 200 }, (_, i) => [names[i % 4]!, `19${50 + (i % 40)}-01-01`, '10813', ''] as [string, string, string, string]));
    const s = samplePairs(t.comparisons(), 'name', 200, 200, 1000, mulberry32(1));
    expect(s.total).toBe(4900);
    expect(s.left.length).toBeGreaterThan(900);
    expect(s.left.length).toBeLessThan(1100);
    for (let k = 0; k < s.left.length; k++) {
      expect(s.left[k]! < s.right[k]!).toBe(true);
      expect(s.left[k]! % 4).toBe(s.right[k]! % 4); // same name block
    }
    expect([...s.uses]).toEqual(['name']);
    expect(samplePairs(t.comparisons(), 'name', 200, 200, 10_000, mulberry32(1)).left.length).toBe(4900);
  });
});

describe('clustering', () => {
  // rows 0–1–2: 0~1 and 1~2 strong, 0 and 2 plainly different; 3~4 strong; 5 alone
  const weights = new Map([
    ['0-1', 30],
    ['1-2', 25],
    ['0-2', -40],
    ['3-4', 20],
    ['3-5', -2],
  ]);
  const weightOf = (i: number, j: number) => weights.get(`${Math.min(i, j)}-${Math.max(i, j)}`) ?? -50;
  const left = Int32Array.of(0, 1, 3, 3);
  const right = Int32Array.of(1, 2, 4, 5);
  const w = [30, 25, 20, -2];

  it('does not chain two different people through a record close to both', () => {
    const c = clusterPairs(6, left, right, w, { thresholdWeight: 4, minCrossWeight: 0, maxClusterSize: 10, weightOf });
    expect([...c.of]).toEqual([0, 0, 2, 3, 3, 5]);
    expect(c.count).toBe(2);
    expect(c.refused).toBe(1);
  });

  it('joins all three when they all agree', () => {
    weights.set('0-2', 10);
    const c = clusterPairs(6, left, right, w, { thresholdWeight: 4, minCrossWeight: 0, maxClusterSize: 10, weightOf });
    expect([...c.of]).toEqual([0, 0, 0, 3, 3, 5]);
    const small = clusterPairs(6, left, right, w, { thresholdWeight: 4, minCrossWeight: 0, maxClusterSize: 2, weightOf });
    expect([...small.of]).toEqual([0, 0, 2, 3, 3, 5]);
  });
});

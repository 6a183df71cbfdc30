// Blocking: only pairs that agree exactly on the keys of at least one rule are compared. A rule
// is keys joined by `+` (`name.given+dob`); several rules are a union, and a pair found by an
// earlier rule is not generated again (checked on the earlier rules' keys, no pair set needed).
// A key may have several values for a row (a legacy commune code that became several current
// communes): the row then sits in several blocks, and each pair is still generated once.
// Blocks too big to compare are skipped and reported, never silently truncated.
import { ValidationError } from '../../../http/errors.ts';
import type { Comparison } from './comparisons.ts';
import { Growable } from './columns.ts';
import type { BlockingRuleStats } from './linkage.types.ts';

export interface BlockingRule {
  text: string;
  /** Names of the comparisons whose columns the rule uses (their m cannot be learnt from its pairs). */
  uses: Set<string>;
  /** Per row: the block id (0 = not blocked by this rule). */
  block: Int32Array;
  /** Rows that fall in further blocks too (a legacy commune code standing for several current communes). */
  extra: Map<number, number[]>;
  /** Per block id: 1 when the block was too big and skipped. */
  skipped: Uint8Array;
}

export interface CandidatePairs {
  left: Int32Array;
  right: Int32Array;
  /** Index of the first rule that produced each pair. */
  rule: Uint8Array;
  rules: BlockingRule[];
  stats: BlockingRuleStats[];
}

/** The keys the comparisons offer, e.g. `name`, `name.given`, `dob`, `dob.year`, `phone`, `commune`. */
export function blockingKeys(comps: readonly Comparison[]): Map<string, { key: Int32Array; extra?: { rows: Int32Array; values: Int32Array }; comparison: string }> {
  const out = new Map<string, { key: Int32Array; extra?: { rows: Int32Array; values: Int32Array }; comparison: string }>();
  for (const c of comps) for (const [k, key] of c.keys) {
    const extra = c.extraKeys?.get(k);
    out.set(k, { key, comparison: c.name, ...(extra ? { extra } : {}) });
  }
  return out;
}

/** Rules on one key each (`name`, `dob`, `phone`, `id`, as the fields allow) for training when the prediction rules leave too little. */
export function defaultTrainingRules(comps: readonly Comparison[], fallback: readonly string[]): string[] {
  const has = new Set(comps.map((c) => c.name));
  const rules: string[] = [];
  if (has.has('name')) rules.push('name');
  if (has.has('dob')) rules.push('dob');
  if (has.has('phone')) rules.push('phone');
  if (has.has('id_number')) rules.push('id');
  return rules.length ? rules : [...fallback];
}

/** Rules that suit the fields present: each catches the duplicates the others miss. */
export function defaultRules(comps: readonly Comparison[]): string[] {
  const has = new Set(comps.map((c) => c.name));
  const rules: string[] = [];
  const name = has.has('name');
  const dob = has.has('dob');
  if (name && dob) rules.push('name+dob.year', 'name.given+dob', 'name.fg+dob.year');
  if (dob && has.has('commune')) rules.push('dob+commune');
  else if (name && dob) rules.push('name.family+dob');
  if (name && has.has('commune')) rules.push('name+commune', 'name.fg+commune');
  if (name && has.has('address')) rules.push('name+address');
  if (has.has('phone')) rules.push('phone');
  if (has.has('id_number')) rules.push('id');
  if (name && !dob && !has.has('commune') && !has.has('address')) rules.push('name');
  if (!rules.length) for (const c of comps) if (c.kind === 'exact' || c.kind === 'text' || c.kind === 'address') rules.push(c.name);
  if (!rules.length) for (const c of comps) rules.push([...c.keys.keys()][0]!);
  return rules;
}

const SHIFT = 2 ** 26;

/** Dense block ids for tuples of key values (each < 2^26; a 0 anywhere = no block). */
class Combiner {
  readonly #maps: Map<number, number>[];
  constructor(parts: number) {
    this.#maps = Array.from({ length: parts }, () => new Map<number, number>());
  }
  id(values: readonly number[]): number {
    let cur = 0;
    for (let p = 0; p < values.length; p++) {
      const v = values[p]!;
      if (!v) return 0;
      const k = p === 0 ? v : cur * SHIFT + v;
      const m = this.#maps[p]!;
      let id = m.get(k);
      if (id === undefined) m.set(k, (id = m.size + 1));
      cur = id;
    }
    return cur;
  }
  get blocks(): number {
    return this.#maps.at(-1)!.size;
  }
}

/** The smallest block (not skipped) that rows i and j share under a rule, 0 when none. */
export function sharedBlock(rule: BlockingRule, i: number, j: number): number {
  const bi = rule.block[i]!;
  const ei = rule.extra.size ? rule.extra.get(i) : undefined;
  const ej = rule.extra.size ? rule.extra.get(j) : undefined;
  if (!ei && !ej) return bi !== 0 && bi === rule.block[j] && !rule.skipped[bi] ? bi : 0;
  const A = [bi, ...(ei ?? [])];
  const B = [rule.block[j]!, ...(ej ?? [])];
  let best = 0;
  for (const a of A) if (a && !rule.skipped[a] && B.includes(a) && (!best || a < best)) best = a;
  return best;
}

interface ParsedRule {
  text: string;
  parts: string[];
  uses: Set<string>;
  keys: Int32Array[];
  /** The first part that has further values for some rows, and those (row, value) entries. */
  multi: { part: number; rows: Int32Array; values: Int32Array } | null;
}

export function parseRules(texts: readonly string[], comps: readonly Comparison[], path = 'blocking'): ParsedRule[] {
  const available = blockingKeys(comps);
  return texts.map((text) => {
    const parts = text.split('+').map((p) => p.trim()).filter(Boolean);
    if (!parts.length) throw ValidationError.field(path, 'blocking_rule_empty', { vi: 'Quy tắc phân khối rỗng.', en: 'Empty blocking rule.' });
    const uses = new Set<string>();
    let multi: ParsedRule['multi'] = null;
    const keys = parts.map((p, at) => {
      const k = available.get(p);
      if (!k)
        throw ValidationError.field(path, 'blocking_key_unknown', {
          vi: `Khoá phân khối "${p}" không có với các trường đã chọn; có: ${[...available.keys()].join(', ')}.`,
          en: `Blocking key "${p}" is not available with these fields; available: ${[...available.keys()].join(', ')}.`,
        });
      uses.add(k.comparison);
      if (k.extra && !multi) multi = { part: at, ...k.extra };
      return k.key;
    });
    return { text: parts.join('+'), parts, uses, keys, multi };
  });
}

/**
 * The candidate pairs of a union of rules. Within one list (`nLeft === n`) pairs are i < j; between
 * two lists, i < nLeft ≤ j.
 */
export function candidatePairs(
  comps: readonly Comparison[],
  ruleTexts: readonly string[],
  n: number,
  nLeft: number,
  opts: { maxBlockPairs: number; onRule?: (done: number, total: number) => void },
): CandidatePairs {
  const two = nLeft < n;
  const parsed = parseRules(ruleTexts, comps);
  const rules: BlockingRule[] = [];
  const stats: BlockingRuleStats[] = [];
  const L = new Growable(Int32Array, 1 << 16);
  const R = new Growable(Int32Array, 1 << 16);
  const which = new Growable(Uint8Array, 1 << 16);
  parsed.forEach((p, r) => {
    // block of every row, then the further blocks of rows with several values of one key
    const comb = new Combiner(p.keys.length);
    const block = new Int32Array(n);
    const tuple = new Array<number>(p.keys.length);
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < tuple.length; k++) tuple[k] = p.keys[k]![i]!;
      block[i] = comb.id(tuple);
    }
    const extra = new Map<number, number[]>();
    if (p.multi) {
      for (let e = 0; e < p.multi.rows.length; e++) {
        const i = p.multi.rows[e]!;
        for (let k = 0; k < tuple.length; k++) tuple[k] = k === p.multi.part ? p.multi.values[e]! : p.keys[k]![i]!;
        const b = comb.id(tuple);
        if (!b || b === block[i]) continue;
        const list = extra.get(i) ?? [];
        if (!list.includes(b)) list.push(b);
        extra.set(i, list);
      }
    }
    const blocks = comb.blocks;
    // counting sort of the (row, block) entries by block
    const start = new Int32Array(blocks + 2);
    for (let i = 0; i < n; i++) if (block[i]) start[block[i]! + 1]!++;
    for (const list of extra.values()) for (const b of list) start[b + 1]!++;
    for (let b = 1; b <= blocks + 1; b++) start[b]! += start[b - 1]!;
    const rows = new Int32Array(start[blocks + 1]!);
    const fill = start.slice();
    for (let i = 0; i < n; i++) if (block[i]) rows[fill[block[i]!]!++] = i;
    for (const [i, list] of extra) for (const b of list) rows[fill[b]!++] = i;
    if (extra.size) for (let b = 1; b <= blocks; b++) if (start[b + 1]! - start[b]! > 1) rows.subarray(start[b]!, start[b + 1]!).sort();
    const skipped = new Uint8Array(blocks + 1);
    const rule: BlockingRule = { text: p.text, uses: p.uses, block, extra, skipped };
    const st: BlockingRuleStats = { rule: p.text, pairs: 0, blockPairs: 0, skippedBlocks: 0, skippedPairs: 0 };
    const hasExtra = extra.size > 0;
    const emit = (i: number, j: number, b: number) => {
      // a pair of rows that share several blocks is generated in the first of them only
      if (hasExtra && (extra.has(i) || extra.has(j)) && sharedBlock(rule, i, j) !== b) return;
      for (let q = 0; q < r; q++) if (sharedBlock(rules[q]!, i, j)) return;
      L.push(i);
      R.push(j);
      which.push(r);
      st.pairs++;
    };
    for (let b = 1; b <= blocks; b++) {
      const s = start[b]!;
      const e = start[b + 1]!;
      const size = e - s;
      if (size < 2) continue;
      let lefts = size;
      if (two) {
        lefts = 0;
        while (lefts < size && rows[s + lefts]! < nLeft) lefts++;
      }
      const pairs = two ? lefts * (size - lefts) : (size * (size - 1)) / 2;
      if (!pairs) continue;
      if (pairs > opts.maxBlockPairs) {
        skipped[b] = 1;
        st.skippedBlocks++;
        st.skippedPairs += pairs;
        continue;
      }
      st.blockPairs += pairs;
      if (two) {
        for (let a = s; a < s + lefts; a++) for (let c = s + lefts; c < e; c++) emit(rows[a]!, rows[c]!, b);
      } else {
        for (let a = s; a < e; a++) for (let c = a + 1; c < e; c++) emit(rows[a]!, rows[c]!, b);
      }
    }
    rules.push(rule);
    stats.push(st);
    opts.onRule?.(r + 1, parsed.length);
  });
  return { left: L.finish(), right: R.finish(), rule: which.finish(), rules, stats };
}

/** Whether a pair falls in a (not skipped) block of the rule. */
export function inRule(rule: BlockingRule, i: number, j: number): boolean {
  return sharedBlock(rule, i, j) !== 0;
}

/**
 * Up to `max` pairs drawn evenly from the blocks of one rule (every pair of its blocks has the same
 * chance), and how many pairs its blocks hold in all. For training, where all pairs of a broad rule
 * (`name` alone: tens of millions) are not needed.
 */
export function samplePairs(comps: readonly Comparison[], ruleText: string, n: number, nLeft: number, max: number, rnd: () => number): { left: Int32Array; right: Int32Array; total: number; uses: Set<string> } {
  const two = nLeft < n;
  const [p] = parseRules([ruleText], comps, 'trainingBlocking');
  const comb = new Combiner(p!.keys.length);
  const block = new Int32Array(n);
  const tuple = new Array<number>(p!.keys.length);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < tuple.length; k++) tuple[k] = p!.keys[k]![i]!;
    block[i] = comb.id(tuple);
  }
  const blocks = comb.blocks;
  const start = new Int32Array(blocks + 2);
  for (let i = 0; i < n; i++) if (block[i]) start[block[i]! + 1]!++;
  for (let b = 1; b <= blocks + 1; b++) start[b]! += start[b - 1]!;
  const rows = new Int32Array(start[blocks + 1]!);
  const fill = start.slice();
  for (let i = 0; i < n; i++) if (block[i]) rows[fill[block[i]!]!++] = i;
  const lefts = new Int32Array(blocks + 1);
  let total = 0;
  for (let b = 1; b <= blocks; b++) {
    const size = start[b + 1]! - start[b]!;
    if (two) {
      let l = 0;
      while (l < size && rows[start[b]! + l]! < nLeft) l++;
      lefts[b] = l;
      total += l * (size - l);
    } else total += (size * (size - 1)) / 2;
  }
  const q = total > max ? max / total : 1;
  const L = new Growable(Int32Array, 1 << 16);
  const R = new Growable(Int32Array, 1 << 16);
  for (let b = 1; b <= blocks; b++) {
    const s = start[b]!;
    const size = start[b + 1]! - s;
    const l = lefts[b]!;
    const pairs = two ? l * (size - l) : (size * (size - 1)) / 2;
    if (!pairs) continue;
    if (q === 1) {
      for (let a = 0; a < (two ? l : size); a++)
        for (let c = two ? l : a + 1; c < size; c++) {
          L.push(rows[s + a]!);
          R.push(rows[s + c]!);
        }
      continue;
    }
    const want = pairs * q;
    let k = Math.floor(want) + (rnd() < want - Math.floor(want) ? 1 : 0);
    while (k-- > 0) {
      let a: number;
      let c: number;
      if (two) {
        a = Math.floor(rnd() * l);
        c = l + Math.floor(rnd() * (size - l));
      } else {
        a = Math.floor(rnd() * size);
        c = Math.floor(rnd() * (size - 1));
        if (c >= a) c++;
        if (c < a) [a, c] = [c, a];
      }
      L.push(rows[s + a]!);
      R.push(rows[s + c]!);
    }
  }
  return { left: L.finish(), right: R.finish(), total, uses: p!.uses };
}

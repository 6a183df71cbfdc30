// The linkage run: rows in (one list to deduplicate, or two lists to link), then blocking →
// comparison vectors → u from random pairs → m by EM per blocking rule → λ → weights → pairs above
// the threshold, clusters (one list) or the best match per left row (two lists).
import { ValidationError } from '../../../http/errors.ts';
import { candidatePairs, defaultRules, defaultTrainingRules, inRule, samplePairs } from './blocking.ts';
import { clusterPairs, type Clusters } from './cluster.ts';
import { comparisonBuilders, type Comparison, type ComparisonBuilder } from './comparisons.ts';
import { comparisonVectors, estimateM, estimateU, mulberry32, type TrainingPairs } from './estimate.ts';
import { validateFieldSpecs } from './fields.ts';
import type { BestMatch, FieldSpec, LinkageModel, LinkageOptions, LinkageStats, PairExplanation } from './linkage.types.ts';
import { createScorer, modelFits, probability, weightOfProbability, type Scorer } from './score.ts';

export const DEFAULTS = {
  threshold: 0.95,
  reviewThreshold: 0.5,
  maxBlockPairs: 1_000_000,
  randomPairs: 2_000_000,
  maxTrainingPairs: 2_000_000,
  tolerance: 1e-5,
  maxIterations: 100,
  maxClusterSize: 20,
  clusterMinProbability: 0.5,
  /** Linking: a second candidate within this many bits of the best makes the match ambiguous. */
  ambiguityBits: 3,
  seed: 6,
} as const;

/**
 * Rows to link, stored column by column. Add the rows of the first list, then (to link two lists)
 * call `startRight()` and add the rows of the second.
 */
export class RecordTable {
  readonly fields: readonly FieldSpec[];
  readonly ids: string[] = [];
  readonly #builders: ComparisonBuilder[];
  #nLeft: number | null = null;
  #built: Comparison[] | null = null;
  readonly #row: string[];

  constructor(fields: readonly FieldSpec[]) {
    validateFieldSpecs([...fields]);
    this.fields = fields;
    this.#builders = comparisonBuilders(fields);
    this.#row = new Array<string>(fields.length).fill('');
  }

  /** One row: values in the order of `fields`, or an object keyed by each field's `column`. */
  add(id: string, values: readonly (string | null | undefined)[] | Readonly<Record<string, unknown>>): void {
    if (this.#built) throw new Error('RecordTable: rows cannot be added after the run');
    const row = this.#row;
    if (Array.isArray(values)) for (let f = 0; f < row.length; f++) row[f] = (values[f] as string | null | undefined) ?? '';
    else {
      const rec = values as Readonly<Record<string, unknown>>;
      for (let f = 0; f < row.length; f++) {
        const v = rec[this.fields[f]!.column];
        row[f] = v === null || v === undefined ? '' : String(v);
      }
    }
    for (const b of this.#builders) b.add(row);
    this.ids.push(id);
  }

  /** Rows added from now on form the right-hand list. */
  startRight(): void {
    if (this.#nLeft !== null) throw new Error('RecordTable: startRight() called twice');
    this.#nLeft = this.ids.length;
  }

  get rows(): number {
    return this.ids.length;
  }
  get leftRows(): number {
    return this.#nLeft ?? this.ids.length;
  }
  get twoLists(): boolean {
    return this.#nLeft !== null;
  }

  /** The comparisons over all rows (built once; the table is closed afterwards). */
  comparisons(): Comparison[] {
    this.#built ??= this.#builders.map((b) => b.build(this.leftRows, this.twoLists));
    return this.#built;
  }
}

export interface LinkageRun {
  model: LinkageModel;
  stats: LinkageStats;
  ids: readonly string[];
  leftRows: number;
  /** Every candidate pair (row indices) with its match weight. */
  candidates: { left: Int32Array; right: Int32Array; weight: Float32Array };
  threshold: number;
  /** Candidate pairs at or above a probability (default: the run's threshold), strongest first. */
  pairsAbove(p?: number): { left: number; right: number; weight: number; probability: number }[];
  /** Why two rows score what they score. */
  explain(i: number, j: number): PairExplanation;
  /** Weight of any two rows, compared now. */
  weightOf(i: number, j: number): number;
  /** One list: records grouped into persons. */
  clusters?: Clusters;
  /** Two lists: the best right-hand row for every left row. */
  best?: BestMatch[];
}

export function runLinkage(table: RecordTable, options: LinkageOptions = {}): LinkageRun {
  const o = { ...DEFAULTS, ...options };
  for (const [key, v] of [
    ['threshold', o.threshold],
    ['reviewThreshold', o.reviewThreshold],
    ['clusterMinProbability', o.clusterMinProbability],
  ] as const)
    if (!(v > 0 && v < 1))
      throw ValidationError.field(key, 'probability_out_of_range', { vi: `${key} phải nằm giữa 0 và 1 (không kể hai đầu).`, en: `${key} must be between 0 and 1 (exclusive).` });
  if (o.reviewThreshold > o.threshold)
    throw ValidationError.field('reviewThreshold', 'review_above_threshold', { vi: 'Ngưỡng xem xét phải nhỏ hơn ngưỡng khớp.', en: 'The review threshold must be below the match threshold.' });
  const seconds: Record<string, number> = {};
  let t0 = performance.now();
  const lap = (name: string) => {
    const t = performance.now();
    seconds[name] = Math.round(t - t0) / 1000;
    t0 = t;
  };
  const progress = o.onProgress;
  const n = table.rows;
  const nLeft = table.leftRows;
  const two = table.twoLists;
  if (two && (nLeft === 0 || nLeft === n))
    throw ValidationError.field('right', 'list_empty', { vi: 'Cả hai danh sách cần có ít nhất một dòng.', en: 'Both lists need at least one row.' });
  const comps = table.comparisons();
  lap('prepare');

  const rules = o.blocking ?? defaultRules(comps);
  const cand = candidatePairs(comps, rules, n, nLeft, { maxBlockPairs: o.maxBlockPairs, onRule: (d, t) => progress?.({ phase: 'blocking', done: d, total: t }) });
  lap('blocking');
  const P = cand.left.length;
  const gamma = comparisonVectors(comps, cand.left, cand.right, (d, t) => progress?.({ phase: 'comparing', done: d, total: t }));
  lap('comparing');
  const possiblePairs = two ? nLeft * (n - nLeft) : (n * (n - 1)) / 2;

  let model: LinkageModel;
  if (o.model) {
    const misfit = modelFits(o.model, comps);
    if (misfit) throw ValidationError.field('model', 'model_mismatch', { vi: `Mô hình không khớp các trường: ${misfit}.`, en: `The model does not fit the fields: ${misfit}.` });
    model = o.model;
  } else {
    progress?.({ phase: 'sampling', done: 0, total: 1 });
    const { u, sampled } = estimateU(comps, n, nLeft, o.randomPairs, o.seed);
    progress?.({ phase: 'sampling', done: 1, total: 1 });
    lap('sampling');
    const training = trainingPairs(comps, cand, n, nLeft, o);
    const est = estimateM(comps, training, u, {
      tolerance: o.tolerance,
      maxIterations: o.maxIterations,
      onSession: (d, t) => progress?.({ phase: 'training', done: d, total: t }),
    });
    model = {
      version: 1,
      lambda: Math.min(0.5, Math.max(est.matches, 1) / Math.max(possiblePairs, 1)),
      comparisons: comps.map((c, ci) => ({
        name: c.name,
        kind: c.kind,
        levels: c.levels.map((l, k) => ({ id: l.id, label: l.label, tf: l.tf, m: k ? est.m[ci]![k]! : 0, u: k ? u[ci]![k]! : 0 })),
      })),
      training: {
        mode: two ? 'link' : 'dedupe',
        randomPairs: sampled,
        sessions: est.sessions.map((s) => ({ rule: s.rule, pairs: s.pairs, iterations: s.iterations, converged: s.converged, lambda: s.lambda, matches: Math.round(s.matches) })),
      },
    };
    // λ: the sessions each see part of the matches; settle it on all candidate pairs with the full
    // model (expected matches = Σ match probability), a few fixed-point steps.
    for (let k = 0; k < 8; k++) {
      const sc = createScorer(model, comps, o.termFrequency ?? true);
      let expected = 0;
      for (let p = 0; p < P; p++) expected += probability(sc.weight(cand.left[p]!, gamma, p * comps.length));
      const lambda = Math.min(0.5, Math.max(expected, 1) / Math.max(possiblePairs, 1));
      const done = Math.abs(Math.log(lambda / model.lambda)) < 0.01;
      model = { ...model, lambda };
      if (done) break;
    }
    lap('training');
  }

  const scorer: Scorer = createScorer(model, comps, o.termFrequency ?? true);
  const weight = new Float32Array(P);
  let expectedMatches = 0;
  let above = 0;
  const thresholdWeight = weightOfProbability(o.threshold);
  for (let p = 0; p < P; p++) {
    const w = scorer.weight(cand.left[p]!, gamma, p * comps.length);
    weight[p] = w;
    expectedMatches += probability(w);
    if (w >= thresholdWeight) above++;
    if (progress && (p & 0xfffff) === 0) progress({ phase: 'scoring', done: p, total: P });
  }
  progress?.({ phase: 'scoring', done: P, total: P });
  lap('scoring');

  const ids = table.ids;
  const run: LinkageRun = {
    model,
    ids,
    leftRows: nLeft,
    threshold: o.threshold,
    candidates: { left: cand.left, right: cand.right, weight },
    stats: {
      mode: two ? 'link' : 'dedupe',
      leftRows: nLeft,
      rightRows: two ? n - nLeft : 0,
      possiblePairs,
      comparisons: P,
      blocking: cand.stats,
      pairsAboveThreshold: above,
      expectedMatches: Math.round(expectedMatches * 10) / 10,
      seconds,
    },
    pairsAbove(p = o.threshold) {
      const wmin = weightOfProbability(p);
      const out: { left: number; right: number; weight: number; probability: number }[] = [];
      for (let k = 0; k < P; k++) if (weight[k]! >= wmin) out.push({ left: cand.left[k]!, right: cand.right[k]!, weight: weight[k]!, probability: probability(weight[k]!) });
      return out.sort((a, b) => b.weight - a.weight || a.left - b.left || a.right - b.right);
    },
    explain(i, j) {
      const contributions = scorer.contributions(i, j);
      const matchWeight = scorer.priorWeight + contributions.reduce((a, c) => a + c.weight, 0);
      return { leftId: ids[i]!, rightId: ids[j]!, priorWeight: scorer.priorWeight, contributions, matchWeight, matchProbability: probability(matchWeight) };
    },
    weightOf: (i, j) => scorer.weightOf(i, j),
  };

  if (!two) {
    progress?.({ phase: 'clustering', done: 0, total: 1 });
    run.clusters = clusterPairs(n, cand.left, cand.right, weight, {
      thresholdWeight,
      minCrossWeight: weightOfProbability(o.clusterMinProbability),
      maxClusterSize: o.maxClusterSize,
      weightOf: (i, j) => scorer.weightOf(i, j),
    });
    progress?.({ phase: 'clustering', done: 1, total: 1 });
  } else {
    run.best = bestMatches(run, o.threshold, o.reviewThreshold, o.ambiguityBits);
  }
  lap('clustering');
  return run;
}

/**
 * The pairs EM learns m from. By default the candidate pairs of each prediction rule (its own
 * pairs: the rule's blocks) that leaves at least three comparisons free to tell matches from
 * non-matches — rules on family + given name only are left out, their pairs are mostly relatives.
 * With few fields those rules leave too little (EM on `name+dob.year` with only sex and commune
 * left takes namesakes born the same year for matches): then rules on one key each (`name`,
 * `dob`, …) are added, their pairs sampled from their blocks.
 */
function trainingPairs(comps: readonly Comparison[], cand: ReturnType<typeof candidatePairs>, n: number, nLeft: number, o: { seed: number; maxTrainingPairs: number; trainingBlocking?: string[] | undefined }): TrainingPairs[] {
  const rnd = mulberry32(o.seed + 1);
  const sampled = (rule: string): TrainingPairs => ({ rule, sampled: true, ...samplePairs(comps, rule, n, nLeft, o.maxTrainingPairs, rnd) });
  if (o.trainingBlocking) return o.trainingBlocking.map(sampled);
  const free = (uses: Set<string>) => comps.filter((c) => !uses.has(c.name)).length;
  const out: TrainingPairs[] = [];
  for (const rule of cand.rules) {
    if (rule.text.split('+').includes('name.fg') || free(rule.uses) < Math.min(3, comps.length - 1)) continue;
    const members: number[] = [];
    for (let p = 0; p < cand.left.length; p++) if (inRule(rule, cand.left[p]!, cand.right[p]!)) members.push(p);
    const stride = Math.max(1, Math.ceil(members.length / o.maxTrainingPairs));
    const chosen = members.filter((_, k) => k % stride === 0);
    out.push({ rule: rule.text, uses: rule.uses, left: Int32Array.from(chosen, (p) => cand.left[p]!), right: Int32Array.from(chosen, (p) => cand.right[p]!), total: members.length });
  }
  const learnt = (c: Comparison) => out.some((t) => !t.uses.has(c.name) && t.left.length > 0);
  if (comps.some((c) => !learnt(c))) for (const rule of defaultTrainingRules(comps, [])) out.push(sampled(rule));
  return out;
}

/** Per left row: the best right-hand row, with a review band and a check for a close second. */
export function bestMatches(run: Pick<LinkageRun, 'candidates' | 'ids' | 'leftRows'>, threshold: number, reviewThreshold: number, ambiguityBits: number = DEFAULTS.ambiguityBits): BestMatch[] {
  const { left, right, weight } = run.candidates;
  const nLeft = run.leftRows;
  const best = new Int32Array(nLeft).fill(-1);
  const second = new Int32Array(nLeft).fill(-1);
  for (let k = 0; k < left.length; k++) {
    const i = left[k]!;
    const b = best[i]!;
    if (b < 0 || weight[k]! > weight[b]!) {
      second[i] = b;
      best[i] = k;
    } else if (second[i]! < 0 || weight[k]! > weight[second[i]!]!) second[i] = k;
  }
  const out: BestMatch[] = [];
  for (let i = 0; i < nLeft; i++) {
    const b = best[i]!;
    const p = b < 0 ? 0 : probability(weight[b]!);
    if (b < 0 || p < reviewThreshold) {
      out.push({ leftId: run.ids[i]!, rightId: null, matchProbability: p, status: 'none' });
      continue;
    }
    const s = second[i]!;
    const m: BestMatch = { leftId: run.ids[i]!, rightId: run.ids[right[b]!]!, matchProbability: p, status: p >= threshold ? 'matched' : 'review' };
    if (m.status === 'review') m.reason = 'uncertain';
    if (s >= 0 && probability(weight[s]!) >= reviewThreshold && weight[b]! - weight[s]! < ambiguityBits) {
      m.status = 'review';
      m.reason = 'ambiguous';
      m.secondId = run.ids[right[s]!]!;
      m.secondProbability = probability(weight[s]!);
    }
    out.push(m);
  }
  return out;
}

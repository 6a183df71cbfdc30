// Estimating the model from the data itself (no labels):
// - u (P(level | non-match)) from pairs drawn at random, which are almost all non-matches; the u
//   of exact-value levels comes straight from value frequencies (exact, not sampled);
// - m (P(level | match)) by expectation–maximisation on (a sample of) the pairs of each training
//   rule in turn, leaving out the comparisons the rule blocks on (those agree on every pair of the
//   rule, so their m cannot be learnt there), then averaged over the rules, weighted by the
//   matches each found;
// - λ (the prior that two random records match) from the number of matches EM finds.
import type { Comparison } from './comparisons.ts';

/** Probabilities below this are raised to it (a level never seen must not weigh ±∞). */
export const PROBABILITY_FLOOR = 1e-6;

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** u of every level of every comparison: frequencies for the exact-value levels, a random sample for the rest. */
export function estimateU(comps: readonly Comparison[], n: number, nLeft: number, samples: number, seed: number): { u: Float64Array[]; sampled: number } {
  const two = nLeft < n;
  const rnd = mulberry32(seed);
  const counts = comps.map((c) => new Float64Array(c.levels.length));
  const possible = two ? nLeft * (n - nLeft) : (n * (n - 1)) / 2;
  const draws = Math.min(samples, possible);
  for (let s = 0; s < draws; s++) {
    let i: number;
    let j: number;
    if (two) {
      i = Math.floor(rnd() * nLeft);
      j = nLeft + Math.floor(rnd() * (n - nLeft));
    } else {
      i = Math.floor(rnd() * n);
      j = Math.floor(rnd() * (n - 1));
      if (j >= i) j++;
    }
    for (let c = 0; c < comps.length; c++) counts[c]![comps[c]!.level(i, j)]!++;
  }
  const u = comps.map((c, ci) => {
    const L = c.levels.length;
    const out = new Float64Array(L);
    const exact = c.exactU;
    let fixed = 0;
    for (let l = 1; l < exact.length && l < L; l++) {
      out[l] = exact[l]!;
      fixed += exact[l]!;
    }
    let rest = 0;
    for (let l = exact.length > 1 ? exact.length : 1; l < L; l++) rest += counts[ci]![l]!;
    const left = Math.max(0, 1 - fixed);
    for (let l = exact.length > 1 ? exact.length : 1; l < L; l++) out[l] = rest > 0 ? (left * counts[ci]![l]!) / rest : left / (L - Math.max(1, exact.length));
    for (let l = 1; l < L; l++) out[l] = Math.max(out[l]!, PROBABILITY_FLOOR);
    return out;
  });
  return { u, sampled: draws };
}

/** Comparison vectors of candidate pairs: gamma[p * C + c] = level of comparison c on pair p. */
export function comparisonVectors(comps: readonly Comparison[], left: Int32Array, right: Int32Array, onProgress?: (done: number, total: number) => void): Uint8Array {
  const C = comps.length;
  const P = left.length;
  const gamma = new Uint8Array(P * C);
  const fns = comps.map((c) => c.level.bind(c));
  for (let p = 0; p < P; p++) {
    const i = left[p]!;
    const j = right[p]!;
    const o = p * C;
    for (let c = 0; c < C; c++) gamma[o + c] = fns[c]!(i, j);
    if (onProgress && (p & 0xfffff) === 0) onProgress(p, P);
  }
  onProgress?.(P, P);
  return gamma;
}

export interface Patterns {
  /** Distinct comparison vectors (P × C). */
  vectors: Uint8Array;
  counts: Float64Array;
  C: number;
}

/** Counts of each distinct comparison vector among the selected pairs; `active[c]` false = level forced to 0. */
export function aggregate(gamma: Uint8Array, C: number, select: Iterable<number>, active: readonly boolean[]): Patterns {
  const index = new Map<string, number>();
  const vecs: number[] = [];
  const counts: number[] = [];
  const buf = new Array<number>(C);
  for (const p of select) {
    const o = p * C;
    for (let c = 0; c < C; c++) buf[c] = active[c] ? gamma[o + c]! : 0;
    const key = buf.join(',');
    let k = index.get(key);
    if (k === undefined) {
      k = counts.length;
      index.set(key, k);
      counts.push(0);
      for (let c = 0; c < C; c++) vecs.push(buf[c]!);
    }
    counts[k]!++;
  }
  return { vectors: Uint8Array.from(vecs), counts: Float64Array.from(counts), C };
}

export interface EmResult {
  m: Float64Array[];
  u: Float64Array[];
  lambda: number;
  iterations: number;
  converged: boolean;
}

/**
 * Expectation–maximisation for the two-class mixture on pattern counts. With `fixU`, u stays as
 * given (estimated from random pairs) and only m and λ move.
 */
export function expectationMaximisation(
  pat: Patterns,
  levelsPer: readonly number[],
  init: { m: Float64Array[]; u: Float64Array[]; lambda: number },
  opts: { fixU: boolean; active: readonly boolean[]; tolerance: number; maxIterations: number },
): EmResult {
  const { vectors, counts, C } = pat;
  const P = counts.length;
  const m = init.m.map((a) => Float64Array.from(a));
  const u = init.u.map((a) => Float64Array.from(a));
  let lambda = init.lambda;
  const post = new Float64Array(P);
  let iterations = 0;
  let converged = false;
  const total = counts.reduce((a, b) => a + b, 0);
  if (!total) return { m, u, lambda, iterations, converged: true };
  while (iterations < opts.maxIterations) {
    iterations++;
    // E: posterior probability of a match for each pattern
    const lm = Math.log(lambda);
    const lu = Math.log(1 - lambda);
    for (let p = 0; p < P; p++) {
      let a = lm;
      let b = lu;
      const o = p * C;
      for (let c = 0; c < C; c++) {
        const l = vectors[o + c]!;
        if (!l || !opts.active[c]) continue;
        a += Math.log(m[c]![l]!);
        b += Math.log(u[c]![l]!);
      }
      post[p] = 1 / (1 + Math.exp(b - a));
    }
    // M: new m (and u), λ
    let matches = 0;
    for (let p = 0; p < P; p++) matches += counts[p]! * post[p]!;
    const newLambda = Math.min(1 - 1e-9, Math.max(1e-9, matches / total));
    let change = Math.abs(newLambda - lambda);
    lambda = newLambda;
    for (let c = 0; c < C; c++) {
      if (!opts.active[c]) continue;
      const L = levelsPer[c]!;
      const sm = new Float64Array(L);
      const su = new Float64Array(L);
      for (let p = 0; p < P; p++) {
        const l = vectors[p * C + c]!;
        if (!l) continue;
        sm[l]! += counts[p]! * post[p]!;
        su[l]! += counts[p]! * (1 - post[p]!);
      }
      let tm = 0;
      let tu = 0;
      for (let l = 1; l < L; l++) {
        tm += sm[l]!;
        tu += su[l]!;
      }
      for (let l = 1; l < L; l++) {
        const nm = tm > 0 ? Math.max(PROBABILITY_FLOOR, sm[l]! / tm) : m[c]![l]!;
        change = Math.max(change, Math.abs(nm - m[c]![l]!));
        m[c]![l] = nm;
        if (!opts.fixU) {
          const nu = tu > 0 ? Math.max(PROBABILITY_FLOOR, su[l]! / tu) : u[c]![l]!;
          change = Math.max(change, Math.abs(nu - u[c]![l]!));
          u[c]![l] = nu;
        }
      }
    }
    if (change < opts.tolerance) {
      converged = true;
      break;
    }
  }
  return { m, u, lambda, iterations, converged };
}

/** Starting m: most weight on the best level, decreasing down to a small share for "different". */
export function initialM(levels: number): Float64Array {
  const m = new Float64Array(levels);
  let t = 0;
  for (let l = 1; l < levels; l++) {
    m[l] = l === levels - 1 ? 0.02 : 0.5 ** (l - 1);
    t += m[l]!;
  }
  for (let l = 1; l < levels; l++) m[l]! /= t;
  return m;
}

export interface Session {
  rule: string;
  pairs: number;
  iterations: number;
  converged: boolean;
  lambda: number;
  /** Matches EM finds among the rule's pairs (λ × pairs). */
  matches: number;
  m: Float64Array[];
  active: boolean[];
  /** False when the session found so many more matches than the others that its m is not used. */
  trusted?: boolean;
}

/** Pairs of one training rule: a sample of its blocks' pairs, and how many pairs they hold in all. */
export interface TrainingPairs {
  rule: string;
  uses: Set<string>;
  left: Int32Array;
  right: Int32Array;
  total: number;
  /** The pairs are a sample of a broad rule's blocks (not candidate pairs). */
  sampled?: boolean;
}

/** One EM session per training rule; m averaged over the sessions that could learn it. */
export function estimateM(
  comps: readonly Comparison[],
  training: readonly TrainingPairs[],
  u: Float64Array[],
  opts: { tolerance: number; maxIterations: number; onSession?: (done: number, total: number) => void },
): { m: Float64Array[]; sessions: Session[]; matches: number } {
  const C = comps.length;
  const levelsPer = comps.map((c) => c.levels.length);
  const sessions: Session[] = [];
  training.forEach((t, r) => {
    const active = comps.map((c) => !t.uses.has(c.name));
    if (t.left.length && active.some(Boolean)) {
      const gamma = comparisonVectors(comps, t.left, t.right);
      const pat = aggregate(gamma, C, { [Symbol.iterator]: function* () { for (let p = 0; p < t.left.length; p++) yield p; } }, active);
      let em = expectationMaximisation(pat, levelsPer, { m: comps.map((c) => initialM(c.levels.length)), u, lambda: 0.1 }, { fixU: false, active, tolerance: opts.tolerance, maxIterations: opts.maxIterations });
      if (t.sampled && em.lambda < 0.01) {
        // Almost all pairs of a broad rule are non-matches: how its non-matches agree is then
        // simply how its pairs agree. Holding u there leaves EM only the matches to find.
        const blockU = comps.map((c, ci) => {
          const f = new Float64Array(c.levels.length);
          let t2 = 0;
          for (let p = 0; p < pat.counts.length; p++) {
            const l = pat.vectors[p * C + ci]!;
            if (l) {
              f[l]! += pat.counts[p]!;
              t2 += pat.counts[p]!;
            }
          }
          for (let l = 1; l < f.length; l++) f[l] = t2 ? Math.max(PROBABILITY_FLOOR, f[l]! / t2) : u[ci]![l]!;
          return f;
        });
        em = expectationMaximisation(pat, levelsPer, { m: comps.map((c) => initialM(c.levels.length)), u: blockU, lambda: 0.001 }, { fixU: true, active, tolerance: opts.tolerance, maxIterations: opts.maxIterations });
      }
      sessions.push({ rule: t.rule, pairs: t.total, iterations: em.iterations, converged: em.converged, lambda: em.lambda, matches: em.lambda * t.total, m: em.m, active });
    }
    opts.onSession?.(r + 1, training.length);
  });
  // A session that finds far more matches than the others has taken a group of non-matches
  // (namesakes born the same year, relatives) for matches: its m is not used.
  const found = sessions.map((s) => s.matches).sort((a, b) => a - b);
  const median = found.length ? found[Math.floor((found.length - 1) / 2)]! : 0;
  for (const s of sessions) s.trusted = found.length < 3 || s.matches <= 3 * median;
  const m = comps.map((c, ci) => {
    const out = new Float64Array(c.levels.length);
    let w = 0;
    for (const s of sessions) {
      if (!s.active[ci] || s.matches <= 0 || !s.trusted) continue;
      for (let l = 1; l < out.length; l++) out[l]! += s.matches * s.m[ci]![l]!;
      w += s.matches;
    }
    if (w === 0) return initialM(c.levels.length); // never learnable: every rule blocks on it
    for (let l = 1; l < out.length; l++) out[l] = Math.max(PROBABILITY_FLOOR, out[l]! / w);
    return out;
  });
  const matches = sessions.reduce((a, s) => (s.trusted ? Math.max(a, s.matches) : a), 0);
  return { m, sessions, matches };
}

import { describe, expect, it } from 'vitest';
import { aggregate, expectationMaximisation, initialM, mulberry32 } from './estimate.ts';

// A synthetic set with known parameters: three comparisons with 3, 4 and 2 non-null levels, a
// share λ of matches; comparison vectors drawn independently given the class (the model's
// assumption), with some values missing (level 0).
const TRUE = {
  lambda: 0.15,
  m: [
    [0, 0.8, 0.15, 0.05],
    [0, 0.6, 0.25, 0.1, 0.05],
    [0, 0.95, 0.05],
  ],
  u: [
    [0, 0.02, 0.08, 0.9],
    [0, 0.01, 0.04, 0.15, 0.8],
    [0, 0.5, 0.5],
  ],
};

function draw(n: number, seed: number): Uint8Array {
  const rnd = mulberry32(seed);
  const C = TRUE.m.length;
  const gamma = new Uint8Array(n * C);
  for (let p = 0; p < n; p++) {
    const match = rnd() < TRUE.lambda;
    for (let c = 0; c < C; c++) {
      if (rnd() < 0.05) continue; // missing value: null level
      const probs = (match ? TRUE.m : TRUE.u)[c]!;
      let x = rnd();
      let l = 1;
      while (l < probs.length - 1 && x >= probs[l]!) x -= probs[l++]!;
      gamma[p * C + c] = l;
    }
  }
  return gamma;
}

describe('expectation–maximisation', () => {
  const n = 200_000;
  const gamma = draw(n, 42);
  const C = 3;
  const levels = TRUE.m.map((m) => m.length);
  const all = Array.from({ length: n }, (_, i) => i);
  const pat = aggregate(gamma, C, all, [true, true, true]);

  it('aggregates the pairs into distinct comparison vectors', () => {
    expect(pat.counts.reduce((a, b) => a + b, 0)).toBe(n);
    expect(pat.counts.length).toBeLessThanOrEqual(4 * 5 * 3);
  });

  it('recovers m, u and λ from unlabelled pairs', () => {
    const uniform = levels.map((L) => Float64Array.from({ length: L }, (_, l) => (l ? 1 / (L - 1) : 0)));
    const em = expectationMaximisation(pat, levels, { m: levels.map(initialM), u: uniform, lambda: 0.3 }, { fixU: false, active: [true, true, true], tolerance: 1e-7, maxIterations: 1000 });
    expect(em.converged).toBe(true);
    expect(em.lambda).toBeCloseTo(TRUE.lambda, 2);
    for (let c = 0; c < C; c++)
      for (let l = 1; l < levels[c]!; l++) {
        expect(Math.abs(em.m[c]![l]! - TRUE.m[c]![l]!)).toBeLessThan(0.02);
        expect(Math.abs(em.u[c]![l]! - TRUE.u[c]![l]!)).toBeLessThan(0.01);
      }
  });

  it('learns m and λ with u held at known values, and leaves inactive comparisons alone', () => {
    const u = TRUE.u.map((x) => Float64Array.from(x));
    const start = levels.map(initialM);
    const em = expectationMaximisation(pat, levels, { m: start, u, lambda: 0.5 }, { fixU: true, active: [true, true, false], tolerance: 1e-7, maxIterations: 1000 });
    expect(em.lambda).toBeCloseTo(TRUE.lambda, 2);
    for (let c = 0; c < 2; c++) for (let l = 1; l < levels[c]!; l++) expect(Math.abs(em.m[c]![l]! - TRUE.m[c]![l]!)).toBeLessThan(0.02);
    expect([...em.m[2]!]).toEqual([...start[2]!]);
    expect([...em.u[0]!]).toEqual(TRUE.u[0]);
  });
});

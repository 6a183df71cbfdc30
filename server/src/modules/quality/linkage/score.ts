// Match weights: log2(m/u) per comparison level, the prior log2(λ/(1−λ)), and term-frequency
// adjustments where the level agrees on a value (u replaced by how common the value is: agreeing
// on "Nguyễn Văn An" says less than agreeing on a rare name).
import type { Comparison } from './comparisons.ts';
import { PROBABILITY_FLOOR } from './estimate.ts';
import type { ComparisonContribution, LinkageModel } from './linkage.types.ts';

export interface Scorer {
  priorWeight: number;
  /** Weight of a pair from its comparison vector at `gamma[offset…]`. */
  weight(i: number, gamma: ArrayLike<number>, offset: number): number;
  /** Weight of any two rows (compares them now). */
  weightOf(i: number, j: number): number;
  contributions(i: number, j: number): ComparisonContribution[];
}

export const probability = (weight: number): number => 1 / (1 + 2 ** -weight);
export const weightOfProbability = (p: number): number => Math.log2(p / (1 - p));

/** Checks that a model fits the comparisons (same names and levels), e.g. one loaded from a file. */
export function modelFits(model: LinkageModel, comps: readonly Comparison[]): string | null {
  if (model.comparisons.length !== comps.length) return `the model has ${model.comparisons.length} comparisons, the fields give ${comps.length}`;
  for (let c = 0; c < comps.length; c++) {
    const a = model.comparisons[c]!;
    const b = comps[c]!;
    if (a.name !== b.name || a.levels.length !== b.levels.length || a.levels.some((l, k) => l.id !== b.levels[k]!.id)) return `comparison ${c + 1} is ${a.name} in the model but ${b.name} in the fields`;
  }
  return null;
}

export function createScorer(model: LinkageModel, comps: readonly Comparison[], useTf: boolean): Scorer {
  const C = comps.length;
  const priorWeight = Math.log2(model.lambda / (1 - model.lambda));
  const table = model.comparisons.map((mc) => Float64Array.from(mc.levels, (l, k) => (k === 0 ? 0 : Math.log2(Math.max(l.m, PROBABILITY_FLOOR) / Math.max(l.u, PROBABILITY_FLOOR)))));
  // per comparison and level: [tf per row, u / P(key equal)] when the level is adjusted
  const tfOf = comps.map((c, ci) =>
    c.levels.map((lvl, l) => {
      const tf = c.tf[l];
      const base = c.tfBase[l];
      if (!useTf || !lvl.tf || !tf || !base) return null;
      return { tf, factor: model.comparisons[ci]!.levels[l]!.u / base, m: Math.max(model.comparisons[ci]!.levels[l]!.m, PROBABILITY_FLOOR) };
    }),
  );
  const levelWeight = (c: number, l: number, i: number): number => {
    const t = tfOf[c]![l];
    if (!t) return table[c]![l]!;
    const u = Math.min(1, Math.max(PROBABILITY_FLOOR, t.factor * t.tf[i]!));
    return Math.log2(t.m / u);
  };
  return {
    priorWeight,
    weight(i, gamma, o) {
      let w = priorWeight;
      for (let c = 0; c < C; c++) {
        const l = gamma[o + c]!;
        if (l) w += levelWeight(c, l, i);
      }
      return w;
    },
    weightOf(i, j) {
      let w = priorWeight;
      for (let c = 0; c < C; c++) {
        const l = comps[c]!.level(i, j);
        if (l) w += levelWeight(c, l, i);
      }
      return w;
    },
    contributions(i, j) {
      return comps.map((comp, c) => {
        const l = comp.level(i, j);
        const ml = model.comparisons[c]!.levels[l]!;
        if (!l) return { comparison: comp.name, level: ml.id, label: ml.label, m: 1, u: 1, weight: 0, tfAdjustment: 0 };
        const t = tfOf[c]![l];
        const weight = levelWeight(c, l, i);
        const m = Math.max(ml.m, PROBABILITY_FLOOR);
        return { comparison: comp.name, level: ml.id, label: ml.label, m, u: m / 2 ** weight, weight, tfAdjustment: t ? weight - table[c]![l]! : 0 };
      });
    },
  };
}

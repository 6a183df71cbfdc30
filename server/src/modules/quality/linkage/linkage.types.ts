// The public shapes of the linkage engine: what a caller gives (fields, options) and gets back
// (model, pairs, explanations, clusters, best matches).

export const FIELD_KINDS = ['full_name', 'family_name', 'middle_name', 'given_name', 'dob', 'sex', 'id_number', 'phone', 'address', 'commune', 'text', 'exact'] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];

/** One input field: its kind, a name (the kind itself, or `<name>` of `text:<name>` / `exact:<name>`) and where it is read. */
export interface FieldSpec {
  kind: FieldKind;
  name: string;
  /** Column of the input file (or key of the record object). */
  column: string;
}

/** A comparison level with its estimated probabilities. Level 0 of every comparison is "null" (a side has no value): weight 0. */
export interface ModelLevel {
  id: string;
  label: string;
  /** P(level | match) */
  m: number;
  /** P(level | non-match) */
  u: number;
  /** Whether the level's u is replaced per value by its term frequency. */
  tf: boolean;
}

export interface ModelComparison {
  name: string;
  kind: string;
  /** Index 0 = null level. */
  levels: ModelLevel[];
}

/** A trained Fellegi–Sunter model: JSON, reusable on other data with the same fields. */
export interface LinkageModel {
  version: 1;
  /** Prior probability that two records drawn at random are the same person. */
  lambda: number;
  comparisons: ModelComparison[];
  /** How the model was trained (for reports). */
  training: {
    mode: 'dedupe' | 'link';
    randomPairs: number;
    sessions: { rule: string; pairs: number; iterations: number; converged: boolean; lambda: number; matches: number }[];
  };
}

export interface ComparisonContribution {
  comparison: string;
  level: string;
  label: string;
  m: number;
  /** u used for this pair: the level's u, or its term-frequency adjusted value. */
  u: number;
  /** log2(m / u) in bits; 0 for the null level. */
  weight: number;
  /** Part of `weight` that comes from the term-frequency adjustment. */
  tfAdjustment: number;
}

export interface PairExplanation {
  leftId: string;
  rightId: string;
  /** log2(λ / (1 − λ)) */
  priorWeight: number;
  contributions: ComparisonContribution[];
  /** priorWeight + Σ contributions[].weight */
  matchWeight: number;
  matchProbability: number;
}

export type MatchStatus = 'matched' | 'review' | 'none';

/** The best right-hand row for one left row (linking two lists). */
export interface BestMatch {
  leftId: string;
  rightId: string | null;
  matchProbability: number;
  status: MatchStatus;
  /** Why a row is in review: its probability is between the thresholds, or a second candidate is nearly as good. */
  reason?: 'uncertain' | 'ambiguous';
  secondId?: string;
  secondProbability?: number;
}

export interface LinkageOptions {
  /** Pairs at or above this match probability are reported and clustered (default 0.95). */
  threshold?: number;
  /** Linking: best matches at or above this and below `threshold` go to review (default 0.5). */
  reviewThreshold?: number;
  /** Blocking rules, e.g. `['name+dob.year', 'phone']` (default: chosen from the fields). */
  blocking?: string[];
  /** The rules whose pairs EM learns m from (default: `name`, `dob`, `phone`, `id`, one key each, as the fields allow). */
  trainingBlocking?: string[];
  /** Blocks with more pairs than this are skipped and reported (default 1,000,000 pairs). */
  maxBlockPairs?: number;
  /** Random pairs sampled to estimate u (default 2,000,000). */
  randomPairs?: number;
  /** Most pairs sampled from a training rule's blocks for its EM session (default 2,000,000). */
  maxTrainingPairs?: number;
  /** EM stops when no m moves more than this (default 1e-5) or after `maxIterations` (default 100). */
  tolerance?: number;
  maxIterations?: number;
  /** Term-frequency adjustments on names and other exact-value levels (default true). */
  termFrequency?: boolean;
  /** Deduplication: most records in one cluster (default 20). */
  maxClusterSize?: number;
  /** Deduplication: clusters merge only when every cross pair scores at least this (default 0.5). */
  clusterMinProbability?: number;
  /** Use this model instead of training one. */
  model?: LinkageModel;
  /** Seed of the random pair sample (default 6). */
  seed?: number;
  onProgress?: (p: LinkageProgress) => void;
}

export interface LinkageProgress {
  phase: 'blocking' | 'comparing' | 'sampling' | 'training' | 'scoring' | 'clustering';
  done: number;
  total: number;
}

export interface BlockingRuleStats {
  rule: string;
  /** New pairs this rule added (pairs already found by an earlier rule are not counted again). */
  pairs: number;
  /** Pairs its blocks hold in all (before removing those of earlier rules). */
  blockPairs: number;
  skippedBlocks: number;
  skippedPairs: number;
}

export interface LinkageStats {
  mode: 'dedupe' | 'link';
  leftRows: number;
  rightRows: number;
  /** Pairs a full comparison would need (n(n−1)/2 or nL·nR). */
  possiblePairs: number;
  /** Candidate pairs compared after blocking (the union of the rules, each pair once). */
  comparisons: number;
  blocking: BlockingRuleStats[];
  pairsAboveThreshold: number;
  /** Σ match probability over all compared pairs: the expected number of matches found. */
  expectedMatches: number;
  seconds: Record<string, number>;
}

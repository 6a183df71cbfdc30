// Record linkage (Fellegi–Sunter, parameters learnt by EM): duplicate detection in one list and
// linking an outside list to the registry. Pure computation, no database: callers bring rows.
// See README.md in this folder.
export { RecordTable, runLinkage, bestMatches, DEFAULTS as LINKAGE_DEFAULTS } from './engine.ts';
export type { LinkageRun } from './engine.ts';
export { readCsvInto } from './csv.ts';
export type { CsvReadOptions } from './csv.ts';
export { parseFieldSpecs, validateFieldSpecs } from './fields.ts';
export { probability as matchProbability, weightOfProbability } from './score.ts';
export type { Clusters } from './cluster.ts';
export { FIELD_KINDS } from './linkage.types.ts';
export type {
  BestMatch,
  BlockingRuleStats,
  ComparisonContribution,
  FieldKind,
  FieldSpec,
  LinkageModel,
  LinkageOptions,
  LinkageProgress,
  LinkageStats,
  MatchStatus,
  ModelComparison,
  ModelLevel,
  PairExplanation,
} from './linkage.types.ts';

// Measuring linkage: pairwise quality against a ground truth, and synthetic outside lists made
// from registry records (used by the tests and `npm run bench`).
export { clusterIdPairs, pairQuality } from './evaluate.ts';
export type { PairQuality } from './evaluate.ts';
export { makeOutsideList, OUTSIDE_COLUMNS, OUTSIDE_FIELDS, REGISTRY_COLUMNS } from './fixtures/outside-list.ts';
export type { OutsideListOptions, OutsideRow, SourcePerson } from './fixtures/outside-list.ts';

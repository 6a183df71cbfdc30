// The "no duplicate persons" rule: the record-linkage engine (./../linkage, Fellegi–Sunter with
// weights learnt by EM) over the registry's people. A full pass links everyone and groups pairs
// into persons; between passes a changed person is scored against the people a name search finds,
// with the model the last pass learnt. One finding per extra record of a person, on the record
// that should most likely retire, pointing at the one to keep.
import { RecordTable, runLinkage, type FieldSpec, type LinkageModel, type PairExplanation } from '../linkage/index.ts';
import type { PersonScanRecord } from '../../registry/index.ts';

/** What the linkage compares, as the registry holds it. */
export const LINK_FIELDS: FieldSpec[] = [
  { kind: 'full_name', name: 'full_name', column: 'fullName' },
  { kind: 'dob', name: 'dob', column: 'birthDate' },
  { kind: 'sex', name: 'sex', column: 'sex' },
  { kind: 'id_number', name: 'id_number', column: 'oldId' },
  { kind: 'phone', name: 'phone', column: 'phone' },
  { kind: 'commune', name: 'commune', column: 'commune' },
  { kind: 'address', name: 'address', column: 'address' },
];

/** A person reduced to what linkage needs, plus what decides which of two records to keep. */
export interface LinkRow {
  pid: string;
  fullName: string;
  birthDate: string;
  sex: string;
  oldId: string | null;
  phone: string | null;
  commune: string | null;
  address: string | null;
  fatherPid: string | null;
  motherPid: string | null;
  /** How much the record carries (household, cards, links): the fuller record is kept. */
  substance: number;
  createdAt: string;
}

export function linkRow(r: PersonScanRecord, commune: string | null): LinkRow {
  const res = r.residences.find((x) => x.kind === 'permanent') ?? r.residences[0];
  return {
    pid: r.pid,
    fullName: r.fullName,
    birthDate: r.birthDate,
    sex: r.sex,
    oldId: r.oldId,
    phone: r.phone,
    commune,
    address: res?.detail ?? res?.legacyAddress ?? null,
    fatherPid: r.fatherPid,
    motherPid: r.motherPid,
    substance: (r.household ? 4 : 0) + (r.idCards.length ? 2 : 0) + (r.spousePid ? 1 : 0) + (res?.communeCode ? 1 : 0),
    createdAt: r.createdAt,
  };
}

export interface DuplicateFound {
  /** The record to retire … */
  pid: string;
  /** … into this one. */
  keepPid: string;
  probability: number;
  explanation: PairExplanation;
}

/**
 * Two children of the same parent with full birth dates that cannot be one date mistyped (equal,
 * day and month swapped, or one digit off) are siblings, not one person twice. Parent links are
 * left out of the linkage itself: siblings agree on parents, family name, address and commune at
 * once, which the independence the weights assume cannot express (they scored as duplicates).
 */
export function siblings(a: LinkRow, b: LinkRow): boolean {
  const sameParent = (a.fatherPid !== null && a.fatherPid === b.fatherPid) || (a.motherPid !== null && a.motherPid === b.motherPid);
  if (!sameParent) return false;
  const full = /^\d{4}-\d{2}-\d{2}$/;
  if (!full.test(a.birthDate) || !full.test(b.birthDate)) return false;
  if (a.birthDate === b.birthDate) return false;
  const [ya, ma, da] = a.birthDate.split('-');
  if (`${ya}-${da}-${ma}` === b.birthDate) return false;
  let diff = 0;
  for (let i = 0; i < a.birthDate.length; i++) if (a.birthDate[i] !== b.birthDate[i]) diff++;
  return diff > 1;
}

/** The record to keep: the fuller, then the older, then the lower number. */
function keeperFirst(a: LinkRow, b: LinkRow): number {
  return b.substance - a.substance || a.createdAt.localeCompare(b.createdAt) || a.pid.localeCompare(b.pid);
}

function table(rows: readonly LinkRow[], right?: readonly LinkRow[]): RecordTable {
  const t = new RecordTable(LINK_FIELDS);
  for (const r of rows) t.add(r.pid, r as unknown as Record<string, unknown>);
  if (right) {
    t.startRight();
    for (const r of right) t.add(r.pid, r as unknown as Record<string, unknown>);
  }
  return t;
}

export interface FullLinkage {
  found: DuplicateFound[];
  /** The model learnt (none when there were fewer than two records). */
  model: LinkageModel | undefined;
  stats: Record<string, unknown>;
}

/** Everyone against everyone (by blocking): clusters of records of one person. */
export function findDuplicates(rows: readonly LinkRow[], opts: { threshold: number; model?: LinkageModel | undefined; onProgress?: (phase: string, done: number, total: number) => void }): FullLinkage {
  if (rows.length < 2) return { found: [], model: undefined, stats: { rows: rows.length } };
  const run = runLinkage(table(rows), {
    threshold: opts.threshold,
    ...(opts.model ? { model: opts.model } : {}),
    ...(opts.onProgress ? { onProgress: (p) => opts.onProgress!(p.phase, p.done, p.total) } : {}),
  });
  const members = new Map<number, number[]>();
  const of = run.clusters!.of;
  for (let i = 0; i < of.length; i++) {
    if (of[i] === i) continue;
    const root = of[i]!;
    const list = members.get(root) ?? [root];
    list.push(i);
    members.set(root, list);
  }
  const found: DuplicateFound[] = [];
  for (const list of members.values()) {
    const sorted = [...list].sort((a, b) => keeperFirst(rows[a]!, rows[b]!));
    const keep = sorted[0]!;
    for (const i of sorted.slice(1)) {
      if (siblings(rows[i]!, rows[keep]!)) continue;
      const explanation = run.explain(i, keep);
      found.push({ pid: rows[i]!.pid, keepPid: rows[keep]!.pid, probability: explanation.matchProbability, explanation });
    }
  }
  return { found, model: run.model, stats: { ...run.stats, clusters: run.clusters!.count, refusedMerges: run.clusters!.refused } };
}

/** One changed person against candidates, with a learnt model: the candidates it duplicates. */
export function duplicatesOf(row: LinkRow, candidates: readonly LinkRow[], opts: { threshold: number; model: LinkageModel }): DuplicateFound[] {
  const others = candidates.filter((c) => c.pid !== row.pid);
  if (!others.length) return [];
  // term frequencies of a few dozen rows say nothing about the population: scored without them
  const run = runLinkage(table([row], others), { threshold: opts.threshold, model: opts.model, termFrequency: false });
  const out: DuplicateFound[] = [];
  for (const p of run.pairsAbove(opts.threshold)) {
    const other = others[p.right - 1]!;
    if (siblings(row, other)) continue;
    const [retire, keep] = keeperFirst(row, other) <= 0 ? [other, row] : [row, other];
    const explanation = retire === row ? run.explain(p.left, p.right) : swap(run.explain(p.left, p.right));
    out.push({ pid: retire.pid, keepPid: keep.pid, probability: p.probability, explanation });
  }
  return out;
}

function swap(e: PairExplanation): PairExplanation {
  return { ...e, leftId: e.rightId, rightId: e.leftId };
}

/** The evidence a duplicate finding shows: probability and what each comparison contributed. */
export function duplicateEvidence(d: DuplicateFound): Record<string, unknown> {
  const pct = Math.min(d.probability * 100, 99.99).toFixed(2);
  return {
    relatedPid: d.keepPid,
    probability: Math.round(d.probability * 10_000) / 10_000,
    // as people read it (a probability that rounds to 1 is shown as 99.99 %, never as certain)
    probabilityText: { vi: `${pct.replace('.', ',')} %`, en: `${pct} %` },
    matchWeight: Math.round(d.explanation.matchWeight * 100) / 100,
    contributions: d.explanation.contributions.map((c) => ({ comparison: c.comparison, level: c.level, label: c.label, weight: Math.round(c.weight * 100) / 100 })),
  };
}

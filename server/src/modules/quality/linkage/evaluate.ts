// Measuring linkage against a ground truth: precision, recall and F1 over pairs of record ids.

export interface PairQuality {
  predicted: number;
  truth: number;
  truePositives: number;
  precision: number;
  recall: number;
  f1: number;
}

const key = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

/** Pairwise quality: a predicted pair is right when the truth holds it (in either order). */
export function pairQuality(predicted: Iterable<readonly [string, string]>, truth: Iterable<readonly [string, string]>): PairQuality {
  const t = new Set<string>();
  for (const [a, b] of truth) if (a !== b) t.add(key(a, b));
  const seen = new Set<string>();
  let tp = 0;
  for (const [a, b] of predicted) {
    if (a === b) continue;
    const k = key(a, b);
    if (seen.has(k)) continue;
    seen.add(k);
    if (t.has(k)) tp++;
  }
  const precision = seen.size ? tp / seen.size : 1;
  const recall = t.size ? tp / t.size : 1;
  return { predicted: seen.size, truth: t.size, truePositives: tp, precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}

/** Every pair of ids that share a cluster (what a clustering claims are duplicates). */
export function* clusterIdPairs(ids: readonly string[], clusterOf: Int32Array): Generator<[string, string]> {
  const members = new Map<number, number[]>();
  for (let i = 0; i < clusterOf.length; i++) {
    const c = clusterOf[i]!;
    if (c === i && !members.has(c)) continue; // alone so far; added below if someone joins
    let list = members.get(c);
    if (!list) members.set(c, (list = [c]));
    list.push(i);
  }
  for (const list of members.values()) for (let a = 0; a < list.length; a++) for (let b = a + 1; b < list.length; b++) yield [ids[list[a]!]!, ids[list[b]!]!];
}

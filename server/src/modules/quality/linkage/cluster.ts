// Clustering pairs into entities (one list): union–find over the pairs above the threshold, the
// strongest first, with a guard against chaining. Plain connected components would join A and C
// through B when A~B and B~C are both likely but A and C are plainly different people (two
// namesakes born the same day, each close to a misspelt record); here two clusters merge only if
// every pair across them still scores at least `minCrossWeight` when compared directly, and no
// cluster grows past `maxClusterSize`.

export interface ClusterOptions {
  thresholdWeight: number;
  minCrossWeight: number;
  maxClusterSize: number;
  /** Weight of any two rows (compared directly; most cross pairs were never a candidate pair). */
  weightOf(i: number, j: number): number;
}

export interface Clusters {
  /** Per row: its cluster id, the smallest row index in the cluster (a row alone is its own cluster). */
  of: Int32Array;
  /** Clusters with two rows or more. */
  count: number;
  /** Merges refused by the chaining guard or the size limit. */
  refused: number;
}

export function clusterPairs(n: number, left: Int32Array, right: Int32Array, weight: ArrayLike<number>, opts: ClusterOptions): Clusters {
  const parent = new Int32Array(n);
  const size = new Int32Array(n).fill(1);
  const next = new Int32Array(n).fill(-1); // members as a linked list from the root
  const tail = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    parent[i] = i;
    tail[i] = i;
  }
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const edges: number[] = [];
  for (let k = 0; k < left.length; k++) if (weight[k]! >= opts.thresholdWeight) edges.push(k);
  edges.sort((a, b) => weight[b]! - weight[a]! || a - b);
  let refused = 0;
  for (const k of edges) {
    const a = find(left[k]!);
    const b = find(right[k]!);
    if (a === b) continue;
    if (size[a]! + size[b]! > opts.maxClusterSize) {
      refused++;
      continue;
    }
    if (size[a]! + size[b]! > 2 && !allCrossPairsHold(a, b)) {
      refused++;
      continue;
    }
    const [big, small] = size[a]! >= size[b]! ? [a, b] : [b, a];
    parent[small] = big;
    size[big]! += size[small]!;
    next[tail[big]!] = small;
    tail[big] = tail[small]!;
  }
  function allCrossPairsHold(a: number, b: number): boolean {
    for (let x = a; x >= 0; x = next[x]!) for (let y = b; y >= 0; y = next[y]!) if (opts.weightOf(Math.min(x, y), Math.max(x, y)) < opts.minCrossWeight) return false;
    return true;
  }
  const of = new Int32Array(n);
  const smallest = new Int32Array(n).fill(-1);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const r = find(i);
    if (smallest[r] === -1) {
      smallest[r] = i;
      if (size[r]! > 1) count++;
    }
    of[i] = smallest[r]!;
  }
  return { of, count, refused };
}

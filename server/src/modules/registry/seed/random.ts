// A small seeded PRNG (sfc32, seeded through splitmix32) so a population is the same for the same
// seed on every machine. Never Math.random.
export interface Rng {
  next(): number;
  int(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(xs: readonly T[]): T;
  weighted<T>(items: readonly T[], weight: (t: T) => number): T;
  /** A child generator, independent of later draws from this one. */
  fork(label: number): Rng;
}

function splitmix32(a: number): () => number {
  return () => {
    a |= 0;
    a = (a + 0x9e3779b9) | 0;
    let t = a ^ (a >>> 16);
    t = Math.imul(t, 0x21f0aaad);
    t = t ^ (t >>> 15);
    t = Math.imul(t, 0x735a2d97);
    return (t ^ (t >>> 15)) >>> 0;
  };
}

export function createRng(seed: number): Rng {
  const sm = splitmix32(seed);
  let a = sm();
  let b = sm();
  let c = sm();
  let d = sm();
  const next = () => {
    a |= 0;
    b |= 0;
    c |= 0;
    d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  const cache = new WeakMap<readonly unknown[], { total: number; cum: number[] }>();
  const rng: Rng = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (xs) => xs[Math.floor(next() * xs.length)]!,
    weighted(items, weight) {
      let c2 = cache.get(items);
      if (!c2) {
        const cum: number[] = [];
        let total = 0;
        for (const it of items) cum.push((total += weight(it)));
        c2 = { total, cum };
        cache.set(items, c2);
      }
      const x = next() * c2.total;
      let lo = 0;
      let hi = c2.cum.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (c2.cum[mid]! > x) hi = mid;
        else lo = mid + 1;
      }
      return items[lo]!;
    },
    fork: (label) => createRng((Math.imul(seed ^ 0x5bd1e995, 31) + label * 0x27d4eb2d) | 0),
  };
  return rng;
}

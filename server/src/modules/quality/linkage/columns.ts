// Compact storage for a million rows: strings interned to integer ids (0 = empty), typed arrays
// that grow by doubling while rows stream in.

export class Interner {
  readonly #ids = new Map<string, number>();
  /** strings[id]; strings[0] = '' (no value). */
  readonly strings: string[] = [''];

  id(s: string): number {
    if (!s) return 0;
    let id = this.#ids.get(s);
    if (id === undefined) {
      id = this.strings.length;
      this.strings.push(s);
      this.#ids.set(s, id);
    }
    return id;
  }

  /** The id of a string already seen, 0 otherwise (never adds). */
  find(s: string): number {
    return this.#ids.get(s) ?? 0;
  }

  get size(): number {
    return this.strings.length;
  }
}

type TypedCtor<T> = { new (n: number): T };

/** A typed array that grows as values are pushed; `view()` is the filled part (no copy). */
export class Growable<T extends Int32Array | Uint8Array | Int16Array | Float32Array | Float64Array | Uint32Array> {
  #a: T;
  #n = 0;
  readonly #ctor: TypedCtor<T>;
  constructor(ctor: TypedCtor<T>, capacity = 1024) {
    this.#ctor = ctor;
    this.#a = new ctor(capacity);
  }
  push(v: number): void {
    if (this.#n === this.#a.length) this.#grow(this.#n * 2);
    this.#a[this.#n++] = v;
  }
  get length(): number {
    return this.#n;
  }
  #grow(cap: number): void {
    const b = new this.#ctor(Math.max(cap, 16));
    b.set(this.#a.subarray(0, this.#n) as never);
    this.#a = b;
  }
  /** The pushed values (a view that stays valid until the next push). */
  view(): T {
    return this.#a.subarray(0, this.#n) as T;
  }
  /** A right-sized copy; the builder can be dropped afterwards. */
  finish(): T {
    const b = new this.#ctor(this.#n);
    b.set(this.#a.subarray(0, this.#n) as never);
    return b;
  }
}

/**
 * Pairs of rows sharing the same non-empty key (`same`) among the pairs where both rows have one
 * (`total`): ordered pairs within one list, left × right pairs between two. `group` (optional,
 * > 0) restricts pairs to rows of the same group (e.g. 12- vs 9-digit ID numbers).
 */
export function equalKeyPairs(keys: Int32Array, size: number, nLeft: number, twoLists: boolean, group?: Uint8Array): { same: number; total: number } {
  const n = keys.length;
  if (!twoLists) {
    const counts = new Int32Array(size);
    const perGroup = new Float64Array(8);
    for (let i = 0; i < n; i++) {
      const k = keys[i]!;
      if (!k) continue;
      counts[k]!++;
      perGroup[group ? group[i]! : 0]!++;
    }
    let same = 0;
    for (let v = 1; v < size; v++) {
      const c = counts[v]!;
      if (c > 1) same += c * (c - 1);
    }
    let total = 0;
    for (const m of perGroup) total += m * (m - 1);
    return { same, total };
  }
  const cl = new Int32Array(size);
  const cr = new Int32Array(size);
  const gl = new Float64Array(8);
  const gr = new Float64Array(8);
  for (let i = 0; i < n; i++) {
    const k = keys[i]!;
    if (!k) continue;
    if (i < nLeft) {
      cl[k]!++;
      gl[group ? group[i]! : 0]!++;
    } else {
      cr[k]!++;
      gr[group ? group[i]! : 0]!++;
    }
  }
  let same = 0;
  for (let v = 1; v < size; v++) same += cl[v]! * cr[v]!;
  let total = 0;
  for (let g = 0; g < 8; g++) total += gl[g]! * gr[g]!;
  return { same, total };
}

/** How likely two records (both with a key) share the same key: `equalKeyPairs` as a probability. */
export function equalKeyProbability(keys: Int32Array, size: number, nLeft: number, twoLists: boolean, group?: Uint8Array): number {
  const { same, total } = equalKeyPairs(keys, size, nLeft, twoLists, group);
  return total > 0 ? same / total : 0;
}

/** Per row: the share of non-empty rows (both lists together) holding the same key (term frequency). */
export function termFrequencies(keys: Int32Array, size: number): Float32Array {
  const counts = new Int32Array(size);
  let m = 0;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    if (k) {
      counts[k]!++;
      m++;
    }
  }
  const tf = new Float32Array(keys.length);
  if (!m) return tf;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    if (k) tf[i] = counts[k]! / m;
  }
  return tf;
}

// Comparisons: for a pair of rows, which level of agreement they reach on one attribute (name,
// date of birth, …). Each comparison keeps its own columns (typed arrays, interned strings), the
// blocking keys it offers, the u of its exact-value levels computed from value frequencies, and
// the term frequencies of the values those levels agree on.
import { jaroWinkler } from '@open06/kernel';
import { loadAdminUnits } from '@open06/kernel/admin-units';
import { equalKeyPairs, equalKeyProbability, Growable, Interner, termFrequencies } from './columns.ts';
import type { FieldSpec } from './linkage.types.ts';
import { addressTokens, nameForms, normalizeCommuneCode, normalizeIdNumber, normalizePhone, oneDigitOff, parseDob, parseSex, partsForms, withinOneEdit } from './normalize.ts';

export interface Level {
  id: string;
  label: string;
  /** u replaced per value by the value's term frequency. */
  tf: boolean;
}

export interface Comparison {
  readonly name: string;
  readonly kind: string;
  /** Index 0 is the null level (a side has no value). */
  readonly levels: readonly Level[];
  /** The level two rows reach (0 = null). The first level that holds wins. */
  level(i: number, j: number): number;
  /** u of the leading levels computed exactly from value frequencies (index = level; index 0 unused). */
  readonly exactU: readonly number[];
  /** Per level with `tf`: each row's term frequency of the agreed key, and the key's P(equal) over pairs. */
  readonly tf: readonly (Float32Array | null)[];
  readonly tfBase: readonly number[];
  /** Blocking keys (0 = no key), each < 2^26. */
  readonly keys: ReadonlyMap<string, Int32Array>;
  /** Further values of a blocking key for some rows (row, value), e.g. every current commune a legacy code may mean. */
  readonly extraKeys?: ReadonlyMap<string, { rows: Int32Array; values: Int32Array }>;
  /** The value a row holds, as shown in explanations. */
  value(i: number): string;
}

export interface ComparisonBuilder {
  add(row: readonly string[]): void;
  build(nLeft: number, twoLists: boolean): Comparison;
}

const NULL_LEVEL: Level = { id: 'null', label: 'a side has no value', tf: false };
const lv = (id: string, label: string, tf = false): Level => ({ id, label, tf });

// ───────────────────────────── names ─────────────────────────────

export const NAME_LEVELS: Level[] = [
  NULL_LEVEL,
  lv('exact', 'same name, diacritics included', true),
  lv('folded', 'same, one written without diacritics', true),
  lv('accents_differ', 'same letters, different diacritics (Thủy / Thúy)', true),
  lv('telex', 'same once telex leftovers are repaired (Nguyeexn = Nguyễn)', true),
  lv('reordered', 'same words in another order (family and given swapped)', true),
  lv('middle_dropped', 'same family and given name, no middle name on one side', true),
  lv('one_edit', 'one typing error apart'),
  lv('middle_differs', 'same family and given name, other middle name (or part of it left out)', true),
  lv('jw_parts_0.92', 'family and given names each Jaro–Winkler ≥ 0.92'),
  lv('jw_parts_0.8', 'family and given names each Jaro–Winkler ≥ 0.8'),
  lv('else', 'different'),
];

/** A full name column, or family / middle / given columns (indices into the row; -1 = absent). */
export function nameBuilder(src: { full: number } | { family: number; middle: number; given: number }): ComparisonBuilder {
  const s = new Interner();
  const cols = Array.from({ length: 8 }, () => new Growable(Int32Array));
  const diac = new Growable(Uint8Array);
  // raw text → the ids (names repeat a lot: one normalisation per distinct spelling)
  const cache = new Map<string, Int32Array>();
  const cell = (row: readonly string[], i: number) => (i >= 0 ? (row[i] ?? '') : '');
  return {
    add(row) {
      const raw = 'full' in src ? cell(row, src.full) : `${cell(row, src.family)}\u0001${cell(row, src.middle)}\u0001${cell(row, src.given)}`;
      let ids = cache.get(raw);
      if (!ids) {
        const f = 'full' in src ? nameForms(raw) : partsForms(cell(row, src.family), cell(row, src.middle), cell(row, src.given));
        ids = Int32Array.of(s.id(f.exact), s.id(f.folded), s.id(f.norm), s.id(f.sorted), f.norm ? s.id(`${f.family}|${f.given}`) : 0, s.id(f.family), s.id(f.given), s.id(f.middle), f.exact && f.exact !== f.folded ? 1 : 0);
        if (cache.size > 2_000_000) cache.clear();
        cache.set(raw, ids);
      }
      for (let k = 0; k < 8; k++) cols[k]!.push(ids[k]!);
      diac.push(ids[8]!);
    },
    build(nLeft, two) {
      const [E, F, N, S, FG, FA, GI, MI] = cols.map((c) => c.finish()) as [Int32Array, Int32Array, Int32Array, Int32Array, Int32Array, Int32Array, Int32Array, Int32Array];
      const D = diac.finish();
      const str = s.strings;
      const size = s.size;
      // u of the exact-value levels, counted from the value frequencies
      const pairs = (k: Int32Array) => equalKeyPairs(k, size, nLeft, two).same;
      const onlyWithDiacritics = (k: Int32Array) => k.map((v, i) => (D[i] ? v : 0));
      const total = equalKeyPairs(E, size, nLeft, two).total || 1;
      const [sE, sF, sN, sS, sFG] = [E, F, N, S, FG].map(pairs) as [number, number, number, number, number];
      const sEd = pairs(onlyWithDiacritics(E));
      const sFd = pairs(onlyWithDiacritics(F));
      const exactU = [0, sE, sF - sFd - (sE - sEd), sFd - sEd, sN - sF, sS - sN].map((x) => Math.max(0, x) / total);
      const tfE = termFrequencies(E, size);
      const tfF = termFrequencies(F, size);
      const tfFG = termFrequencies(FG, size);
      const tf = [null, tfE, tfF, tfF, termFrequencies(N, size), termFrequencies(S, size), tfFG, null, tfFG, null, null, null];
      const tfBase = [0, sE / total, sF / total, sF / total, sN / total, sS / total, sFG / total, 0, sFG / total, 0, 0, 0];
      // Jaro–Winkler of family and given names, remembered per pair of words (few distinct words)
      const jwCache = new Map<number, number>();
      const jw = (a: number, b: number): number => {
        if (a === b) return 1;
        const k = a < b ? a * 67108864 + b : b * 67108864 + a;
        let v = jwCache.get(k);
        if (v === undefined) {
          v = jaroWinkler(str[a]!, str[b]!);
          if (jwCache.size > 4_000_000) jwCache.clear();
          jwCache.set(k, v);
        }
        return v;
      };
      return {
        name: 'name',
        kind: 'name',
        levels: NAME_LEVELS,
        exactU,
        tf,
        tfBase,
        keys: new Map([
          ['name', S],
          ['name.given', GI],
          ['name.family', FA],
          ['name.fg', FG],
        ]),
        value: (i) => str[E[i]!]!,
        level(i, j) {
          const a = E[i]!;
          const b = E[j]!;
          if (!a || !b) return 0;
          if (a === b) return 1;
          if (F[i] === F[j]) return D[i] && D[j] ? 3 : 2;
          const ni = N[i]!;
          const nj = N[j]!;
          if (ni === nj) return 4;
          if (S[i] === S[j]) return 5;
          const sameFG = FG[i] === FG[j];
          if (sameFG && (!MI[i] || !MI[j])) return 6;
          if (withinOneEdit(str[ni]!, str[nj]!)) return 7;
          if (sameFG) return 8;
          const g = jw(GI[i]!, GI[j]!);
          if (g < 0.8) return 11;
          const f = jw(FA[i]!, FA[j]!);
          if (g >= 0.92 && f >= 0.92) return 9;
          return f >= 0.8 ? 10 : 11;
        },
      };
    },
  };
}

// ───────────────────────────── dates of birth ─────────────────────────────

export const DOB_LEVELS: Level[] = [
  NULL_LEVEL,
  lv('exact', 'same date'),
  lv('partial_agrees', 'one date has only a year (or month and year) and they agree on it'),
  lv('day_month_swapped', 'day and month swapped'),
  lv('one_digit', 'one digit different or two neighbouring digits swapped'),
  lv('same_year', 'same year, other day'),
  lv('else', 'different'),
];

export function dobBuilder(col: number): ComparisonBuilder {
  const Y = new Growable(Int16Array);
  const M = new Growable(Uint8Array);
  const D = new Growable(Uint8Array);
  // raw text → yyyymmdd with 00 for an unknown month or day (unreadable dates count as missing)
  const cache = new Map<string, number>();
  return {
    add(row) {
      const raw = row[col] ?? '';
      let packed = cache.get(raw);
      if (packed === undefined) {
        const d = parseDob(raw);
        packed = d ? d.year * 10000 + d.month * 100 + d.day : 0;
        if (cache.size > 500_000) cache.clear();
        cache.set(raw, packed);
      }
      Y.push(Math.floor(packed / 10000));
      M.push(Math.floor(packed / 100) % 100);
      D.push(packed % 100);
    },
    build(nLeft, two) {
      const y = Y.finish();
      const m = M.finish();
      const d = D.finish();
      const n = y.length;
      const full = new Int32Array(n);
      const year = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        if (!y[i]) continue;
        year[i] = y[i]!;
        if (d[i]) full[i] = (y[i]! - 999) * 416 + m[i]! * 32 + d[i]!;
      }
      const digits = (i: number) => y[i]! * 10000 + m[i]! * 100 + d[i]!;
      const p2 = (x: number) => String(x).padStart(2, '0');
      return {
        name: 'dob',
        kind: 'dob',
        levels: DOB_LEVELS,
        exactU: [0, fullDateEqualProbability(full, year, nLeft, two)],
        tf: [],
        tfBase: [],
        keys: new Map([
          ['dob', full],
          ['dob.year', year],
        ]),
        value: (i) => (!y[i] ? '' : d[i] ? `${y[i]}-${p2(m[i]!)}-${p2(d[i]!)}` : m[i] ? `${y[i]}-${p2(m[i]!)}` : `${y[i]}`),
        level(i, j) {
          const yi = y[i]!;
          const yj = y[j]!;
          if (!yi || !yj) return 0;
          const di = d[i]!;
          const dj = d[j]!;
          const mi = m[i]!;
          const mj = m[j]!;
          if (di && dj) {
            if (yi === yj && mi === mj && di === dj) return 1;
            if (yi === yj && mi === dj && di === mj) return 3;
            if (digitOff(digits(i), digits(j))) return 4;
            return yi === yj ? 5 : 6;
          }
          return yi === yj && (!mi || !mj || mi === mj) ? 2 : 6;
        },
      };
    },
  };
}

/** P(both full and equal) among pairs where both dates are present (full or partial). */
function fullDateEqualProbability(full: Int32Array, year: Int32Array, nLeft: number, two: boolean): number {
  const pFullEq = equalKeyProbability(full, 9002 * 416, nLeft, two);
  // that is among pairs where both dates are full: rescale to pairs where both have a date
  const count = (from: number, to: number, key: Int32Array) => {
    let c = 0;
    for (let i = from; i < to; i++) if (key[i]) c++;
    return c;
  };
  const n = full.length;
  if (!two) {
    const fulls = count(0, n, full);
    const any = count(0, n, year);
    return any > 1 ? (pFullEq * fulls * (fulls - 1)) / (any * (any - 1)) : 0;
  }
  const fl = count(0, nLeft, full);
  const fr = count(nLeft, n, full);
  const al = count(0, nLeft, year);
  const ar = count(nLeft, n, year);
  return al && ar ? (pFullEq * fl * fr) / (al * ar) : 0;
}

/** yyyymmdd numbers that differ in one digit, or in two neighbouring digits swapped. */
export function digitOff(a: number, b: number): boolean {
  let diffs = 0;
  let p1 = -1;
  let p2 = -1;
  let a1 = 0;
  let b1 = 0;
  let a2 = 0;
  let b2 = 0;
  for (let k = 0; k < 8; k++) {
    const x = a % 10;
    const y = b % 10;
    a = (a - x) / 10;
    b = (b - y) / 10;
    if (x === y) continue;
    diffs++;
    if (diffs === 1) [p1, a1, b1] = [k, x, y];
    else if (diffs === 2) [p2, a2, b2] = [k, x, y];
    else return false;
  }
  return diffs === 1 || (diffs === 2 && p2 === p1 + 1 && a1 === b2 && a2 === b1);
}

// ───────────────────────────── sex ─────────────────────────────

export const SEX_LEVELS: Level[] = [NULL_LEVEL, lv('same', 'same sex'), lv('else', 'different')];

export function sexBuilder(col: number): ComparisonBuilder {
  const X = new Growable(Uint8Array);
  return {
    add(row) {
      X.push(parseSex(row[col] ?? ''));
    },
    build(nLeft, two) {
      const x = X.finish();
      const key = Int32Array.from(x);
      return {
        name: 'sex',
        kind: 'sex',
        levels: SEX_LEVELS,
        exactU: [0, equalKeyProbability(key, 3, nLeft, two)],
        tf: [],
        tfBase: [],
        keys: new Map([['sex', key]]),
        value: (i) => (x[i] === 1 ? 'M' : x[i] === 2 ? 'F' : ''),
        level(i, j) {
          const a = x[i]!;
          const b = x[j]!;
          if (!a || !b) return 0;
          return a === b ? 1 : 2;
        },
      };
    },
  };
}

// ───────────────────────────── ID and phone numbers ─────────────────────────────

export const NUMBER_LEVELS: Level[] = [NULL_LEVEL, lv('exact', 'same number'), lv('one_digit', 'one digit different or two neighbouring digits swapped'), lv('else', 'different')];

/** Personal ID (12 digits) and old CMND (9 digits) are different numbers: a 12-digit and a 9-digit value are not compared. */
export function numberBuilder(kind: 'id_number' | 'phone', col: number): ComparisonBuilder {
  const s = new Interner();
  const K = new Growable(Int32Array);
  const G = new Growable(Uint8Array);
  return {
    add(row) {
      const raw = row[col] ?? '';
      const v = kind === 'phone' ? normalizePhone(raw) : normalizeIdNumber(raw);
      K.push(s.id(v));
      G.push(!v ? 0 : kind === 'phone' ? 1 : v.length === 12 ? 1 : v.length === 9 ? 2 : 3);
    },
    build(nLeft, two) {
      const k = K.finish();
      const g = G.finish();
      const str = s.strings;
      return {
        name: kind,
        kind,
        levels: NUMBER_LEVELS,
        exactU: [0, equalKeyProbability(k, s.size, nLeft, two, g)],
        tf: [],
        tfBase: [],
        keys: new Map([[kind === 'phone' ? 'phone' : 'id', k]]),
        value: (i) => str[k[i]!]!,
        level(i, j) {
          const a = k[i]!;
          const b = k[j]!;
          if (!a || !b || g[i] !== g[j]) return 0;
          if (a === b) return 1;
          return oneDigitOff(str[a]!, str[b]!) ? 2 : 3;
        },
      };
    },
  };
}

// ───────────────────────────── communes ─────────────────────────────

export const COMMUNE_LEVELS: Level[] = [
  NULL_LEVEL,
  lv('exact', 'same commune code'),
  lv('same_current', 'same current commune (a legacy code mapped to the units since 1/7/2025)'),
  lv('same_province', 'same province'),
  lv('else', 'different'),
];

/**
 * Current (5-digit) or legacy commune codes. Most current communes kept the code of one of the
 * communes they were formed from, so a code can be both. A list that holds any code that is only a
 * legacy one is read as a pre-2025 list: each of its codes also stands for the current commune(s)
 * the legacy commune became (several when it was divided). A list of current codes only is read as
 * current.
 */
export function communeBuilder(col: number): ComparisonBuilder {
  const units = loadAdminUnits();
  const s = new Interner();
  const R = new Growable(Int32Array);
  // per raw code id: primary current commune, province, legacy-only flag, and the set it may mean
  const primary: number[] = [0];
  const province: number[] = [0];
  const legacyOnly: boolean[] = [false];
  const expanded: (Int32Array | null)[] = [null];
  return {
    add(row) {
      const code = normalizeCommuneCode(row[col] ?? '');
      const id = s.id(code);
      if (id === primary.length) {
        const current = units.commune(code);
        const became = units.currentOfLegacyCommune(code).communes;
        const first = current ?? became[0];
        primary.push(first ? Number(first.code) : 0);
        province.push(first ? Number(first.provinceCode) : 0);
        legacyOnly.push(!current && became.length > 0);
        const set = [...new Set([...(current ? [Number(current.code)] : []), ...became.map((c) => Number(c.code))])];
        expanded.push(set.length > 1 ? Int32Array.from(set) : null);
      }
      R.push(id);
    },
    build(nLeft, two) {
      const raw = R.finish();
      const n = raw.length;
      const str = s.strings;
      const cur = new Int32Array(n);
      const prov = new Int32Array(n);
      const key = new Int32Array(n);
      let legacyLeft = false;
      let legacyRight = false;
      for (let i = 0; i < n; i++) {
        const r = raw[i]!;
        cur[i] = primary[r]!;
        prov[i] = province[r]!;
        key[i] = cur[i] ? cur[i]! : r ? 100_000 + r : 0;
        if (legacyOnly[r]) {
          if (i < nLeft) legacyLeft = true;
          else legacyRight = true;
        }
      }
      if (!two) legacyRight = legacyLeft;
      const setOf = (i: number): Int32Array | null => ((i < nLeft ? legacyLeft : legacyRight) ? expanded[raw[i]!]! : null);
      const sameCurrent = (i: number, j: number): boolean => {
        const a = cur[i]!;
        const b = cur[j]!;
        if (!a || !b) return false;
        if (a === b) return true;
        const A = setOf(i);
        const B = setOf(j);
        if (!A && !B) return false;
        if (!A) return B!.includes(a);
        if (!B) return A.includes(b);
        for (const x of A) if (B.includes(x)) return true;
        return false;
      };
      const extraRows = new Growable(Int32Array);
      const extraValues = new Growable(Int32Array);
      for (let i = 0; i < n; i++) {
        const set = setOf(i);
        if (!set) continue;
        for (const c of set) {
          if (c === cur[i]) continue;
          extraRows.push(i);
          extraValues.push(c);
        }
      }
      return {
        name: 'commune',
        kind: 'commune',
        levels: COMMUNE_LEVELS,
        extraKeys: new Map([['commune', { rows: extraRows.finish(), values: extraValues.finish() }]]),
        exactU: [0, equalKeyProbability(raw, s.size, nLeft, two)],
        tf: [],
        tfBase: [],
        keys: new Map([
          ['commune', key],
          ['province', prov],
        ]),
        value: (i) => str[raw[i]!]!,
        level(i, j) {
          const a = raw[i]!;
          const b = raw[j]!;
          if (!a || !b) return 0;
          if (a === b) return 1;
          if (sameCurrent(i, j)) return 2;
          return prov[i] && prov[i] === prov[j] ? 3 : 4;
        },
      };
    },
  };
}

// ───────────────────────────── addresses ─────────────────────────────

export const ADDRESS_LEVELS: Level[] = [
  NULL_LEVEL,
  lv('exact', 'same address (case, accents, punctuation and abbreviations ignored)', true),
  lv('same_numbers', 'same house numbers and nearly the same words'),
  lv('shares_words', 'at least half of the words shared'),
  lv('else', 'different'),
];

// Words every address has: they say nothing about which place it is.
const ADDRESS_STOP = new Set(['so', 'ngo', 'ngach', 'hem', 'kiet', 'duong', 'pho', 'thon', 'xom', 'ap', 'to', 'khupho', 'phuong', 'xa', 'quan', 'huyen', 'thanhpho', 'thixa', 'thitran', 'tinh', 'ban', 'khu', 'cum', 'lang', 'dac', 'nha']);

export function addressBuilder(col: number): ComparisonBuilder {
  const s = new Interner();
  const tokens = new Interner();
  const NORM = new Growable(Int32Array);
  const NUM = new Growable(Int32Array);
  const START = new Growable(Int32Array);
  const LEN = new Growable(Uint8Array);
  const pool = new Growable(Int32Array);
  const cache = new Map<string, [number, number, number, number]>();
  return {
    add(row) {
      const raw = row[col] ?? '';
      let c = cache.get(raw);
      if (!c) {
        const t = addressTokens(raw);
        const words = [...new Set(t.filter((w) => !ADDRESS_STOP.has(w)).map((w) => tokens.id(w)))].sort((a, b) => a - b).slice(0, 255);
        const start = pool.length;
        for (const w of words) pool.push(w);
        c = [s.id(t.join(' ')), s.id(t.filter((w) => /^\d+[a-z]?$/.test(w)).join(' ') || '#'), start, words.length];
        if (cache.size > 1_000_000) cache.clear();
        cache.set(raw, c);
      }
      NORM.push(c[0]);
      NUM.push(c[0] ? c[1] : 0);
      START.push(c[2]);
      LEN.push(c[3]);
    },
    build(nLeft, two) {
      const norm = NORM.finish();
      const num = NUM.finish();
      const start = START.finish();
      const len = LEN.finish();
      const words = pool.finish();
      const str = s.strings;
      const overlap = (i: number, j: number): number => {
        const la = len[i]!;
        const lb = len[j]!;
        if (!la || !lb) return 0;
        let a = start[i]!;
        let b = start[j]!;
        const ea = a + la;
        const eb = b + lb;
        let common = 0;
        while (a < ea && b < eb) {
          const x = words[a]!;
          const y = words[b]!;
          if (x === y) {
            common++;
            a++;
            b++;
          } else if (x < y) a++;
          else b++;
        }
        return common / Math.min(la, lb);
      };
      const p = equalKeyProbability(norm, s.size, nLeft, two);
      return {
        name: 'address',
        kind: 'address',
        levels: ADDRESS_LEVELS,
        exactU: [0, p],
        tf: [null, termFrequencies(norm, s.size)],
        tfBase: [0, p],
        keys: new Map([['address', norm]]),
        value: (i) => str[norm[i]!]!,
        level(i, j) {
          const a = norm[i]!;
          const b = norm[j]!;
          if (!a || !b) return 0;
          if (a === b) return 1;
          const o = overlap(i, j);
          if (num[i] === num[j] && o >= 0.8) return 2;
          return o >= 0.5 ? 3 : 4;
        },
      };
    },
  };
}

// ───────────────────────────── any text / any code ─────────────────────────────

export const TEXT_LEVELS: Level[] = [NULL_LEVEL, lv('exact', 'same text (case and accents ignored)', true), lv('jw_0.92', 'Jaro–Winkler ≥ 0.92'), lv('jw_0.8', 'Jaro–Winkler ≥ 0.8'), lv('else', 'different')];
export const EXACT_LEVELS: Level[] = [NULL_LEVEL, lv('exact', 'same value', true), lv('else', 'different')];

export function textBuilder(name: string, col: number, exact: boolean): ComparisonBuilder {
  const s = new Interner();
  const K = new Growable(Int32Array);
  const cache = new Map<string, number>();
  return {
    add(row) {
      const raw = row[col] ?? '';
      let id = cache.get(raw);
      if (id === undefined) {
        id = s.id(exact ? raw.trim() : foldText(raw));
        if (cache.size > 1_000_000) cache.clear();
        cache.set(raw, id);
      }
      K.push(id);
    },
    build(nLeft, two) {
      const k = K.finish();
      const str = s.strings;
      const p = equalKeyProbability(k, s.size, nLeft, two);
      return {
        name,
        kind: exact ? 'exact' : 'text',
        levels: exact ? EXACT_LEVELS : TEXT_LEVELS,
        exactU: [0, p],
        tf: [null, termFrequencies(k, s.size)],
        tfBase: [0, p],
        keys: new Map([[name, k]]),
        value: (i) => str[k[i]!]!,
        level(i, j) {
          const a = k[i]!;
          const b = k[j]!;
          if (!a || !b) return 0;
          if (a === b) return 1;
          if (exact) return 2;
          const w = jaroWinkler(str[a]!, str[b]!);
          return w >= 0.92 ? 2 : w >= 0.8 ? 3 : 4;
        },
      };
    },
  };
}

function foldText(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The comparisons for a set of fields (name parts become one name comparison), in a fixed order. */
export function comparisonBuilders(fields: readonly FieldSpec[]): ComparisonBuilder[] {
  const at = (kind: string) => fields.findIndex((f) => f.kind === kind);
  const out: ComparisonBuilder[] = [];
  const full = at('full_name');
  const parts = { family: at('family_name'), middle: at('middle_name'), given: at('given_name') };
  if (full >= 0) out.push(nameBuilder({ full }));
  else if (parts.family >= 0 || parts.given >= 0 || parts.middle >= 0) out.push(nameBuilder(parts));
  if (at('dob') >= 0) out.push(dobBuilder(at('dob')));
  if (at('sex') >= 0) out.push(sexBuilder(at('sex')));
  if (at('id_number') >= 0) out.push(numberBuilder('id_number', at('id_number')));
  if (at('phone') >= 0) out.push(numberBuilder('phone', at('phone')));
  if (at('commune') >= 0) out.push(communeBuilder(at('commune')));
  if (at('address') >= 0) out.push(addressBuilder(at('address')));
  fields.forEach((f, i) => {
    if (f.kind === 'text' || f.kind === 'exact') out.push(textBuilder(f.name, i, f.kind === 'exact'));
  });
  return out;
}

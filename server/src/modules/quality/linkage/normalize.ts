// Normal forms the comparisons work on: Vietnamese names with telex leftovers repaired, dates,
// phone and ID numbers, addresses as tokens, commune codes. Pure functions on one value each.
import { fold, nfc, parsePartialDate, splitFullName, toE164Vn } from '@open06/kernel';

/** The name as written, compared case-insensitively: NFC, lower case, single spaces. */
export function nameExact(s: string): string {
  return nfc(s).toLocaleLowerCase('vi').replace(/\s+/g, ' ').trim();
}

/**
 * One folded word with telex residue removed. Typing Vietnamese with the input method off (or
 * mistyped) leaves the telex keys in the word: `Nguyễn` → `Nguyeexn`, `Hoàng` → `Hoafng`,
 * `Trường` → `Truwowngf`, `Đức` → `DDuwsc`, or with the tone key last: `Nguyeenx`. A folded
 * Vietnamese syllable never has `w`, never has s/f/r/x/j after a vowel or at its end and never
 * doubles a/e/o or d, so removing those is safe for native names (foreign names are changed the
 * same way on both sides of a comparison).
 */
export function telexRepairWord(w: string): string {
  if (!/[wsfrxj]|aa|ee|oo|dd/.test(w)) return w;
  let r = w.replace(/w/g, '');
  r = r.replace(/([aeiouy])[sfrxj]+/g, '$1');
  // the tone key typed last, after the final consonant (Nguyeenx)
  if (r.length > 2 && /[sfrxj]$/.test(r) && /[aeiouy]/.test(r)) r = r.slice(0, -1);
  r = r.replace(/aa+/g, 'a').replace(/ee+/g, 'e').replace(/oo+/g, 'o').replace(/^dd+/, 'd');
  return r || w;
}

/** Folded, telex-repaired words of a name (what name keys are built from). */
export function nameWords(s: string): string[] {
  const f = fold(s).replace(/[^a-z0-9 ]+/g, ' ').trim();
  if (!f) return [];
  return f.split(/\s+/).map(telexRepairWord).filter(Boolean);
}

export interface NameForms {
  /** As written (case-insensitive), diacritics kept. */
  exact: string;
  /** Diacritics dropped. */
  folded: string;
  /** Diacritics dropped, telex leftovers repaired. */
  norm: string;
  /** The normalised words sorted: equal when only the order differs (family and given swapped). */
  sorted: string;
  family: string;
  middle: string;
  given: string;
}

const EMPTY_NAME: NameForms = { exact: '', folded: '', norm: '', sorted: '', family: '', middle: '', given: '' };

/** Forms of a full name, split by the kernel (compound family names like "Tôn Nữ" kept whole). */
export function nameForms(full: string): NameForms {
  const exact = nameExact(full);
  if (!exact) return EMPTY_NAME;
  const parts = splitFullName(exact);
  return partsForms(parts.family, parts.middle, parts.given);
}

/** Forms of a name given in separate columns (family, middle, given; any may be empty). */
export function partsForms(family: string, middle: string, given: string): NameForms {
  const exact = nameExact([family, middle, given].filter((x) => x.trim()).join(' '));
  if (!exact) return EMPTY_NAME;
  const fw = nameWords(family);
  const mw = nameWords(middle);
  const gw = nameWords(given);
  const all = [...fw, ...mw, ...gw];
  if (!all.length) return EMPTY_NAME;
  return {
    exact,
    folded: fold(exact),
    norm: all.join(' '),
    sorted: [...all].sort().join(' '),
    family: fw.join(' '),
    middle: mw.join(' '),
    given: gw.join(' '),
  };
}

export interface DateParts {
  year: number;
  /** 0 when unknown (year-only date). */
  month: number;
  /** 0 when unknown. */
  day: number;
}

/** ISO, dd/mm/yyyy, ddmmyyyy, yyyymmdd, mm/yyyy or a year alone; null when unreadable. */
export function parseDob(s: string): DateParts | null {
  const t = s.trim();
  if (!t) return null;
  // ISO timestamps from spreadsheets ("1990-05-12T00:00:00"): the date part
  const r = parsePartialDate(/^\d{4}-\d{2}-\d{2}T/.test(t) ? t.slice(0, 10) : t);
  if (!r.ok) return null;
  return { year: r.value.year, month: r.value.month ?? 0, day: r.value.day ?? 0 };
}

/** M, F or null: Nam/Nữ, M/F, male/female, any case and with or without diacritics. */
export function parseSex(s: string): 1 | 2 | 0 {
  const f = fold(s);
  if (f === 'm' || f === 'nam' || f === 'male' || f === 'trai') return 1;
  if (f === 'f' || f === 'nu' || f === 'female' || f === 'gai' || f === 'w') return 2;
  return 0;
}

/** Digits of an ID number (12-digit personal ID, 9-digit old CMND or anything else), '' when none. */
export function normalizeIdNumber(s: string): string {
  return s.replace(/\D+/g, '');
}

/** E.164 for a Vietnamese number; other numbers keep their digits (8 or more), else ''. */
export function normalizePhone(s: string): string {
  const e = toE164Vn(s);
  if (e) return e;
  const d = s.replace(/\D+/g, '');
  return d.length >= 8 ? d : '';
}

/** A commune code as 5 digits ("7" → "00007": spreadsheets drop the leading zeros), '' when not a code. */
export function normalizeCommuneCode(s: string): string {
  const t = s.trim();
  if (!/^\d{1,5}$/.test(t)) return '';
  return t.padStart(5, '0');
}

// Address words written in several ways, mapped to one form (after folding).
const ADDRESS_SYNONYMS: Record<string, string> = {
  sn: 'so',
  p: 'phuong',
  ph: 'phuong',
  q: 'quan',
  tp: 'thanhpho',
  tx: 'thixa',
  tt: 'thitran',
  x: 'xa',
  h: 'huyen',
  kp: 'khupho',
  d: 'duong',
  dg: 'duong',
  ng: 'ngo',
  k: 'kiet',
};

/** An address as folded tokens: punctuation dropped, common abbreviations expanded. */
export function addressTokens(s: string): string[] {
  const f = fold(s).replace(/[^a-z0-9]+/g, ' ').trim();
  if (!f) return [];
  const out: string[] = [];
  const words = f.split(' ');
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    // "thanh pho", "thi xa", "thi tran", "khu pho" are one unit word
    const two = i + 1 < words.length ? `${w}${words[i + 1]}` : '';
    if (two === 'thanhpho' || two === 'thixa' || two === 'thitran' || two === 'khupho' || two === 'sonha') {
      out.push(two === 'sonha' ? 'so' : two);
      i++;
      continue;
    }
    out.push(ADDRESS_SYNONYMS[w] ?? w);
  }
  return out;
}

/** Whether two different strings are one edit apart: a letter changed, added, removed, or two neighbours swapped. */
export function withinOneEdit(a: string, b: string): boolean {
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  const min = Math.min(la, lb);
  while (i < min && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === min) return true; // one is the other plus one letter at the end (or they are equal)
  const rest = (x: string, xi: number, y: string, yi: number): boolean => {
    if (x.length - xi !== y.length - yi) return false;
    for (; xi < x.length; xi++, yi++) if (x.charCodeAt(xi) !== y.charCodeAt(yi)) return false;
    return true;
  };
  if (la === lb) return rest(a, i + 1, b, i + 1) || (a.charCodeAt(i) === b.charCodeAt(i + 1) && a.charCodeAt(i + 1) === b.charCodeAt(i) && rest(a, i + 2, b, i + 2));
  return la > lb ? rest(a, i + 1, b, i) : rest(a, i, b, i + 1);
}

/** Same length, and one position differs or two neighbours are swapped (a digit mistyped). */
export function oneDigitOff(a: string, b: string): boolean {
  if (a.length !== b.length || a === b) return false;
  let first = -1;
  let diffs = 0;
  for (let i = 0; i < a.length; i++) {
    if (a.charCodeAt(i) !== b.charCodeAt(i)) {
      if (++diffs > 2) return false;
      if (first < 0) first = i;
    }
  }
  if (diffs === 1) return true;
  return a[first] === b[first + 1] && a[first + 1] === b[first];
}

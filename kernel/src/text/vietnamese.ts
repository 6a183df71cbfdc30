// Vietnamese text: normal forms, diacritic folding, names. Pure; shared by server and web.

/** Unicode NFC (composed) — how names are stored and compared after folding. */
export function nfc(s: string): string {
  return s.normalize('NFC');
}

const D_MAP: Record<string, string> = { 'đ': 'd', 'Đ': 'd', 'Ð': 'd', 'ð': 'd' };

/** Diacritics removed, case and spacing kept: what a keyboard without Vietnamese input produces. */
export function stripDiacritics(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').normalize('NFC');
}

/**
 * Telex leftovers: a letter and the keys that type it with the Telex input method; typed with the
 * input method off (or mistyped) they stay in the word (`Nguyễn` → `Nguyeexn`). For making
 * realistic test data; matching repairs them (quality/linkage/normalize.ts).
 */
export const TELEX_LEFTOVERS: readonly (readonly [RegExp, string])[] = [
  [/ễ/, 'eex'],
  [/ư/, 'uw'],
  [/ơ/, 'ow'],
  [/ă/, 'aw'],
  [/â/, 'aa'],
  [/ê/, 'ee'],
  [/ô/, 'oo'],
  [/đ/, 'dd'],
  [/à/, 'af'],
  [/á/, 'as'],
  [/ạ/, 'aj'],
  [/ị/, 'ij'],
  [/ọ/, 'oj'],
  [/ú/, 'us'],
  [/ì/, 'if'],
  [/ả/, 'ar'],
];

/**
 * The folded form used for search and matching: lower case, no diacritics, `đ/Đ` and the
 * look-alike `Ð` (U+00D0) and `ð` become `d`, whitespace collapsed and trimmed.
 */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐÐð]/g, (c) => D_MAP[c] ?? c)
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Two-word family names that must not be split (a short list of genuinely compound surnames).
 * "Tôn Nữ" and "Tôn Thất" are Nguyễn-dynasty royal lineages; "Âu Dương", "Tư Mã", "Gia Cát" are
 * Sino-Vietnamese double surnames.
 */
const COMPOUND_FAMILY = ['công tằng tôn nữ', 'tôn nữ', 'tôn thất', 'âu dương', 'tư mã', 'gia cát', 'thượng quan', 'hoàng phủ'].map((f) =>
  fold(f).split(' '),
);

export interface NameParts {
  family: string;
  middle: string;
  given: string;
}

/** Splits a full name into family (first word), given (last word) and middle (the words between). */
export function splitFullName(full: string): NameParts {
  const words = nfc(full).trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return { family: '', middle: '', given: '' };
  if (words.length === 1) return { family: '', middle: '', given: words[0]! };
  const folded = words.map((w) => fold(w));
  let familyLen = 1;
  for (const c of COMPOUND_FAMILY) {
    if (c.length < words.length && c.every((w, i) => folded[i] === w) && c.length > familyLen) familyLen = c.length;
  }
  return {
    family: words.slice(0, familyLen).join(' '),
    middle: words.slice(familyLen, -1).join(' '),
    given: words.at(-1)!,
  };
}

/** Display casing: NFC, single spaces, each word capitalised (`ĐỖ THỊ ĐÀO` → `Đỗ Thị Đào`). */
export function displayName(s: string): string {
  return nfc(s)
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toLocaleUpperCase('vi') + w.slice(1).toLocaleLowerCase('vi'))
    .join(' ');
}

/** Names equal once folded (diacritics, case and spacing ignored). */
export function sameName(a: string, b: string): boolean {
  return fold(a) === fold(b);
}

/** Jaro–Winkler similarity in [0, 1] of two strings (as given). */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  const la = a.length;
  const lb = b.length;
  if (!la || !lb) return 0;
  const window = Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1);
  const ma = new Array<boolean>(la).fill(false);
  const mb = new Array<boolean>(lb).fill(false);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    for (let j = Math.max(0, i - window); j < Math.min(lb, i + window + 1); j++) {
      if (mb[j] || a[i] !== b[j]) continue;
      ma[i] = mb[j] = true;
      matches++;
      break;
    }
  }
  if (!matches) return 0;
  let t = 0;
  let k = 0;
  for (let i = 0; i < la; i++) {
    if (!ma[i]) continue;
    while (!mb[k]) k++;
    if (a[i] !== b[k]) t++;
    k++;
  }
  const jaro = (matches / la + matches / lb + (matches - t / 2) / matches) / 3;
  let prefix = 0;
  while (prefix < Math.min(4, la, lb) && a[prefix] === b[prefix]) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

/** Tolerant name comparison in [0, 1]: Jaro–Winkler on the folded forms (1 = same when folded). */
export function nameSimilarity(a: string, b: string): number {
  return jaroWinkler(fold(a), fold(b));
}

// Machine-readable zone of ID cards (TD1: three lines of 30 characters), ICAO Doc 9303 Part 5 §4.2
// and the check digits of Part 3 §4.9 (weights 7-3-1; A–Z count 10–35, the filler `<` counts 0).
import { CardInputError } from './card-error.ts';
import { fold } from '../text/vietnamese.ts';

const WEIGHTS = [7, 3, 1] as const;

function charValue(c: string): number {
  if (c >= '0' && c <= '9') return c.charCodeAt(0) - 48;
  if (c >= 'A' && c <= 'Z') return c.charCodeAt(0) - 55;
  if (c === '<') return 0;
  throw new CardInputError('mrz_characters', {
    vi: `Ký tự "${c}" không được dùng trong vùng MRZ.`,
    en: `"${c}" is not an MRZ character.`,
  });
}

/** The check digit of a field (Doc 9303 Part 3 §4.9). */
export function mrzCheckDigit(field: string): number {
  let sum = 0;
  for (let i = 0; i < field.length; i++) sum += charValue(field[i]!) * WEIGHTS[i % 3]!;
  return sum % 10;
}

export type MrzCheckField = 'documentNumber' | 'dateOfBirth' | 'dateOfExpiry' | 'composite';
export interface MrzCheck {
  field: MrzCheckField;
  /** The characters the digit protects, as they stand in the MRZ. */
  input: string;
  /** The digit printed in the MRZ (`<` when absent). */
  printed: string;
  computed: number;
  valid: boolean;
}

export interface Td1 {
  format: 'TD1';
  lines: [string, string, string];
  documentCode: string;
  issuingState: string;
  /** The whole document number, with the part that overflowed into the optional data (Part 5 §4.2.2, note j). */
  documentNumber: string;
  documentNumberOverflow: boolean;
  optionalData1: string;
  /** yymmdd as printed, and as a calendar date when it is one. */
  dateOfBirth: string;
  dateOfBirthIso: string | null;
  sex: 'M' | 'F' | null;
  dateOfExpiry: string;
  dateOfExpiryIso: string | null;
  nationality: string;
  optionalData2: string;
  /** Primary identifier (family name) and secondary identifier (given names), fillers as spaces. */
  surname: string;
  givenNames: string;
  checks: MrzCheck[];
  /** Every check digit agrees. */
  valid: boolean;
}

const badShape = (en: string, vi: string) => new CardInputError('mrz_shape', { vi, en });

/**
 * The three TD1 lines from what a scanner, OCR or a person typed: upper-cased, spaces and `«`
 * read as the filler `<`, trailing fillers that OCR dropped put back. Accepts one 90-character
 * string, three lines, or three groups separated by single spaces.
 */
export function normalizeTd1Lines(input: string | readonly string[]): [string, string, string] {
  let lines: string[];
  if (typeof input === 'string') {
    const text = input.replace(/\r\n?/g, '\n').toUpperCase();
    lines = text.split('\n').map((l) => l.replace(/\s+$/, '')).filter((l) => l.trim() !== '');
    if (lines.length === 1) {
      const one = lines[0]!.trim();
      if (one.length === 90) lines = [one.slice(0, 30), one.slice(30, 60), one.slice(60)];
      else if (one.length === 92 && /\s/.test(one[30]!) && /\s/.test(one[61]!)) lines = [one.slice(0, 30), one.slice(31, 61), one.slice(62)];
      else {
        const parts = one.split(/\s+/);
        if (parts.length === 3 && parts.every((p) => p.length >= 15)) lines = parts;
      }
    }
  } else lines = input.map((l) => l.toUpperCase().replace(/\s+$/, '')).filter((l) => l.trim() !== '');
  if (lines.length !== 3)
    throw badShape(`A TD1 MRZ has 3 lines of 30 characters (got ${lines.length} lines).`, `MRZ loại TD1 gồm 3 dòng, mỗi dòng 30 ký tự (nhận được ${lines.length} dòng).`);
  // OCR may drop trailing fillers, but line 1 keeps at least code, state, number and check digit
  // (15 characters) and line 2 always ends with the composite check digit (30).
  const min = [15, 30, 2];
  return lines.map((raw, i) => {
    const l = raw.trim().replace(/[ «‹]/g, '<');
    if (l.length > 30 || l.length < min[i]!)
      throw badShape(`MRZ line ${i + 1} has ${l.length} characters; TD1 lines have 30.`, `Dòng MRZ ${i + 1} có ${l.length} ký tự; dòng TD1 có 30 ký tự.`);
    for (const c of l) charValue(c);
    return l.padEnd(30, '<');
  }) as [string, string, string];
}

const strip = (s: string) => s.replace(/<+$/, '');

/** A yymmdd MRZ date as yyyy-mm-dd. Birth years that would lie in the future are read as 19yy; expiry years 20yy unless more than 50 years ahead. */
export function mrzDateToIso(yymmdd: string, kind: 'birth' | 'expiry', today: Date = new Date()): string | null {
  if (!/^\d{6}$/.test(yymmdd)) return null;
  const yy = Number(yymmdd.slice(0, 2));
  const mm = Number(yymmdd.slice(2, 4));
  const dd = Number(yymmdd.slice(4, 6));
  const thisYear = today.getUTCFullYear();
  let year = 2000 + yy;
  if (kind === 'birth' && year > thisYear) year -= 100;
  if (kind === 'expiry' && year > thisYear + 50) year -= 100;
  const d = new Date(Date.UTC(year, mm - 1, dd));
  if (mm < 1 || mm > 12 || d.getUTCDate() !== dd) return null;
  return `${year}-${yymmdd.slice(2, 4)}-${yymmdd.slice(4, 6)}`;
}

function check(field: MrzCheckField, input: string, printed: string): MrzCheck {
  const computed = mrzCheckDigit(input);
  return { field, input, printed, computed, valid: printed === String(computed) };
}

/** Parses a TD1 MRZ (ID cards, including the Vietnamese chip ID card) and checks every check digit. */
export function parseTd1(input: string | readonly string[], today: Date = new Date()): Td1 {
  const lines = normalizeTd1Lines(input);
  const [l1, l2, l3] = lines;
  const checks: MrzCheck[] = [];
  // Line 1: document code (1–2), issuing state (3–5), document number (6–14), its check digit (15), optional data (16–30).
  let documentNumber = l1.slice(5, 14);
  let optionalData1 = l1.slice(15, 30);
  let overflow = false;
  if (l1[14] === '<' && !documentNumber.endsWith('<') && /^[A-Z0-9]/.test(optionalData1)) {
    // Part 5 §4.2.2 note j: the number goes on in the optional data, followed by its check digit and a filler.
    const run = /^[A-Z0-9]+/.exec(optionalData1)![0];
    documentNumber += run.slice(0, -1);
    checks.push(check('documentNumber', documentNumber, run.slice(-1)));
    optionalData1 = optionalData1.slice(run.length + 1);
    overflow = true;
  } else {
    checks.push(check('documentNumber', documentNumber, l1[14]!));
  }
  // Line 2: birth date (1–6) + check (7), sex (8), expiry (9–14) + check (15), nationality (16–18), optional (19–29), composite (30).
  checks.push(check('dateOfBirth', l2.slice(0, 6), l2[6]!));
  checks.push(check('dateOfExpiry', l2.slice(8, 14), l2[14]!));
  checks.push(check('composite', l1.slice(5, 30) + l2.slice(0, 7) + l2.slice(8, 15) + l2.slice(18, 29), l2[29]!));
  const [primary = '', secondary = ''] = l3.split(/<<(.*)/s);
  const sexChar = l2[7];
  return {
    format: 'TD1',
    lines,
    documentCode: strip(l1.slice(0, 2)),
    issuingState: strip(l1.slice(2, 5)),
    documentNumber: strip(documentNumber),
    documentNumberOverflow: overflow,
    optionalData1: strip(optionalData1),
    dateOfBirth: l2.slice(0, 6),
    dateOfBirthIso: mrzDateToIso(l2.slice(0, 6), 'birth', today),
    sex: sexChar === 'M' ? 'M' : sexChar === 'F' ? 'F' : null,
    dateOfExpiry: l2.slice(8, 14),
    dateOfExpiryIso: mrzDateToIso(l2.slice(8, 14), 'expiry', today),
    nationality: strip(l2.slice(15, 18)),
    optionalData2: strip(l2.slice(18, 29)),
    surname: primary.replace(/<+/g, ' ').trim(),
    givenNames: secondary.replace(/<+/g, ' ').trim(),
    checks,
    valid: checks.every((c) => c.valid),
  };
}

/** MRZ characters for a name part: Vietnamese letters without diacritics (`Đ` → `D`), upper case, other characters as fillers. */
export function mrzName(s: string): string {
  return fold(s).toUpperCase().replace(/[^A-Z]+/g, '<').replace(/^<+|<+$/g, '');
}

export interface Td1Fields {
  documentCode?: string;
  issuingState: string;
  documentNumber: string;
  optionalData1?: string;
  dateOfBirth: string;
  sex: 'M' | 'F' | null;
  dateOfExpiry: string;
  nationality: string;
  optionalData2?: string;
  surname: string;
  givenNames: string;
}

const fit = (s: string, n: number, what: string) => {
  if (s.length > n) throw badShape(`${what} does not fit in ${n} MRZ characters.`, `${what} không vừa ${n} ký tự MRZ.`);
  return s.padEnd(n, '<');
};

/** Writes a TD1 MRZ with its check digits (a long document number overflows into the optional data). */
export function formatTd1(f: Td1Fields): [string, string, string] {
  const doc = f.documentNumber.toUpperCase();
  const opt1 = (f.optionalData1 ?? '').toUpperCase();
  let l1: string;
  const code = fit((f.documentCode ?? 'I').toUpperCase(), 2, 'document code');
  if (doc.length <= 9) l1 = code + fit(f.issuingState, 3, 'issuing state') + fit(doc, 9, 'document number') + mrzCheckDigit(doc.padEnd(9, '<')) + fit(opt1, 15, 'optional data');
  else l1 = code + fit(f.issuingState, 3, 'issuing state') + doc.slice(0, 9) + '<' + fit(doc.slice(9) + mrzCheckDigit(doc) + (opt1 ? '<' + opt1 : ''), 15, 'document number and optional data');
  const l2a = f.dateOfBirth + mrzCheckDigit(f.dateOfBirth) + (f.sex ?? '<') + f.dateOfExpiry + mrzCheckDigit(f.dateOfExpiry) + fit(f.nationality, 3, 'nationality') + fit((f.optionalData2 ?? '').toUpperCase(), 11, 'optional data 2');
  const composite = mrzCheckDigit(l1.slice(5, 30) + l2a.slice(0, 7) + l2a.slice(8, 15) + l2a.slice(18, 29));
  const name = (mrzName(f.surname) + '<<' + mrzName(f.givenNames)).slice(0, 30);
  return [l1, l2a + composite, name.padEnd(30, '<')];
}

/**
 * The "MRZ information" that keys BAC and PACE-with-MRZ (Part 11 §9.7.2 / Appendix D.2): document
 * number (at least 9 characters, filler-padded) + check digit, birth date + check digit, expiry + check digit.
 */
export function mrzInformation(documentNumber: string, dateOfBirth: string, dateOfExpiry: string): string {
  const doc = documentNumber.toUpperCase().replace(/\s/g, '<').padEnd(9, '<');
  for (const [v, what] of [[dateOfBirth, 'date of birth'], [dateOfExpiry, 'date of expiry']] as const)
    if (!/^\d{6}$/.test(v)) throw new CardInputError('mrz_date', { vi: `Ngày phải có dạng yymmdd (${what === 'date of birth' ? 'ngày sinh' : 'ngày hết hạn'}).`, en: `The ${what} must be yymmdd.` });
  return doc + mrzCheckDigit(doc) + dateOfBirth + mrzCheckDigit(dateOfBirth) + dateOfExpiry + mrzCheckDigit(dateOfExpiry);
}

/** The 12-digit personal ID on a Vietnamese card's MRZ: in the optional data, or the document number itself. */
export function vnPersonalIdFromTd1(td1: Td1): string | null {
  const m = /^(\d{12})/.exec(td1.optionalData1);
  if (m) return m[1]!;
  return /^\d{12}$/.test(td1.documentNumber) ? td1.documentNumber : null;
}

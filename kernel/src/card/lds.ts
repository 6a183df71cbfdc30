// Logical Data Structure of ICAO Doc 9303 Part 10: the outer tag of each elementary file (§4.6, Table 39)
// and the data groups read here: DG1 (MRZ), DG2 (face), DG13 (Vietnam's personal data).
import { CardInputError } from './card-error.ts';
import { latin1, utf8 } from './bytes.ts';
import { parseTd1, type Td1 } from './mrz.ts';
import { children, expectTag, findTag, type Tlv } from './tlv.ts';
import { nfc } from '../text/vietnamese.ts';

/** Data-group number → outer tag (Part 10 Table 39). EF.SOD is 0x77, EF.COM 0x60. */
export const DG_TAGS: Readonly<Record<number, number>> = {
  1: 0x61, 2: 0x75, 3: 0x63, 4: 0x76, 5: 0x65, 6: 0x66, 7: 0x67, 8: 0x68,
  9: 0x69, 10: 0x6a, 11: 0x6b, 12: 0x6c, 13: 0x6d, 14: 0x6e, 15: 0x6f, 16: 0x70,
};
export const SOD_TAG = 0x77;

/** DG1: 61 { 5F1F MRZ } (Part 10 §4.7.1). The Vietnamese chip ID card holds a TD1 MRZ. */
export function parseDg1(bytes: Uint8Array, today?: Date): Td1 {
  const dg = expectTag(bytes, DG_TAGS[1]!, 'DG1');
  const mrz = findTag(dg, 0x5f1f);
  if (!mrz) throw new CardInputError('dg1_no_mrz', { vi: 'DG1 không chứa MRZ (5F1F).', en: 'DG1 holds no MRZ data object (5F1F).' });
  const text = latin1(mrz.value);
  if (text.length !== 90)
    throw new CardInputError('mrz_format', { vi: `MRZ trong DG1 dài ${text.length} ký tự; thẻ căn cước dùng TD1 (90 ký tự).`, en: `The MRZ in DG1 has ${text.length} characters; ID cards use TD1 (90).` });
  return parseTd1(text, today);
}

// ---------------------------------------------------------------------------------------------
// DG2: the face image inside the biometric information template (Part 10 §4.7.2) and the
// ISO/IEC 19794-5 facial record it carries.

export interface FacePhoto {
  mime: 'image/jpeg' | 'image/jp2' | 'image/j2c';
  bytes: Uint8Array;
  width?: number;
  height?: number;
}

function sniff(b: Uint8Array): FacePhoto['mime'] | undefined {
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length > 12 && b[0] === 0 && b[1] === 0 && b[2] === 0 && b[3] === 0x0c && b[4] === 0x6a && b[5] === 0x50) return 'image/jp2';
  if (b[0] === 0xff && b[1] === 0x4f && b[2] === 0xff && b[3] === 0x51) return 'image/j2c';
  return undefined;
}

const u16 = (b: Uint8Array, o: number) => (b[o]! << 8) | b[o + 1]!;
const u32 = (b: Uint8Array, o: number) => ((b[o]! << 24) >>> 0) + (b[o + 1]! << 16) + (b[o + 2]! << 8) + b[o + 3]!;

/** The image of an ISO/IEC 19794-5 facial record ("FAC\0"), or of whatever image the block holds. */
function imageOfBiometricBlock(block: Uint8Array): FacePhoto | undefined {
  if (block.length > 46 && latin1(block.subarray(0, 4)) === 'FAC\0') {
    // Record header 14 bytes; facial information 20 bytes (length at 0, feature-point count at 4);
    // feature points 8 bytes each; image information 12 bytes (data type at 1: 0 JPEG, 1 JPEG 2000; width, height).
    const info = 14;
    const recordLength = u32(block, info);
    const points = u16(block, info + 4);
    const image = info + 20 + points * 8;
    const data = image + 12;
    const end = Math.min(block.length, info + recordLength);
    if (data < end) {
      const bytes = block.subarray(data, end);
      const mime = sniff(bytes) ?? (block[image + 1] === 1 ? 'image/jp2' : 'image/jpeg');
      return { mime, bytes, width: u16(block, image + 2), height: u16(block, image + 4) };
    }
  }
  // ISO/IEC 39794-5 and odd encoders: find the first JPEG or JPEG 2000 signature.
  for (let i = 0; i < block.length - 4; i++) {
    const mime = sniff(block.subarray(i));
    if (mime) return { mime, bytes: block.subarray(i) };
  }
  return undefined;
}

/** The first face image of DG2, or undefined when it holds none. */
export function parseDg2(bytes: Uint8Array): FacePhoto | undefined {
  const dg = expectTag(bytes, DG_TAGS[2]!, 'DG2');
  const stack: Tlv[] = [dg];
  while (stack.length) {
    const t = stack.shift()!;
    if (t.tag === 0x5f2e || t.tag === 0x7f2e) {
      const photo = imageOfBiometricBlock(t.value);
      if (photo) return photo;
    } else if (t.constructed) stack.push(...children(t));
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// DG13 of the Vietnamese chip ID card: issuer-defined "optional details" (Part 10 §4.7.13 leaves
// the content to the issuing state). As read by public CCCD readers: inside 6D, a series of
// SEQUENCE { INTEGER field number, value… } where a value is a UTF8String/PrintableString, or a
// SEQUENCE holding one (field 13: father, then mother; field 14: the spouse, absent when single).

export interface VnPersonalData {
  pid?: string;
  fullName?: string;
  /** yyyy-mm-dd when the card gives a full date (dd/mm/yyyy on the chip), else the text as given. */
  dateOfBirth?: string;
  sex?: 'M' | 'F';
  nationality?: string;
  ethnicity?: string;
  religion?: string;
  /** Quê quán. */
  hometown?: string;
  /** Nơi thường trú / nơi cư trú. */
  residence?: string;
  /** Đặc điểm nhân dạng. */
  identifyingMarks?: string;
  issueDate?: string;
  /** yyyy-mm-dd, or null when the card states no expiry ("Không thời hạn"). */
  expiryDate?: string | null;
  expiryText?: string;
  fatherName?: string;
  motherName?: string;
  spouseName?: string;
  oldId?: string;
  /** Every field as found, in order, including numbers not named above. */
  fields: { number: number; values: string[] }[];
}

const STRING_TAGS = new Set([0x0c, 0x13, 0x14, 0x16, 0x1a, 0x1e]);

function text(t: Tlv): string {
  if (t.tag === 0x1e) {
    let s = '';
    for (let i = 0; i + 1 < t.value.length; i += 2) s += String.fromCharCode(u16(t.value, i));
    return nfc(s).trim();
  }
  try {
    return nfc(utf8(t.value)).trim();
  } catch {
    return latin1(t.value).trim();
  }
}

function smallInteger(t: Tlv | undefined): number | undefined {
  if (!t || t.tag !== 0x02 || t.value.length === 0 || t.value.length > 2) return undefined;
  const n = t.value.length === 1 ? t.value[0]! : u16(t.value, 0);
  return n >= 1 && n <= 255 ? n : undefined;
}

/** A SEQUENCE { INTEGER n, values… } whose values hold no further entries. */
function asEntry(t: Tlv): { number: number; values: string[] } | undefined {
  if (t.tag !== 0x30) return undefined;
  let parts: Tlv[];
  try {
    parts = children(t);
  } catch {
    return undefined;
  }
  const number = smallInteger(parts[0]);
  if (number === undefined) return undefined;
  const values: string[] = [];
  for (const p of parts.slice(1)) {
    if (STRING_TAGS.has(p.tag)) values.push(text(p));
    else if (p.tag === 0x30 || p.tag === 0x31) {
      // A value wrapped in a SEQUENCE holds strings only; anything deeper makes this a container of entries.
      const inner = children(p);
      if (inner.some((q) => q.constructed || q.tag === 0x02)) return undefined;
      for (const q of inner) if (STRING_TAGS.has(q.tag)) values.push(text(q));
    } else if (p.constructed) return undefined;
  }
  return { number, values };
}

function ddmmyyyy(s: string): string {
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s.trim());
  if (!m) return s;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return s;
  return `${m[3]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Reads DG13 of a Vietnamese chip ID card. Any field may be absent; unknown fields are kept in `fields`. */
export function parseDg13(bytes: Uint8Array): VnPersonalData {
  const dg = expectTag(bytes, DG_TAGS[13]!, 'DG13');
  const fields: { number: number; values: string[] }[] = [];
  const walk = (t: Tlv) => {
    const entry = asEntry(t);
    if (entry) return void fields.push(entry);
    if (t.constructed) for (const c of children(t)) walk(c);
  };
  walk(dg);
  const out: VnPersonalData = { fields };
  const first = (n: number) => fields.find((f) => f.number === n)?.values.find((v) => v !== '');
  const set = <K extends keyof VnPersonalData>(k: K, v: VnPersonalData[K] | undefined) => {
    if (v !== undefined) out[k] = v;
  };
  set('pid', first(1));
  set('fullName', first(2));
  const dob = first(3);
  set('dateOfBirth', dob === undefined ? undefined : ddmmyyyy(dob));
  const sex = first(4)?.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  set('sex', sex === 'nam' ? 'M' : sex === 'nu' ? 'F' : undefined);
  set('nationality', first(5));
  set('ethnicity', first(6));
  set('religion', first(7));
  set('hometown', first(8));
  set('residence', first(9));
  set('identifyingMarks', first(10));
  const issue = first(11);
  set('issueDate', issue === undefined ? undefined : ddmmyyyy(issue));
  const expiry = first(12);
  if (expiry !== undefined) {
    const iso = ddmmyyyy(expiry);
    out.expiryDate = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? iso : null;
    if (out.expiryDate === null) out.expiryText = expiry;
  }
  const parents = fields.find((f) => f.number === 13)?.values ?? [];
  set('fatherName', parents[0] || undefined);
  set('motherName', parents[1] || undefined);
  set('spouseName', first(14));
  set('oldId', first(15));
  return out;
}


// A small BER-TLV reader and writer (ISO/IEC 7816-4 §5.2, ITU-T X.690 §8.1) for the data groups
// of ICAO Doc 9303 Part 10 and the PACE data objects of Part 11. Tags are kept as the number
// their bytes spell (`0x5F1F`, `0x7F49`), the way the standards write them.
import { CardInputError } from './card-error.ts';
import { concatBytes } from './bytes.ts';

export interface Tlv {
  /** The tag bytes as one number, e.g. 0x61, 0x5F1F, 0x7F61. */
  tag: number;
  /** Bit 6 of the first tag byte: the value is itself a series of TLVs. */
  constructed: boolean;
  value: Uint8Array;
  /** Offset of the tag in the buffer read, and offset just after the object. */
  start: number;
  end: number;
  /** The whole object (tag, length, value) as it was encoded. */
  raw: Uint8Array;
}

const truncated = (what: string) =>
  new CardInputError('tlv_truncated', { vi: `Dữ liệu TLV bị cắt cụt (${what}).`, en: `Truncated TLV data (${what}).` });

/** Reads the object that starts at `offset`. Throws `CardInputError` when the bytes run out. */
export function readTlv(buf: Uint8Array, offset = 0): Tlv {
  let p = offset;
  if (p >= buf.length) throw truncated('tag');
  const first = buf[p++]!;
  let tag = first;
  if ((first & 0x1f) === 0x1f) {
    let b: number;
    let n = 0;
    do {
      if (p >= buf.length) throw truncated('tag');
      b = buf[p++]!;
      tag = tag * 256 + b;
      if (++n > 3) throw new CardInputError('tlv_tag', { vi: 'Thẻ (tag) TLV quá dài.', en: 'TLV tag too long.' });
    } while (b & 0x80);
  }
  const constructed = (first & 0x20) !== 0;
  if (p >= buf.length) throw truncated('length');
  const l0 = buf[p++]!;
  let len: number;
  if (l0 < 0x80) len = l0;
  else if (l0 === 0x80) {
    // Indefinite length (BER): constructed only, ends with 00 00.
    if (!constructed) throw new CardInputError('tlv_length', { vi: 'Độ dài TLV không hợp lệ.', en: 'Invalid TLV length.' });
    const valueStart = p;
    while (true) {
      if (p + 1 >= buf.length) throw truncated('end-of-contents');
      if (buf[p] === 0 && buf[p + 1] === 0) break;
      p = readTlv(buf, p).end;
    }
    return { tag, constructed, value: buf.subarray(valueStart, p), start: offset, end: p + 2, raw: buf.subarray(offset, p + 2) };
  } else {
    const n = l0 & 0x7f;
    if (n > 4) throw new CardInputError('tlv_length', { vi: 'Độ dài TLV không hợp lệ.', en: 'Invalid TLV length.' });
    if (p + n > buf.length) throw truncated('length');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[p++]!;
  }
  if (p + len > buf.length) throw truncated(`value of tag ${tag.toString(16).toUpperCase()}`);
  return { tag, constructed, value: buf.subarray(p, p + len), start: offset, end: p + len, raw: buf.subarray(offset, p + len) };
}

/** Every object in `buf`, one after another (padding bytes 00 / FF between objects are skipped). */
export function readTlvs(buf: Uint8Array): Tlv[] {
  const out: Tlv[] = [];
  let p = 0;
  while (p < buf.length) {
    if (buf[p] === 0x00 || buf[p] === 0xff) {
      p++;
      continue;
    }
    const t = readTlv(buf, p);
    out.push(t);
    p = t.end;
  }
  return out;
}

/** The objects inside a constructed object. */
export function children(t: Tlv): Tlv[] {
  return readTlvs(t.value);
}

/** The first object with `tag` among `list`, or inside the constructed `t`. */
export function findTag(list: Tlv[] | Tlv, tag: number): Tlv | undefined {
  return (Array.isArray(list) ? list : children(list)).find((t) => t.tag === tag);
}

/** The one top-level object of `buf`, which must carry `tag` (a data group's outer tag). */
export function expectTag(buf: Uint8Array, tag: number, what: string): Tlv {
  const t = readTlv(buf, 0);
  if (t.tag !== tag)
    throw new CardInputError('tlv_unexpected_tag', {
      vi: `${what}: mong đợi thẻ ${tag.toString(16).toUpperCase()}, nhận được ${t.tag.toString(16).toUpperCase()}.`,
      en: `${what}: expected tag ${tag.toString(16).toUpperCase()}, got ${t.tag.toString(16).toUpperCase()}.`,
    });
  return t;
}

export function encodeLength(n: number): Uint8Array {
  if (n < 0x80) return Uint8Array.of(n);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Uint8Array.of(0x80 | bytes.length, ...bytes);
}

function encodeTag(tag: number): Uint8Array {
  const bytes: number[] = [];
  for (let v = tag; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Uint8Array.from(bytes.length ? bytes : [0]);
}

/** Tag, definite length, value. */
export function encodeTlv(tag: number, ...value: Uint8Array[]): Uint8Array {
  const v = concatBytes(...value);
  return concatBytes(encodeTag(tag), encodeLength(v.length), v);
}

// A minimal deterministic CBOR (RFC 8949) encoder and strict decoder for the few types COSE and
// CWT need: integers (safe range), byte and text strings, arrays, maps with integer or text keys,
// tags, booleans and null. Encoding follows the core deterministic rules (§4.2.1: shortest
// arguments, definite lengths, map keys sorted by their encoded bytes), so a value always encodes
// to the same bytes. The decoder refuses what this codec never writes (floats, indefinite
// lengths, non-shortest arguments, duplicate keys, trailing bytes), so an input has one reading.
// Written here because the kernel runs in the browser too and needs only this much of CBOR.

export type CborKey = number | string;
export type CborValue = number | string | boolean | null | Uint8Array | CborValue[] | CborMap | CborTag;
export type CborMap = Map<CborKey, CborValue>;

export class CborTag {
  readonly tag: number;
  readonly value: CborValue;
  constructor(tag: number, value: CborValue) {
    this.tag = tag;
    this.value = value;
  }
}

export class CborError extends Error {}

const utf8 = new TextEncoder();
const utf8Strict = new TextDecoder('utf-8', { fatal: true });
const MAX_DEPTH = 16;

class Writer {
  buf = new Uint8Array(256);
  len = 0;
  ensure(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }
  byte(b: number): void {
    this.ensure(1);
    this.buf[this.len++] = b;
  }
  bytes(b: Uint8Array): void {
    this.ensure(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
  }
  /** A major type with its argument in the shortest form. */
  head(major: number, arg: number): void {
    const m = major << 5;
    if (arg < 24) this.byte(m | arg);
    else if (arg < 0x100) {
      this.byte(m | 24);
      this.byte(arg);
    } else if (arg < 0x10000) {
      this.byte(m | 25);
      this.byte(arg >>> 8);
      this.byte(arg & 0xff);
    } else if (arg < 0x100000000) {
      this.byte(m | 26);
      this.byte(arg >>> 24);
      this.byte((arg >>> 16) & 0xff);
      this.byte((arg >>> 8) & 0xff);
      this.byte(arg & 0xff);
    } else {
      this.byte(m | 27);
      const hi = Math.floor(arg / 0x100000000);
      const lo = arg >>> 0;
      for (const w of [hi, lo]) {
        this.byte(w >>> 24);
        this.byte((w >>> 16) & 0xff);
        this.byte((w >>> 8) & 0xff);
        this.byte(w & 0xff);
      }
    }
  }
}

function write(w: Writer, v: CborValue, depth: number): void {
  if (depth > MAX_DEPTH) throw new CborError('nested too deeply');
  if (typeof v === 'number') {
    if (!Number.isSafeInteger(v)) throw new CborError(`not a safe integer: ${v}`);
    if (v >= 0) w.head(0, v);
    else w.head(1, -1 - v);
  } else if (typeof v === 'string') {
    const b = utf8.encode(v);
    w.head(3, b.length);
    w.bytes(b);
  } else if (typeof v === 'boolean') w.byte(v ? 0xf5 : 0xf4);
  else if (v === null) w.byte(0xf6);
  else if (v instanceof Uint8Array) {
    w.head(2, v.length);
    w.bytes(v);
  } else if (Array.isArray(v)) {
    w.head(4, v.length);
    for (const x of v) write(w, x, depth + 1);
  } else if (v instanceof Map) {
    const entries = [...v.entries()].map(([k, val]) => ({ key: encodeCbor(k), val }));
    entries.sort((a, b) => compareBytes(a.key, b.key));
    w.head(5, entries.length);
    for (let i = 0; i < entries.length; i++) {
      if (i > 0 && compareBytes(entries[i - 1]!.key, entries[i]!.key) === 0) throw new CborError('duplicate map key');
      w.bytes(entries[i]!.key);
      write(w, entries[i]!.val, depth + 1);
    }
  } else if (v instanceof CborTag) {
    if (!Number.isSafeInteger(v.tag) || v.tag < 0) throw new CborError(`bad tag ${v.tag}`);
    w.head(6, v.tag);
    write(w, v.value, depth + 1);
  } else throw new CborError('unsupported value');
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/** The deterministic encoding of a value. */
export function encodeCbor(v: CborValue): Uint8Array {
  const w = new Writer();
  write(w, v, 0);
  return w.buf.slice(0, w.len);
}

class Reader {
  pos = 0;
  readonly b: Uint8Array;
  constructor(b: Uint8Array) {
    this.b = b;
  }
  byte(): number {
    if (this.pos >= this.b.length) throw new CborError('unexpected end of input');
    return this.b[this.pos++]!;
  }
  /** The argument of a head whose additional information is `ai`, refusing non-shortest forms. */
  arg(ai: number): number {
    if (ai < 24) return ai;
    let n: number;
    if (ai === 24) {
      n = this.byte();
      if (n < 24) throw new CborError('non-shortest argument');
      return n;
    }
    if (ai === 25) {
      n = (this.byte() << 8) | this.byte();
      if (n < 0x100) throw new CborError('non-shortest argument');
      return n;
    }
    if (ai === 26) {
      n = ((this.byte() << 24) >>> 0) + ((this.byte() << 16) | (this.byte() << 8) | this.byte());
      if (n < 0x10000) throw new CborError('non-shortest argument');
      return n;
    }
    if (ai === 27) {
      const hi = ((this.byte() << 24) >>> 0) + ((this.byte() << 16) | (this.byte() << 8) | this.byte());
      const lo = ((this.byte() << 24) >>> 0) + ((this.byte() << 16) | (this.byte() << 8) | this.byte());
      if (hi === 0) throw new CborError('non-shortest argument');
      if (hi >= 0x200000) throw new CborError('integer beyond the safe range');
      return hi * 0x100000000 + lo;
    }
    throw new CborError(ai === 31 ? 'indefinite lengths are not accepted' : 'reserved additional information');
  }
  take(n: number): Uint8Array {
    if (n > this.b.length - this.pos) throw new CborError('length beyond the input');
    const out = this.b.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
}

function read(r: Reader, depth: number): CborValue {
  if (depth > MAX_DEPTH) throw new CborError('nested too deeply');
  const ib = r.byte();
  const major = ib >> 5;
  const ai = ib & 0x1f;
  switch (major) {
    case 0:
      return r.arg(ai);
    case 1:
      return -1 - r.arg(ai);
    case 2:
      return r.take(r.arg(ai));
    case 3:
      try {
        return utf8Strict.decode(r.take(r.arg(ai)));
      } catch (e) {
        if (e instanceof CborError) throw e;
        throw new CborError('text string is not UTF-8');
      }
    case 4: {
      const n = r.arg(ai);
      if (n > r.b.length - r.pos) throw new CborError('length beyond the input');
      const out: CborValue[] = [];
      for (let i = 0; i < n; i++) out.push(read(r, depth + 1));
      return out;
    }
    case 5: {
      const n = r.arg(ai);
      if (n * 2 > r.b.length - r.pos) throw new CborError('length beyond the input');
      const out: CborMap = new Map();
      for (let i = 0; i < n; i++) {
        const k = read(r, depth + 1);
        if (typeof k !== 'number' && typeof k !== 'string') throw new CborError('map keys must be integers or text');
        if (out.has(k)) throw new CborError('duplicate map key');
        out.set(k, read(r, depth + 1));
      }
      return out;
    }
    case 6: {
      const tag = r.arg(ai);
      return new CborTag(tag, read(r, depth + 1));
    }
    default:
      if (ib === 0xf4) return false;
      if (ib === 0xf5) return true;
      if (ib === 0xf6) return null;
      throw new CborError('floats and other simple values are not accepted');
  }
}

/** Decodes exactly one CBOR item filling `bytes`; throws CborError otherwise. */
export function decodeCbor(bytes: Uint8Array): CborValue {
  const r = new Reader(bytes);
  const v = read(r, 0);
  if (r.pos !== bytes.length) throw new CborError('trailing bytes after the item');
  return v;
}

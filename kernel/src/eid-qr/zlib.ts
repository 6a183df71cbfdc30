// zlib (RFC 1950) around DEFLATE (RFC 1951), as EU DCC and MOSIP Claim 169 QR codes use.
// Inflating is done here in plain code: a QR payload is a few hundred bytes, and the platform's
// streams (DecompressionStream) cost as much per call as the signature check itself. Deflating
// (issuing a QR, not a hot path) uses the platform's CompressionStream. The output is capped so a
// crafted input cannot expand without bound.

export class ZlibError extends Error {}

const LEN_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LEN_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_BASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
const DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
const CL_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];
const MAX_BITS = 15;

/** A canonical Huffman code: how many codes of each length, and the symbols in code order. */
interface Huffman {
  count: Uint16Array;
  symbol: Uint16Array;
}

function huffman(lengths: ArrayLike<number>, n: number): Huffman {
  const count = new Uint16Array(MAX_BITS + 1);
  for (let s = 0; s < n; s++) count[lengths[s]!]!++;
  let left = 1;
  for (let len = 1; len <= MAX_BITS; len++) {
    left = (left << 1) - count[len]!;
    if (left < 0) throw new ZlibError('over-subscribed Huffman code');
  }
  // incomplete codes are allowed (RFC 1951 permits them for one-symbol distance codes); a code
  // that is never assigned fails when it is met
  const offs = new Uint16Array(MAX_BITS + 1);
  for (let len = 1; len < MAX_BITS; len++) offs[len + 1] = offs[len]! + count[len]!;
  const symbol = new Uint16Array(n);
  for (let s = 0; s < n; s++) if (lengths[s]) symbol[offs[lengths[s]!]!++] = s;
  count[0] = 0;
  return { count, symbol };
}

const FIXED_LIT = (() => {
  const l = new Uint8Array(288);
  l.fill(8, 0, 144);
  l.fill(9, 144, 256);
  l.fill(7, 256, 280);
  l.fill(8, 280, 288);
  return huffman(l, 288);
})();
const FIXED_DIST = huffman(new Uint8Array(30).fill(5), 30);

class Inflater {
  readonly src: Uint8Array;
  pos: number;
  readonly end: number;
  bitBuf = 0;
  bitCnt = 0;
  out: Uint8Array;
  outLen = 0;
  readonly max: number;

  constructor(src: Uint8Array, start: number, end: number, max: number) {
    this.src = src;
    this.pos = start;
    this.end = end;
    this.max = max;
    this.out = new Uint8Array(Math.min(max, Math.max(256, (end - start) * 4)));
  }

  bits(n: number): number {
    let buf = this.bitBuf;
    while (this.bitCnt < n) {
      if (this.pos >= this.end) throw new ZlibError('unexpected end of compressed data');
      buf |= this.src[this.pos++]! << this.bitCnt;
      this.bitCnt += 8;
    }
    this.bitBuf = buf >>> n;
    this.bitCnt -= n;
    return buf & ((1 << n) - 1);
  }

  decode(h: Huffman): number {
    let code = 0;
    let first = 0;
    let index = 0;
    for (let len = 1; len <= MAX_BITS; len++) {
      code |= this.bits(1);
      const count = h.count[len]!;
      if (code - first < count) return h.symbol[index + code - first]!;
      index += count;
      first = (first + count) << 1;
      code <<= 1;
    }
    throw new ZlibError('invalid Huffman code');
  }

  room(n: number): void {
    if (this.outLen + n <= this.out.length) return;
    if (this.outLen + n > this.max) throw new ZlibError(`inflated data exceed ${this.max} bytes`);
    let size = this.out.length * 2;
    while (size < this.outLen + n) size *= 2;
    const next = new Uint8Array(Math.min(size, this.max));
    next.set(this.out.subarray(0, this.outLen));
    this.out = next;
  }

  stored(): void {
    this.bitBuf = 0;
    this.bitCnt = 0; // to the byte boundary
    if (this.pos + 4 > this.end) throw new ZlibError('unexpected end of compressed data');
    const len = this.src[this.pos]! | (this.src[this.pos + 1]! << 8);
    const nlen = this.src[this.pos + 2]! | (this.src[this.pos + 3]! << 8);
    this.pos += 4;
    if (len !== (~nlen & 0xffff)) throw new ZlibError('stored block length check failed');
    if (this.pos + len > this.end) throw new ZlibError('unexpected end of compressed data');
    this.room(len);
    this.out.set(this.src.subarray(this.pos, this.pos + len), this.outLen);
    this.outLen += len;
    this.pos += len;
  }

  codes(lit: Huffman, dist: Huffman): void {
    for (;;) {
      let sym = this.decode(lit);
      if (sym < 256) {
        this.room(1);
        this.out[this.outLen++] = sym;
      } else if (sym === 256) return;
      else {
        sym -= 257;
        if (sym >= 29) throw new ZlibError('invalid length code');
        const len = LEN_BASE[sym]! + this.bits(LEN_EXTRA[sym]!);
        const ds = this.decode(dist);
        if (ds >= 30) throw new ZlibError('invalid distance code');
        const d = DIST_BASE[ds]! + this.bits(DIST_EXTRA[ds]!);
        if (d > this.outLen) throw new ZlibError('distance beyond the start of the data');
        this.room(len);
        for (let i = 0; i < len; i++) {
          this.out[this.outLen] = this.out[this.outLen - d]!;
          this.outLen++;
        }
      }
    }
  }

  dynamic(): void {
    const nlen = this.bits(5) + 257;
    const ndist = this.bits(5) + 1;
    const ncode = this.bits(4) + 4;
    if (nlen > 286 || ndist > 30) throw new ZlibError('bad code counts');
    const lengths = new Uint8Array(320);
    for (let i = 0; i < ncode; i++) lengths[CL_ORDER[i]!] = this.bits(3);
    const lencode = huffman(lengths, 19);
    lengths.fill(0);
    let index = 0;
    while (index < nlen + ndist) {
      let sym = this.decode(lencode);
      if (sym < 16) lengths[index++] = sym;
      else {
        let len = 0;
        if (sym === 16) {
          if (index === 0) throw new ZlibError('repeat with no previous length');
          len = lengths[index - 1]!;
          sym = 3 + this.bits(2);
        } else if (sym === 17) sym = 3 + this.bits(3);
        else sym = 11 + this.bits(7);
        if (index + sym > nlen + ndist) throw new ZlibError('too many lengths');
        while (sym--) lengths[index++] = len;
      }
    }
    if (lengths[256] === 0) throw new ZlibError('no end-of-block code');
    const lit = huffman(lengths, nlen);
    const dist = huffman(lengths.subarray(nlen, nlen + ndist), ndist);
    this.codes(lit, dist);
  }

  run(): Uint8Array {
    let last = 0;
    do {
      last = this.bits(1);
      const type = this.bits(2);
      if (type === 0) this.stored();
      else if (type === 1) this.codes(FIXED_LIT, FIXED_DIST);
      else if (type === 2) this.dynamic();
      else throw new ZlibError('invalid block type');
    } while (!last);
    return this.out.subarray(0, this.outLen);
  }
}

function adler32(b: Uint8Array): number {
  let a = 1;
  let s = 0;
  for (let i = 0; i < b.length; ) {
    const end = Math.min(b.length, i + 5552);
    for (; i < end; i++) {
      a += b[i]!;
      s += a;
    }
    a %= 65521;
    s %= 65521;
  }
  return ((s << 16) | a) >>> 0;
}

/** Inflates zlib data (header, DEFLATE stream, Adler-32), refusing more than `maxBytes` of output. */
export function inflateZlib(data: Uint8Array, maxBytes = 16_384): Uint8Array {
  if (data.length < 6) throw new ZlibError('too short for zlib data');
  const cmf = data[0]!;
  const flg = data[1]!;
  if ((cmf & 0x0f) !== 8 || cmf >> 4 > 7) throw new ZlibError('not DEFLATE-compressed zlib data');
  if ((cmf * 256 + flg) % 31 !== 0) throw new ZlibError('zlib header check failed');
  if (flg & 0x20) throw new ZlibError('preset dictionaries are not supported');
  const inf = new Inflater(data, 2, data.length - 4, maxBytes);
  const out = inf.run();
  // the Adler-32 follows the last byte the DEFLATE stream used
  const p = inf.pos;
  if (p + 4 !== data.length) throw new ZlibError('bytes after the compressed data');
  const want = ((data[p]! << 24) | (data[p + 1]! << 16) | (data[p + 2]! << 8) | data[p + 3]!) >>> 0;
  if (adler32(out) !== want) throw new ZlibError('Adler-32 check failed');
  return out.slice();
}

/** zlib-deflates bytes with the platform's CompressionStream (browsers and Node alike). */
export async function deflateZlib(data: Uint8Array): Promise<Uint8Array> {
  const cs = new CompressionStream('deflate');
  const writer = cs.writable.getWriter();
  void writer.write(data as Uint8Array<ArrayBuffer>);
  void writer.close();
  const reader = cs.readable.getReader();
  const parts: Uint8Array[] = [];
  let n = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    n += value.length;
  }
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

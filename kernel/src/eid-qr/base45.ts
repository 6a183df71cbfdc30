// Base45 (RFC 9285): bytes as characters of the QR code's alphanumeric mode, so a QR holds them
// at 5.5 bits a character. Written here rather than taken from the `base45` package because that
// one needs Node's Buffer (the kernel runs in browsers too) and decodes invalid input silently;
// RFC 9285 §6 requires refusing it.

const CHARSET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
const VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < CHARSET.length; i++) VALUE[CHARSET.charCodeAt(i)] = i;

export class Base45Error extends Error {}

export function encodeBase45(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 1 < bytes.length; i += 2) {
    const n = bytes[i]! * 256 + bytes[i + 1]!;
    const e = Math.floor(n / 2025);
    const rest = n % 2025;
    out += CHARSET[rest % 45]! + CHARSET[Math.floor(rest / 45)]! + CHARSET[e]!;
  }
  if (i < bytes.length) {
    const n = bytes[i]!;
    out += CHARSET[n % 45]! + CHARSET[Math.floor(n / 45)]!;
  }
  return out;
}

function val(s: string, i: number): number {
  const c = s.charCodeAt(i);
  const v = c < 128 ? VALUE[c]! : -1;
  if (v < 0) throw new Base45Error(`character ${JSON.stringify(s[i])} at ${i} is not Base45`);
  return v;
}

export function decodeBase45(s: string): Uint8Array {
  if (s.length % 3 === 1) throw new Base45Error('length is not valid Base45');
  const out = new Uint8Array(Math.floor(s.length / 3) * 2 + (s.length % 3 === 2 ? 1 : 0));
  let o = 0;
  let i = 0;
  for (; i + 2 < s.length; i += 3) {
    const n = val(s, i) + val(s, i + 1) * 45 + val(s, i + 2) * 2025;
    if (n > 0xffff) throw new Base45Error(`group at ${i} is out of range`);
    out[o++] = n >> 8;
    out[o++] = n & 0xff;
  }
  if (i < s.length) {
    const n = val(s, i) + val(s, i + 1) * 45;
    if (n > 0xff) throw new Base45Error(`group at ${i} is out of range`);
    out[o++] = n;
  }
  return out;
}

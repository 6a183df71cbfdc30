// Byte helpers shared by the card kit (pure; browser and Node).
import { bytesToHex, concatBytes, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';

export { concatBytes, utf8ToBytes };

/** Upper-case hex, as ICAO Doc 9303 prints its worked examples. */
export function toHex(b: Uint8Array): string {
  return bytesToHex(b).toUpperCase();
}

/** Hex to bytes; spaces, colons and line breaks are ignored (`"7C 0A 85 08"`). */
export function fromHex(h: string): Uint8Array {
  return hexToBytes(h.replace(/[\s:]/g, ''));
}

/** Equal contents, in time that does not depend on where they differ. */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let d = 0;
  for (let i = 0; i < a.length; i++) d |= a[i]! ^ b[i]!;
  return d === 0;
}

export function xorBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length !== b.length) throw new RangeError('xor of different lengths');
  const out = new Uint8Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i]! ^ b[i]!;
  return out;
}

/** Big-endian unsigned integer of `len` bytes. */
export function bigintToBytes(n: bigint, len: number): Uint8Array {
  const out = new Uint8Array(len);
  let v = n;
  for (let i = len - 1; i >= 0; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  if (v !== 0n) throw new RangeError(`integer does not fit in ${len} bytes`);
  return out;
}

export function bytesToBigint(b: Uint8Array): bigint {
  let v = 0n;
  for (const x of b) v = (v << 8n) | BigInt(x);
  return v;
}

/** Cryptographically strong random bytes (Web Crypto, present in browsers and Node). */
export function randomBytes(n: number): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(n));
}

const decoder = new TextDecoder('utf-8', { fatal: true });
/** Strict UTF-8 decoding: malformed bytes throw instead of turning into U+FFFD. */
export function utf8(b: Uint8Array): string {
  return decoder.decode(b);
}

export function latin1(b: Uint8Array): string {
  let s = '';
  for (const x of b) s += String.fromCharCode(x);
  return s;
}

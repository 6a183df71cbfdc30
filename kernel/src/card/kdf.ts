// Key derivation of ICAO Doc 9303 Part 11 §9.7.1: KDF(K, c) = H(K ‖ c), c a 32-bit big-endian
// counter (1 = encryption key, 2 = MAC key, 3 = PACE password key K_π). SHA-1 for 3DES and
// AES-128, SHA-256 for AES-192 and AES-256. 3DES keys get their DES parity bits set.
import { sha1 } from '@noble/hashes/legacy.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes } from './bytes.ts';

export type CardCipher = '3DES' | 'AES-128' | 'AES-192' | 'AES-256';

export const KDF_ENC = 1;
export const KDF_MAC = 2;
export const KDF_PACE = 3;

/** Sets each byte's lowest bit so that the byte has odd parity (DES keys, FIPS 46-3 §3). */
export function adjustParity(key: Uint8Array): Uint8Array {
  const out = Uint8Array.from(key);
  for (let i = 0; i < out.length; i++) {
    let b = out[i]! & 0xfe;
    let ones = 0;
    for (let x = b; x; x >>= 1) ones += x & 1;
    if (ones % 2 === 0) b |= 1;
    out[i] = b;
  }
  return out;
}

export function kdf(secret: Uint8Array, counter: number, cipher: CardCipher): Uint8Array {
  const c = Uint8Array.of((counter >>> 24) & 0xff, (counter >>> 16) & 0xff, (counter >>> 8) & 0xff, counter & 0xff);
  const input = concatBytes(secret, c);
  switch (cipher) {
    case '3DES':
      // Ka ‖ Kb from the first 16 bytes of SHA-1 (two-key 3DES), parity-adjusted.
      return adjustParity(sha1(input).subarray(0, 16));
    case 'AES-128':
      return sha1(input).subarray(0, 16);
    case 'AES-192':
      return sha256(input).subarray(0, 24);
    case 'AES-256':
      return sha256(input);
  }
}

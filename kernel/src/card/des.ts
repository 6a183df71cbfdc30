// DES and two-key triple DES (FIPS 46-3, withdrawn but still what BAC and 3DES secure messaging use,
// ICAO Doc 9303 Part 11 §9.8.6.1), CBC with a zero IV, ISO/IEC 9797-1 padding method 2 and
// MAC algorithm 3 ("retail MAC"). Written out because Web Crypto and @noble/ciphers carry no DES.
// Bit-per-byte and unhurried: BAC, PACE-3DES and secure messaging move a few kilobytes.

// prettier-ignore
const IP = [58,50,42,34,26,18,10,2,60,52,44,36,28,20,12,4,62,54,46,38,30,22,14,6,64,56,48,40,32,24,16,8,57,49,41,33,25,17,9,1,59,51,43,35,27,19,11,3,61,53,45,37,29,21,13,5,63,55,47,39,31,23,15,7];
// prettier-ignore
const FP = [40,8,48,16,56,24,64,32,39,7,47,15,55,23,63,31,38,6,46,14,54,22,62,30,37,5,45,13,53,21,61,29,36,4,44,12,52,20,60,28,35,3,43,11,51,19,59,27,34,2,42,10,50,18,58,26,33,1,41,9,49,17,57,25];
// prettier-ignore
const E = [32,1,2,3,4,5,4,5,6,7,8,9,8,9,10,11,12,13,12,13,14,15,16,17,16,17,18,19,20,21,20,21,22,23,24,25,24,25,26,27,28,29,28,29,30,31,32,1];
// prettier-ignore
const P = [16,7,20,21,29,12,28,17,1,15,23,26,5,18,31,10,2,8,24,14,32,27,3,9,19,13,30,6,22,11,4,25];
// prettier-ignore
const PC1 = [57,49,41,33,25,17,9,1,58,50,42,34,26,18,10,2,59,51,43,35,27,19,11,3,60,52,44,36,63,55,47,39,31,23,15,7,62,54,46,38,30,22,14,6,61,53,45,37,29,21,13,5,28,20,12,4];
// prettier-ignore
const PC2 = [14,17,11,24,1,5,3,28,15,6,21,10,23,19,12,4,26,8,16,7,27,20,13,2,41,52,31,37,47,55,30,40,51,45,33,48,44,49,39,56,34,53,46,42,50,36,29,32];
const SHIFTS = [1, 1, 2, 2, 2, 2, 2, 2, 1, 2, 2, 2, 2, 2, 2, 1];
// prettier-ignore
const S = [
  [14,4,13,1,2,15,11,8,3,10,6,12,5,9,0,7,0,15,7,4,14,2,13,1,10,6,12,11,9,5,3,8,4,1,14,8,13,6,2,11,15,12,9,7,3,10,5,0,15,12,8,2,4,9,1,7,5,11,3,14,10,0,6,13],
  [15,1,8,14,6,11,3,4,9,7,2,13,12,0,5,10,3,13,4,7,15,2,8,14,12,0,1,10,6,9,11,5,0,14,7,11,10,4,13,1,5,8,12,6,9,3,2,15,13,8,10,1,3,15,4,2,11,6,7,12,0,5,14,9],
  [10,0,9,14,6,3,15,5,1,13,12,7,11,4,2,8,13,7,0,9,3,4,6,10,2,8,5,14,12,11,15,1,13,6,4,9,8,15,3,0,11,1,2,12,5,10,14,7,1,10,13,0,6,9,8,7,4,15,14,3,11,5,2,12],
  [7,13,14,3,0,6,9,10,1,2,8,5,11,12,4,15,13,8,11,5,6,15,0,3,4,7,2,12,1,10,14,9,10,6,9,0,12,11,7,13,15,1,3,14,5,2,8,4,3,15,0,6,10,1,13,8,9,4,5,11,12,7,2,14],
  [2,12,4,1,7,10,11,6,8,5,3,15,13,0,14,9,14,11,2,12,4,7,13,1,5,0,15,10,3,9,8,6,4,2,1,11,10,13,7,8,15,9,12,5,6,3,0,14,11,8,12,7,1,14,2,13,6,15,0,9,10,4,5,3],
  [12,1,10,15,9,2,6,8,0,13,3,4,14,7,5,11,10,15,4,2,7,12,9,5,6,1,13,14,0,11,3,8,9,14,15,5,2,8,12,3,7,0,4,10,1,13,11,6,4,3,2,12,9,5,15,10,11,14,1,7,6,0,8,13],
  [4,11,2,14,15,0,8,13,3,12,9,7,5,10,6,1,13,0,11,7,4,9,1,10,14,3,5,12,2,15,8,6,1,4,11,13,12,3,7,14,10,15,6,8,0,5,9,2,6,11,13,8,1,4,10,7,9,5,0,15,14,2,3,12],
  [13,2,8,4,6,15,11,1,10,9,3,14,5,0,12,7,1,15,13,8,10,3,7,4,12,5,6,11,0,14,9,2,7,11,4,1,9,12,14,2,0,6,10,13,15,3,5,8,2,1,14,7,4,10,8,13,15,12,9,0,3,5,6,11],
];

type Bits = Uint8Array; // one bit per element, most significant first

function toBits(b: Uint8Array): Bits {
  const out = new Uint8Array(b.length * 8);
  for (let i = 0; i < out.length; i++) out[i] = (b[i >> 3]! >> (7 - (i & 7))) & 1;
  return out;
}
function fromBits(bits: Bits): Uint8Array {
  const out = new Uint8Array(bits.length / 8);
  for (let i = 0; i < bits.length; i++) out[i >> 3]! |= bits[i]! << (7 - (i & 7));
  return out;
}
function permute(bits: Bits, table: readonly number[]): Bits {
  const out = new Uint8Array(table.length);
  for (let i = 0; i < table.length; i++) out[i] = bits[table[i]! - 1]!;
  return out;
}

function subkeys(key: Uint8Array): Bits[] {
  if (key.length !== 8) throw new RangeError('a DES key has 8 bytes');
  const cd = permute(toBits(key), PC1);
  let c = cd.slice(0, 28);
  let d = cd.slice(28);
  const keys: Bits[] = [];
  for (const s of SHIFTS) {
    c = Uint8Array.from([...c.slice(s), ...c.slice(0, s)]);
    d = Uint8Array.from([...d.slice(s), ...d.slice(0, s)]);
    keys.push(permute(Uint8Array.from([...c, ...d]), PC2));
  }
  return keys;
}

function feistel(r: Bits, k: Bits): Bits {
  const x = permute(r, E);
  for (let i = 0; i < 48; i++) x[i]! ^= k[i]!;
  const out = new Uint8Array(32);
  for (let s = 0; s < 8; s++) {
    const b = x.subarray(s * 6, s * 6 + 6);
    const row = (b[0]! << 1) | b[5]!;
    const col = (b[1]! << 3) | (b[2]! << 2) | (b[3]! << 1) | b[4]!;
    const v = S[s]![row * 16 + col]!;
    for (let j = 0; j < 4; j++) out[s * 4 + j] = (v >> (3 - j)) & 1;
  }
  return permute(out, P);
}

function desBlock(block: Uint8Array, keys: Bits[], decrypt: boolean): Uint8Array {
  const b = permute(toBits(block), IP);
  let l = b.slice(0, 32);
  let r = b.slice(32);
  for (let i = 0; i < 16; i++) {
    const f = feistel(r, keys[decrypt ? 15 - i : i]!);
    const nr = new Uint8Array(32);
    for (let j = 0; j < 32; j++) nr[j] = l[j]! ^ f[j]!;
    l = r;
    r = nr;
  }
  return fromBits(permute(Uint8Array.from([...r, ...l]), FP));
}

/** Single-DES encryption of one 8-byte block. */
export function desEncryptBlock(key: Uint8Array, block: Uint8Array): Uint8Array {
  return desBlock(block, subkeys(key), false);
}
export function desDecryptBlock(key: Uint8Array, block: Uint8Array): Uint8Array {
  return desBlock(block, subkeys(key), true);
}

/** Two-key 3DES (K1, K2, K1) of a 16-byte key, as one block function. */
function tdes(key: Uint8Array): { enc(b: Uint8Array): Uint8Array; dec(b: Uint8Array): Uint8Array } {
  if (key.length !== 16 && key.length !== 24) throw new RangeError('a 3DES key has 16 or 24 bytes');
  const k1 = subkeys(key.subarray(0, 8));
  const k2 = subkeys(key.subarray(8, 16));
  const k3 = key.length === 24 ? subkeys(key.subarray(16, 24)) : k1;
  return {
    enc: (b) => desBlock(desBlock(desBlock(b, k1, false), k2, true), k3, false),
    dec: (b) => desBlock(desBlock(desBlock(b, k3, true), k2, false), k1, true),
  };
}

function blocks(data: Uint8Array): void {
  if (data.length % 8) throw new RangeError('3DES-CBC data must be a multiple of 8 bytes');
}

/** 3DES-CBC encryption without padding (the caller pads); IV zero unless given. */
export function tdesCbcEncrypt(key: Uint8Array, data: Uint8Array, iv: Uint8Array = new Uint8Array(8)): Uint8Array {
  blocks(data);
  const c = tdes(key);
  const out = new Uint8Array(data.length);
  let prev = iv;
  for (let i = 0; i < data.length; i += 8) {
    const x = data.slice(i, i + 8);
    for (let j = 0; j < 8; j++) x[j]! ^= prev[j]!;
    prev = c.enc(x);
    out.set(prev, i);
  }
  return out;
}

export function tdesCbcDecrypt(key: Uint8Array, data: Uint8Array, iv: Uint8Array = new Uint8Array(8)): Uint8Array {
  blocks(data);
  const c = tdes(key);
  const out = new Uint8Array(data.length);
  let prev = iv;
  for (let i = 0; i < data.length; i += 8) {
    const block = data.slice(i, i + 8);
    const x = c.dec(block);
    for (let j = 0; j < 8; j++) x[j]! ^= prev[j]!;
    out.set(x, i);
    prev = block;
  }
  return out;
}

/** ISO/IEC 9797-1 padding method 2: 0x80, then zeros up to a multiple of `blockSize`. */
export function padIso9797(data: Uint8Array, blockSize = 8): Uint8Array {
  const out = new Uint8Array((Math.floor(data.length / blockSize) + 1) * blockSize);
  out.set(data);
  out[data.length] = 0x80;
  return out;
}

/** Removes padding method 2; throws when it is not there. */
export function unpadIso9797(data: Uint8Array): Uint8Array {
  let i = data.length - 1;
  while (i >= 0 && data[i] === 0) i--;
  if (i < 0 || data[i] !== 0x80) throw new RangeError('bad ISO/IEC 9797-1 padding');
  return data.subarray(0, i);
}

/**
 * ISO/IEC 9797-1 MAC algorithm 3 with DES ("retail MAC", Part 11 §9.8.6.2): single-DES CBC under K1
 * over the padded message, then decrypt with K2 and encrypt with K1 the last block. 8 bytes.
 * `data` is padded here unless `padded` says it already is.
 */
export function retailMac(key: Uint8Array, data: Uint8Array, padded = false): Uint8Array {
  if (key.length !== 16) throw new RangeError('a retail-MAC key has 16 bytes');
  const msg = padded ? data : padIso9797(data);
  blocks(msg);
  const k1 = subkeys(key.subarray(0, 8));
  const k2 = subkeys(key.subarray(8, 16));
  let h: Uint8Array = new Uint8Array(8);
  for (let i = 0; i < msg.length; i += 8) {
    const x = msg.slice(i, i + 8);
    for (let j = 0; j < 8; j++) x[j]! ^= h[j]!;
    h = desBlock(x, k1, false);
  }
  return desBlock(desBlock(h, k2, true), k1, false);
}

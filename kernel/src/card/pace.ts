// PACE (Password Authenticated Connection Establishment), ICAO Doc 9303 Part 11 §4.4 and §9,
// terminal side, Generic Mapping over elliptic curves (id-PACE-ECDH-GM-*). The Vietnamese chip ID
// card is opened with the card access number (CAN: the last 6 digits of the personal ID) or the MRZ.
//
//   K_π = KDF(f(π), 3)            f(π) = CAN as ISO 8859-1 bytes, or SHA-1(MRZ information) (§9.7.3)
//   s   = D(K_π, z)               the chip's encrypted nonce, CBC with a zero IV
//   H   = SK_map,PCD · PK_map,IC  then  Ĝ = s·G + H   (Generic Mapping, §4.4.3.3.1)
//   K   = x(SK_PCD · PK_IC) over Ĝ; KS_enc = KDF(K, 1), KS_mac = KDF(K, 2)
//   T_PCD = MAC(KS_mac, 7F49{06 OID, 86 PK_IC}),  T_IC = MAC(KS_mac, 7F49{06 OID, 86 PK_PCD})  (§4.4.3.4)
// Proven against the worked example "PACE – ECDH Generic Mapping" (Part 11 Appendix G.1).
import { cbc, cmac } from '@noble/ciphers/aes.js';
import { brainpoolP256r1, brainpoolP384r1, brainpoolP512r1 } from '@noble/curves/misc.js';
import { p256, p384, p521 } from '@noble/curves/nist.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { bigintToBytes, bytesToBigint, concatBytes, equalBytes } from './bytes.ts';
import { CardInputError } from './card-error.ts';
import { retailMac, tdesCbcDecrypt, tdesCbcEncrypt } from './des.ts';
import { kdf, KDF_ENC, KDF_MAC, KDF_PACE, type CardCipher } from './kdf.ts';
import { mrzInformation } from './mrz.ts';
import { children, encodeTlv, findTag, readTlv, type Tlv } from './tlv.ts';

// ---------------------------------------------------------------------------------------------
// Object identifiers (BSI TR-03110-3 §A.1.1, Doc 9303 Part 11 §9.2.1)

export const ID_PACE = '0.4.0.127.0.7.2.2.4';
export const PACE_ECDH_GM_3DES = `${ID_PACE}.2.1`;
export const PACE_ECDH_GM_AES_128 = `${ID_PACE}.2.2`;
export const PACE_ECDH_GM_AES_192 = `${ID_PACE}.2.3`;
export const PACE_ECDH_GM_AES_256 = `${ID_PACE}.2.4`;

const MAPPINGS: Record<string, string> = { '1': 'DH-GM', '2': 'ECDH-GM', '3': 'DH-IM', '4': 'ECDH-IM', '6': 'ECDH-CAM' };
const CIPHERS: Record<string, CardCipher> = { '1': '3DES', '2': 'AES-128', '3': 'AES-192', '4': 'AES-256' };

export function oidToBytes(oid: string): Uint8Array {
  const arcs = oid.split('.').map((a) => {
    if (!/^\d+$/.test(a)) throw new RangeError(`bad OID ${oid}`);
    return Number(a);
  });
  if (arcs.length < 2) throw new RangeError(`bad OID ${oid}`);
  const out: number[] = [];
  const push = (v: number) => {
    const tmp = [v & 0x7f];
    for (let x = Math.floor(v / 128); x > 0; x = Math.floor(x / 128)) tmp.unshift((x & 0x7f) | 0x80);
    out.push(...tmp);
  };
  push(arcs[0]! * 40 + arcs[1]!);
  for (const a of arcs.slice(2)) push(a);
  return Uint8Array.from(out);
}

export function oidFromBytes(b: Uint8Array): string {
  const arcs: number[] = [];
  let v = 0;
  for (const x of b) {
    v = v * 128 + (x & 0x7f);
    if (!(x & 0x80)) {
      if (arcs.length === 0) arcs.push(v < 80 ? Math.floor(v / 40) : 2, v < 80 ? v % 40 : v - 80);
      else arcs.push(v);
      v = 0;
    }
  }
  return arcs.join('.');
}

// ---------------------------------------------------------------------------------------------
// Standardized domain parameters (Part 11 §9.5.1, Table 6) that @noble/curves carries.

type Curve = typeof p256;
type Point = ReturnType<Curve['Point']['fromBytes']>;
const CURVES: Record<number, { name: string; curve: Curve }> = {
  12: { name: 'NIST P-256 (secp256r1)', curve: p256 },
  13: { name: 'brainpoolP256r1', curve: brainpoolP256r1 },
  15: { name: 'NIST P-384 (secp384r1)', curve: p384 },
  16: { name: 'brainpoolP384r1', curve: brainpoolP384r1 },
  17: { name: 'brainpoolP512r1', curve: brainpoolP512r1 },
  18: { name: 'NIST P-521 (secp521r1)', curve: p521 },
};

export function paceCurveName(parameterId: number): string | undefined {
  return CURVES[parameterId]?.name;
}

function curveOf(parameterId: number): Curve {
  const c = CURVES[parameterId];
  if (!c)
    throw new CardInputError('pace_parameters', {
      vi: `Chưa hỗ trợ bộ tham số PACE số ${parameterId}.`,
      en: `PACE standardized domain parameters ${parameterId} are not supported (supported: ${Object.keys(CURVES).join(', ')}).`,
    });
  return c.curve;
}

// ---------------------------------------------------------------------------------------------
// EF.CardAccess: the SecurityInfos that announce PACE (Part 11 §9.2.1)

export interface PaceInfo {
  oid: string;
  mapping: string;
  cipher: CardCipher | null;
  version: number;
  parameterId: number | null;
  /** This kit can run it: ECDH Generic Mapping on a curve it knows. */
  supported: boolean;
}

/** The PACEInfo entries of EF.CardAccess (other SecurityInfos are skipped). */
export function parseCardAccess(bytes: Uint8Array): PaceInfo[] {
  const set = readTlv(bytes, 0);
  if (set.tag !== 0x31) throw new CardInputError('card_access', { vi: 'EF.CardAccess không hợp lệ.', en: 'EF.CardAccess is not a SET of SecurityInfos.' });
  const out: PaceInfo[] = [];
  for (const info of children(set)) {
    if (info.tag !== 0x30) continue;
    const parts = children(info);
    const oidTlv = parts[0];
    if (!oidTlv || oidTlv.tag !== 0x06) continue;
    const oid = oidFromBytes(oidTlv.value);
    const rest = oid.startsWith(`${ID_PACE}.`) ? oid.slice(ID_PACE.length + 1).split('.') : null;
    if (!rest || rest.length !== 2) continue; // PACEDomainParameterInfo and non-PACE infos
    const ints = parts.slice(1).filter((p: Tlv) => p.tag === 0x02).map((p) => Number(bytesToBigint(p.value)));
    const mapping = MAPPINGS[rest[0]!] ?? 'unknown';
    const cipher = CIPHERS[rest[1]!] ?? null;
    const parameterId = ints[1] ?? null;
    out.push({ oid, mapping, cipher, version: ints[0] ?? 0, parameterId, supported: mapping === 'ECDH-GM' && cipher !== null && parameterId !== null && parameterId in CURVES });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The password, the nonce, the keys

export type PacePassword = { kind: 'can'; can: string } | { kind: 'mrz'; documentNumber: string; dateOfBirth: string; dateOfExpiry: string };

/** f(π) of Part 11 §9.7.3: the CAN itself (ISO 8859-1), or SHA-1 of the MRZ information. */
export function pacePasswordSecret(pw: PacePassword): Uint8Array {
  if (pw.kind === 'can') {
    if (!/^\d{6}$/.test(pw.can))
      throw new CardInputError('pace_can', { vi: 'Số CAN gồm 6 chữ số (6 số cuối của số định danh).', en: 'The CAN has 6 digits (the last 6 digits of the personal ID).' });
    return Uint8Array.from(pw.can, (c) => c.charCodeAt(0));
  }
  return sha1(utf8ToBytes(mrzInformation(pw.documentNumber, pw.dateOfBirth, pw.dateOfExpiry)));
}

/** K_π = KDF(f(π), 3). */
export function pacePasswordKey(pw: PacePassword, cipher: CardCipher): Uint8Array {
  return kdf(pacePasswordSecret(pw), KDF_PACE, cipher);
}

/** s = D(K_π, z): CBC with a zero IV (one block for AES). */
export function paceDecryptNonce(kPi: Uint8Array, z: Uint8Array, cipher: CardCipher): Uint8Array {
  return cipher === '3DES' ? tdesCbcDecrypt(kPi, z) : cbc(kPi, new Uint8Array(16), { disablePadding: true }).decrypt(z);
}

/** z = E(K_π, s): the chip's side, for simulators and tests. */
export function paceEncryptNonce(kPi: Uint8Array, s: Uint8Array, cipher: CardCipher): Uint8Array {
  return cipher === '3DES' ? tdesCbcEncrypt(kPi, s) : cbc(kPi, new Uint8Array(16), { disablePadding: true }).encrypt(s);
}

/** KS_enc and KS_mac from the shared secret K (§9.7.1). */
export function paceSessionKeys(k: Uint8Array, cipher: CardCipher): { ksEnc: Uint8Array; ksMac: Uint8Array } {
  return { ksEnc: kdf(k, KDF_ENC, cipher), ksMac: kdf(k, KDF_MAC, cipher) };
}

/** The public key data object 7F49 { 06 OID, 86 uncompressed point } that the tokens authenticate (§4.4.3.4, §9.4.2). */
export function paceTokenInput(oid: string, publicKey: Uint8Array): Uint8Array {
  return encodeTlv(0x7f49, encodeTlv(0x06, oidToBytes(oid)), encodeTlv(0x86, publicKey));
}

/** T = MAC(KS_mac, 7F49{…}) truncated to 8 bytes: AES-CMAC, or the retail MAC for 3DES (§9.8.6). */
export function paceAuthToken(cipher: CardCipher, ksMac: Uint8Array, oid: string, publicKey: Uint8Array): Uint8Array {
  const input = paceTokenInput(oid, publicKey);
  return cipher === '3DES' ? retailMac(ksMac, input) : cmac(input, ksMac).subarray(0, 8);
}

/** The cipher an id-PACE OID names. */
export function paceCipherOf(oid: string): CardCipher {
  const rest = oid.startsWith(`${ID_PACE}.`) ? oid.slice(ID_PACE.length + 1).split('.') : [];
  const cipher = CIPHERS[rest[1] ?? ''];
  if (rest[0] !== '2' || !cipher || rest.length !== 2)
    throw new CardInputError('pace_protocol', { vi: `Chưa hỗ trợ giao thức PACE ${oid}.`, en: `PACE protocol ${oid} is not supported (only ECDH Generic Mapping).` });
  return cipher;
}

const badPoint = (what: string) =>
  new CardInputError('pace_point', { vi: `Khoá công khai của chip không hợp lệ (${what}).`, en: `The chip’s public key is invalid (${what}).` });

function decodePoint(curve: Curve, bytes: Uint8Array, what: string): Point {
  try {
    const p = curve.Point.fromBytes(bytes); // checks that it lies on the curve
    if (p.is0()) throw new Error('infinity');
    return p;
  } catch {
    throw badPoint(what);
  }
}

function scalar(curve: Curve, given: Uint8Array | undefined): bigint {
  const n = curve.Point.CURVE().n;
  if (given) {
    const k = bytesToBigint(given);
    if (k <= 0n || k >= n) throw new RangeError('private key out of range');
    return k;
  }
  return bytesToBigint(curve.utils.randomSecretKey());
}

/** Ĝ = s·G + H (Generic Mapping). */
export function paceMapGenerator(parameterId: number, nonce: Uint8Array, h: Uint8Array): Uint8Array {
  const curve = curveOf(parameterId);
  const s = bytesToBigint(nonce) % curve.Point.CURVE().n;
  const g = curve.Point.BASE.multiply(s).add(decodePoint(curve, h, 'H'));
  if (g.is0()) throw badPoint('mapped generator');
  return g.toBytes(false);
}

// ---------------------------------------------------------------------------------------------
// The terminal, step by step (GENERAL AUTHENTICATE 1–4, Part 11 §4.4.3)

export interface PaceTerminalOptions {
  /** id-PACE-ECDH-GM-* from EF.CardAccess. */
  oid: string;
  /** Standardized domain parameters (13 = brainpoolP256r1, the common choice). */
  parameterId: number;
  password: PacePassword;
  /** Fixed private keys (tests, the worked example); random when absent. */
  privateKeys?: { mapping?: Uint8Array; agreement?: Uint8Array };
}

export interface PaceResult {
  ksEnc: Uint8Array;
  ksMac: Uint8Array;
  /** Secure messaging starts with a zero send sequence counter after PACE (§9.8.2). */
  ssc: Uint8Array;
  cipher: CardCipher;
}

const tokenMismatch = () =>
  new CardInputError('pace_token', { vi: 'Mã xác thực của chip sai: CAN/MRZ không đúng.', en: 'The chip’s authentication token does not verify: wrong CAN or MRZ.' });

/**
 * Terminal side of PACE-ECDH-GM. Call the steps in order with what the chip answered; each returns
 * what to send next. Intermediate values stay readable (`nonce`, `mappedGenerator`, `sharedSecret`)
 * for reader-app logs and for checking against the worked example.
 */
export class PaceTerminal {
  readonly oid: string;
  readonly parameterId: number;
  readonly cipher: CardCipher;
  readonly kPi: Uint8Array;
  nonce: Uint8Array | undefined;
  mappedGenerator: Uint8Array | undefined;
  sharedSecret: Uint8Array | undefined;
  readonly #curve: Curve;
  readonly #skMap: bigint;
  readonly #skAgree: bigint;
  #pkMap: Uint8Array | undefined;
  #pkAgree: Uint8Array | undefined;
  #chipAgree: Uint8Array | undefined;
  #keys: { ksEnc: Uint8Array; ksMac: Uint8Array } | undefined;
  #step = 0;

  constructor(o: PaceTerminalOptions) {
    this.oid = o.oid;
    this.parameterId = o.parameterId;
    this.cipher = paceCipherOf(o.oid);
    this.#curve = curveOf(o.parameterId);
    this.kPi = pacePasswordKey(o.password, this.cipher);
    this.#skMap = scalar(this.#curve, o.privateKeys?.mapping);
    this.#skAgree = scalar(this.#curve, o.privateKeys?.agreement);
  }

  #expect(step: number) {
    if (this.#step !== step) throw new Error(`PACE step ${step + 1} called out of order`);
    this.#step++;
  }

  /** Step 1: the chip's encrypted nonce (tag 80) in; the terminal's mapping public key (tag 81) out. */
  mappingPublicKey(encryptedNonce: Uint8Array): Uint8Array {
    this.#expect(0);
    this.nonce = paceDecryptNonce(this.kPi, encryptedNonce, this.cipher);
    this.#pkMap = this.#curve.Point.BASE.multiply(this.#skMap).toBytes(false);
    return this.#pkMap;
  }

  /** Step 2: the chip's mapping public key (82) in; the terminal's ephemeral public key on Ĝ (83) out. */
  ephemeralPublicKey(chipMappingKey: Uint8Array): Uint8Array {
    this.#expect(1);
    const pk = decodePoint(this.#curve, chipMappingKey, 'mapping');
    if (equalBytes(pk.toBytes(false), this.#pkMap!)) throw badPoint('mapping key equals the terminal’s');
    const h = pk.multiply(this.#skMap);
    if (h.is0()) throw badPoint('H');
    this.mappedGenerator = paceMapGenerator(this.parameterId, this.nonce!, h.toBytes(false));
    const g = this.#curve.Point.fromBytes(this.mappedGenerator);
    this.#pkAgree = g.multiply(this.#skAgree).toBytes(false);
    return this.#pkAgree;
  }

  /** Step 3: the chip's ephemeral public key (84) in; the terminal's token T_PCD (85) out. */
  terminalToken(chipEphemeralKey: Uint8Array): Uint8Array {
    this.#expect(2);
    const pk = decodePoint(this.#curve, chipEphemeralKey, 'ephemeral');
    if (equalBytes(pk.toBytes(false), this.#pkAgree!)) throw badPoint('ephemeral key equals the terminal’s');
    const k = pk.multiply(this.#skAgree);
    const fieldBytes = Math.ceil(this.#curve.Point.CURVE().p.toString(2).length / 8);
    this.sharedSecret = bigintToBytes(k.toAffine().x, fieldBytes);
    this.#chipAgree = pk.toBytes(false);
    this.#keys = paceSessionKeys(this.sharedSecret, this.cipher);
    return paceAuthToken(this.cipher, this.#keys.ksMac, this.oid, this.#chipAgree);
  }

  /** Step 4: the chip's token T_IC (86) in; session keys out. Throws when the token is wrong. */
  finish(chipToken: Uint8Array): PaceResult {
    this.#expect(3);
    const expected = paceAuthToken(this.cipher, this.#keys!.ksMac, this.oid, this.#pkAgree!);
    if (!equalBytes(expected, chipToken)) throw tokenMismatch();
    return { ...this.#keys!, ssc: new Uint8Array(this.cipher === '3DES' ? 8 : 16), cipher: this.cipher };
  }
}

// ---------------------------------------------------------------------------------------------
// Command APDUs (Part 11 §4.4.4, ISO/IEC 7816-4)

/** MSE:Set AT selecting PACE: 80 = protocol OID, 83 = password (01 MRZ, 02 CAN), 84 = parameter id when the chip offers several. */
export function paceMseSetAt(oid: string, password: PacePassword['kind'], parameterId?: number): Uint8Array {
  const data = concatBytes(encodeTlv(0x80, oidToBytes(oid)), encodeTlv(0x83, Uint8Array.of(password === 'mrz' ? 1 : 2)), parameterId === undefined ? new Uint8Array() : encodeTlv(0x84, Uint8Array.of(parameterId)));
  return concatBytes(Uint8Array.of(0x00, 0x22, 0xc1, 0xa4, data.length), data);
}

/** GENERAL AUTHENTICATE with Dynamic Authentication Data 7C; command chaining (CLA 10) on all but the last step. */
export function paceGeneralAuthenticate(tag: 0x81 | 0x83 | 0x85 | null, value: Uint8Array | null, last: boolean): Uint8Array {
  const data = encodeTlv(0x7c, tag === null || value === null ? new Uint8Array() : encodeTlv(tag, value));
  if (data.length > 255) throw new RangeError('GENERAL AUTHENTICATE data too long for a short APDU');
  return concatBytes(Uint8Array.of(last ? 0x00 : 0x10, 0x86, 0x00, 0x00, data.length), data, Uint8Array.of(0x00));
}

/** The data object the chip answered inside 7C (80 nonce, 82 mapping key, 84 ephemeral key, 86 token). */
export function parseGeneralAuthenticateResponse(data: Uint8Array, tag: 0x80 | 0x82 | 0x84 | 0x86): Uint8Array {
  const outer = readTlv(data, 0);
  const inner = outer.tag === 0x7c ? findTag(outer, tag) : undefined;
  if (!inner)
    throw new CardInputError('pace_response', { vi: 'Chip trả lời GENERAL AUTHENTICATE không đúng dạng.', en: `The chip’s GENERAL AUTHENTICATE answer lacks data object ${tag.toString(16)}.` });
  return inner.value;
}

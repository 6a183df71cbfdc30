// The e-ID QR (mã QR định danh điện tử): a short-lived, offline-verifiable identity presentation.
//
//   "VN1:" + Base45( zlib( COSE_Sign1[ES256]( CWT claims ) ) )
//
// as EU DCC ("HC1:") and MOSIP Claim 169 build theirs. The CWT (RFC 8392) carries iss (1), exp (4),
// iat (6), cti (7, the nonce) and one private-use claim (-65537, RFC 8392 §9.1: keys below -65536)
// holding a small map: 1 personal ID, 2 full name, 3 birth date (yyyy-mm-dd, or yyyy-mm / yyyy as
// the registry holds it), 4 sex (M/F), 5 e-ID account level (1/2). The key id is in the protected
// header. The "VN<n>:" prefix versions the whole format: a verifier refuses versions it does not
// know instead of guessing. Everything here is pure (WebCrypto), for browsers and Node alike.
import type { Message, Sex } from '../personal-id/personal-id.ts';
import { Base45Error, decodeBase45, encodeBase45 } from './base45.ts';
import { CborError, decodeCbor, encodeCbor, type CborMap, type CborValue } from './cbor.ts';
import { parseSign1, signSign1, verifySign1, type Sign1, type WebCryptoKey } from './cose.ts';
import { deflateZlib, inflateZlib, ZlibError } from './zlib.ts';

export const EID_QR_VERSION = 1;
export const EID_QR_PREFIX = `VN${EID_QR_VERSION}:`;
/** How long a QR is valid unless the issuer says otherwise (seconds). */
export const EID_QR_DEFAULT_LIFETIME = 180;

const CLAIM_ISS = 1;
const CLAIM_EXP = 4;
const CLAIM_IAT = 6;
const CLAIM_CTI = 7;
const CLAIM_IDENTITY = -65537;
const ID_PID = 1;
const ID_NAME = 2;
const ID_BIRTH = 3;
const ID_SEX = 4;
const ID_LEVEL = 5;

export interface EidQrClaims {
  /** The issuing platform (its public URL); must equal the key set's issuer. */
  iss: string;
  pid: string;
  fullName: string;
  /** yyyy-mm-dd, or yyyy-mm / yyyy when the registry holds only that much. */
  birthDate: string;
  sex: Sex;
  /** e-ID account level (VNeID mức 1 / mức 2). */
  level: 1 | 2;
  /** Issued at / expires at, seconds since the epoch. */
  iat: number;
  exp: number;
  /** Random, unique per QR (CWT `cti`), base64url; online verifiers refuse a second use. */
  nonce: string;
}

/** One published verification key (a JWK plus when it may be used). */
export interface EidQrPublicKey {
  kid: string;
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
  alg: 'ES256';
  use?: 'sig';
  /** First instant (seconds) a QR signed by this key may carry as `iat`. */
  nbf: number;
  /** After this instant (seconds) every QR the key signed has expired: verifiers may drop it. Absent while it signs. */
  exp?: number;
}

/** What the issuer publishes (`GET /api/v1/verification/eid-qr/keys`) and verifiers cache. */
export interface EidQrKeySet {
  issuer: string;
  keys: EidQrPublicKey[];
}

/** A JSON Web Key as stored and published (EC P-256 here). */
export interface Jwk {
  kty?: string;
  crv?: string;
  x?: string;
  y?: string;
  d?: string;
  [member: string]: unknown;
}

export interface EidQrSigner {
  kid: string;
  privateKey: WebCryptoKey;
}

export type EidQrCheckName = 'version' | 'format' | 'key' | 'signature' | 'issuer' | 'expiry';
export type CheckStatus = 'passed' | 'failed' | 'not_checked';
export interface EidQrCheck {
  name: EidQrCheckName;
  status: CheckStatus;
}

export type EidQrFailure =
  | 'not_eid_qr'
  | 'version_unsupported'
  | 'malformed'
  | 'unknown_key'
  | 'key_not_valid'
  | 'bad_signature'
  | 'wrong_issuer'
  | 'not_yet_valid'
  | 'expired';

export type EidQrVerification =
  | { valid: true; kid: string; claims: EidQrClaims; checks: EidQrCheck[] }
  | {
      valid: false;
      failure: EidQrFailure;
      message: Message;
      checks: EidQrCheck[];
      kid?: string;
      /** Present only when the signature verified (an expired QR is still authentic). */
      claims?: EidQrClaims;
    };

export const EID_QR_MESSAGES: Record<EidQrFailure, Message> = {
  not_eid_qr: { vi: 'Đây không phải mã QR định danh điện tử.', en: 'This is not an e-ID QR code.' },
  version_unsupported: { vi: 'Phiên bản mã QR chưa được hỗ trợ; hãy cập nhật ứng dụng kiểm tra.', en: 'This QR version is not supported; update the verifier.' },
  malformed: { vi: 'Mã QR bị hỏng hoặc không đọc được.', en: 'The QR code is damaged or unreadable.' },
  unknown_key: { vi: 'Mã QR được ký bằng khoá không có trong danh sách khoá công bố.', en: 'The QR is signed with a key that is not published.' },
  key_not_valid: { vi: 'Khoá ký của mã QR không còn hoặc chưa có hiệu lực.', en: "The QR's signing key is no longer or not yet valid." },
  bad_signature: { vi: 'Chữ ký số không hợp lệ: mã QR đã bị sửa hoặc giả mạo.', en: 'Invalid signature: the QR was altered or forged.' },
  wrong_issuer: { vi: 'Mã QR do nơi khác phát hành.', en: 'The QR was issued by someone else.' },
  not_yet_valid: { vi: 'Mã QR có thời điểm phát hành ở tương lai; kiểm tra đồng hồ thiết bị.', en: "The QR's issue time is in the future; check the device clock." },
  expired: { vi: 'Mã QR đã hết hạn; đề nghị công dân tạo mã mới.', en: 'The QR has expired; ask the citizen for a new one.' },
};

// ---- base64url without Node's Buffer ----

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const B64_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < 64; i++) B64_VALUE[B64.charCodeAt(i)] = i;

export function toBase64Url(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i += 3) {
    const n = (b[i]! << 16) | ((b[i + 1] ?? 0) << 8) | (b[i + 2] ?? 0);
    s += B64[n >> 18]! + B64[(n >> 12) & 63]!;
    if (i + 1 < b.length) s += B64[(n >> 6) & 63]!;
    if (i + 2 < b.length) s += B64[n & 63]!;
  }
  return s;
}

export function fromBase64Url(s: string): Uint8Array | undefined {
  if (s.length % 4 === 1) return undefined;
  const out = new Uint8Array(Math.floor((s.length * 3) / 4));
  let o = 0;
  let buf = 0;
  let bits = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const v = c < 128 ? B64_VALUE[c]! : -1;
    if (v < 0) return undefined;
    buf = (buf << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (buf >> bits) & 0xff;
    }
  }
  return out.subarray(0, o);
}

// ---- issuing ----

/** A fresh nonce: 16 random bytes, base64url. */
export function newEidQrNonce(): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(16)));
}

/** A new ES256 signing key with a short random key id (8 bytes, base64url). */
export async function generateEidQrKey(): Promise<{ kid: string; privateJwk: Jwk; publicJwk: Jwk }> {
  const pair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as { privateKey: WebCryptoKey };
  const { key_ops: _ops, ext: _ext, ...privateJwk } = (await crypto.subtle.exportKey('jwk', pair.privateKey)) as Jwk;
  const { d: _d, ...publicJwk } = privateJwk;
  return { kid: toBase64Url(crypto.getRandomValues(new Uint8Array(8))), privateJwk, publicJwk };
}

export async function importEidQrSigner(kid: string, privateJwk: Jwk): Promise<EidQrSigner> {
  const { kty, crv, x, y, d } = privateJwk;
  if (kty !== 'EC' || crv !== 'P-256' || !x || !y || !d) throw new Error('an e-ID QR signing key is an EC P-256 private JWK');
  const privateKey = await crypto.subtle.importKey('jwk', { kty, crv, x, y, d }, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
  return { kid, privateKey };
}

function claimsToCbor(c: EidQrClaims): Uint8Array {
  const nonce = fromBase64Url(c.nonce);
  if (!nonce || nonce.length < 8) throw new Error('nonce must be at least 8 bytes, base64url');
  const identity: CborMap = new Map<number, CborValue>([
    [ID_PID, c.pid],
    [ID_NAME, c.fullName.normalize('NFC')],
    [ID_BIRTH, c.birthDate],
    [ID_SEX, c.sex],
    [ID_LEVEL, c.level],
  ]);
  return encodeCbor(
    new Map<number, CborValue>([
      [CLAIM_ISS, c.iss],
      [CLAIM_EXP, c.exp],
      [CLAIM_IAT, c.iat],
      [CLAIM_CTI, nonce],
      [CLAIM_IDENTITY, identity],
    ]),
  );
}

/** The QR text for these claims, signed by `signer`. */
export async function signEidQr(claims: EidQrClaims, signer: EidQrSigner): Promise<string> {
  const kid = fromBase64Url(signer.kid);
  if (!kid) throw new Error('kid must be base64url');
  const sign1 = await signSign1(claimsToCbor(claims), kid, signer.privateKey);
  return EID_QR_PREFIX + encodeBase45(await deflateZlib(sign1));
}

// ---- verifying ----

interface RingKey {
  key: WebCryptoKey;
  nbf: number;
  exp: number | undefined;
}
/** Published keys imported once for WebCrypto: build it with `importEidQrKeys` and reuse it. */
export interface EidQrKeyRing {
  readonly issuer: string;
  readonly keys: ReadonlyMap<string, RingKey>;
}

/** Imports a published key set; keys that are not valid P-256 public keys are left out. */
export async function importEidQrKeys(set: EidQrKeySet): Promise<EidQrKeyRing> {
  const keys = new Map<string, RingKey>();
  for (const k of set.keys) {
    if (k.kty !== 'EC' || k.crv !== 'P-256' || k.alg !== 'ES256' || typeof k.kid !== 'string') continue;
    try {
      const key = await crypto.subtle.importKey('jwk', { kty: 'EC', crv: 'P-256', x: k.x, y: k.y }, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['verify']);
      keys.set(k.kid, { key, nbf: k.nbf, exp: k.exp });
    } catch {
      // a broken entry must not make the other keys unusable
    }
  }
  return { issuer: set.issuer, keys };
}

const imported = new WeakMap<EidQrKeySet, Promise<EidQrKeyRing>>();
function ringOf(keys: EidQrKeySet | EidQrKeyRing): Promise<EidQrKeyRing> | EidQrKeyRing {
  if (keys.keys instanceof Map) return keys as EidQrKeyRing;
  const set = keys as EidQrKeySet;
  let p = imported.get(set);
  if (!p) {
    p = importEidQrKeys(set);
    imported.set(set, p);
  }
  return p;
}

function claimsFromCbor(payload: Uint8Array): EidQrClaims | undefined {
  let m: CborValue;
  try {
    m = decodeCbor(payload);
  } catch {
    return undefined;
  }
  if (!(m instanceof Map)) return undefined;
  const id = m.get(CLAIM_IDENTITY);
  const iss = m.get(CLAIM_ISS);
  const exp = m.get(CLAIM_EXP);
  const iat = m.get(CLAIM_IAT);
  const cti = m.get(CLAIM_CTI);
  if (!(id instanceof Map) || typeof iss !== 'string' || typeof exp !== 'number' || typeof iat !== 'number' || !(cti instanceof Uint8Array)) return undefined;
  const pid = id.get(ID_PID);
  const fullName = id.get(ID_NAME);
  const birthDate = id.get(ID_BIRTH);
  const sex = id.get(ID_SEX);
  const level = id.get(ID_LEVEL);
  if (typeof pid !== 'string' || !/^\d{12}$/.test(pid)) return undefined;
  if (typeof fullName !== 'string' || !fullName.trim()) return undefined;
  if (typeof birthDate !== 'string' || !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(birthDate)) return undefined;
  if (sex !== 'M' && sex !== 'F') return undefined;
  if (level !== 1 && level !== 2) return undefined;
  return { iss, pid, fullName, birthDate, sex, level, iat, exp, nonce: toBase64Url(cti) };
}

const ORDER: EidQrCheckName[] = ['version', 'format', 'key', 'signature', 'issuer', 'expiry'];

/** The checks in order: those before `at` passed (and any in `alsoPassed`), `at` failed, the rest not checked. */
function checksUpTo(passed: number, failed?: EidQrCheckName, alsoPassed: EidQrCheckName[] = []): EidQrCheck[] {
  return ORDER.map((name, i) => ({ name, status: name === failed ? 'failed' : i < passed || alsoPassed.includes(name) ? 'passed' : 'not_checked' }) as EidQrCheck);
}

function fail(failure: EidQrFailure, at: EidQrCheckName, extra: { kid?: string; claims?: EidQrClaims; alsoPassed?: EidQrCheckName[] } = {}): EidQrVerification {
  const { alsoPassed, ...rest } = extra;
  return { valid: false, failure, message: EID_QR_MESSAGES[failure], checks: checksUpTo(ORDER.indexOf(at), at, alsoPassed), ...rest };
}

/** The text a scanner delivered, without what keyboard-wedge scanners add (line ends, tabs). */
export function cleanScannedText(text: string): string {
  // not trailing spaces: the space is a Base45 character
  return text.replace(/^\s+/, '').replace(/[\r\n\t]+$/, '');
}

/**
 * Verifies an e-ID QR offline: version, structure, a published key valid for it, the signature,
 * the issuer, and the validity window at `now` (with `leewaySeconds` for verifiers' clocks,
 * default 30). Replay (a nonce seen before) is for an online verifier to check.
 */
export async function verifyEidQr(text: string, keys: EidQrKeySet | EidQrKeyRing, opts: { now: Date | number; leewaySeconds?: number }): Promise<EidQrVerification> {
  const now = Math.floor((typeof opts.now === 'number' ? opts.now : opts.now.getTime()) / 1000);
  const leeway = opts.leewaySeconds ?? 30;
  const t = cleanScannedText(text);
  const m = /^VN(\d{1,3}):/.exec(t);
  if (!m) return fail('not_eid_qr', 'version');
  if (Number(m[1]) !== EID_QR_VERSION) return fail('version_unsupported', 'version');
  let sign1: Sign1;
  try {
    sign1 = parseSign1(inflateZlib(decodeBase45(t.slice(m[0].length)), 4096));
  } catch (err) {
    if (err instanceof Base45Error || err instanceof ZlibError || err instanceof CborError) return fail('malformed', 'format');
    throw err;
  }
  if (!sign1.kid) return fail('malformed', 'format');
  const kid = toBase64Url(sign1.kid);
  const ring = await ringOf(keys);
  const key = ring.keys.get(kid);
  if (!key) return fail('unknown_key', 'key', { kid });
  if (key.exp !== undefined && now > key.exp) return fail('key_not_valid', 'key', { kid });
  if (!(await verifySign1(sign1, key.key))) return fail('bad_signature', 'signature', { kid });
  const claims = claimsFromCbor(sign1.payload);
  // signed by us yet unreadable: a format this verifier does not understand
  if (!claims) return fail('malformed', 'format', { kid, alsoPassed: ['key', 'signature'] });
  if (claims.iss !== ring.issuer) return fail('wrong_issuer', 'issuer', { kid });
  // a QR dated before its key was in use was not issued by the platform's normal flow
  if (claims.iat + leeway < key.nbf) return fail('key_not_valid', 'key', { kid, alsoPassed: ['signature', 'issuer'] });
  if (claims.iat - leeway > now) return fail('not_yet_valid', 'expiry', { kid, claims });
  if (claims.exp + leeway <= now) return fail('expired', 'expiry', { kid, claims });
  return { valid: true, kid, claims, checks: checksUpTo(ORDER.length) };
}

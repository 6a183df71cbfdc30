// COSE_Sign1 (RFC 9052 §4.2) with ES256 (ECDSA P-256 / SHA-256, RFC 9053 §2.1) through WebCrypto,
// which browsers and Node both provide. WebCrypto's ECDSA signatures are already the raw r‖s that
// COSE uses, so no DER conversion is needed.
import { CborError, CborTag, decodeCbor, encodeCbor, type CborMap, type CborValue } from './cbor.ts';

/** WebCrypto's key type, named the same way under the DOM's and Node's type definitions. */
export type WebCryptoKey = Awaited<ReturnType<typeof crypto.subtle.importKey>>;

export const COSE_SIGN1_TAG = 18;
export const CWT_TAG = 61;
export const COSE_ALG_ES256 = -7;
const HDR_ALG = 1;
const HDR_KID = 4;
const ECDSA_P256 = { name: 'ECDSA', hash: 'SHA-256' } as const;
const EMPTY = new Uint8Array(0);

export interface Sign1 {
  /** The protected header exactly as received (the signature covers these bytes). */
  protectedBytes: Uint8Array;
  alg: number | undefined;
  kid: Uint8Array | undefined;
  payload: Uint8Array;
  signature: Uint8Array;
}

function sigStructure(protectedBytes: Uint8Array, payload: Uint8Array): Uint8Array {
  return encodeCbor(['Signature1', protectedBytes, EMPTY, payload]);
}

/** Signs a payload as a tagged COSE_Sign1 with ES256 and the key id in the protected header. */
export async function signSign1(payload: Uint8Array, kid: Uint8Array, privateKey: WebCryptoKey): Promise<Uint8Array> {
  const protectedBytes = encodeCbor(
    new Map<number, CborValue>([
      [HDR_ALG, COSE_ALG_ES256],
      [HDR_KID, kid],
    ]),
  );
  const toBeSigned = sigStructure(protectedBytes, payload);
  const signature = new Uint8Array(await crypto.subtle.sign(ECDSA_P256, privateKey, toBeSigned as Uint8Array<ArrayBuffer>));
  return encodeCbor(new CborTag(COSE_SIGN1_TAG, [protectedBytes, new Map(), payload, signature]));
}

/** Reads a COSE_Sign1 (tagged 18, optionally inside the CWT tag 61); throws CborError when it is not one. */
export function parseSign1(bytes: Uint8Array): Sign1 {
  let v = decodeCbor(bytes);
  if (v instanceof CborTag && v.tag === CWT_TAG) v = v.value;
  if (v instanceof CborTag && v.tag === COSE_SIGN1_TAG) v = v.value;
  else throw new CborError('not a tagged COSE_Sign1');
  if (!Array.isArray(v) || v.length !== 4) throw new CborError('COSE_Sign1 must be an array of four');
  const [protectedBytes, unprotected, payload, signature] = v;
  if (!(protectedBytes instanceof Uint8Array) || !(unprotected instanceof Map) || !(payload instanceof Uint8Array) || !(signature instanceof Uint8Array))
    throw new CborError('COSE_Sign1 members have the wrong types');
  const header = protectedBytes.length ? decodeCbor(protectedBytes) : new Map();
  if (!(header instanceof Map)) throw new CborError('protected header is not a map');
  const alg = (header as CborMap).get(HDR_ALG);
  // the key id may sit in either header (RFC 9052 §3.1); only the protected one is signed, but a
  // wrong kid merely picks a key the signature will not verify under
  const kid = (header as CborMap).get(HDR_KID) ?? (unprotected as CborMap).get(HDR_KID);
  return {
    protectedBytes,
    alg: typeof alg === 'number' ? alg : undefined,
    kid: kid instanceof Uint8Array ? kid : undefined,
    payload,
    signature,
  };
}

/** True when the signature of a parsed COSE_Sign1 verifies under `publicKey` (ES256). */
export async function verifySign1(s: Sign1, publicKey: WebCryptoKey): Promise<boolean> {
  if (s.alg !== COSE_ALG_ES256 || s.signature.length !== 64) return false;
  return crypto.subtle.verify(ECDSA_P256, publicKey, s.signature as Uint8Array<ArrayBuffer>, sigStructure(s.protectedBytes, s.payload) as Uint8Array<ArrayBuffer>);
}

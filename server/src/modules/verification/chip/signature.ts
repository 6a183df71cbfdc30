// Signature algorithms met in EF.SOD, document-signer and CSCA certificates and master lists
// (ICAO Doc 9303 Part 12 §4.4 and Appendix; RFC 3279, RFC 4055, RFC 5758, BSI TR-03111 §5.2.1)
// and their verification with node:crypto. Web Crypto (which pkijs verifies with) knows neither
// the brainpool curves nor public keys with explicit EC domain parameters, and many chips use both.
import crypto, { type KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

export type HashName = 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512';

export const HASH_OIDS: Readonly<Record<string, HashName>> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.4': 'sha224',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

export interface SignatureAlgorithm {
  kind: 'rsa' | 'rsa-pss' | 'ecdsa' | 'ecdsa-plain';
  hash: HashName;
  saltLength?: number;
  /** Human-readable, for reports: "ECDSA with SHA-256". */
  name: string;
}

const RSA: Record<string, HashName> = {
  '1.2.840.113549.1.1.5': 'sha1',
  '1.2.840.113549.1.1.14': 'sha224',
  '1.2.840.113549.1.1.11': 'sha256',
  '1.2.840.113549.1.1.12': 'sha384',
  '1.2.840.113549.1.1.13': 'sha512',
};
const ECDSA: Record<string, HashName> = {
  '1.2.840.10045.4.1': 'sha1',
  '1.2.840.10045.4.3.1': 'sha224',
  '1.2.840.10045.4.3.2': 'sha256',
  '1.2.840.10045.4.3.3': 'sha384',
  '1.2.840.10045.4.3.4': 'sha512',
};
// BSI TR-03111 §5.2.1.1: ECDSA with the plain (r ‖ s) signature format.
const ECDSA_PLAIN: Record<string, HashName> = {
  '0.4.0.127.0.7.1.1.4.1.1': 'sha1',
  '0.4.0.127.0.7.1.1.4.1.2': 'sha224',
  '0.4.0.127.0.7.1.1.4.1.3': 'sha256',
  '0.4.0.127.0.7.1.1.4.1.4': 'sha384',
  '0.4.0.127.0.7.1.1.4.1.5': 'sha512',
};
const RSA_ENCRYPTION = '1.2.840.113549.1.1.1';
const RSASSA_PSS = '1.2.840.113549.1.1.10';
const EC_PUBLIC_KEY = '1.2.840.10045.2.1';

const HASH_TITLE: Record<HashName, string> = { sha1: 'SHA-1', sha224: 'SHA-224', sha256: 'SHA-256', sha384: 'SHA-384', sha512: 'SHA-512' };

export class UnsupportedAlgorithmError extends Error {}

/**
 * The algorithm an AlgorithmIdentifier names. `digestOid` is the SignerInfo's digest algorithm:
 * some issuers write only the key type (rsaEncryption, id-ecPublicKey) as the signature algorithm
 * and leave the hash to it — a quirk of real chips that Doc 9303 readers accept.
 */
export function signatureAlgorithm(alg: { oid: string; params?: Uint8Array }, digestOid?: string): SignatureAlgorithm {
  const oid = alg.oid;
  const viaDigest = () => {
    const h = digestOid ? HASH_OIDS[digestOid] : undefined;
    if (!h) throw new UnsupportedAlgorithmError(`no digest algorithm for ${oid}`);
    return h;
  };
  if (RSA[oid]) return { kind: 'rsa', hash: RSA[oid]!, name: `RSA PKCS#1 v1.5 with ${HASH_TITLE[RSA[oid]!]}` };
  if (oid === RSA_ENCRYPTION) {
    const h = viaDigest();
    return { kind: 'rsa', hash: h, name: `RSA PKCS#1 v1.5 with ${HASH_TITLE[h]}` };
  }
  if (ECDSA[oid]) return { kind: 'ecdsa', hash: ECDSA[oid]!, name: `ECDSA with ${HASH_TITLE[ECDSA[oid]!]}` };
  if (oid === EC_PUBLIC_KEY) {
    const h = viaDigest();
    return { kind: 'ecdsa', hash: h, name: `ECDSA with ${HASH_TITLE[h]}` };
  }
  if (ECDSA_PLAIN[oid]) return { kind: 'ecdsa-plain', hash: ECDSA_PLAIN[oid]!, name: `ECDSA (plain) with ${HASH_TITLE[ECDSA_PLAIN[oid]!]}` };
  if (oid === RSASSA_PSS) {
    // RFC 4055 §3.1: absent fields default to SHA-1, MGF1 with SHA-1, salt 20.
    let p: pkijs.RSASSAPSSParams;
    try {
      p = alg.params ? new pkijs.RSASSAPSSParams({ schema: asn1js.fromBER(alg.params).result }) : new pkijs.RSASSAPSSParams();
    } catch {
      throw new UnsupportedAlgorithmError('RSASSA-PSS parameters malformed');
    }
    const hash = HASH_OIDS[p.hashAlgorithm.algorithmId];
    if (!hash) throw new UnsupportedAlgorithmError(`RSASSA-PSS with hash ${p.hashAlgorithm.algorithmId}`);
    const mgf = p.maskGenAlgorithm.algorithmParams ? new pkijs.AlgorithmIdentifier({ schema: p.maskGenAlgorithm.algorithmParams }).algorithmId : '1.3.14.3.2.26';
    if (HASH_OIDS[mgf] !== hash) throw new UnsupportedAlgorithmError('RSASSA-PSS whose MGF1 hash differs from its message hash');
    return { kind: 'rsa-pss', hash, saltLength: p.saltLength, name: `RSASSA-PSS with ${HASH_TITLE[hash]}` };
  }
  throw new UnsupportedAlgorithmError(`signature algorithm ${oid}`);
}

/** The algorithm of a certificate's signature, in the form signatureAlgorithm() takes. */
export function certificateSignatureAlgorithm(cert: pkijs.Certificate): SignatureAlgorithm {
  const a = cert.signatureAlgorithm;
  const params = a.algorithmParams && !(a.algorithmParams instanceof asn1js.Null) ? new Uint8Array(a.algorithmParams.toBER()) : undefined;
  return signatureAlgorithm({ oid: a.algorithmId, ...(params ? { params } : {}) });
}

/** A node:crypto key from a SubjectPublicKeyInfo (named or explicit EC parameters, RSA, RSA-PSS). */
export function publicKeyFromSpki(spki: Uint8Array): KeyObject {
  try {
    return crypto.createPublicKey({ key: Buffer.from(spki.buffer, spki.byteOffset, spki.byteLength), format: 'der', type: 'spki' });
  } catch (e) {
    throw new UnsupportedAlgorithmError(`public key not usable: ${(e as Error).message}`);
  }
}

/** Verifies `signature` over `data`. False for a wrong signature; throws UnsupportedAlgorithmError when it cannot tell. */
export function verifySignature(alg: SignatureAlgorithm, key: KeyObject, data: Uint8Array, signature: Uint8Array): boolean {
  const keyType = key.asymmetricKeyType;
  if ((alg.kind === 'ecdsa' || alg.kind === 'ecdsa-plain') !== (keyType === 'ec'))
    throw new UnsupportedAlgorithmError(`a ${alg.name} signature with a ${keyType} key`);
  try {
    if (alg.kind === 'ecdsa' || alg.kind === 'ecdsa-plain')
      return crypto.verify(alg.hash, data, { key, dsaEncoding: alg.kind === 'ecdsa' ? 'der' : 'ieee-p1363' }, signature);
    if (alg.kind === 'rsa-pss')
      return crypto.verify(alg.hash, data, { key, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: alg.saltLength ?? 20 }, signature);
    return crypto.verify(alg.hash, data, { key, padding: crypto.constants.RSA_PKCS1_PADDING }, signature);
  } catch {
    return false; // malformed signature bytes
  }
}

export function digest(hash: HashName, data: Uint8Array): Uint8Array {
  return crypto.createHash(hash).update(data).digest();
}

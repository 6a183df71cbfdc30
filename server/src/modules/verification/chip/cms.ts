// CMS SignedData (RFC 5652) as EF.SOD and CSCA master lists use it (ICAO Doc 9303 Part 10 §4.6.2,
// Part 12 §9): find the signer's certificate — named by issuer and serial number, or by subject key
// identifier (both occur on real chips) — and verify the signature over the signed attributes.
//
// The structure is walked with the kernel's BER-TLV reader rather than pkijs's schema matcher,
// which took ~5 ms per EF.SOD; certificates are still read by pkijs (certificate.ts), once per
// distinct certificate (a document signer signs many thousands of cards).
import crypto from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { children, oidFromBytes, readTlv, toHex, type Tlv } from '@open06/kernel/card';
import { nameKey, parseCertificateCached, serialHex, spkiBytes, subjectKeyId } from './certificate.ts';
import type { KeyObject } from 'node:crypto';
import { digest, HASH_OIDS, publicKeyFromSpki, signatureAlgorithm, UnsupportedAlgorithmError, verifySignature, type SignatureAlgorithm } from './signature.ts';

export const OID_SIGNED_DATA = '1.2.840.113549.1.7.2';
const OID_CONTENT_TYPE = '1.2.840.113549.1.9.3';
const OID_MESSAGE_DIGEST = '1.2.840.113549.1.9.4';

export interface AlgorithmId {
  oid: string;
  /** DER of the parameters, when present. */
  params?: Uint8Array;
}

export interface SignerInfo {
  /** SignerIdentifier: issuerAndSerialNumber (DER of the issuer Name, serial hex) or subjectKeyIdentifier (hex). */
  sid: { by: 'issuer_serial'; issuerDer: Uint8Array; serial: string } | { by: 'subject_key_id'; keyId: string };
  digestAlgorithm: AlgorithmId;
  /** The signed attributes as encoded ([0] IMPLICIT SET OF Attribute), when present. */
  signedAttrs?: { raw: Uint8Array; attributes: Map<string, Tlv[]> };
  signatureAlgorithm: AlgorithmId;
  signature: Uint8Array;
}

export interface ParsedSignedData {
  eContentType: string;
  eContent: Uint8Array;
  /** DER of each certificate the SignedData carries. */
  certificates: Uint8Array[];
  signerInfos: SignerInfo[];
}

const fail = (what: string): never => {
  throw new Error(what);
};

function expect(t: Tlv | undefined, tag: number, what: string): Tlv {
  if (!t || t.tag !== tag) fail(`${what} missing or malformed`);
  return t!;
}

function algorithm(t: Tlv | undefined, what: string): AlgorithmId {
  const parts = children(expect(t, 0x30, what));
  const oid = oidFromBytes(expect(parts[0], 0x06, what).value);
  const p = parts[1];
  return p && p.tag !== 0x05 ? { oid, params: p.raw } : { oid };
}

/** OCTET STRING content, primitive or constructed (BER). */
function octets(t: Tlv): Uint8Array {
  if (t.tag === 0x04) return t.value;
  if (t.tag === 0x24) {
    const parts = children(t).map(octets);
    const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
    let o = 0;
    for (const p of parts) out.set(p, (o += p.length) - p.length);
    return out;
  }
  return fail('OCTET STRING expected');
}

const strip0 = (h: string) => h.replace(/^(00)+(?=.)/, '');

function signerInfo(t: Tlv): SignerInfo {
  const parts = children(expect(t, 0x30, 'SignerInfo'));
  let i = 1; // after the version
  const sidTlv = parts[i++]!;
  let sid: SignerInfo['sid'];
  if (sidTlv.tag === 0x30) {
    const [issuer, serial] = children(sidTlv);
    sid = { by: 'issuer_serial', issuerDer: expect(issuer, 0x30, 'issuer').raw, serial: strip0(toHex(expect(serial, 0x02, 'serial number').value)) };
  } else if (sidTlv.tag === 0x80) sid = { by: 'subject_key_id', keyId: toHex(sidTlv.value) };
  else return fail('SignerIdentifier malformed');
  const digestAlgorithm = algorithm(parts[i++], 'digestAlgorithm');
  let signedAttrs: SignerInfo['signedAttrs'];
  if (parts[i]?.tag === 0xa0) {
    const attrsTlv = parts[i++]!;
    const attributes = new Map<string, Tlv[]>();
    for (const a of children(attrsTlv)) {
      const [type, values] = children(expect(a, 0x30, 'Attribute'));
      attributes.set(oidFromBytes(expect(type, 0x06, 'attribute type').value), children(expect(values, 0x31, 'attribute values')));
    }
    signedAttrs = { raw: attrsTlv.raw, attributes };
  }
  const signatureAlgorithm = algorithm(parts[i++], 'signatureAlgorithm');
  const signature = expect(parts[i++], 0x04, 'signature').value;
  return { sid, digestAlgorithm, ...(signedAttrs ? { signedAttrs } : {}), signatureAlgorithm, signature };
}

/** ContentInfo { signedData } → its parts. Throws an Error saying what is wrong. */
export function parseSignedData(der: Uint8Array): ParsedSignedData {
  let ci: Tlv;
  try {
    ci = readTlv(der, 0);
  } catch (e) {
    return fail((e as Error).message);
  }
  const [type, content] = children(expect(ci, 0x30, 'ContentInfo'));
  const ct = oidFromBytes(expect(type, 0x06, 'contentType').value);
  if (ct !== OID_SIGNED_DATA) fail(`content type ${ct} is not signedData`);
  const sd = children(expect(children(expect(content, 0xa0, 'content'))[0], 0x30, 'SignedData'));
  const encap = children(expect(sd[2], 0x30, 'encapContentInfo'));
  const eContentType = oidFromBytes(expect(encap[0], 0x06, 'eContentType').value);
  const explicit = expect(encap[1], 0xa0, 'eContent');
  const eContent = octets(children(explicit)[0] ?? fail('eContent missing'));
  let i = 3;
  let certificates: Uint8Array[] = [];
  if (sd[i]?.tag === 0xa0) certificates = children(sd[i++]!).filter((c) => c.tag === 0x30).map((c) => c.raw);
  if (sd[i]?.tag === 0xa1) i++; // CRLs
  const signerInfos = children(expect(sd[i], 0x31, 'signerInfos')).map(signerInfo);
  if (!signerInfos.length) fail('no signer');
  return { eContentType, eContent, certificates, signerInfos };
}

/** Subject key identifier as the certificate states it, and RFC 5280 §4.2.1.2 method 1 (SHA-1 of the key bits). */
function keyIds(cert: pkijs.Certificate): string[] {
  const ids = [toHex(crypto.createHash('sha1').update(cert.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView).digest())];
  const ski = subjectKeyId(cert);
  if (ski) ids.unshift(ski);
  return ids;
}

/** The issuer Name of a SignerIdentifier, compared as written, then as a folded name (encodings differ in practice). */
function sameIssuer(cert: pkijs.Certificate, issuerDer: Uint8Array): boolean {
  const raw = new Uint8Array(cert.issuer.valueBeforeDecode);
  if (raw.length === issuerDer.length && Buffer.compare(raw, issuerDer) === 0) return true;
  const asn = asn1js.fromBER(issuerDer);
  return asn.offset !== -1 && nameKey(new pkijs.RelativeDistinguishedNames({ schema: asn.result })) === nameKey(cert.issuer);
}

export function matchesSigner(cert: pkijs.Certificate, sid: SignerInfo['sid']): boolean {
  return sid.by === 'issuer_serial' ? strip0(serialHex(cert)) === sid.serial && sameIssuer(cert, sid.issuerDer) : keyIds(cert).includes(sid.keyId);
}

// The node:crypto key of a (cached, parsed) certificate, made once.
const keys = new WeakMap<pkijs.Certificate, KeyObject>();
function publicKeyOf(cert: pkijs.Certificate): KeyObject {
  let k = keys.get(cert);
  if (!k) keys.set(cert, (k = publicKeyFromSpki(spkiBytes(cert))));
  return k;
}

const unsupported = (what: string) => ({ vi: `chưa hỗ trợ: ${what}`, en: `not supported: ${what}` });

export interface SignerResult {
  signerId: SignerInfo['sid'];
  /** The certificate the signer identifier names: found among those given, none match, or none given. */
  certificate: pkijs.Certificate | undefined;
  certificateDer: Uint8Array | undefined;
  certificateStatus: 'found' | 'mismatch' | 'absent';
  /** Where the certificate was found: in the SignedData, or among the certificates known beforehand. */
  certificateSource: 'signed_data' | 'known' | undefined;
  algorithm: SignatureAlgorithm | undefined;
  signature: 'passed' | 'failed' | 'not_possible';
  /** Why the signature failed or could not be checked. */
  reason: { vi: string; en: string } | undefined;
}

/**
 * Finds the first signer's certificate — in the SignedData, else among `known` (document signer
 * certificates published apart from the chip, as the ICAO PKD does) — and verifies the signature
 * (signed attributes included, RFC 5652 §5.4).
 */
export function verifySigner(p: ParsedSignedData, known: readonly { der: Uint8Array; certificate: pkijs.Certificate }[] = []): SignerResult {
  const si = p.signerInfos[0]!;
  let certificate: pkijs.Certificate | undefined;
  let certificateDer: Uint8Array | undefined;
  let certificateSource: SignerResult['certificateSource'];
  for (const der of p.certificates) {
    let c: pkijs.Certificate;
    try {
      c = parseCertificateCached(der);
    } catch {
      continue;
    }
    if (matchesSigner(c, si.sid)) {
      [certificate, certificateDer, certificateSource] = [c, der, 'signed_data'];
      break;
    }
  }
  if (!certificate) {
    const k = known.find((c) => matchesSigner(c.certificate, si.sid));
    if (k) [certificate, certificateDer, certificateSource] = [k.certificate, k.der, 'known'];
  }
  const certificateStatus = certificate ? 'found' : p.certificates.length ? 'mismatch' : 'absent';
  const base = { signerId: si.sid, certificate, certificateDer, certificateStatus, certificateSource } as const;
  let alg: SignatureAlgorithm;
  try {
    alg = signatureAlgorithm(si.signatureAlgorithm, si.digestAlgorithm.oid);
  } catch (e) {
    return { ...base, algorithm: undefined, signature: 'not_possible', reason: unsupported((e as Error).message) };
  }
  if (!certificate) return { ...base, algorithm: alg, signature: 'not_possible', reason: { vi: 'không có chứng thư người ký', en: 'signer certificate not found' } };
  const digestName = HASH_OIDS[si.digestAlgorithm.oid];
  if (!digestName) return { ...base, algorithm: alg, signature: 'not_possible', reason: unsupported(`digest algorithm ${si.digestAlgorithm.oid}`) };
  let signed: Uint8Array = p.eContent;
  if (si.signedAttrs) {
    const ct = si.signedAttrs.attributes.get(OID_CONTENT_TYPE)?.[0];
    if (!ct || ct.tag !== 0x06 || oidFromBytes(ct.value) !== p.eContentType) return { ...base, algorithm: alg, signature: 'failed', reason: { vi: 'thuộc tính loại nội dung không khớp', en: 'content-type attribute does not match the content' } };
    const md = si.signedAttrs.attributes.get(OID_MESSAGE_DIGEST)?.[0];
    if (!md || md.tag !== 0x04 || toHex(md.value) !== toHex(digest(digestName, p.eContent)))
      return { ...base, algorithm: alg, signature: 'failed', reason: { vi: 'mã băm nội dung không khớp thuộc tính đã ký', en: 'message-digest attribute does not match the content' } };
    // The signature covers the DER of the attributes with the SET OF tag, not the [0] IMPLICIT one.
    signed = Uint8Array.from(si.signedAttrs.raw);
    signed[0] = 0x31;
  }
  try {
    const key = publicKeyOf(certificate);
    const ok = verifySignature(alg, key, signed, si.signature);
    return { ...base, algorithm: alg, signature: ok ? 'passed' : 'failed', reason: ok ? undefined : { vi: 'chữ ký sai', en: 'signature does not verify' } };
  } catch (e) {
    if (e instanceof UnsupportedAlgorithmError) return { ...base, algorithm: alg, signature: 'not_possible', reason: unsupported(e.message) };
    throw e;
  }
}


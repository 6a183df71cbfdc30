// What passive authentication needs from an X.509 certificate (pkijs): names compared the way
// CSCA and document-signer names differ in practice (string types, case, spacing), key
// identifiers, validity, the raw SubjectPublicKeyInfo.
import crypto from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { toHex } from '@open06/kernel/card';

const NAMES: Record<string, string> = {
  '2.5.4.6': 'C', '2.5.4.10': 'O', '2.5.4.11': 'OU', '2.5.4.3': 'CN', '2.5.4.5': 'SERIALNUMBER',
  '2.5.4.7': 'L', '2.5.4.8': 'ST', '1.2.840.113549.1.9.1': 'E',
};

function rdnValue(v: pkijs.AttributeTypeAndValue['value']): string {
  const block = (v as { valueBlock?: { value?: unknown } }).valueBlock;
  return typeof block?.value === 'string' ? block.value : toHex(new Uint8Array(v.toBER()));
}

/** "C=VN, O=…, CN=…" for reports. */
export function displayName(name: pkijs.RelativeDistinguishedNames): string {
  return name.typesAndValues.map((t) => `${NAMES[t.type] ?? t.type}=${rdnValue(t.value)}`).join(', ');
}

/** A comparison key: attribute types with values folded to NFKC lower case, single spaces (RFC 5280 §7.1, simplified). */
export function nameKey(name: pkijs.RelativeDistinguishedNames): string {
  return name.typesAndValues.map((t) => `${t.type}=${rdnValue(t.value).normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim()}`).join(',');
}

function extension(cert: pkijs.Certificate, oid: string): pkijs.Extension | undefined {
  return cert.extensions?.find((e) => e.extnID === oid);
}

/** Subject key identifier (hex), from the extension. */
export function subjectKeyId(cert: pkijs.Certificate): string | null {
  const e = extension(cert, '2.5.29.14');
  const v = e?.parsedValue as asn1js.OctetString | undefined;
  return v ? toHex(v.valueBlock.valueHexView) : null;
}

/** Authority key identifier (hex), when the certificate names its issuer's key. */
export function authorityKeyId(cert: pkijs.Certificate): string | null {
  const e = extension(cert, '2.5.29.35');
  const v = e?.parsedValue as pkijs.AuthorityKeyIdentifier | undefined;
  return v?.keyIdentifier ? toHex(v.keyIdentifier.valueBlock.valueHexView) : null;
}

export function isCa(cert: pkijs.Certificate): boolean {
  const e = extension(cert, '2.5.29.19');
  return Boolean((e?.parsedValue as pkijs.BasicConstraints | undefined)?.cA);
}

export function serialHex(cert: pkijs.Certificate): string {
  return toHex(cert.serialNumber.valueBlock.valueHexView);
}

/** The SubjectPublicKeyInfo exactly as encoded in the certificate (tbsCertificate field 7, or 6 without a version). */
export function spkiBytes(cert: pkijs.Certificate): Uint8Array {
  const tbs = asn1js.fromBER(cert.tbsView).result as asn1js.Sequence;
  const fields = tbs.valueBlock.value;
  const hasVersion = fields[0]?.idBlock.tagClass === 3;
  const spki = fields[hasVersion ? 6 : 5];
  if (!spki) throw new Error('certificate without a public key');
  return spki.valueBeforeDecodeView;
}

export function validAt(cert: pkijs.Certificate, at: Date): 'valid' | 'not_yet_valid' | 'expired' {
  if (at < cert.notBefore.value) return 'not_yet_valid';
  if (at > cert.notAfter.value) return 'expired';
  return 'valid';
}

export function parseCertificate(der: Uint8Array): pkijs.Certificate {
  const asn = asn1js.fromBER(der);
  if (asn.offset === -1) throw new Error('not DER');
  return new pkijs.Certificate({ schema: asn.result });
}

// Parsing a certificate with pkijs costs ~1.5 ms; a document signer signs many thousands of cards,
// so the parsed form is kept, by the SHA-256 of its DER, for the most recent 2,048 certificates.
const parsed = new Map<string, pkijs.Certificate>();
export function parseCertificateCached(der: Uint8Array): pkijs.Certificate {
  const key = crypto.createHash('sha256').update(der).digest('base64');
  let cert = parsed.get(key);
  if (cert) {
    parsed.delete(key);
  } else {
    cert = parseCertificate(der);
    if (parsed.size >= 2048) parsed.delete(parsed.keys().next().value!);
  }
  parsed.set(key, cert);
  return cert;
}

export const dateOnly = (d: Date) => d.toISOString().slice(0, 10);

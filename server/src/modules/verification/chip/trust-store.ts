// Trust anchors for passive authentication: the Country Signing CA certificates (CSCA) of the
// states whose documents are read — Vietnam's above all. They come as ICAO CSCA master lists
// (Doc 9303 Part 12 §9: CMS SignedData whose content is CscaMasterList ::= SEQUENCE { version,
// certList SET OF Certificate }) or as single certificates (DER or PEM). Importing is an
// administrative act: whatever is in the store is trusted, the master list's own signature is
// only reported.
import crypto, { type KeyObject } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { authorityKeyId, displayName, isCa, nameKey, parseCertificate, spkiBytes, subjectKeyId } from './certificate.ts';
import { parseSignedData, verifySigner } from './cms.ts';
import { certificateSignatureAlgorithm, publicKeyFromSpki, UnsupportedAlgorithmError, verifySignature } from './signature.ts';

export const OID_CSCA_MASTER_LIST = '2.23.136.1.1.2';

export interface TrustedCertificate {
  /** SHA-256 of the DER, hex: the identity of the entry. */
  fingerprint: string;
  der: Uint8Array;
  subject: string;
  subjectKey: string;
  subjectKeyId: string | null;
  notBefore: Date;
  notAfter: Date;
  /** Where it came from: a file name, "master list <file>", "database". */
  source: string;
  isCa: boolean;
  certificate: pkijs.Certificate;
}

export interface MasterListImport {
  added: TrustedCertificate[];
  /** Certificates already in the store. */
  known: number;
  signer: { subject: string; signature: 'passed' | 'failed' | 'not_possible'; issuedByListedCsca: boolean } | null;
}

export class TrustStoreError extends Error {}

export type ChainResult =
  | { status: 'passed'; csca: TrustedCertificate }
  | { status: 'failed'; csca: TrustedCertificate }
  | { status: 'not_possible'; why: 'no_issuer' | 'no_signing_issuer' | 'unsupported'; reason?: string };

const PEM = /-----BEGIN (?:X509 |TRUSTED )?CERTIFICATE-----([\s\S]*?)-----END (?:X509 |TRUSTED )?CERTIFICATE-----/g;

function describe(cert: pkijs.Certificate, der: Uint8Array, source: string): TrustedCertificate {
  return {
    fingerprint: crypto.createHash('sha256').update(der).digest('hex'),
    der,
    subject: displayName(cert.subject),
    subjectKey: nameKey(cert.subject),
    subjectKeyId: subjectKeyId(cert),
    notBefore: cert.notBefore.value,
    notAfter: cert.notAfter.value,
    source,
    isCa: isCa(cert),
    certificate: cert,
  };
}

export class TrustStore {
  readonly #byFingerprint = new Map<string, TrustedCertificate>();
  readonly #keys = new Map<string, KeyObject>();
  readonly #chains = new Map<string, ChainResult>();
  #documentSigners: { der: Uint8Array; certificate: pkijs.Certificate }[] = [];

  get size(): number {
    return this.#byFingerprint.size;
  }

  list(): TrustedCertificate[] {
    return [...this.#byFingerprint.values()];
  }

  /** Adds one DER certificate; returns the entry and whether it was new. */
  addCertificate(der: Uint8Array, source: string): { entry: TrustedCertificate; added: boolean } {
    let cert: pkijs.Certificate;
    try {
      cert = parseCertificate(der);
    } catch {
      throw new TrustStoreError(`${source}: not an X.509 certificate`);
    }
    const entry = describe(cert, der, source);
    const known = this.#byFingerprint.get(entry.fingerprint);
    if (known) return { entry: known, added: false };
    this.#byFingerprint.set(entry.fingerprint, entry);
    this.#chains.clear();
    if (!entry.isCa) this.#documentSigners = [...this.#documentSigners, { der, certificate: cert }];
    return { entry, added: true };
  }

  /** One file's contents: a master list, PEM certificates, or one DER certificate. */
  addFile(bytes: Uint8Array, source: string): TrustedCertificate[] {
    const text = new TextDecoder('latin1').decode(bytes.subarray(0, Math.min(bytes.length, 1 << 20)));
    if (text.includes('-----BEGIN')) {
      const out: TrustedCertificate[] = [];
      for (const m of text.matchAll(PEM)) {
        const r = this.addCertificate(new Uint8Array(Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64')), source);
        if (r.added) out.push(r.entry);
      }
      if (!out.length && !text.match(PEM)) throw new TrustStoreError(`${source}: no PEM certificate`);
      return out;
    }
    const asn = asn1js.fromBER(bytes);
    if (asn.offset === -1) throw new TrustStoreError(`${source}: neither DER nor PEM`);
    // A ContentInfo starts with an OBJECT IDENTIFIER; a Certificate with a SEQUENCE.
    const first = (asn.result as asn1js.Sequence).valueBlock?.value?.[0];
    if (first instanceof asn1js.ObjectIdentifier) return this.importMasterList(bytes, source).added;
    const r = this.addCertificate(bytes, source);
    return r.added ? [r.entry] : [];
  }

  /** An ICAO CSCA master list: every certificate of its list is added. */
  importMasterList(bytes: Uint8Array, source: string): MasterListImport {
    let parsed;
    try {
      parsed = parseSignedData(bytes);
    } catch (e) {
      throw new TrustStoreError(`${source}: not a CMS SignedData (${(e as Error).message})`);
    }
    if (parsed.eContentType !== OID_CSCA_MASTER_LIST) throw new TrustStoreError(`${source}: content ${parsed.eContentType} is not a CSCA master list`);
    const asn = asn1js.fromBER(parsed.eContent);
    const seq = asn.result as asn1js.Sequence;
    const set = seq.valueBlock?.value?.[1] as asn1js.Set | undefined;
    if (asn.offset === -1 || !(set instanceof asn1js.Set)) throw new TrustStoreError(`${source}: CscaMasterList is malformed`);
    // A list whose signature is wrong was altered after signing: refuse it whole. One whose
    // signature cannot be checked (no signer certificate, unknown algorithm) is imported and said so.
    const signer = verifySigner(parsed);
    if (signer.signature === 'failed') throw new TrustStoreError(`${source}: the master list's signature is invalid (${signer.reason?.en})`);
    const added: TrustedCertificate[] = [];
    let known = 0;
    for (const c of set.valueBlock.value) {
      const r = this.addCertificate(c.valueBeforeDecodeView, `master list ${source}`);
      if (r.added) added.push(r.entry);
      else known++;
    }
    const listed = set.valueBlock.value.map((c) => describe(parseCertificate(c.valueBeforeDecodeView), c.valueBeforeDecodeView, source));
    return {
      added,
      known,
      signer: signer.certificate
        ? {
            subject: displayName(signer.certificate.subject),
            signature: signer.signature,
            issuedByListedCsca: listed.some((l) => l.subjectKey === nameKey(signer.certificate!.issuer)),
          }
        : null,
    };
  }

  /** Every `.der .cer .crt .pem .ml .bin` file of a directory (not recursive). */
  static async fromDirectory(dir: string): Promise<TrustStore> {
    const store = new TrustStore();
    const names = (await fs.readdir(dir)).filter((n) => /\.(der|cer|crt|pem|ml|bin)$/i.test(n)).sort();
    for (const n of names) store.addFile(new Uint8Array(await fs.readFile(path.join(dir, n))), n);
    return store;
  }

  /**
   * Trust anchors that may have issued `cert`: those whose subject key identifier is the
   * certificate's authority key identifier, else those whose subject is its issuer name.
   */
  issuersOf(cert: pkijs.Certificate): { entries: TrustedCertificate[]; by: 'key_id' | 'name' } {
    const aki = authorityKeyId(cert);
    const all = this.list();
    const byKey = aki ? all.filter((t) => t.subjectKeyId === aki) : [];
    if (byKey.length) return { entries: byKey, by: 'key_id' };
    const issuer = nameKey(cert.issuer);
    return { entries: all.filter((t) => t.subjectKey === issuer), by: 'name' };
  }

  /** Document-signer certificates held (not trust anchors: they still need a CSCA). */
  documentSignerCertificates(): readonly { der: Uint8Array; certificate: pkijs.Certificate }[] {
    return this.#documentSigners;
  }

  /** The node:crypto key of an entry (cached: verification hits the same CSCA again and again). */
  publicKey(t: TrustedCertificate): KeyObject {
    let k = this.#keys.get(t.fingerprint);
    if (!k) {
      k = publicKeyFromSpki(spkiBytes(t.certificate));
      this.#keys.set(t.fingerprint, k);
    }
    return k;
  }

  /**
   * The chain from a document signer certificate to a CSCA of this store: found and verified once
   * per certificate (a document signer signs many cards), forgotten when the store changes.
   * Found by key identifier, a CSCA that did not sign means a forgery ("failed"); found only by
   * name, the right CSCA may simply be missing (key rollover), so the chain is "not_possible".
   */
  chainOf(ds: pkijs.Certificate, dsDer: Uint8Array): ChainResult {
    const key = crypto.createHash('sha256').update(dsDer).digest('base64');
    const known = this.#chains.get(key);
    if (known) return known;
    const { entries, by } = this.issuersOf(ds);
    let result: ChainResult;
    if (!entries.length) result = { status: 'not_possible', why: 'no_issuer' };
    else {
      try {
        const alg = certificateSignatureAlgorithm(ds);
        const csca = entries.find((c) => verifySignature(alg, this.publicKey(c), ds.tbsView, ds.signatureValue.valueBlock.valueHexView));
        result = csca ? { status: 'passed', csca } : by === 'key_id' ? { status: 'failed', csca: entries[0]! } : { status: 'not_possible', why: 'no_signing_issuer' };
      } catch (e) {
        if (!(e instanceof UnsupportedAlgorithmError)) throw e;
        result = { status: 'not_possible', why: 'unsupported', reason: e.message };
      }
    }
    if (this.#chains.size >= 4096) this.#chains.delete(this.#chains.keys().next().value!);
    this.#chains.set(key, result);
    return result;
  }

  static of(certs: { der: Uint8Array; source: string }[]): TrustStore {
    const s = new TrustStore();
    for (const c of certs) s.addCertificate(c.der, c.source);
    return s;
  }
}


// Synthetic Vietnamese chip ID cards for tests and benchmarks: a test CSCA, document signers, and
// chips whose EF.SOD is signed the way issuers do it (ICAO Doc 9303 Part 10 §4.6.2, Part 12) —
// good ones and bad ones (tampered data group, expired signer, wrong or forged chain), with ECDSA
// (named P-256, and brainpoolP256r1 with explicit domain parameters), RSA PKCS#1 v1.5 and
// RSASSA-PSS, the signer named by issuer+serial or by key identifier, optional groups left out.
// Synthetic people only; the portrait is a drawn silhouette. Every name says TEST.
import 'reflect-metadata'; // @peculiar/x509 needs it loaded first
import nodeCrypto, { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { encodeTlv, formatTd1, fromHex, mrzName, oidToBytes, PACE_ECDH_GM_AES_128 } from '@open06/kernel/card';
import { splitFullName } from '@open06/kernel';

type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;
type SignAlgorithm = webcrypto.Algorithm | webcrypto.EcdsaParams | webcrypto.RsaPssParams;
const subtle = webcrypto.subtle;
x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

const OID = {
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha1: '1.3.14.3.2.26',
  ecdsaSha256: '1.2.840.10045.4.3.2',
  rsaSha256: '1.2.840.113549.1.1.11',
  pss: '1.2.840.113549.1.1.10',
  mgf1: '1.2.840.113549.1.1.8',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  ldsSecurityObject: '2.23.136.1.1.1',
  cscaMasterList: '2.23.136.1.1.2',
};

/** The drawn silhouette used as every synthetic holder's portrait (90×120 JPEG). */
export const SILHOUETTE_JPEG = new Uint8Array(Buffer.from('/9j/4AAQSkZJRgABAQAAAQABAAD/4gHYSUNDX1BST0ZJTEUAAQEAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABhY3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADb/2wBDAA0JCgsKCA0LCgsODg0PEyAVExISEyccHhcgLikxMC4pLSwzOko+MzZGNywtQFdBRkxOUlNSMj5aYVpQYEpRUk//2wBDAQ4ODhMREyYVFSZPNS01T09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT0//wAARCAB4AFoDASIAAhEBAxEB/8QAGgABAAMBAQEAAAAAAAAAAAAAAAQFBgIBA//EADEQAAICAQICCAUDBQAAAAAAAAABAgMEBREhMRITQVFScZHBBhQiI0IyYWKSodHh8P/EABcBAQEBAQAAAAAAAAAAAAAAAAABAgP/xAAYEQEBAQEBAAAAAAAAAAAAAAAAARECMf/aAAwDAQACEQMRAD8A34AOrAAAAAAAAAAAAAAAAAAeTnGuDnOSjFLdt9gHoKTK19RbjiV9L+U+XoQXrWe3urYr9lBFyprUgz2Pr9sWlkVxnHtceDLzGyacqrrKZ9JdvevMlhr6gAKAAAAABmtbz3fe8et/arfHb8maLIn1WPbYucIOXojEttvd8y8s0ABtAkYOXZh5CthxXKUe9EcEG3rnG2uNkHvGS3TOiu0Gx2aak/wk4+/uWJhoAAUAAHF8Otosr8cXH1RiWmm0+aNyZrW8B0XvIrX2rHu9vxZeWaqwAbQAJGDiWZmQqocFzlLuRBoNBrdemxb/ADk5e3sWJzXCNVca4LaMVskdGGgABQAADycIzg4TipRa2afaegCky9AjKTliWKP8J8vUgvRc9PZVRf7qaNJdlY9D2uuhB9zfEjvVsBPb5hf0v/BdqZFXj6BbJp5FkYR7VHiy8xsanFq6umHRXb3vzOK8/EtaUMitt9m+xIJbQAAUAAAAj52XDDx3bPi+UY97CGZmU4dXTtlxf6YrmzPZmr5OS2oSdVfdF8X5sh5F9uTa7bpOUn/Y+ZqRLRvd7vmADSBJxdQycWS6uxuPglxRGBBqtP1SrN+hrq7fC3z8ieYaLcZKUW01xTXYabRtR+br6q6X3odviXeZsWVZgAjQZTWMv5rNl0XvXX9Mfdmj1C75fBut32ajsvN8EY4vLNAAbQAAAAADui2dF0La3tKD3RwANtRbG+iFsP0zW6Oyp+HbuniTpb41y4eT/wCZbHOtKz4gl0dN28U0vf2MyAa58SgANIAAAAAAAAuPhuW2VdHvhv6P/ZoQDF9aj//Z', 'base64'));

export type KeyKind = 'ecdsa-p256' | 'ecdsa-brainpool-explicit' | 'rsa' | 'rsa-pss';

/** A key and certificate that signs: a CSCA, a document signer, a master-list signer. */
export interface Authority {
  kind: KeyKind;
  der: Uint8Array;
  cert: x509.X509Certificate;
  /** RFC 5280 key identifier (SHA-1 of the public key bits). */
  keyId: Uint8Array;
  name: string;
  serialNumber: string;
  /** Signature in the form CMS and X.509 carry it (DER for ECDSA). */
  sign(data: Uint8Array): Promise<Uint8Array>;
  /** signatureAlgorithm of a SignerInfo or certificate made with this key. */
  algorithm(): pkijs.AlgorithmIdentifier;
  /** For certificates this authority issues (@peculiar/x509). Absent for the brainpool key, which only signs SODs. */
  x509Key?: CryptoKey;
  x509Algorithm?: SignAlgorithm;
}

function keyIdOf(spki: Uint8Array): Uint8Array {
  const asn = asn1js.fromBER(spki);
  const bits = (asn.result as asn1js.Sequence).valueBlock.value[1] as asn1js.BitString;
  return new Uint8Array(nodeCrypto.createHash('sha1').update(bits.valueBlock.valueHexView).digest());
}

/** Ecdsa-Sig-Value (DER) from Web Crypto's r ‖ s. */
function p1363ToDer(sig: Uint8Array): Uint8Array {
  const half = sig.length / 2;
  const int = (b: Uint8Array) => {
    let i = 0;
    while (i < b.length - 1 && b[i] === 0) i++;
    const v = b.subarray(i);
    return new asn1js.Integer({ valueHex: v[0]! & 0x80 ? Uint8Array.of(0, ...v) : v });
  };
  return new Uint8Array(new asn1js.Sequence({ value: [int(sig.subarray(0, half)), int(sig.subarray(half))] }).toBER());
}

const algId = (oid: string, params?: asn1js.BaseBlock) => new pkijs.AlgorithmIdentifier({ algorithmId: oid, ...(params ? { algorithmParams: params } : {}) });
const sha256Id = () => algId(OID.sha256, new asn1js.Null());
function pssParams(): asn1js.BaseBlock {
  return new pkijs.RSASSAPSSParams({ hashAlgorithm: sha256Id(), maskGenAlgorithm: algId(OID.mgf1, sha256Id().toSchema()), saltLength: 32 }).toSchema();
}

interface KeyMaterial {
  spki: Uint8Array;
  sign(data: Uint8Array): Promise<Uint8Array>;
  algorithm(): pkijs.AlgorithmIdentifier;
  x509Key?: CryptoKey;
  x509Algorithm?: SignAlgorithm;
  publicKey?: CryptoKey;
}

async function makeKey(kind: KeyKind): Promise<KeyMaterial> {
  if (kind === 'ecdsa-brainpool-explicit') {
    // Web Crypto has no brainpool curves; node:crypto writes the key with explicit domain
    // parameters (SpecifiedECDomain), as several issuers' document signers do.
    const { publicKey, privateKey } = nodeCrypto.generateKeyPairSync('ec', { namedCurve: 'brainpoolP256r1', paramEncoding: 'explicit' });
    return {
      spki: new Uint8Array(publicKey.export({ type: 'spki', format: 'der' })),
      sign: async (d) => new Uint8Array(nodeCrypto.sign('sha256', d, { key: privateKey, dsaEncoding: 'der' })),
      algorithm: () => algId(OID.ecdsaSha256),
    };
  }
  if (kind === 'ecdsa-p256') {
    const keys = (await subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify'])) as CryptoKeyPair;
    const alg = { name: 'ECDSA', hash: 'SHA-256' };
    return {
      spki: new Uint8Array(await subtle.exportKey('spki', keys.publicKey)),
      sign: async (d) => p1363ToDer(new Uint8Array(await subtle.sign(alg, keys.privateKey, d))),
      algorithm: () => algId(OID.ecdsaSha256),
      x509Key: keys.privateKey,
      x509Algorithm: alg,
      publicKey: keys.publicKey,
    };
  }
  const pss = kind === 'rsa-pss';
  const name = pss ? 'RSA-PSS' : 'RSASSA-PKCS1-v1_5';
  const keys = (await subtle.generateKey({ name, modulusLength: 2048, publicExponent: Uint8Array.of(1, 0, 1), hash: 'SHA-256' }, true, ['sign', 'verify'])) as CryptoKeyPair;
  const alg = pss ? { name, saltLength: 32 } : { name };
  return {
    spki: new Uint8Array(await subtle.exportKey('spki', keys.publicKey)),
    sign: async (d) => new Uint8Array(await subtle.sign(alg, keys.privateKey, d)),
    algorithm: () => (pss ? algId(OID.pss, pssParams()) : algId(OID.rsaSha256, new asn1js.Null())),
    x509Key: keys.privateKey,
    x509Algorithm: pss ? { name, hash: 'SHA-256', saltLength: 32 } : { name, hash: 'SHA-256' },
    publicKey: keys.publicKey,
  };
}

let serial = 0x1000;
const nextSerial = () => (serial++).toString(16).padStart(6, '0');

export interface Validity {
  notBefore: Date;
  notAfter: Date;
}

/** A self-signed Country Signing CA. */
export async function createCsca(o: { name?: string; kind?: 'ecdsa-p256' | 'rsa' | 'rsa-pss'; validity?: Validity; keyId?: Uint8Array } = {}): Promise<Authority> {
  const kind = o.kind ?? 'ecdsa-p256';
  const key = await makeKey(kind);
  const name = o.name ?? 'C=VN, O=Bo Cong an TEST, OU=Trung tam Can cuoc TEST, CN=CSCA Viet Nam TEST';
  const keyId = o.keyId ?? keyIdOf(key.spki);
  const serialNumber = nextSerial();
  const v = o.validity ?? { notBefore: new Date('2010-01-01T00:00:00Z'), notAfter: new Date('2045-01-01T00:00:00Z') };
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber,
    subject: name,
    issuer: name,
    notBefore: v.notBefore,
    notAfter: v.notAfter,
    publicKey: key.spki,
    signingKey: key.x509Key!,
    signingAlgorithm: key.x509Algorithm!,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      new x509.SubjectKeyIdentifierExtension(Buffer.from(keyId).toString('hex')),
    ],
  });
  return { kind, der: new Uint8Array(cert.rawData), cert, keyId, name, serialNumber, sign: key.sign, algorithm: key.algorithm, x509Key: key.x509Key!, x509Algorithm: key.x509Algorithm! };
}

/** A certificate issued by `issuer` (a document signer, or a master-list signer). */
export async function issueCertificate(
  issuer: Authority,
  o: { name?: string; kind?: KeyKind; validity?: Validity; withSubjectKeyId?: boolean; withAuthorityKeyId?: boolean; issuerName?: string } = {},
): Promise<Authority> {
  const kind = o.kind ?? 'ecdsa-p256';
  const key = await makeKey(kind);
  const serialNumber = nextSerial();
  const name = o.name ?? `C=VN, O=Bo Cong an TEST, OU=Trung tam Can cuoc TEST, CN=Document Signer TEST ${serialNumber}`;
  const keyId = keyIdOf(key.spki);
  const v = o.validity ?? { notBefore: new Date('2024-01-01T00:00:00Z'), notAfter: new Date('2036-01-01T00:00:00Z') };
  const extensions: x509.Extension[] = [new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true)];
  if (o.withAuthorityKeyId !== false) extensions.push(new x509.AuthorityKeyIdentifierExtension(Buffer.from(issuer.keyId).toString('hex')));
  if (o.withSubjectKeyId !== false) extensions.push(new x509.SubjectKeyIdentifierExtension(Buffer.from(keyId).toString('hex')));
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber,
    subject: name,
    issuer: o.issuerName ?? issuer.name,
    notBefore: v.notBefore,
    notAfter: v.notAfter,
    publicKey: key.spki,
    signingKey: issuer.x509Key!,
    signingAlgorithm: issuer.x509Algorithm!,
    extensions,
  });
  return { kind, der: new Uint8Array(cert.rawData), cert, keyId, name, serialNumber, sign: key.sign, algorithm: key.algorithm, ...(key.x509Key ? { x509Key: key.x509Key, x509Algorithm: key.x509Algorithm! } : {}) };
}

// ---------------------------------------------------------------------------------------------
// The holder and the data groups

export interface SyntheticPerson {
  pid: string;
  oldId?: string;
  fullName: string;
  dateOfBirth: string; // yyyy-mm-dd
  sex: 'M' | 'F';
  nationality: string;
  ethnicity: string;
  religion: string;
  hometown: string;
  residence: string;
  identifyingMarks: string;
  issueDate: string;
  expiryDate: string;
  fatherName?: string;
  motherName?: string;
  spouseName?: string;
}

export function syntheticPerson(over: Partial<SyntheticPerson> = {}): SyntheticPerson {
  return {
    pid: '001085012345',
    oldId: '013456789',
    fullName: 'Nguyễn Văn An',
    dateOfBirth: '1985-03-14',
    sex: 'M',
    nationality: 'Việt Nam',
    ethnicity: 'Kinh',
    religion: 'Không',
    hometown: 'Xã Hải Bối, Huyện Đông Anh, Hà Nội',
    residence: 'Số 12 Ngõ 34 Đội Cấn, Phường Ba Đình, Thành phố Hà Nội',
    identifyingMarks: 'Nốt ruồi C:2cm trên sau đuôi mắt trái',
    issueDate: '2021-05-10',
    expiryDate: '2045-03-14',
    fatherName: 'Nguyễn Văn Bình',
    motherName: 'Lê Thị Cúc',
    ...over,
  };
}

const yymmdd = (iso: string) => iso.slice(2, 4) + iso.slice(5, 7) + iso.slice(8, 10);
const dmy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
const enc = new TextEncoder();

/** DG1: 61 { 5F1F TD1 MRZ }; document number = the last 9 digits of the ID, the whole ID in the optional data. */
export function buildDg1(p: SyntheticPerson): Uint8Array {
  const parts = splitFullName(p.fullName);
  const lines = formatTd1({
    documentCode: 'ID', issuingState: 'VNM', documentNumber: p.pid.slice(3), optionalData1: p.pid,
    dateOfBirth: yymmdd(p.dateOfBirth), sex: p.sex, dateOfExpiry: yymmdd(p.expiryDate), nationality: 'VNM',
    surname: mrzName(parts.family), givenNames: mrzName(`${parts.middle} ${parts.given}`),
  });
  return encodeTlv(0x61, encodeTlv(0x5f1f, enc.encode(lines.join(''))));
}

/** DG2: 75 { 7F61 { 02 count, 7F60 { A1 header, 5F2E ISO/IEC 19794-5 facial record with a JPEG } } }. */
export function buildDg2(jpeg: Uint8Array = SILHOUETTE_JPEG): Uint8Array {
  const u32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
  // Facial information (20 bytes): block length, 0 feature points, gender 1 (male), eye and hair
  // colour, property mask (3), expression (2), pose angles (3) and their uncertainty (3).
  const info = [...u32(20 + 12 + jpeg.length), 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
  const image = [1, 0, 0, 90, 0, 120, 1, 2, 0, 0, 0, 0]; // full frontal, JPEG, 90×120, sRGB, digital camera
  const record = Uint8Array.from([...enc.encode('FAC\u0000010\u0000'), ...u32(14 + info.length + image.length + jpeg.length), 0, 1, ...info, ...image, ...jpeg]);
  const header = encodeTlv(0xa1, encodeTlv(0x80, Uint8Array.of(1, 1)), encodeTlv(0x87, Uint8Array.of(1, 1)), encodeTlv(0x88, Uint8Array.of(0, 8)));
  return encodeTlv(0x75, encodeTlv(0x7f61, encodeTlv(0x02, Uint8Array.of(1)), encodeTlv(0x7f60, header, encodeTlv(0x5f2e, record))));
}

/** DG13 in the layout public CCCD readers parse: SEQUENCE { INTEGER n, value } per field. */
export function buildDg13(p: SyntheticPerson, omit: number[] = []): Uint8Array {
  const int = (n: number) => encodeTlv(0x02, Uint8Array.of(n));
  const u = (s: string) => encodeTlv(0x0c, enc.encode(s));
  const pr = (s: string) => encodeTlv(0x13, enc.encode(s));
  const seq = (...x: Uint8Array[]) => encodeTlv(0x30, ...x);
  const fields: [number, Uint8Array[]][] = [
    [1, [pr(p.pid)]], [2, [u(p.fullName)]], [3, [pr(dmy(p.dateOfBirth))]], [4, [u(p.sex === 'M' ? 'Nam' : 'Nữ')]],
    [5, [u(p.nationality)]], [6, [u(p.ethnicity)]], [7, [u(p.religion)]], [8, [u(p.hometown)]], [9, [u(p.residence)]],
    [10, [u(p.identifyingMarks)]], [11, [pr(dmy(p.issueDate))]], [12, [u(dmy(p.expiryDate))]],
    [13, [seq(u(p.fatherName ?? '')), seq(u(p.motherName ?? ''))]],
    [14, p.spouseName ? [seq(u(p.spouseName))] : []],
    [15, p.oldId ? [pr(p.oldId)] : []],
  ];
  return encodeTlv(0x6d, seq(...fields.filter(([n]) => !omit.includes(n)).map(([n, v]) => seq(int(n), ...v))));
}

/** DG14: the chip's SecurityInfos (here one PACEInfo, brainpoolP256r1). */
export function buildDg14(): Uint8Array {
  return encodeTlv(0x6e, encodeTlv(0x31, encodeTlv(0x30, encodeTlv(0x06, oidToBytes(PACE_ECDH_GM_AES_128)), encodeTlv(0x02, Uint8Array.of(2)), encodeTlv(0x02, Uint8Array.of(13)))));
}

/** DG15: an Active Authentication public key (a fresh P-256 key; only its bytes matter here). */
export function buildDg15(): Uint8Array {
  const { publicKey } = nodeCrypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return encodeTlv(0x6f, new Uint8Array(publicKey.export({ type: 'spki', format: 'der' })));
}

// ---------------------------------------------------------------------------------------------
// EF.SOD

export interface ChipOptions {
  /** Data groups the chip holds (default 1, 2, 13, 14, 15). */
  groups?: number[];
  /** How the SignerInfo names its certificate (default issuer and serial number). */
  signerId?: 'issuer_serial' | 'subject_key_id';
  /** Put the DS certificate in the SignedData (default yes). */
  includeCertificate?: boolean;
  /** Hash of the data groups (default SHA-256). */
  hash?: 'sha1' | 'sha256' | 'sha384';
  /** Fields of DG13 to leave out. */
  omitDg13Fields?: number[];
}

export interface SyntheticChip {
  person: SyntheticPerson;
  sod: Uint8Array;
  dg1?: Uint8Array;
  dg2?: Uint8Array;
  dg13?: Uint8Array;
  dg14?: Uint8Array;
  dg15?: Uint8Array;
}

const hashOid = { sha1: OID.sha1, sha256: OID.sha256, sha384: OID.sha384 } as const;

function attribute(type: string, value: asn1js.BaseBlock): pkijs.Attribute {
  return new pkijs.Attribute({ type, values: [value] });
}

/** A CMS SignedData ContentInfo over `eContent`, signed by `signer` (DER). */
export async function signedData(signer: Authority, eContentType: string, eContent: Uint8Array, o: { signerId?: 'issuer_serial' | 'subject_key_id'; includeCertificate?: boolean; hash?: 'sha1' | 'sha256' | 'sha384' } = {}): Promise<Uint8Array> {
  const hash = o.hash ?? 'sha256';
  const digestAlg = algId(hashOid[hash], new asn1js.Null());
  // DER wants a SET OF in the order of its encodings (X.690 §11.6): sort before signing.
  const attrs = [
    attribute(OID.contentType, new asn1js.ObjectIdentifier({ value: eContentType })),
    attribute(OID.signingTime, new asn1js.UTCTime({ valueDate: new Date('2024-05-10T03:00:00Z') })),
    attribute(OID.messageDigest, new asn1js.OctetString({ valueHex: nodeCrypto.createHash(hash).update(eContent).digest() })),
  ].sort((a, b) => Buffer.compare(Buffer.from(a.toSchema().toBER()), Buffer.from(b.toSchema().toBER())));
  const setDer = new Uint8Array(new asn1js.Set({ value: attrs.map((a) => a.toSchema()) }).toBER());
  const signature = await signer.sign(setDer);
  const certificate = new pkijs.Certificate({ schema: asn1js.fromBER(signer.der).result });
  const bySki = o.signerId === 'subject_key_id';
  const sid = bySki
    ? new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 0 }, valueHex: signer.keyId })
    : new pkijs.IssuerAndSerialNumber({ issuer: certificate.issuer, serialNumber: certificate.serialNumber });
  const si = new pkijs.SignerInfo({
    version: bySki ? 3 : 1,
    sid,
    digestAlgorithm: digestAlg,
    signedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes: attrs }),
    signatureAlgorithm: signer.algorithm(),
    signature: new asn1js.OctetString({ valueHex: signature }),
  });
  const sd = new pkijs.SignedData({
    version: 3,
    digestAlgorithms: [digestAlg],
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType, eContent: new asn1js.OctetString({ valueHex: eContent }) }),
    ...(o.includeCertificate === false ? {} : { certificates: [certificate] }),
    signerInfos: [si],
  });
  const ci = new pkijs.ContentInfo({ contentType: OID.signedData, content: sd.toSchema(true) });
  return new Uint8Array(ci.toSchema().toBER());
}

/** EF.SOD: 77 { ContentInfo { SignedData { LDSSecurityObject } } } over the given data groups. */
export async function buildSod(signer: Authority, groups: Map<number, Uint8Array>, o: ChipOptions = {}): Promise<Uint8Array> {
  const hash = o.hash ?? 'sha256';
  const lds = new asn1js.Sequence({
    value: [
      new asn1js.Integer({ value: 0 }),
      algId(hashOid[hash], new asn1js.Null()).toSchema(),
      new asn1js.Sequence({
        value: [...groups.entries()].sort(([a], [b]) => a - b).map(([n, bytes]) => new asn1js.Sequence({ value: [new asn1js.Integer({ value: n }), new asn1js.OctetString({ valueHex: nodeCrypto.createHash(hash).update(bytes).digest() })] })),
      }),
    ],
  });
  return encodeTlv(0x77, await signedData(signer, OID.ldsSecurityObject, new Uint8Array(lds.toBER()), o));
}

/** A chip for `person`, its SOD signed by `signer`. */
export async function issueChip(signer: Authority, person: SyntheticPerson = syntheticPerson(), o: ChipOptions = {}): Promise<SyntheticChip> {
  const want = new Set(o.groups ?? [1, 2, 13, 14, 15]);
  const build: Record<number, () => Uint8Array> = { 1: () => buildDg1(person), 2: () => buildDg2(), 13: () => buildDg13(person, o.omitDg13Fields), 14: buildDg14, 15: buildDg15 };
  const groups = new Map<number, Uint8Array>();
  for (const n of [1, 2, 13, 14, 15]) if (want.has(n)) groups.set(n, build[n]!());
  const chip: SyntheticChip = { person, sod: await buildSod(signer, groups, o) };
  for (const [n, bytes] of groups) (chip as unknown as Record<string, Uint8Array>)[`dg${n}`] = bytes;
  return chip;
}

/** An ICAO CSCA master list of `cscas`, signed by `signer` (CMS, content id-icao-cscaMasterList). */
export async function buildMasterList(signer: Authority, cscas: Authority[]): Promise<Uint8Array> {
  const list = new asn1js.Sequence({
    value: [new asn1js.Integer({ value: 0 }), new asn1js.Set({ value: cscas.map((c) => asn1js.fromBER(c.der).result) })],
  });
  return signedData(signer, OID.cscaMasterList, new Uint8Array(list.toBER()));
}

/** Flips one byte inside a data group's value (after the SOD was signed). */
export function tamper(bytes: Uint8Array, at = bytes.length - 3): Uint8Array {
  const out = Uint8Array.from(bytes);
  out[at]! ^= 0x01;
  return out;
}

// ---------------------------------------------------------------------------------------------
// The whole cast, made once per test file

export interface ChipFactory {
  csca: Authority;
  cscaRsa: Authority;
  /** Signs its certificates with RSASSA-PSS. */
  cscaPss: Authority;
  /** Not in the trust store. */
  rogueCsca: Authority;
  ds: { ec: Authority; explicit: Authority; rsa: Authority; pss: Authority; expired: Authority; rogue: Authority; forged: Authority; noKeyIds: Authority };
  /** The CSCAs a verifier trusts (DER). */
  trusted: Uint8Array[];
  person: SyntheticPerson;
}

export async function createChipFactory(): Promise<ChipFactory> {
  const csca = await createCsca();
  const cscaRsa = await createCsca({ kind: 'rsa', name: 'C=VN, O=Bo Cong an TEST, OU=Trung tam Can cuoc TEST, CN=CSCA Viet Nam RSA TEST' });
  const cscaPss = await createCsca({ kind: 'rsa-pss', name: 'C=VN, O=Bo Cong an TEST, OU=Trung tam Can cuoc TEST, CN=CSCA Viet Nam PSS TEST' });
  const rogueCsca = await createCsca({ name: 'C=VN, O=Khong phai Bo Cong an TEST, CN=CSCA Gia mao TEST' });
  // A forger's CSCA that copies the real one's name and key identifier but holds another key.
  const impostor = await createCsca({ name: csca.name, keyId: csca.keyId });
  const ds = {
    ec: await issueCertificate(csca),
    explicit: await issueCertificate(csca, { kind: 'ecdsa-brainpool-explicit' }),
    rsa: await issueCertificate(cscaRsa, { kind: 'rsa' }),
    pss: await issueCertificate(cscaPss, { kind: 'rsa-pss' }),
    expired: await issueCertificate(csca, { validity: { notBefore: new Date('2014-01-01T00:00:00Z'), notAfter: new Date('2020-01-01T00:00:00Z') } }),
    rogue: await issueCertificate(rogueCsca),
    forged: await issueCertificate(impostor),
    noKeyIds: await issueCertificate(csca, { withAuthorityKeyId: false, withSubjectKeyId: false }),
  };
  return { csca, cscaRsa, cscaPss, rogueCsca, ds, trusted: [csca.der, cscaRsa.der, cscaPss.der], person: syntheticPerson() };
}

export { fromHex };

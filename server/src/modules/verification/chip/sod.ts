// EF.SOD, the Document Security Object (ICAO Doc 9303 Part 10 §4.6.2): tag 77 around a CMS
// SignedData whose content (id-icao-mrtd-security-ldsSecurityObject) is
//   LDSSecurityObject ::= SEQUENCE { version INTEGER, hashAlgorithm AlgorithmIdentifier,
//     dataGroupHashValues SEQUENCE OF DataGroupHash { dataGroupNumber INTEGER, dataGroupHashValue OCTET STRING },
//     ldsVersionInfo LDSVersionInfo OPTIONAL }
import { bytesToBigint, children, oidFromBytes, readTlv, SOD_TAG } from '@open06/kernel/card';
import { parseSignedData, type ParsedSignedData } from './cms.ts';

const latin1 = (b: Uint8Array) => String.fromCharCode(...b);

export const OID_LDS_SECURITY_OBJECT = '2.23.136.1.1.1';

export interface SecurityObject {
  cms: ParsedSignedData;
  version: number;
  hashAlgorithmOid: string;
  /** Data-group number → hash the issuer signed. */
  hashes: Map<number, Uint8Array>;
  ldsVersion: string | null;
}

export class SodFormatError extends Error {}

export function parseSod(bytes: Uint8Array): SecurityObject {
  let outer;
  try {
    outer = readTlv(bytes, 0);
  } catch (e) {
    throw new SodFormatError((e as Error).message);
  }
  // Tag 77 as read from the chip; a bare ContentInfo is accepted too (some readers strip it).
  let inner: Uint8Array;
  if (outer.tag === SOD_TAG) inner = outer.value;
  else if (outer.tag === 0x30) inner = bytes;
  else throw new SodFormatError(`tag ${outer.tag.toString(16).toUpperCase()} is not EF.SOD (77)`);
  let cms: ParsedSignedData;
  try {
    cms = parseSignedData(inner);
  } catch (e) {
    throw new SodFormatError(`not a CMS SignedData: ${(e as Error).message}`);
  }
  if (cms.eContentType !== OID_LDS_SECURITY_OBJECT) throw new SodFormatError(`content ${cms.eContentType} is not an LDS security object`);
  let version: number;
  let hashAlgorithmOid: string;
  const hashes = new Map<number, Uint8Array>();
  let ldsVersion: string | null = null;
  try {
    const [v, alg, list, info] = children(readTlv(cms.eContent, 0));
    if (v?.tag !== 0x02 || alg?.tag !== 0x30 || list?.tag !== 0x30) throw new Error('fields');
    version = Number(bytesToBigint(v.value));
    const oid = children(alg)[0];
    if (oid?.tag !== 0x06) throw new Error('hash algorithm');
    hashAlgorithmOid = oidFromBytes(oid.value);
    for (const item of children(list)) {
      const [n, h] = children(item);
      if (n?.tag !== 0x02 || h?.tag !== 0x04) throw new Error('DataGroupHash');
      hashes.set(Number(bytesToBigint(n.value)), h.value);
    }
    if (info?.tag === 0x30) {
      const [lds, unicode] = children(info);
      ldsVersion = lds ? `${latin1(lds.value)}${unicode ? ` (Unicode ${latin1(unicode.value)})` : ''}` : null;
    }
  } catch (e) {
    throw new SodFormatError(`LDSSecurityObject is malformed (${(e as Error).message})`);
  }
  return { cms, version, hashAlgorithmOid, hashes, ldsVersion };
}

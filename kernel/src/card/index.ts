// @open06/kernel/card — the reader kit for the Vietnamese chip ID card and ICAO 9303 documents.
// Pure TypeScript for browsers and Node (no node: imports): the printed QR, the MRZ, BAC and PACE
// key agreement for NFC reader apps, and the data groups a reader sends to the server.
// Passive authentication (signatures, certificates) lives on the server: modules/verification/chip.
export { CardInputError } from './card-error.ts';
export type { CardMessage } from './card-error.ts';
export { bigintToBytes, bytesToBigint, concatBytes, equalBytes, fromHex, toHex, xorBytes } from './bytes.ts';
export { children, encodeLength, encodeTlv, expectTag, findTag, readTlv, readTlvs } from './tlv.ts';
export type { Tlv } from './tlv.ts';
export { IdCardQrError, parseIdCardQr } from './id-card-qr.ts';
export type { IdCardQr, IdCardQrErrorCode, IdCardQrWarning } from './id-card-qr.ts';
export { formatTd1, mrzCheckDigit, mrzDateToIso, mrzInformation, mrzName, normalizeTd1Lines, parseTd1, vnPersonalIdFromTd1 } from './mrz.ts';
export type { MrzCheck, MrzCheckField, Td1, Td1Fields } from './mrz.ts';
export { adjustParity, kdf, KDF_ENC, KDF_MAC, KDF_PACE } from './kdf.ts';
export type { CardCipher } from './kdf.ts';
export { desDecryptBlock, desEncryptBlock, padIso9797, retailMac, tdesCbcDecrypt, tdesCbcEncrypt, unpadIso9797 } from './des.ts';
export { bacCompleteAuthentication, bacExternalAuthenticate, bacKeys } from './bac.ts';
export type { BacChallengeResponse, BacKeys, SessionKeys } from './bac.ts';
export {
  ID_PACE,
  oidFromBytes,
  oidToBytes,
  PACE_ECDH_GM_3DES,
  PACE_ECDH_GM_AES_128,
  PACE_ECDH_GM_AES_192,
  PACE_ECDH_GM_AES_256,
  paceAuthToken,
  paceCipherOf,
  paceCurveName,
  paceDecryptNonce,
  paceEncryptNonce,
  paceGeneralAuthenticate,
  paceMapGenerator,
  paceMseSetAt,
  pacePasswordKey,
  pacePasswordSecret,
  paceSessionKeys,
  PaceTerminal,
  paceTokenInput,
  parseCardAccess,
  parseGeneralAuthenticateResponse,
} from './pace.ts';
export type { PaceInfo, PacePassword, PaceResult, PaceTerminalOptions } from './pace.ts';
export { SecureMessaging } from './secure-messaging.ts';
export type { CommandApdu } from './secure-messaging.ts';
export { DG_TAGS, parseDg1, parseDg13, parseDg2, SOD_TAG } from './lds.ts';
export type { FacePhoto, VnPersonalData } from './lds.ts';

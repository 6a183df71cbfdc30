// @open06/kernel/eid-qr — the signed e-ID QR: issue (sign) and verify offline, in browsers and Node.
export {
  cleanScannedText,
  EID_QR_DEFAULT_LIFETIME,
  EID_QR_MESSAGES,
  EID_QR_PREFIX,
  EID_QR_VERSION,
  fromBase64Url,
  generateEidQrKey,
  importEidQrKeys,
  importEidQrSigner,
  newEidQrNonce,
  signEidQr,
  toBase64Url,
  verifyEidQr,
} from './eid-qr.ts';
export type {
  CheckStatus,
  EidQrCheck,
  EidQrCheckName,
  EidQrClaims,
  EidQrFailure,
  EidQrKeyRing,
  EidQrKeySet,
  EidQrPublicKey,
  EidQrSigner,
  EidQrVerification,
  Jwk,
} from './eid-qr.ts';

// @open06/kernel/vietqr — build and read VietQR (NAPAS, EMVCo merchant-presented mode) payment QR texts.
export { buildVietQr, parseVietQr, VIETQR_GUID, VIETQR_MESSAGES } from './vietqr.ts';
export type { VietQr, VietQrBuild, VietQrInput, VietQrParse, VietQrProblem, VietQrProblemCode, VietQrTarget } from './vietqr.ts';
export { crc16CcittFalse, emvCrc, encodeTlv, parseTlv } from './tlv.ts';
export type { TlvField, TlvParse } from './tlv.ts';

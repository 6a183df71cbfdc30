// The chip part of the verification module: passive authentication of what an NFC reader read
// (EF.SOD + data groups), the CSCA trust store (files, ICAO master lists, the database), and the
// address → current commune suggestion for the printed ID-card QR. The module's index.ts
// re-exports what other modules may use.
export { passiveAuthenticate } from './passive-auth.ts';
export type { ChipFiles, CheckStatus, PassiveAuthCheck, PassiveAuthOptions, PassiveAuthReport } from './passive-auth.ts';
export { TrustStore, TrustStoreError, OID_CSCA_MASTER_LIST } from './trust-store.ts';
export type { MasterListImport, TrustedCertificate } from './trust-store.ts';
export { cachedTrustStore, createTrustedCertificateStore } from './trust.store.ts';
export type { TrustedCertificateRow, TrustedCertificateStore, TrustTables } from './trust.store.ts';
export { suggestCurrentCommune } from './address-suggestion.ts';
export type { AddressSuggestion, CommuneSuggestion } from './address-suggestion.ts';

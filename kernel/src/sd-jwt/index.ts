// @open06/kernel/sd-jwt — SD-JWT VC (RFC 9901, draft-ietf-oauth-sd-jwt-vc) with ES256: issue,
// present with a chosen set of disclosures and key binding, verify offline; revocation through a
// Token Status List (draft-ietf-oauth-status-list). Browsers and Node.
export { issueSdJwtVc, NEVER_DISCLOSABLE } from './issue.ts';
export type { IssuedSdJwt, IssueSdJwtInput } from './issue.ts';
export { listDisclosures, presentSdJwt } from './present.ts';
export type { DisclosureInfo, PresentOptions } from './present.ts';
export { SD_JWT_MESSAGES, verifySdJwtVc } from './verify.ts';
export type { SdJwtProblem, SdJwtProblemCode, SdJwtVerification, VerifySdJwtOptions } from './verify.ts';
export { decodeDisclosure, makeDisclosure } from './disclosure.ts';
export type { Disclosure } from './disclosure.ts';
export { KB_JWT_TYP, SD_JWT_VC_TYP, splitSdJwt } from './format.ts';
export type { SdJwtParts } from './format.ts';
export { generateEs256Key, isP256Jwk, publicJwkOf } from './jose.ts';
export type { EcJwk } from './jose.ts';
export { checkStatus, encodeStatusList, MIN_STATUS_LIST_SIZE, signStatusListToken, statusAt, statusClaim, statusReferenceOf, STATUS_LIST_TYP, STATUS_MESSAGES } from './status-list.ts';
export type { CredentialStatus, StatusReference } from './status-list.ts';

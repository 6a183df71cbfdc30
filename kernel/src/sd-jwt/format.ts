// The SD-JWT compact serialisation (RFC 9901 §4): <issuer-signed JWT>~<disclosure>~…~<disclosure>~
// with an optional Key Binding JWT after the last tilde (SD-JWT+KB). The KB-JWT's sd_hash covers
// everything before it, last tilde included.

export const SD_JWT_VC_TYP = 'dc+sd-jwt';
export const KB_JWT_TYP = 'kb+jwt';
export const SD_ALG = 'sha-256';

export interface SdJwtParts {
  issuerJwt: string;
  disclosures: string[];
  keyBindingJwt?: string;
  /** The SD-JWT without its KB-JWT: what sd_hash is computed over. */
  presented: string;
}

/** The parts of an SD-JWT or SD-JWT+KB; undefined when there is no tilde or a part is empty. */
export function splitSdJwt(text: string): SdJwtParts | undefined {
  const parts = text.trim().split('~');
  if (parts.length < 2) return undefined;
  const issuerJwt = parts[0]!;
  const last = parts[parts.length - 1]!;
  const disclosures = parts.slice(1, -1);
  if (!issuerJwt || disclosures.some((d) => !d)) return undefined;
  return {
    issuerJwt,
    disclosures,
    ...(last ? { keyBindingJwt: last } : {}),
    presented: `${[issuerJwt, ...disclosures].join('~')}~`,
  };
}

export function joinSdJwt(issuerJwt: string, disclosures: readonly string[]): string {
  return `${[issuerJwt, ...disclosures].join('~')}~`;
}

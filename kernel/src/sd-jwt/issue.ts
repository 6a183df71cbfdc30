// Issuing an SD-JWT VC (draft-ietf-oauth-sd-jwt-vc on RFC 9901): an ES256 JWT typed "dc+sd-jwt"
// whose payload carries iss, iat, nbf?, exp?, vct, sub?, cnf? in the clear and, for each
// selectively disclosable claim, only a digest in `_sd`; the claims themselves travel as
// disclosures the holder chooses to show. Top-level claims and the elements of top-level arrays
// can be made disclosable; decoy digests can hide how many claims there are.
import { decoyDigest, makeDisclosure, newSalt, type Disclosure } from './disclosure.ts';
import { SD_ALG, SD_JWT_VC_TYP, joinSdJwt } from './format.ts';
import { importSigningKey, isP256Jwk, publicJwkOf, signJws, type EcJwk } from './jose.ts';
import { statusClaim, type StatusReference } from './status-list.ts';

/** Claims the SD-JWT VC specification keeps in the clear, and the names SD-JWT itself reserves. */
export const NEVER_DISCLOSABLE = ['iss', 'nbf', 'exp', 'cnf', 'vct', 'vct#integrity', 'status'] as const;
const RESERVED = new Set<string>([...NEVER_DISCLOSABLE, 'iat', 'sub', '_sd', '_sd_alg', '...']);

export interface IssueSdJwtInput {
  /** The issuer's private P-256 JWK; `kid` goes into the JWT header when given. */
  signer: { privateJwk: EcJwk; kid?: string };
  iss: string;
  /** The credential type, e.g. "https://open06.example.vn/credentials/residence". */
  vct: string;
  /** Seconds since the epoch; `iat` defaults to now. */
  iat?: number;
  nbf?: number;
  exp?: number;
  sub?: string;
  /** The holder's public key: goes into `cnf.jwk` so that presentations can prove possession. */
  holderJwk?: EcJwk;
  /** The credential's entry in the issuer's Token Status List (see status-list.ts). */
  status?: StatusReference;
  /** The subject's claims: each becomes selectively disclosable unless listed in `visible`. */
  claims: Record<string, unknown>;
  /** Claim names kept in the clear. */
  visible?: readonly string[];
  /** Array claims kept in the clear whose elements are each selectively disclosable. */
  perElement?: readonly string[];
  /** How many decoy digests to add to the top-level `_sd` (default 0). */
  decoys?: number;
  /** Salt source (tests pass a fixed one; the default is 128 random bits). */
  salt?: () => string;
}

export interface IssuedSdJwt {
  /** The SD-JWT with every disclosure: what the holder stores. */
  sdJwt: string;
  disclosures: Disclosure[];
  /** The signed payload (digests only). */
  payload: Record<string, unknown>;
}

/** Issues an SD-JWT VC; throws on a programming error (a reserved claim name, a bad key, a non-array in `perElement`). */
export async function issueSdJwtVc(input: IssueSdJwtInput): Promise<IssuedSdJwt> {
  const salt = input.salt ?? newSalt;
  const visible = new Set(input.visible ?? []);
  const perElement = new Set(input.perElement ?? []);
  if (input.holderJwk && !isP256Jwk(input.holderJwk)) throw new Error('the holder key must be a P-256 JWK');
  const key = await importSigningKey(input.signer.privateJwk);

  const clear: Record<string, unknown> = {
    iss: input.iss,
    iat: input.iat ?? Math.floor(Date.now() / 1000),
    ...(input.nbf === undefined ? {} : { nbf: input.nbf }),
    ...(input.exp === undefined ? {} : { exp: input.exp }),
    vct: input.vct,
    ...(input.sub === undefined ? {} : { sub: input.sub }),
    ...(input.holderJwk ? { cnf: { jwk: publicJwkOf(input.holderJwk) } } : {}),
    ...(input.status ? { status: statusClaim(input.status) } : {}),
  };
  const disclosures: Disclosure[] = [];
  const digests: string[] = [];
  for (const [name, value] of Object.entries(input.claims)) {
    if (RESERVED.has(name)) throw new Error(`"${name}" is not a subject claim: pass it as its own parameter`);
    if (perElement.has(name)) {
      if (!Array.isArray(value)) throw new Error(`"${name}" is listed in perElement but is not an array`);
      clear[name] = value.map((element) => {
        const d = makeDisclosure(salt(), undefined, element);
        disclosures.push(d);
        return { '...': d.digest };
      });
    } else if (visible.has(name)) clear[name] = value;
    else {
      const d = makeDisclosure(salt(), name, value);
      disclosures.push(d);
      digests.push(d.digest);
    }
  }
  for (let i = 0; i < (input.decoys ?? 0); i++) digests.push(decoyDigest());
  // sorted, so that the order of the digests tells nothing about the order of the claims
  const payload = { ...clear, ...(digests.length ? { _sd: digests.sort() } : {}), _sd_alg: SD_ALG };
  const header = { alg: 'ES256', typ: SD_JWT_VC_TYP, ...(input.signer.kid ? { kid: input.signer.kid } : {}) };
  const jwt = await signJws(header, payload, key);
  return { sdJwt: joinSdJwt(jwt, disclosures.map((d) => d.encoded)), disclosures, payload };
}

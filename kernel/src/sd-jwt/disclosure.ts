// Disclosures (RFC 9901 §4.2): base64url of the JSON array [salt, claim name, value] for an object
// property, [salt, value] for an array element. The issuer signs only their digests —
// base64url(SHA-256(the disclosure's base64url text)) — placed in an `_sd` array (properties) or
// as {"...": digest} in the array (elements).
import { fromBase64Url, sha256Base64Url, toBase64Url } from './jose.ts';

export interface Disclosure {
  /** The base64url text, as it travels and as it is hashed. */
  encoded: string;
  digest: string;
  salt: string;
  /** The claim name; absent for an array element. */
  name?: string;
  value: unknown;
}

/** 128 bits of randomness, base64url (RFC 9901 §9.3 asks for at least 128). */
export function newSalt(): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(16)));
}

export function makeDisclosure(salt: string, name: string | undefined, value: unknown): Disclosure {
  const encoded = toBase64Url(new TextEncoder().encode(JSON.stringify(name === undefined ? [salt, value] : [salt, name, value])));
  return { encoded, digest: sha256Base64Url(encoded), salt, ...(name === undefined ? {} : { name }), value };
}

/** Reads a disclosure; undefined when it is not base64url JSON of [salt, value] or [salt, name, value]. */
export function decodeDisclosure(encoded: string): Disclosure | undefined {
  const bytes = fromBase64Url(encoded);
  if (!bytes) return undefined;
  let array: unknown;
  try {
    array = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return undefined;
  }
  if (!Array.isArray(array) || typeof array[0] !== 'string') return undefined;
  const digest = sha256Base64Url(encoded);
  if (array.length === 2) return { encoded, digest, salt: array[0], value: array[1] };
  if (array.length === 3 && typeof array[1] === 'string') return { encoded, digest, salt: array[0], name: array[1], value: array[2] };
  return undefined;
}

/** A digest that matches no disclosure (RFC 9901 §4.2.5), to hide how many claims there are. */
export function decoyDigest(): string {
  return sha256Base64Url(newSalt());
}

// The few JOSE pieces SD-JWT needs: compact JWS (RFC 7515) signed with ES256 (ECDSA P-256 and
// SHA-256, RFC 7518 §3.4) through WebCrypto, whose raw r‖s signatures are exactly the JWS form;
// P-256 keys as JWKs (RFC 7517); base64url JSON. Browsers and Node alike, no Buffer.
import { sha256 } from '@noble/hashes/sha2.js';
import { fromBase64Url, toBase64Url } from '../eid-qr/eid-qr.ts';

export { fromBase64Url, toBase64Url };

/** WebCrypto's key type, named the same way under the DOM's and Node's type definitions. */
export type WebCryptoKey = Awaited<ReturnType<typeof crypto.subtle.importKey>>;

/** An EC P-256 JWK: public (x, y) or private (with d). */
export interface EcJwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
  d?: string;
  kid?: string;
  [member: string]: unknown;
}

const ES256 = { name: 'ECDSA', hash: 'SHA-256' } as const;
const P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const utf8 = new TextEncoder();
const COORDINATE = /^[A-Za-z0-9_-]{43}$/; // 32 bytes, base64url

export function isP256Jwk(jwk: unknown, withPrivate = false): jwk is EcJwk {
  if (typeof jwk !== 'object' || jwk === null) return false;
  const k = jwk as Record<string, unknown>;
  return k.kty === 'EC' && k.crv === 'P-256' && typeof k.x === 'string' && COORDINATE.test(k.x) && typeof k.y === 'string' && COORDINATE.test(k.y) && (!withPrivate || (typeof k.d === 'string' && COORDINATE.test(k.d)));
}

/** The public half of a JWK: kty, crv, x, y (and kid when there is one). */
export function publicJwkOf(jwk: EcJwk): EcJwk {
  return { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y, ...(jwk.kid ? { kid: jwk.kid } : {}) };
}

/** A new P-256 key pair as JWKs (the private one holds d; store it as a secret). */
export async function generateEs256Key(): Promise<{ privateJwk: EcJwk; publicJwk: EcJwk }> {
  const pair = (await crypto.subtle.generateKey(P256, true, ['sign', 'verify'])) as { privateKey: WebCryptoKey };
  const exported = (await crypto.subtle.exportKey('jwk', pair.privateKey)) as EcJwk;
  const privateJwk: EcJwk = { kty: 'EC', crv: 'P-256', x: exported.x, y: exported.y, d: exported.d! };
  return { privateJwk, publicJwk: publicJwkOf(privateJwk) };
}

/** A WebCrypto key to sign with, from a private JWK; throws when it is not a P-256 private key. */
export async function importSigningKey(jwk: EcJwk): Promise<WebCryptoKey> {
  if (!isP256Jwk(jwk, true)) throw new Error('an ES256 signing key is an EC P-256 private JWK');
  return crypto.subtle.importKey('jwk', { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y, d: jwk.d }, P256, false, ['sign']);
}

/** A WebCrypto key to verify with; undefined when the JWK is not a valid P-256 public key. */
export async function importVerifyingKey(jwk: unknown): Promise<WebCryptoKey | undefined> {
  if (!isP256Jwk(jwk)) return undefined;
  try {
    return await crypto.subtle.importKey('jwk', { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y }, P256, false, ['verify']);
  } catch {
    return undefined; // not a point on the curve
  }
}

export function base64UrlJson(value: unknown): string {
  return toBase64Url(utf8.encode(JSON.stringify(value)));
}

/** A JSON object from base64url, or undefined when it is not one. */
export function parseBase64UrlJson(text: string): Record<string, unknown> | undefined {
  const bytes = fromBase64Url(text);
  if (!bytes) return undefined;
  try {
    const value: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** base64url of the SHA-256 of a string's UTF-8 bytes. */
export function sha256Base64Url(text: string): string {
  return toBase64Url(sha256(utf8.encode(text)));
}

/** A compact JWS: base64url(header).base64url(payload).base64url(signature). */
export async function signJws(header: Record<string, unknown>, payload: Record<string, unknown>, key: WebCryptoKey): Promise<string> {
  const signingInput = `${base64UrlJson(header)}.${base64UrlJson(payload)}`;
  const signature = new Uint8Array(await crypto.subtle.sign(ES256, key, utf8.encode(signingInput)));
  return `${signingInput}.${toBase64Url(signature)}`;
}

export interface ParsedJws {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  signingInput: string;
  signature: Uint8Array;
}

/** The parts of a compact JWS, or undefined when it is not one (the signature is not checked). */
export function parseJws(compact: string): ParsedJws | undefined {
  const parts = compact.split('.');
  if (parts.length !== 3) return undefined;
  const header = parseBase64UrlJson(parts[0]!);
  const payload = parseBase64UrlJson(parts[1]!);
  const signature = fromBase64Url(parts[2]!);
  if (!header || !payload || !signature) return undefined;
  return { header, payload, signingInput: `${parts[0]}.${parts[1]}`, signature };
}

/** True when an ES256 JWS verifies under `key`. */
export async function verifyJws(jws: ParsedJws, key: WebCryptoKey): Promise<boolean> {
  if (jws.header.alg !== 'ES256' || jws.signature.length !== 64) return false;
  return crypto.subtle.verify(ES256, key, jws.signature as Uint8Array<ArrayBuffer>, utf8.encode(jws.signingInput));
}

// The holder's side: choosing which disclosures to show a verifier (RFC 9901 §6) and, when the
// verifier asks for proof of possession, adding a Key Binding JWT (typ "kb+jwt") signed with the
// holder's key over the verifier's audience and nonce, the time, and sd_hash — the digest of the
// presented SD-JWT — so that it cannot be moved to another presentation (§4.3).
import { decodeDisclosure, type Disclosure } from './disclosure.ts';
import { KB_JWT_TYP, joinSdJwt, splitSdJwt } from './format.ts';
import { importSigningKey, parseJws, sha256Base64Url, signJws, type EcJwk } from './jose.ts';

/** Where a disclosure sits: its path from the top (claim names and array indexes) and what it holds. */
export interface DisclosureInfo {
  path: (string | number)[];
  name?: string;
  value: unknown;
}

interface Located extends DisclosureInfo {
  disclosure: Disclosure;
  /** The disclosure whose value contains this one's digest, when nested. */
  parent?: Located;
}

/** Finds each disclosure's place by following the digests from the payload down. */
function locate(payload: Record<string, unknown>, disclosures: Disclosure[]): Located[] {
  const byDigest = new Map(disclosures.map((d) => [d.digest, d]));
  const found: Located[] = [];
  const walk = (node: unknown, path: (string | number)[], parent: Located | undefined): void => {
    if (Array.isArray(node)) {
      node.forEach((element, i) => {
        const digest = isPlaceholder(element) ? element['...'] : undefined;
        const d = digest === undefined ? undefined : byDigest.get(digest);
        if (d && d.name === undefined) {
          const here: Located = { path: [...path, i], value: d.value, disclosure: d, ...(parent ? { parent } : {}) };
          found.push(here);
          walk(d.value, here.path, here);
        } else walk(element, [...path, i], parent);
      });
    } else if (typeof node === 'object' && node !== null) {
      for (const [key, value] of Object.entries(node)) if (key !== '_sd') walk(value, [...path, key], parent);
      const sd = (node as Record<string, unknown>)._sd;
      for (const digest of Array.isArray(sd) ? sd : []) {
        const d = typeof digest === 'string' ? byDigest.get(digest) : undefined;
        if (d?.name === undefined) continue;
        const here: Located = { path: [...path, d.name], name: d.name, value: d.value, disclosure: d, ...(parent ? { parent } : {}) };
        found.push(here);
        walk(d.value, here.path, here);
      }
    }
  };
  walk(payload, [], undefined);
  return found;
}

function isPlaceholder(v: unknown): v is { '...': string } {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 1 && typeof (v as Record<string, unknown>)['...'] === 'string';
}

/** The disclosures an SD-JWT carries, with their places; throws when the text is not an SD-JWT. */
export function listDisclosures(sdJwt: string): DisclosureInfo[] {
  return locateAll(sdJwt).located.map(({ path, name, value }) => ({ path, ...(name === undefined ? {} : { name }), value }));
}

function locateAll(sdJwt: string) {
  const parts = splitSdJwt(sdJwt);
  const jws = parts && parseJws(parts.issuerJwt);
  if (!parts || !jws) throw new Error('not an SD-JWT');
  const disclosures = parts.disclosures.map((encoded) => {
    const d = decodeDisclosure(encoded);
    if (!d) throw new Error('the SD-JWT holds a malformed disclosure');
    return d;
  });
  return { parts, located: locate(jws.payload, disclosures) };
}

export interface PresentOptions {
  /**
   * What to show: top-level claim names (a name also shows every disclosable element of that array
   * claim), or a test on each disclosure. A nested disclosure brings the ones containing it.
   */
  disclose: readonly string[] | ((d: DisclosureInfo) => boolean);
  /** Proof of possession for this verifier: signed with the private key matching the credential's `cnf.jwk`. */
  keyBinding?: { holderPrivateJwk: EcJwk; aud: string; nonce: string; /** seconds; default now */ iat?: number };
}

/** A presentation of an issued SD-JWT with the chosen disclosures (and a KB-JWT when asked). */
export async function presentSdJwt(sdJwt: string, options: PresentOptions): Promise<string> {
  const { parts, located } = locateAll(sdJwt);
  const { disclose } = options;
  const chosen = new Set<Located>();
  for (const l of located) {
    const info: DisclosureInfo = { path: l.path, ...(l.name === undefined ? {} : { name: l.name }), value: l.value };
    const wanted = typeof disclose === 'function' ? disclose(info) : disclose.includes(String(l.path[0]));
    for (let x: Located | undefined = wanted ? l : undefined; x; x = x.parent) chosen.add(x);
  }
  // keep the order in which the issuer listed them
  const kept = parts.disclosures.filter((encoded) => [...chosen].some((l) => l.disclosure.encoded === encoded));
  const presented = joinSdJwt(parts.issuerJwt, kept);
  const kb = options.keyBinding;
  if (!kb) return presented;
  const key = await importSigningKey(kb.holderPrivateJwk);
  const kbJwt = await signJws(
    { alg: 'ES256', typ: KB_JWT_TYP },
    { iat: kb.iat ?? Math.floor(Date.now() / 1000), aud: kb.aud, nonce: kb.nonce, sd_hash: sha256Base64Url(presented) },
    key,
  );
  return presented + kbJwt;
}

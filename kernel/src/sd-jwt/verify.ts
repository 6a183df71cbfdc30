// The verifier's side, offline, given the issuer's public JWK (RFC 9901 §7.1 and §7.3, and the
// SD-JWT VC draft): the issuer's ES256 signature and header type; `_sd_alg`; every disclosure well
// formed, referenced by exactly one digest and not a second time; no disclosed claim overwriting
// another or using a reserved name; iss and vct present (and as expected); exp, nbf and iat with
// a clock skew; a Key Binding JWT whenever one is present (its type, its signature under the
// credential's cnf.jwk, sd_hash) and, when the verifier requires one, its nonce, audience and
// freshness too. The answer is the disclosed claims or the list of problems with codes and
// Vietnamese and English messages; it never throws.
import type { Message } from '../personal-id/personal-id.ts';
import { decodeDisclosure, type Disclosure } from './disclosure.ts';
import { KB_JWT_TYP, SD_ALG, SD_JWT_VC_TYP, splitSdJwt } from './format.ts';
import { NEVER_DISCLOSABLE } from './issue.ts';
import { importVerifyingKey, parseJws, sha256Base64Url, verifyJws, type EcJwk } from './jose.ts';
import type { DisclosureInfo } from './present.ts';

export type SdJwtProblemCode =
  | 'malformed'
  | 'unsupported_alg'
  | 'wrong_typ'
  | 'issuer_key_invalid'
  | 'bad_signature'
  | 'unsupported_sd_alg'
  | 'malformed_disclosure'
  | 'duplicate_disclosure'
  | 'duplicate_digest'
  | 'unreferenced_disclosure'
  | 'duplicate_claim'
  | 'forbidden_claim_name'
  | 'reserved_claim_disclosed'
  | 'missing_claim'
  | 'wrong_issuer'
  | 'wrong_vct'
  | 'expired'
  | 'not_yet_valid'
  | 'issued_in_future'
  | 'kb_missing'
  | 'kb_malformed'
  | 'kb_no_holder_key'
  | 'kb_bad_signature'
  | 'kb_wrong_sd_hash'
  | 'kb_wrong_nonce'
  | 'kb_wrong_audience'
  | 'kb_stale';

export interface SdJwtProblem {
  code: SdJwtProblemCode;
  message: Message;
  /** The claim or disclosure concerned, when there is one. */
  detail?: string;
}

export const SD_JWT_MESSAGES: Record<SdJwtProblemCode, Message> = {
  malformed: { vi: 'Chứng thư không đúng định dạng SD-JWT.', en: 'The credential is not a well-formed SD-JWT.' },
  unsupported_alg: { vi: 'Thuật toán ký không được hỗ trợ (chỉ ES256).', en: 'Unsupported signature algorithm (ES256 only).' },
  wrong_typ: { vi: 'Loại chứng thư không đúng (cần dc+sd-jwt).', en: 'Wrong credential type (dc+sd-jwt expected).' },
  issuer_key_invalid: { vi: 'Khoá công khai của nơi cấp không hợp lệ.', en: "The issuer's public key is invalid." },
  bad_signature: { vi: 'Chữ ký số của nơi cấp không hợp lệ: chứng thư đã bị sửa hoặc không do nơi này cấp.', en: "The issuer's signature is invalid: the credential was altered or not issued by this issuer." },
  unsupported_sd_alg: { vi: 'Thuật toán băm của chứng thư không được hỗ trợ (chỉ sha-256).', en: 'Unsupported digest algorithm (sha-256 only).' },
  malformed_disclosure: { vi: 'Một thông tin được tiết lộ không đúng định dạng.', en: 'A disclosure is malformed.' },
  duplicate_disclosure: { vi: 'Một thông tin được tiết lộ hai lần.', en: 'A disclosure is presented twice.' },
  duplicate_digest: { vi: 'Chứng thư chứa một mã băm hai lần.', en: 'The credential contains a digest twice.' },
  unreferenced_disclosure: { vi: 'Có thông tin được tiết lộ không thuộc chứng thư này (đã bị thêm hoặc sửa).', en: 'A disclosure does not belong to this credential (added or altered).' },
  duplicate_claim: { vi: 'Thông tin được tiết lộ trùng tên với thông tin đã có.', en: 'A disclosed claim has the name of an existing claim.' },
  forbidden_claim_name: { vi: 'Thông tin được tiết lộ mang tên dành riêng (_sd hoặc ...).', en: 'A disclosed claim has a reserved name (_sd or ...).' },
  reserved_claim_disclosed: { vi: 'Thông tin bắt buộc công khai (iss, vct, exp, nbf, cnf, status) lại được tiết lộ có chọn lọc.', en: 'A claim that must be in the clear (iss, vct, exp, nbf, cnf, status) is selectively disclosed.' },
  missing_claim: { vi: 'Chứng thư thiếu thông tin bắt buộc.', en: 'The credential lacks a required claim.' },
  wrong_issuer: { vi: 'Chứng thư do nơi khác cấp.', en: 'The credential was issued by someone else.' },
  wrong_vct: { vi: 'Loại chứng thư không phải loại được yêu cầu.', en: 'The credential is not of the type requested.' },
  expired: { vi: 'Chứng thư đã hết hạn.', en: 'The credential has expired.' },
  not_yet_valid: { vi: 'Chứng thư chưa có hiệu lực.', en: 'The credential is not valid yet.' },
  issued_in_future: { vi: 'Thời điểm cấp chứng thư ở tương lai; kiểm tra đồng hồ thiết bị.', en: 'The credential is dated in the future; check the device clock.' },
  kb_missing: { vi: 'Thiếu bằng chứng người xuất trình giữ chứng thư (KB-JWT).', en: 'The key binding proof (KB-JWT) is missing.' },
  kb_malformed: { vi: 'Bằng chứng giữ khoá (KB-JWT) không đúng định dạng.', en: 'The key binding JWT is malformed.' },
  kb_no_holder_key: { vi: 'Chứng thư không mang khoá của người giữ (cnf.jwk) hợp lệ.', en: "The credential carries no valid holder key (cnf.jwk)." },
  kb_bad_signature: { vi: 'Chữ ký của người xuất trình không hợp lệ: người này không giữ chứng thư.', en: "The presenter's signature is invalid: they do not hold the credential." },
  kb_wrong_sd_hash: { vi: 'Bằng chứng giữ khoá không khớp với lần xuất trình này.', en: 'The key binding JWT does not match this presentation.' },
  kb_wrong_nonce: { vi: 'Mã dùng một lần (nonce) không khớp: lần xuất trình bị dùng lại.', en: 'The nonce does not match: the presentation is replayed.' },
  kb_wrong_audience: { vi: 'Lần xuất trình này dành cho bên kiểm tra khác.', en: 'The presentation is meant for another verifier.' },
  kb_stale: { vi: 'Bằng chứng giữ khoá quá cũ hoặc ở tương lai.', en: 'The key binding JWT is too old or dated in the future.' },
};

export interface VerifySdJwtOptions {
  /** The issuer's public P-256 JWK. */
  issuerKey: EcJwk;
  /** The verifier's clock (ms since the epoch, or a Date). */
  now: Date | number;
  /** Allowed clock difference in seconds for exp, nbf and iat (default 60). */
  clockSkewSeconds?: number;
  /** When given, `iss` and `vct` must equal these. */
  issuer?: string;
  vct?: string;
  /** Requires a Key Binding JWT for this verifier's audience and nonce, at most `maxAgeSeconds` old (default 300). */
  keyBinding?: { aud: string; nonce: string; maxAgeSeconds?: number };
  /** 'sd-jwt-vc' (default): typ dc+sd-jwt, iss and vct required. 'sd-jwt': plain RFC 9901, any typ. */
  profile?: 'sd-jwt-vc' | 'sd-jwt';
}

export type SdJwtVerification =
  | {
      valid: true;
      header: Record<string, unknown>;
      /** The payload with every presented disclosure in place and `_sd`, `_sd_alg` and undisclosed array elements removed. */
      claims: Record<string, unknown>;
      disclosed: DisclosureInfo[];
      keyBinding?: { aud: string; nonce: string; iat: number };
    }
  | { valid: false; problems: SdJwtProblem[] };

const fail = (code: SdJwtProblemCode, detail?: string): SdJwtProblem => ({ code, message: SD_JWT_MESSAGES[code], ...(detail === undefined ? {} : { detail }) });

/** Sets a property even when it is named __proto__. */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Replaces digests by the disclosed values (RFC 9901 §7.1 step 3), noting problems. */
function resolve(payload: Record<string, unknown>, disclosures: Disclosure[], problems: SdJwtProblem[]) {
  const byDigest = new Map(disclosures.map((d) => [d.digest, d]));
  const seen = new Set<string>();
  const used = new Set<string>();
  const disclosed: DisclosureInfo[] = [];
  const take = (digest: unknown): Disclosure | undefined => {
    if (typeof digest !== 'string') {
      problems.push(fail('malformed', 'a digest is not a string'));
      return undefined;
    }
    if (seen.has(digest)) {
      problems.push(fail('duplicate_digest', digest));
      return undefined;
    }
    seen.add(digest);
    const d = byDigest.get(digest);
    if (d) used.add(digest);
    return d;
  };
  const walk = (node: unknown, path: (string | number)[], top: boolean): unknown => {
    if (Array.isArray(node)) {
      const out: unknown[] = [];
      for (const element of node) {
        const keys = typeof element === 'object' && element !== null && !Array.isArray(element) ? Object.keys(element) : [];
        if (keys.length === 1 && keys[0] === '...') {
          const d = take((element as Record<string, unknown>)['...']);
          if (!d) continue; // not disclosed: the element is left out
          if (d.name !== undefined) problems.push(fail('malformed_disclosure', d.encoded));
          else {
            disclosed.push({ path: [...path, out.length], value: d.value });
            out.push(walk(d.value, [...path, out.length], false));
          }
        } else out.push(walk(element, [...path, out.length], false));
      }
      return out;
    }
    if (typeof node !== 'object' || node === null) return node;
    const obj = node as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(obj)) if (key !== '_sd' && !(top && key === '_sd_alg')) setOwn(out, key, walk(value, [...path, key], false));
    if (obj._sd !== undefined && !Array.isArray(obj._sd)) problems.push(fail('malformed', '_sd is not an array'));
    for (const digest of Array.isArray(obj._sd) ? obj._sd : []) {
      const d = take(digest);
      if (!d) continue;
      if (d.name === undefined) problems.push(fail('malformed_disclosure', d.encoded));
      else if (d.name === '_sd' || d.name === '...') problems.push(fail('forbidden_claim_name', d.name));
      else if (Object.hasOwn(out, d.name)) problems.push(fail('duplicate_claim', d.name));
      else {
        if (top && (NEVER_DISCLOSABLE as readonly string[]).includes(d.name)) problems.push(fail('reserved_claim_disclosed', d.name));
        disclosed.push({ path: [...path, d.name], name: d.name, value: d.value });
        setOwn(out, d.name, walk(d.value, [...path, d.name], false));
      }
    }
    return out;
  };
  const claims = walk(payload, [], true) as Record<string, unknown>;
  for (const d of disclosures) if (!used.has(d.digest)) problems.push(fail('unreferenced_disclosure', d.encoded));
  return { claims, disclosed };
}

/** Verifies an SD-JWT (VC) presentation offline; see the file header for what is checked. */
export async function verifySdJwtVc(text: string, options: VerifySdJwtOptions): Promise<SdJwtVerification> {
  const now = Math.floor((typeof options.now === 'number' ? options.now : options.now.getTime()) / 1000);
  const skew = options.clockSkewSeconds ?? 60;
  const vc = (options.profile ?? 'sd-jwt-vc') === 'sd-jwt-vc';
  const parts = typeof text === 'string' ? splitSdJwt(text) : undefined;
  const jws = parts && parseJws(parts.issuerJwt);
  if (!parts || !jws) return { valid: false, problems: [fail('malformed')] };
  if (jws.header.alg !== 'ES256') return { valid: false, problems: [fail('unsupported_alg', String(jws.header.alg))] };
  if (vc && jws.header.typ !== SD_JWT_VC_TYP) return { valid: false, problems: [fail('wrong_typ', String(jws.header.typ))] };
  const issuerKey = await importVerifyingKey(options.issuerKey);
  if (!issuerKey) return { valid: false, problems: [fail('issuer_key_invalid')] };
  if (!(await verifyJws(jws, issuerKey))) return { valid: false, problems: [fail('bad_signature')] };
  const payload = jws.payload;
  if ((payload._sd_alg ?? SD_ALG) !== SD_ALG) return { valid: false, problems: [fail('unsupported_sd_alg', String(payload._sd_alg))] };

  const problems: SdJwtProblem[] = [];
  const disclosures: Disclosure[] = [];
  const digests = new Set<string>();
  for (const encoded of parts.disclosures) {
    const d = decodeDisclosure(encoded);
    if (!d) problems.push(fail('malformed_disclosure', encoded));
    else if (digests.has(d.digest)) problems.push(fail('duplicate_disclosure', encoded));
    else {
      digests.add(d.digest);
      disclosures.push(d);
    }
  }
  const { claims, disclosed } = resolve(payload, disclosures, problems);

  if (vc) for (const name of ['iss', 'vct'] as const) if (typeof claims[name] !== 'string') problems.push(fail('missing_claim', name));
  if (options.issuer !== undefined && claims.iss !== options.issuer) problems.push(fail('wrong_issuer', String(claims.iss)));
  if (options.vct !== undefined && claims.vct !== options.vct) problems.push(fail('wrong_vct', String(claims.vct)));
  for (const name of ['exp', 'nbf', 'iat'] as const)
    if (claims[name] !== undefined && (typeof claims[name] !== 'number' || !Number.isFinite(claims[name]))) problems.push(fail('malformed', `${name} is not a number`));
  const { exp, nbf, iat } = claims as { exp?: number; nbf?: number; iat?: number };
  if (typeof exp === 'number' && now >= exp + skew) problems.push(fail('expired'));
  if (typeof nbf === 'number' && now + skew < nbf) problems.push(fail('not_yet_valid'));
  if (typeof iat === 'number' && now + skew < iat) problems.push(fail('issued_in_future'));

  let keyBinding: { aud: string; nonce: string; iat: number } | undefined;
  if (parts.keyBindingJwt === undefined) {
    if (options.keyBinding) problems.push(fail('kb_missing'));
  } else {
    const kb = await checkKeyBinding(parts.keyBindingJwt, parts.presented, claims, options, now, skew);
    if ('problem' in kb) problems.push(kb.problem);
    else keyBinding = kb.keyBinding;
  }
  if (problems.length) return { valid: false, problems };
  return { valid: true, header: jws.header, claims, disclosed, ...(keyBinding ? { keyBinding } : {}) };
}

async function checkKeyBinding(
  kbJwt: string,
  presented: string,
  claims: Record<string, unknown>,
  options: VerifySdJwtOptions,
  now: number,
  skew: number,
): Promise<{ keyBinding: { aud: string; nonce: string; iat: number } } | { problem: SdJwtProblem }> {
  const jws = parseJws(kbJwt);
  if (!jws || jws.header.typ !== KB_JWT_TYP || jws.header.alg !== 'ES256') return { problem: fail('kb_malformed') };
  const { aud, nonce, iat, sd_hash: sdHash } = jws.payload;
  if (typeof aud !== 'string' || typeof nonce !== 'string' || typeof iat !== 'number' || typeof sdHash !== 'string') return { problem: fail('kb_malformed') };
  const cnf = claims.cnf as { jwk?: unknown } | undefined;
  const holderKey = await importVerifyingKey(cnf?.jwk);
  if (!holderKey) return { problem: fail('kb_no_holder_key') };
  if (!(await verifyJws(jws, holderKey))) return { problem: fail('kb_bad_signature') };
  if (sdHash !== sha256Base64Url(presented)) return { problem: fail('kb_wrong_sd_hash') };
  const expected = options.keyBinding;
  if (expected) {
    if (nonce !== expected.nonce) return { problem: fail('kb_wrong_nonce') };
    if (aud !== expected.aud) return { problem: fail('kb_wrong_audience', aud) };
    if (iat > now + skew || iat < now - (expected.maxAgeSeconds ?? 300) - skew) return { problem: fail('kb_stale') };
  }
  return { keyBinding: { aud, nonce, iat } };
}

// Token Status List (draft-ietf-oauth-status-list), one bit per credential: a credential names its
// entry (`status.status_list` = { idx, uri }); the issuer publishes at `uri` a signed Status List
// Token (`typ` statuslist+jwt) whose `status_list.lst` is the zlib-compressed bitstring, entry i at
// bit i % 8 of byte i / 8 (least significant first). 0 = valid, 1 = invalid (revoked). A verifier
// fetches the list (not the credential) when online, so the issuer does not learn which credential
// is being checked; the list is large enough that one entry does not stand out.
import type { Message } from '../personal-id/personal-id.ts';
import { deflateZlib, inflateZlib, ZlibError } from '../eid-qr/zlib.ts';
import { fromBase64Url, toBase64Url } from '../eid-qr/eid-qr.ts';
import { importSigningKey, importVerifyingKey, parseJws, signJws, verifyJws, type EcJwk } from './jose.ts';

export const STATUS_LIST_TYP = 'statuslist+jwt';
/** Entries a list holds at least (herd privacy: a list of a few entries would tell who is checked). */
export const MIN_STATUS_LIST_SIZE = 131_072;

export interface StatusReference {
  idx: number;
  uri: string;
}

/** The `status` claim of a credential pointing at entry `idx` of the list at `uri`. */
export function statusClaim(ref: StatusReference): { status_list: StatusReference } {
  return { status_list: { idx: ref.idx, uri: ref.uri } };
}

/** The list entry a credential's claims point at, if any. */
export function statusReferenceOf(claims: Record<string, unknown>): StatusReference | undefined {
  const s = (claims.status as { status_list?: { idx?: unknown; uri?: unknown } } | undefined)?.status_list;
  if (!s || !Number.isSafeInteger(s.idx) || (s.idx as number) < 0 || typeof s.uri !== 'string') return undefined;
  return { idx: s.idx as number, uri: s.uri };
}

/** A one-bit status list in which the given entries are set (revoked), at least `size` entries long. */
export async function encodeStatusList(revoked: Iterable<number>, size = MIN_STATUS_LIST_SIZE): Promise<{ bits: 1; lst: string }> {
  const indexes = [...revoked];
  const entries = indexes.reduce((n, i) => Math.max(n, i + 1), size);
  const bytes = new Uint8Array(Math.ceil(entries / 8));
  for (const i of indexes) bytes[i >> 3]! |= 1 << (i & 7);
  return { bits: 1, lst: toBase64Url(await deflateZlib(bytes)) };
}

/** The status of entry `idx` (0 valid, 1 invalid …); undefined when the list does not hold it or is malformed. */
export function statusAt(list: { bits?: unknown; lst?: unknown }, idx: number): number | undefined {
  if (list.bits !== 1 && list.bits !== 2 && list.bits !== 4 && list.bits !== 8) return undefined;
  if (typeof list.lst !== 'string') return undefined;
  const compressed = fromBase64Url(list.lst);
  if (!compressed) return undefined;
  let bytes: Uint8Array;
  try {
    bytes = inflateZlib(compressed, 16 * 1024 * 1024);
  } catch (err) {
    if (err instanceof ZlibError) return undefined;
    throw err;
  }
  const bits = list.bits;
  const perByte = 8 / bits;
  const byte = bytes[Math.floor(idx / perByte)];
  if (byte === undefined) return undefined;
  return (byte >> ((idx % perByte) * bits)) & ((1 << bits) - 1);
}

/** The issuer signs the list published at `uri`; `ttl`: how long (seconds) a verifier may keep it. */
export async function signStatusListToken(input: { signer: { privateJwk: EcJwk; kid?: string }; uri: string; list: { bits: number; lst: string }; iat: number; ttl: number; exp?: number }): Promise<string> {
  const key = await importSigningKey(input.signer.privateJwk);
  return signJws(
    { alg: 'ES256', typ: STATUS_LIST_TYP, ...(input.signer.kid ? { kid: input.signer.kid } : {}) },
    { sub: input.uri, iat: input.iat, ttl: input.ttl, ...(input.exp === undefined ? {} : { exp: input.exp }), status_list: input.list },
    key,
  );
}

export type CredentialStatus =
  | { checked: true; status: 'valid' | 'revoked' | 'suspended'; listIssuedAt: number }
  | { checked: false; problem: Message };

export const STATUS_MESSAGES = {
  listInvalid: { vi: 'Danh sách trạng thái không hợp lệ (chữ ký, loại hoặc địa chỉ không khớp).', en: 'The status list is invalid (signature, type or address do not match).' },
  listExpired: { vi: 'Danh sách trạng thái đã hết hạn.', en: 'The status list has expired.' },
  entryMissing: { vi: 'Danh sách trạng thái không có mục của giấy tờ này.', en: 'The status list has no entry for this document.' },
  noReference: { vi: 'Giấy tờ không có thông tin trạng thái.', en: 'The document carries no status reference.' },
  unreachable: { vi: 'Không tải được danh sách trạng thái (đang ngoại tuyến?).', en: 'Could not fetch the status list (offline?).' },
} satisfies Record<string, Message>;

/**
 * The status of the entry `ref` in a Status List Token, checked against the issuer's key: its type,
 * signature, `sub` equal to the credential's `uri`, `exp` not passed (with `skewSeconds`).
 */
export async function checkStatus(ref: StatusReference, token: string, opts: { issuerKey: EcJwk; now?: Date; skewSeconds?: number }): Promise<CredentialStatus> {
  const jws = parseJws(token);
  const key = await importVerifyingKey(opts.issuerKey);
  if (!jws || !key || jws.header.typ !== STATUS_LIST_TYP || jws.payload.sub !== ref.uri || !(await verifyJws(jws, key)))
    return { checked: false, problem: STATUS_MESSAGES.listInvalid };
  const now = Math.floor((opts.now ?? new Date()).getTime() / 1000);
  const exp = jws.payload.exp;
  if (typeof exp === 'number' && exp + (opts.skewSeconds ?? 60) < now) return { checked: false, problem: STATUS_MESSAGES.listExpired };
  const value = statusAt((jws.payload.status_list ?? {}) as Record<string, unknown>, ref.idx);
  if (value === undefined) return { checked: false, problem: STATUS_MESSAGES.entryMissing };
  const status = value === 0 ? 'valid' : value === 2 ? 'suspended' : 'revoked';
  return { checked: true, status, listIssuedAt: Number(jws.payload.iat) };
}

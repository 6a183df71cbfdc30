// The wallet (kho dữ liệu cá nhân): results of procedures and certified copies kept per person, each
// issued as an SD-JWT VC signed with the platform's issuer key (DATA_DIR/keys/wallet-issuer.jwk,
// ES256) so that any verifier can check it offline with the key published at
// /.well-known/jwt-vc-issuer; reusable in later applications without uploading anything. Each
// credential names its entry in the issuer's Token Status List (/api/v1/wallet/status-list), so a
// revoked document (a result issued in error, a linked procedure compensated) stops verifying for
// anyone who fetches the list; the list is signed with the same key and remembered here 5 s (a
// revocation shows in the list within 5 s, whichever process of the deployment made it).
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import {
  encodeStatusList,
  generateEs256Key,
  issueSdJwtVc,
  isP256Jwk,
  publicJwkOf,
  signStatusListToken,
  statusReferenceOf,
  STATUS_MESSAGES,
  verifySdJwtVc,
  type EcJwk,
  type SdJwtVerification,
} from '@open06/kernel/sd-jwt';
import { ForbiddenError, NotFoundError } from '../../../http/errors.ts';
import type { Actor } from '../../../http/authz.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { ServicesDb, ServicesTx } from '../application/application.store.ts';

export interface IssuerKey {
  privateJwk: EcJwk;
  publicJwk: EcJwk;
  kid: string;
}

/** Reads the issuer key, creating it on first start (mode 0600). */
export async function loadIssuerKey(keysDir: string): Promise<IssuerKey> {
  const file = path.join(keysDir, 'wallet-issuer.jwk');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(keysDir, { recursive: true });
    const { privateJwk } = await generateEs256Key();
    try {
      fs.writeFileSync(file, JSON.stringify(privateJwk), { mode: 0o600, flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err; // another process won the race
    }
  }
  const privateJwk = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
  if (!isP256Jwk(privateJwk, true)) throw new Error(`${file}: not a P-256 private JWK`);
  const publicJwk = publicJwkOf(privateJwk);
  const kid = createHash('sha256').update(`${publicJwk.x}.${publicJwk.y}`).digest('base64url').slice(0, 16);
  return { privateJwk, publicJwk: { ...publicJwk, kid, alg: 'ES256', use: 'sig' } as EcJwk, kid };
}

export interface WalletDocumentView {
  id: string;
  kind: string;
  title: { vi: string; en: string };
  holderPid: string;
  subjectPid: string | null;
  applicationId: string | null;
  issuedAt: string;
  status: 'valid' | 'revoked';
  revoked: { at: string; reason: string } | null;
  claims: Record<string, unknown>;
}

/** A presented credential's check: the signature and claims, and whether it is revoked. */
export type WalletVerification = SdJwtVerification & {
  status?: { checked: true; status: 'valid' | 'revoked' } | { checked: false; problem: { vi: string; en: string } };
};

/** Status List Tokens are fresh for verifiers this long (seconds) and expire after a day. */
const STATUS_LIST_TTL = 300;
const STATUS_LIST_EXP = 86_400;
const REMEMBER_LIST_MS = 5_000;

export interface IssueDocument {
  holderPid: string;
  subjectPid: string | null;
  kind: string;
  title: { vi: string; en: string };
  applicationId: string | null;
  /** What the document says (all selectively disclosable except `kind`). */
  claims: Record<string, unknown>;
}

export function createWallet(deps: { db: ServicesDb; key: IssuerKey; issuer: string; clock: Clock }) {
  const { db, key, issuer, clock } = deps;
  const vct = (kind: string) => `${issuer}/credentials/${kind}`;
  const statusListUri = `${issuer}/api/v1/wallet/status-list`;
  let signedList: { token: string; until: number } | undefined;
  type Row = Awaited<ReturnType<typeof byId>>;
  const byId = (id: string) => db.selectFrom('services.wallet_document').selectAll().where('id', '=', id).executeTakeFirst();
  const view = (r: NonNullable<Row>): WalletDocumentView => ({
    id: r.id,
    kind: r.kind,
    title: r.title,
    holderPid: r.holder_pid,
    subjectPid: r.subject_pid,
    applicationId: r.application_id,
    issuedAt: new Date(r.issued_at).toISOString(),
    status: r.status,
    revoked: r.revoked_at ? { at: new Date(r.revoked_at).toISOString(), reason: r.revoked_reason ?? '' } : null,
    claims: r.claims,
  });

  return {
    /** The issuer metadata verifiers fetch once (SD-JWT VC issuer metadata). */
    metadata: () => ({ issuer, jwks: { keys: [key.publicJwk] } }),

    /** Issues a document into the holder's wallet, in the caller's transaction. */
    async issue(trx: ServicesTx, d: IssueDocument): Promise<string> {
      const id = randomUUID();
      const now = clock.now();
      const idx = Number((await sql<{ n: string }>`select nextval('services.wallet_status_index') as n`.execute(trx)).rows[0]!.n);
      const { sdJwt } = await issueSdJwtVc({
        status: { idx, uri: statusListUri },
        signer: { privateJwk: key.privateJwk, kid: key.kid },
        iss: issuer,
        vct: vct(d.kind),
        iat: Math.floor(now.getTime() / 1000),
        sub: d.holderPid,
        claims: { document_id: id, kind: d.kind, title: d.title.vi, ...d.claims },
        visible: ['document_id', 'kind', 'title'],
        decoys: 2,
      });
      await trx
        .insertInto('services.wallet_document')
        .values({
          id,
          holder_pid: d.holderPid,
          subject_pid: d.subjectPid,
          kind: d.kind,
          title: JSON.stringify(d.title),
          application_id: d.applicationId,
          issued_at: now,
          claims: JSON.stringify(d.claims),
          credential: sdJwt,
          status_index: idx,
        })
        .execute();
      return id;
    },

    async list(actor: Actor): Promise<WalletDocumentView[]> {
      if (actor.role !== 'citizen' || !actor.pid) throw new ForbiddenError({ vi: 'Chỉ công dân có ví giấy tờ.', en: 'Only citizens have a wallet.' });
      const rows = await db.selectFrom('services.wallet_document').selectAll().where('holder_pid', '=', actor.pid).orderBy('issued_at', 'desc').execute();
      return rows.map(view);
    },

    /** One document with its credential: only for its holder. */
    async get(actor: Actor, id: string): Promise<WalletDocumentView & { credential: string }> {
      const r = await byId(id);
      if (!r || actor.role !== 'citizen' || r.holder_pid !== actor.pid) throw new NotFoundError({ vi: 'Không có giấy tờ này trong ví của bạn.', en: 'No such document in your wallet.' });
      return { ...view(r), credential: r.credential };
    },

    /** A document the applicant may reuse: theirs, valid, of this kind. */
    async usable(holderPid: string, id: string, kind: string): Promise<boolean> {
      const r = await byId(id);
      return !!r && r.holder_pid === holderPid && r.status === 'valid' && r.kind === kind;
    },

    /**
     * Revokes a document, in the caller's transaction; false when it was revoked already. Its entry
     * in the status list is set, so verifiers that fetch the list see it.
     */
    async revoke(trx: ServicesTx, id: string, by: { actor: string; reason: string }): Promise<boolean> {
      const r = await trx
        .updateTable('services.wallet_document')
        .set({ status: 'revoked', revoked_at: clock.now(), revoked_by: by.actor, revoked_reason: by.reason })
        .where('id', '=', id)
        .where('status', '=', 'valid')
        .executeTakeFirst();
      signedList = undefined; // (a list signed before the caller commits lives 5 s at most)
      return Number(r.numUpdatedRows) > 0;
    },

    /** The signed Status List Token verifiers fetch (statuslist+jwt). */
    async statusList(): Promise<string> {
      if (signedList && signedList.until > Date.now()) return signedList.token;
      const revoked = await db.selectFrom('services.wallet_document').select('status_index').where('status', '=', 'revoked').where('status_index', 'is not', null).execute();
      const iat = Math.floor(clock.now().getTime() / 1000);
      const token = await signStatusListToken({
        signer: { privateJwk: key.privateJwk, kid: key.kid },
        uri: statusListUri,
        list: await encodeStatusList(revoked.map((r) => r.status_index!)),
        iat,
        ttl: STATUS_LIST_TTL,
        exp: iat + STATUS_LIST_EXP,
      });
      signedList = { token, until: Date.now() + REMEMBER_LIST_MS };
      return token;
    },

    /**
     * Checks a presented credential against this issuer's key (what any verifier does offline) and,
     * being the issuer, its status at this moment.
     */
    async verify(credential: string): Promise<WalletVerification> {
      const v = await verifySdJwtVc(credential, { issuerKey: key.publicJwk, issuer, now: clock.now() });
      if (!v.valid) return v;
      const ref = statusReferenceOf(v.claims);
      if (!ref || ref.uri !== statusListUri) return { ...v, status: { checked: false, problem: STATUS_MESSAGES.noReference } };
      const r = await db.selectFrom('services.wallet_document').select('status').where('status_index', '=', ref.idx).executeTakeFirst();
      if (!r) return { ...v, status: { checked: false, problem: STATUS_MESSAGES.entryMissing } };
      return { ...v, status: { checked: true, status: r.status } };
    },
  };
}

export type Wallet = ReturnType<typeof createWallet>;

// The wallet (kho dữ liệu cá nhân): results of procedures and certified copies kept per person, each
// issued as an SD-JWT VC signed with the platform's issuer key (DATA_DIR/keys/wallet-issuer.jwk,
// ES256) so that any verifier can check it offline with the key published at
// /.well-known/jwt-vc-issuer; reusable in later applications without uploading anything.
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { generateEs256Key, issueSdJwtVc, isP256Jwk, publicJwkOf, verifySdJwtVc, type EcJwk, type SdJwtVerification } from '@open06/kernel/sd-jwt';
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
  claims: Record<string, unknown>;
}

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
    claims: r.claims,
  });

  return {
    /** The issuer metadata verifiers fetch once (SD-JWT VC issuer metadata). */
    metadata: () => ({ issuer, jwks: { keys: [key.publicJwk] } }),

    /** Issues a document into the holder's wallet, in the caller's transaction. */
    async issue(trx: ServicesTx, d: IssueDocument): Promise<string> {
      const id = randomUUID();
      const now = clock.now();
      const { sdJwt } = await issueSdJwtVc({
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

    /** Offline check of a presented credential against this issuer's key (what any verifier does). */
    async verify(credential: string): Promise<SdJwtVerification> {
      return verifySdJwtVc(credential, { issuerKey: key.publicJwk, issuer, now: clock.now() });
    },
  };
}

export type Wallet = ReturnType<typeof createWallet>;

// The only code touching verification.trusted_certificate: the server's trust store for chip
// passive authentication, filled by `open06 card trust import` or an administrator's upload.
import type { Kysely } from 'kysely';
import { TrustStore, type TrustedCertificate } from './trust-store.ts';

type Timestamp = Date;
export interface TrustedCertificateTable {
  fingerprint: string;
  subject: string;
  subject_key_id: string | null;
  is_ca: boolean;
  not_before: Timestamp;
  not_after: Timestamp;
  der: Uint8Array;
  source: string;
  added_at: Timestamp;
  added_by: string;
}
export interface TrustTables {
  'verification.trusted_certificate': TrustedCertificateTable;
}

export interface TrustedCertificateRow {
  fingerprint: string;
  subject: string;
  subjectKeyId: string | null;
  isCa: boolean;
  notBefore: Date;
  notAfter: Date;
  source: string;
  addedAt: Date;
  addedBy: string;
}

export function createTrustedCertificateStore(db: Kysely<TrustTables>) {
  return {
    /** Saves entries not yet stored; returns how many were new. */
    async save(entries: readonly TrustedCertificate[], addedBy: string): Promise<number> {
      if (!entries.length) return 0;
      const rows = await db
        .insertInto('verification.trusted_certificate')
        .values(
          entries.map((e) => ({
            fingerprint: e.fingerprint,
            subject: e.subject,
            subject_key_id: e.subjectKeyId,
            is_ca: e.isCa,
            not_before: e.notBefore,
            not_after: e.notAfter,
            der: e.der,
            source: e.source,
            added_at: new Date(),
            added_by: addedBy,
          })),
        )
        .onConflict((oc) => oc.column('fingerprint').doNothing())
        .returning('fingerprint')
        .execute();
      return rows.length;
    },

    /** Everything stored, as a trust store ready for passiveAuthenticate. */
    async load(): Promise<TrustStore> {
      const rows = await db.selectFrom('verification.trusted_certificate').select(['der', 'source']).orderBy('added_at').orderBy('fingerprint').execute();
      return TrustStore.of(rows.map((r) => ({ der: new Uint8Array(r.der), source: r.source })));
    },

    async list(): Promise<TrustedCertificateRow[]> {
      const rows = await db.selectFrom('verification.trusted_certificate').selectAll().orderBy('subject').orderBy('not_before').execute();
      return rows.map((r) => ({ fingerprint: r.fingerprint, subject: r.subject, subjectKeyId: r.subject_key_id, isCa: r.is_ca, notBefore: r.not_before, notAfter: r.not_after, source: r.source, addedAt: r.added_at, addedBy: r.added_by }));
    },

    /** The fingerprints of what is stored, in order: a cheap "has it changed?". */
    async fingerprints(): Promise<string[]> {
      return (await db.selectFrom('verification.trusted_certificate').select('fingerprint').orderBy('fingerprint').execute()).map((r) => r.fingerprint);
    },

    async remove(fingerprint: string): Promise<boolean> {
      const r = await db.deleteFrom('verification.trusted_certificate').where('fingerprint', '=', fingerprint).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
  };
}
export type TrustedCertificateStore = ReturnType<typeof createTrustedCertificateStore>;

/**
 * The database's trust store for a server process: loaded once, loaded again when certificates
 * were added or removed — by this process or another one sharing the database — which is looked
 * at no more often than every `checkEveryMs` (default 30 s).
 */
export function cachedTrustStore(store: TrustedCertificateStore, opts: { checkEveryMs?: number; now?: () => number } = {}): () => Promise<TrustStore> {
  const every = opts.checkEveryMs ?? 30_000;
  const now = opts.now ?? Date.now;
  let current: { fingerprints: string; store: TrustStore } | undefined;
  let checkedAt = -Infinity;
  let pending: Promise<TrustStore> | undefined;
  const refresh = async (): Promise<TrustStore> => {
    const fingerprints = (await store.fingerprints()).join(',');
    checkedAt = now();
    if (current?.fingerprints !== fingerprints) current = { fingerprints, store: await store.load() };
    return current.store;
  };
  return () => {
    if (current && now() - checkedAt < every) return Promise.resolve(current.store);
    pending ??= refresh().finally(() => (pending = undefined));
    return pending;
  };
}

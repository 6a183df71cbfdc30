// The access log: every read and write of a person's data, by anyone, appended to a hash-chained
// table (audit.access_log). Entries arriving together are written together (group commit): a
// caller's `record` resolves once its entries are durable, so nothing is shown before it is logged.
import { groupCommit } from '../group-commit.ts';
import { createHash } from 'node:crypto';
import type { Db } from '../db/db.ts';
import { sql } from 'kysely';

export type AccessOutcome = 'ok' | 'denied' | 'not_found' | 'invalid';

export interface AccessEntry {
  actor: { sub: string; role: string; unit?: string | undefined };
  purpose: string;
  /** read | search | create | update | history | … */
  action: string;
  subjectPid?: string | null;
  fields?: readonly string[];
  outcome: AccessOutcome;
  requestId?: string | undefined;
}

export interface AccessRecord {
  seq: number;
  at: Date;
  actor: string;
  actorRole: string;
  actorUnit: string | null;
  purpose: string;
  action: string;
  subjectPid: string | null;
  fields: string[];
  outcome: string;
  requestId: string | null;
  prevHash: string;
  hash: string;
}

export type VerifyResult =
  | { intact: true; entries: number }
  | { intact: false; entries: number; firstBroken: { seq: number; reason: string } };

export interface AccessLog {
  record(entries: AccessEntry | readonly AccessEntry[]): Promise<void>;
  forPerson(pid: string, opts?: { beforeSeq?: number; limit?: number }): Promise<AccessRecord[]>;
  verify(onProgress?: (checked: number) => void): Promise<VerifyResult>;
}

export const GENESIS_HASH = '0'.repeat(64);

/** What an entry's hash covers, after its sequence number: `[seq,` + this is its canonical JSON. */
function canonicalAfterSeq(r: Omit<AccessRecord, 'hash' | 'prevHash' | 'seq'>): string {
  return JSON.stringify([r.at.toISOString(), r.actor, r.actorRole, r.actorUnit, r.purpose, r.action, r.subjectPid, r.fields, r.outcome, r.requestId]).slice(1);
}

/** sha256(prev + "\n" + canonical JSON of the entry); audit.append (SQL) computes the same. */
export function entryHash(prevHash: string, r: Omit<AccessRecord, 'hash' | 'prevHash'>): string {
  return createHash('sha256').update(prevHash).update('\n').update(`[${r.seq},${canonicalAfterSeq(r)}`).digest('hex');
}

const MAX_BATCH = 2000;

export function createAccessLog(db: Db): AccessLog {
  // one statement per batch: audit.append locks the chain, numbers and hashes the entries, and
  // stores the columns read from the very text it hashed
  async function writeBatch(entries: AccessEntry[]): Promise<void> {
    const at = new Date();
    const rests = entries.map((e) =>
      canonicalAfterSeq({
        at,
        actor: e.actor.sub,
        actorRole: e.actor.role,
        actorUnit: e.actor.unit ?? null,
        purpose: e.purpose,
        action: e.action,
        subjectPid: e.subjectPid ?? null,
        fields: [...(e.fields ?? [])],
        outcome: e.outcome,
        requestId: e.requestId ?? null,
      }),
    );
    await sql`select audit.append(${rests}::text[])`.execute(db.kysely);
  }

  const batches = groupCommit<AccessEntry>(writeBatch, MAX_BATCH);

  return {
    record(entries) {
      const list = Array.isArray(entries) ? (entries as readonly AccessEntry[]) : [entries as AccessEntry];
      if (!list.length) return Promise.resolve();
      return Promise.all(list.map((entry) => batches.submit(entry))).then(() => undefined);
    },

    async forPerson(pid, opts = {}) {
      const rows = await db.kysely
        .selectFrom('audit.access_log')
        .selectAll()
        .where('subject_pid', '=', pid)
        .$if(opts.beforeSeq !== undefined, (q) => q.where('seq', '<', opts.beforeSeq!))
        .orderBy('seq', 'desc')
        .limit(Math.min(opts.limit ?? 50, 500))
        .execute();
      return rows.map(toRecord);
    },

    async verify(onProgress) {
      let prev = GENESIS_HASH;
      let expectedSeq = 1;
      let checked = 0;
      const page = 10_000;
      for (;;) {
        const rows = (
          await db.kysely
            .selectFrom('audit.access_log')
            .selectAll()
            .where('seq', '>=', expectedSeq)
            .orderBy('seq')
            .limit(page)
            .execute()
        ).map(toRecord);
        for (const r of rows) {
          if (r.seq !== expectedSeq)
            return { intact: false, entries: checked, firstBroken: { seq: expectedSeq, reason: `entry ${expectedSeq} is missing` } };
          if (r.prevHash !== prev)
            return { intact: false, entries: checked, firstBroken: { seq: r.seq, reason: 'does not follow the previous entry (prev_hash differs)' } };
          if (entryHash(prev, r) !== r.hash)
            return { intact: false, entries: checked, firstBroken: { seq: r.seq, reason: 'content was altered (hash differs)' } };
          prev = r.hash;
          expectedSeq += 1;
          checked += 1;
        }
        onProgress?.(checked);
        if (rows.length < page) return { intact: true, entries: checked };
      }
    },
  };
}

function toRecord(r: Record<string, unknown>): AccessRecord {
  return {
    seq: Number(r.seq),
    at: r.at instanceof Date ? r.at : new Date(String(r.at)),
    actor: String(r.actor),
    actorRole: String(r.actor_role),
    actorUnit: (r.actor_unit as string | null) ?? null,
    purpose: String(r.purpose),
    action: String(r.action),
    subjectPid: (r.subject_pid as string | null) ?? null,
    fields: (r.fields as string[]) ?? [],
    outcome: String(r.outcome),
    requestId: (r.request_id as string | null) ?? null,
    prevHash: String(r.prev_hash),
    hash: String(r.hash),
  };
}

// Reads of quality.finding for the worklist, and the marks officers put on findings.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Db } from '../../../platform/db/db.ts';
import type { FindingTable, QualityTables } from '../quality.tables.ts';

export interface FindingRow {
  id: number;
  rule: string;
  family: FindingTable['family'];
  severity: FindingTable['severity'];
  pid: string;
  key: string;
  relatedPid: string | null;
  subjectName: string;
  subjectBirth: string;
  communeCode: string | null;
  provinceCode: string | null;
  fields: string[];
  evidence: Record<string, unknown>;
  fix: { vi: string; en: string };
  status: FindingTable['status'];
  firstSeenAt: string;
  lastSeenAt: string;
  resolvedAt: string | null;
  resolvedBy: string | null;
  resolution: FindingTable['resolution'];
  resolutionReason: string | null;
}

export interface FindingFilter {
  /** Current commune codes the list may cover (jurisdiction ∩ the unit asked for); undefined = all. */
  communes?: string[] | undefined;
  province?: string | undefined;
  rule?: string | undefined;
  family?: string | undefined;
  severity?: string | undefined;
  status?: 'open' | 'resolved' | 'dismissed' | undefined;
  pid?: string | undefined;
  offset: number;
  limit: number;
}

const iso = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string).toISOString());

function toRow(r: Record<string, unknown>): FindingRow {
  return {
    id: Number(r.id),
    rule: r.rule as string,
    family: r.family as FindingRow['family'],
    severity: r.severity as FindingRow['severity'],
    pid: r.pid as string,
    key: r.key as string,
    relatedPid: (r.related_pid as string | null) ?? null,
    subjectName: r.subject_name as string,
    subjectBirth: r.subject_birth as string,
    communeCode: (r.commune_code as string | null) ?? null,
    provinceCode: (r.province_code as string | null) ?? null,
    fields: (r.fields as string[]) ?? [],
    evidence: (typeof r.evidence === 'string' ? JSON.parse(r.evidence) : r.evidence) as Record<string, unknown>,
    fix: { vi: r.fix_vi as string, en: r.fix_en as string },
    status: r.status as FindingRow['status'],
    firstSeenAt: iso(r.first_seen_at)!,
    lastSeenAt: iso(r.last_seen_at)!,
    resolvedAt: iso(r.resolved_at),
    resolvedBy: (r.resolved_by as string | null) ?? null,
    resolution: (r.resolution as FindingRow['resolution']) ?? null,
    resolutionReason: (r.resolution_reason as string | null) ?? null,
  };
}

export function createWorklistStore(db: Db) {
  const k = db.kysely as Kysely<QualityTables>;
  const where = (f: Omit<FindingFilter, 'offset' | 'limit'>) => {
    const w: RawBuilder<unknown>[] = [];
    if (f.communes) w.push(sql`commune_code = any(${f.communes}::text[])`);
    if (f.province) w.push(sql`province_code = ${f.province}`);
    if (f.rule) w.push(sql`rule = ${f.rule}`);
    if (f.family) w.push(sql`family = ${f.family}`);
    if (f.severity) w.push(sql`severity = ${f.severity}`);
    if (f.status) w.push(sql`status = ${f.status}`);
    if (f.pid) w.push(sql`(pid = ${f.pid} or related_pid = ${f.pid})`);
    return w.length ? sql`where ${sql.join(w, sql` and `)}` : sql``;
  };
  return {
    async list(f: FindingFilter): Promise<{ items: FindingRow[]; total: number }> {
      const w = where(f);
      const items = await sql<Record<string, unknown>>`
        select * from quality.finding ${w}
         order by case severity when 'high' then 0 when 'medium' then 1 else 2 end, id
         limit ${f.limit} offset ${f.offset}`.execute(k);
      const total = await sql<{ n: number }>`select count(*)::int as n from quality.finding ${w}`.execute(k);
      return { items: items.rows.map(toRow), total: Number(total.rows[0]?.n ?? 0) };
    },

    /** Open findings per rule (for the filter's counts). */
    async countsByRule(f: Omit<FindingFilter, 'offset' | 'limit' | 'rule'>): Promise<Record<string, number>> {
      const r = await sql<{ rule: string; n: number }>`select rule, count(*)::int as n from quality.finding ${where(f)} group by rule`.execute(k);
      return Object.fromEntries(r.rows.map((x) => [x.rule, Number(x.n)]));
    },

    async get(id: number): Promise<FindingRow | undefined> {
      const r = await sql<Record<string, unknown>>`select * from quality.finding where id = ${id}`.execute(k);
      return r.rows[0] ? toRow(r.rows[0]) : undefined;
    },

    /** Marks findings resolved or dismissed by an officer (only those not already closed the same way). */
    async mark(ids: number[], status: 'resolved' | 'dismissed', resolution: 'corrected' | 'merged' | 'dismissed', by: string, reason: string): Promise<void> {
      if (!ids.length) return;
      await sql`update quality.finding set status = ${status}, resolution = ${resolution}, resolved_at = now(), resolved_by = ${by}, resolution_reason = ${reason}
                 where id = any(${ids}::bigint[])`.execute(k);
    },

    /** Open (or just auto-resolved) duplicate findings between two people, either way round. */
    async duplicatesBetween(a: string, b: string, rule: string): Promise<number[]> {
      const r = await sql<{ id: number }>`select id from quality.finding where rule = ${rule}
        and ((pid = ${a} and related_pid = ${b}) or (pid = ${b} and related_pid = ${a})) and status <> 'dismissed'`.execute(k);
      return r.rows.map((x) => Number(x.id));
    },
  };
}

export type WorklistStore = ReturnType<typeof createWorklistStore>;

// The only code that touches quality.sector_report: reports received from sector systems, read
// back per person when the rules run.
import { sql, type Kysely } from 'kysely';
import type { Db } from '../../../platform/db/db.ts';
import type { SectorRecord } from '../rules/evaluate.ts';
import type { QualityTables } from '../quality.tables.ts';

export interface SectorReportInput {
  kind: 'death' | 'record';
  pid: string;
  fullName?: string | null | undefined;
  birthDate?: string | null | undefined;
  sex?: 'M' | 'F' | null | undefined;
  deathDate?: string | null | undefined;
  reportedOn: string;
}

export function createSectorStore(db: Db) {
  const k = db.kysely as Kysely<QualityTables>;
  return {
    /** Stores reports (a newer report of the same source, kind and person replaces the older). */
    async upsert(source: string, reports: readonly SectorReportInput[], receivedBy: string): Promise<void> {
      for (let i = 0; i < reports.length; i += 2000) {
        const part = reports.slice(i, i + 2000);
        await sql`
          insert into quality.sector_report (source, kind, pid, full_name, birth_date, sex, death_date, reported_on, received_by)
          select ${source}, u.kind, u.pid, nullif(u.full_name, ''), nullif(u.birth_date, ''), nullif(u.sex, ''), nullif(u.death_date, ''), u.reported_on::date, ${receivedBy}
            from unnest(${part.map((r) => r.kind)}::text[], ${part.map((r) => r.pid)}::text[], ${part.map((r) => r.fullName ?? '')}::text[],
                        ${part.map((r) => r.birthDate ?? '')}::text[], ${part.map((r) => r.sex ?? '')}::text[], ${part.map((r) => r.deathDate ?? '')}::text[],
                        ${part.map((r) => r.reportedOn)}::text[]) as u(kind, pid, full_name, birth_date, sex, death_date, reported_on)
          on conflict (source, kind, pid) do update set full_name = excluded.full_name, birth_date = excluded.birth_date, sex = excluded.sex,
            death_date = excluded.death_date, reported_on = excluded.reported_on, received_at = now(), received_by = excluded.received_by
            where quality.sector_report.reported_on <= excluded.reported_on`.execute(k);
      }
    },

    async forPersons(pids: readonly string[]): Promise<Map<string, SectorRecord[]>> {
      const out = new Map<string, SectorRecord[]>();
      if (!pids.length) return out;
      const rows = await k
        .selectFrom('quality.sector_report')
        .select(['pid', 'source', 'kind', 'full_name', 'birth_date', 'sex', 'death_date', 'reported_on'])
        .where('pid', '=', sql<string>`any(${[...pids]}::text[])`)
        .execute();
      for (const r of rows) {
        const list = out.get(r.pid) ?? [];
        list.push({ source: r.source, kind: r.kind, fullName: r.full_name, birthDate: r.birth_date, sex: r.sex, deathDate: r.death_date, reportedOn: String(r.reported_on) });
        out.set(r.pid, list);
      }
      return out;
    },
  };
}

export type SectorStore = ReturnType<typeof createSectorStore>;

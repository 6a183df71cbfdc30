// Scorecard figures, aggregated from quality.person_status (who is counted where, completeness)
// and the open findings (who has a problem of which family). Both tables are kept current by
// passes and by re-checks after each change, so the scorecard needs no recomputation of its own.
import { sql, type Kysely } from 'kysely';
import type { Db } from '../../../platform/db/db.ts';
import type { Family } from '../rules/rule-config.ts';
import type { QualityTables } from '../quality.tables.ts';

export interface UnitCounts {
  code: string;
  persons: number;
  completeness: number;
  /** People with at least one open finding of the family. */
  flawed: Record<Family, number>;
  open: { high: number; medium: number; low: number };
}

export function createScorecardStore(db: Db) {
  const k = db.kysely as Kysely<QualityTables>;
  return {
    /** Per commune of a province, or per province when `province` is null. */
    async counts(level: 'commune' | 'province', province: string | null, commune?: string): Promise<UnitCounts[]> {
      const col = level === 'commune' ? sql.ref('commune_code') : sql.ref('province_code');
      const scope = commune ? sql`commune_code = ${commune}` : province ? sql`province_code = ${province}` : sql`true`;
      const persons = await sql<{ code: string; n: number; c: number }>`
        select ${col} as code, count(*)::int as n, avg(completeness)::float8 as c from quality.person_status
         where ${scope} and ${col} is not null group by 1`.execute(k);
      const flawed = await sql<{ code: string; family: Family; n: number }>`
        select ${col} as code, family, count(distinct pid)::int as n from quality.finding
         where status = 'open' and ${scope} and ${col} is not null group by 1, 2`.execute(k);
      const sev = await sql<{ code: string; severity: 'high' | 'medium' | 'low'; n: number }>`
        select ${col} as code, severity, count(*)::int as n from quality.finding
         where status = 'open' and ${scope} and ${col} is not null group by 1, 2`.execute(k);
      const out = new Map<string, UnitCounts>();
      const get = (code: string) => {
        let u = out.get(code);
        if (!u) out.set(code, (u = { code, persons: 0, completeness: 1, flawed: { correct: 0, complete: 0, clean: 0, alive: 0 }, open: { high: 0, medium: 0, low: 0 } }));
        return u;
      };
      for (const r of persons.rows) Object.assign(get(r.code), { persons: Number(r.n), completeness: Number(r.c) });
      for (const r of flawed.rows) get(r.code).flawed[r.family] = Number(r.n);
      for (const r of sev.rows) get(r.code).open[r.severity] = Number(r.n);
      return [...out.values()];
    },

    async lastChecked(): Promise<Date | null> {
      const r = await k.selectFrom('quality.person_status').select((eb) => eb.fn.max('checked_at').as('at')).executeTakeFirst();
      return r?.at ? new Date(r.at as unknown as string) : null;
    },
  };
}

export type ScorecardStore = ReturnType<typeof createScorecardStore>;

// The only code that touches quality.pass and quality.linkage_model.
import type { Kysely } from 'kysely';
import type { Db } from '../../../platform/db/db.ts';
import type { QualityTables } from '../quality.tables.ts';

export function createPassStore(db: Db) {
  const k = db.kysely as Kysely<QualityTables>;
  return {
    async start(scope: string, startedBy: string): Promise<{ id: number; startedAt: Date }> {
      const r = await k.insertInto('quality.pass').values({ scope, started_by: startedBy, report: null }).returning(['id', 'started_at']).executeTakeFirstOrThrow();
      return { id: Number(r.id), startedAt: new Date(r.started_at) };
    },
    async finish(id: number, status: 'done' | 'failed', report: Record<string, unknown>): Promise<void> {
      await k.updateTable('quality.pass').set({ status, finished_at: new Date(), report: JSON.stringify(report) }).where('id', '=', id).execute();
    },
    async latest(): Promise<{ id: number; scope: string; startedAt: Date; finishedAt: Date | null; status: string; report: Record<string, unknown> | null } | undefined> {
      const r = await k.selectFrom('quality.pass').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirst();
      if (!r) return undefined;
      const report = typeof r.report === 'string' ? (JSON.parse(r.report) as Record<string, unknown>) : r.report;
      return { id: Number(r.id), scope: r.scope, startedAt: new Date(r.started_at), finishedAt: r.finished_at ? new Date(r.finished_at) : null, status: r.status, report };
    },
    async saveModel(passId: number, model: unknown): Promise<void> {
      await k.insertInto('quality.linkage_model').values({ pass_id: passId, model: JSON.stringify(model) }).execute();
    },
    async latestModel(): Promise<unknown> {
      const r = await k.selectFrom('quality.linkage_model').select('model').orderBy('id', 'desc').limit(1).executeTakeFirst();
      if (!r) return undefined;
      return typeof r.model === 'string' ? JSON.parse(r.model) : r.model;
    },
  };
}

export type PassStore = ReturnType<typeof createPassStore>;

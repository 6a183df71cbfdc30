// What other parts of open06 (the CLI, the bench, later the dashboards) may ask of data quality.
import type { Actor } from '../../http/authz.ts';
import type { PassOptions, PassReport } from './pass/quality-checker.ts';
import type { Scorecard } from './scorecard/scorecard.service.ts';
import type { SectorImportResult } from './sector/sector.service.ts';
import type { SectorReportInput } from './sector/sector.store.ts';

export interface QualityApi {
  /** A full pass over everyone in scope (progress through `onProgress`); writes findings and statuses. */
  runPass(opts: PassOptions): Promise<PassReport>;
  /** Re-checks these people now (what the registry's events trigger). */
  recheck(pids: readonly string[], opts?: { identity?: boolean }): Promise<{ checked: number; opened: number; resolved: number }>;
  /** Scorecard of a unit as `actor` may see it. */
  scorecard(actor: Actor, unit?: string): Promise<Scorecard>;
  /** Sector reports (deaths, records) received for matched personal IDs; the people are re-checked unless `recheck: false`. */
  receiveSectorReports(ctx: { actor: Actor; requestId?: string }, source: string, reports: readonly SectorReportInput[], opts?: { recheck?: boolean }): Promise<SectorImportResult>;
}

export type { PassOptions, PassReport, Scorecard, SectorImportResult, SectorReportInput };

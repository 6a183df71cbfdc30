// The data-quality module ("đúng, đủ, sạch, sống"): rules over the registry's records, findings
// and scorecards, the worklist and its resolutions, sector reports, record linkage (linkage/).
// Other modules import only this file.
import type { FastifyInstance } from 'fastify';
import { loadAdminUnits } from '@open06/kernel/admin-units';
import type { AccessLog } from '../../platform/access-log/index.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/db.ts';
import type { EventBus } from '../../platform/events/index.ts';
import { HouseholdChanged, PersonCreated, PersonDied, PersonMerged, PersonMoved, PersonUpdated, type RegistryApi } from '../registry/index.ts';
import { createQualityChecker, QUALITY_ACTOR } from './pass/quality-checker.ts';
import type { QualityApi } from './quality.api.ts';
import { qualityRoutes } from './quality.routes.ts';
import { loadRulesConfig, type RulesConfig } from './rules/rule-config.ts';
import { createScorecardService } from './scorecard/scorecard.service.ts';
import { createScorecardStore } from './scorecard/scorecard.store.ts';
import { createSectorService } from './sector/sector.service.ts';
import { createSectorStore } from './sector/sector.store.ts';
import { createWorklistService } from './worklist/worklist.service.ts';
import { createWorklistStore } from './worklist/worklist.store.ts';

export interface QualityDeps {
  db: Db;
  registry: RegistryApi;
  accessLog: AccessLog;
  bus: EventBus;
  clock: Clock;
  /** The rules (default config/quality-rules.json). */
  config?: RulesConfig;
}

const CONSUMER = 'quality.recheck';
/** Attributes whose change can make or break a duplicate. */
const IDENTITY_FIELDS = ['fullName', 'birthDate', 'sex', 'phone', 'oldId'];
/** Attributes other people's findings depend on (their parents' age, a spouse's link, a death). */
const LINKED_FIELDS = ['birthDate', 'sex', 'lifeStatus', 'deathDate', 'spousePid', 'fatherPid', 'motherPid', 'maritalStatus'];

export function createQualityModule(deps: QualityDeps) {
  const config = deps.config ?? loadRulesConfig();
  const units = loadAdminUnits();
  const checker = createQualityChecker({ ...deps, config });
  const scorecard = createScorecardService({ store: createScorecardStore(deps.db), units });
  const recheck = (pids: readonly string[], opts: { identity?: boolean; requestId?: string } = {}) => checker.recheck(pids, opts);
  const worklist = createWorklistService({
    store: createWorklistStore(deps.db),
    registry: deps.registry,
    accessLog: deps.accessLog,
    units,
    config,
    resolveUnit: scorecard.resolveUnit,
    recheck,
  });
  const sector = createSectorService({ store: createSectorStore(deps.db), accessLog: deps.accessLog, clock: deps.clock, recheck: (pids) => recheck(pids) });

  // Incremental recompute: every change the registry publishes re-checks the people it touched
  // (and, where their findings depend on it, the people linked to them), so the scorecard stays
  // current between full passes.
  const linked = async (pids: string[]) => [...pids, ...(await deps.registry.linkedPersons({ actor: QUALITY_ACTOR, purpose: 'data_quality' }, pids))];
  deps.bus.subscribe(CONSUMER, PersonCreated, async (e) => void (await recheck([e.payload.pid], { identity: true })));
  deps.bus.subscribe(CONSUMER, PersonUpdated, async (e) => {
    const f = e.payload.fields;
    const pids = f.some((x) => LINKED_FIELDS.includes(x)) ? await linked([e.payload.pid]) : [e.payload.pid];
    await recheck(pids, { identity: f.some((x) => IDENTITY_FIELDS.includes(x)) });
  });
  deps.bus.subscribe(CONSUMER, PersonDied, async (e) => void (await recheck(await linked([e.payload.pid]))));
  deps.bus.subscribe(CONSUMER, PersonMoved, async (e) => void (await recheck([e.payload.pid])));
  deps.bus.subscribe(CONSUMER, HouseholdChanged, async (e) => void (await recheck(await linked(e.payload.pids))));
  deps.bus.subscribe(CONSUMER, PersonMerged, async (e) => void (await recheck(await linked([e.payload.survivorPid, e.payload.retiredPid]), { identity: true })));

  const api: QualityApi = {
    runPass: (opts) => checker.runPass(opts),
    recheck: (pids, opts) => recheck(pids, opts ?? {}),
    scorecard: (actor, unit) => scorecard.scorecard(actor, unit),
    receiveSectorReports: (ctx, source, reports, opts) => sector.receive(ctx, source, reports, opts ?? {}),
  };
  return {
    api,
    async routes(app: FastifyInstance) {
      await app.register(qualityRoutes({ scorecard, worklist, sector, checker, config }));
    },
  };
}

export type QualityModule = ReturnType<typeof createQualityModule>;
export type { QualityApi, PassOptions, PassReport, Scorecard, SectorImportResult, SectorReportInput } from './quality.api.ts';
export { QUALITY_ACTOR } from './pass/quality-checker.ts';
export { formatPassReport } from './pass/pass-report.ts';
export { loadRulesConfig } from './rules/rule-config.ts';
export type { RulesConfig } from './rules/rule-config.ts';
// Record linkage (helper C's engine, linkage/README.md): its public surface, for `open06 link` and others.
export * from './linkage/index.ts';

// The registry module (CSDLQG về dân cư): persons, households, residences, history. Other modules
// import only this file.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { AccessLog } from '../../platform/access-log/index.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/db.ts';
import type { EventBus } from '../../platform/events/index.ts';
import { createHouseholdService } from './household/household.service.ts';
import { householdRoutes } from './household/household.routes.ts';
import { createHouseholdStore } from './household/household.store.ts';
import { personRoutes } from './person/person.routes.ts';
import { createPersonService } from './person/person.service.ts';
import { createPersonStore } from './person/person.store.ts';
import type { RegistryApi } from './registry.api.ts';
import type { RegistryTables } from './registry.tables.ts';
import { createResidenceService } from './residence/residence.service.ts';
import { residenceRoutes } from './residence/residence.routes.ts';
import { createMergeStore } from './merge/merge.store.ts';
import { createMergeService } from './merge/merge.service.ts';
import { mergeRoutes } from './merge/merge.routes.ts';
import { createPersonScanStore } from './scan/person-scan.store.ts';
import { createPersonScanService } from './scan/person-scan.service.ts';
import { createReviewService } from './review/review.service.ts';
import { createMarriageService } from './effects/marriage.service.ts';
import { createBirthCancelService } from './effects/birth-cancel.service.ts';

export interface RegistryDeps {
  db: Db;
  accessLog: AccessLog;
  bus: EventBus;
  clock: Clock;
  /** Person records cached in memory (default 50,000; 0 turns the cache off). */
  personCacheSize?: number;
}

export function createRegistryModule(deps: RegistryDeps) {
  const db = deps.db.kysely as Kysely<RegistryTables>;
  const store = createPersonStore(db);
  const mergeStore = createMergeStore(db);
  const merges = { pointer: (pid: string) => mergeStore.pointer(db, pid), retiredHistory: (pid: string) => mergeStore.retiredHistory(pid) };
  const persons = createPersonService({ ...deps, db, store, merges, ...(deps.personCacheSize !== undefined ? { cacheSize: deps.personCacheSize } : {}) });
  const residences = createResidenceService({ ...deps, db, store, persons });
  const households = createHouseholdService({ ...deps, db, store: createHouseholdStore(db), persons: store, invalidate: persons.invalidate });
  // merging duplicates, the bulk read for system passes, reviews in the history (data quality)
  const merging = createMergeService({ ...deps, db, store, merges: mergeStore, persons });
  const scans = createPersonScanService({ store: createPersonScanStore(db), accessLog: deps.accessLog });
  const reviews = createReviewService({ ...deps, db, store, persons });
  // the registry effects of completed procedures (modules/services)
  const marriages = createMarriageService({ ...deps, db, store, persons });
  const births = createBirthCancelService({ ...deps, db, store, persons, households });
  const api: RegistryApi = {
    getPerson: (ctx, pid) => persons.getPerson(ctx, pid),
    searchPersons: (ctx, q) => persons.search(ctx, q),
    updatePerson: (ctx, pid, body) => persons.update(ctx, pid, body),
    registerResidence: async (ctx, pid, change) => void (await residences.register(ctx, pid, change)),
    mergePersons: (ctx, survivorPid, req) => merging.merge(ctx, survivorPid, req),
    scanPersons: (ctx, opts) => scans.scan(ctx, opts),
    countScan: (ctx, opts) => scans.count(ctx, opts),
    linkedPersons: (ctx, pids) => scans.linked(ctx, pids),
    noteReview: (ctx, pid, note) => reviews.note(ctx, pid, note),
    createPerson: (ctx, body) => persons.create(ctx, body),
    endResidence: (ctx, pid, kind, opts) => residences.end(ctx, pid, kind, opts),
    joinHousehold: (ctx, pid, j) => households.joinByHead(ctx, pid, j),
    foundHousehold: async (ctx, body) => ({ householdId: (await households.create(ctx, { ...body, members: [] })).id }),
    leaveHousehold: (ctx, pid, reason) => households.leaveCurrentHousehold(ctx, pid, reason),
    registerMarriage: (ctx, a, b, opts) => marriages.register(ctx, a, b, opts),
    cancelMarriage: (ctx, a, b, opts) => marriages.cancel(ctx, a, b, opts),
    cancelBirth: (ctx, pid, opts) => births.cancel(ctx, pid, opts),
  };
  return {
    api,
    async routes(app: FastifyInstance) {
      await app.register(personRoutes(persons));
      await app.register(residenceRoutes(residences));
      await app.register(householdRoutes(households));
      await app.register(mergeRoutes(merging));
    },
  };
}

export type { RegistryApi, PersonCreateBody, Relation, ResidenceKind, EffectOptions, MergeRequest, MergeResult, PersonScanRecord, PersonPatchBody, PersonView, ReadContext, WriteContext, ScanOptions, ResidenceChange, ReviewNote, ScanHousehold, ScanIdCard, ScanRelative, ScanResidence } from './registry.api.ts';
export { importPersons } from './bulk/person-import.ts';
export type { ImportOptions, ImportReport } from './bulk/person-import.ts';
export { exportPersons } from './bulk/person-export.ts';
export { RECORD_FIELDS } from './bulk/person-record.ts';
export type { PersonRecord } from './bulk/person-record.ts';
export { seedDatabase, seedDemoIfEmpty, writePopulationFile } from './seed/seed.service.ts';
export type { SeedReport } from './seed/seed.service.ts';
export type { GenerateOptions } from './seed/population.generator.ts';
export type { TruthEntry } from './seed/noise.ts';
export { HouseholdChanged, PersonCancelled, PersonCreated, PersonDied, PersonMerged, PersonMoved, PersonUpdated } from './registry.events.ts';
export { PersonMergedError } from './merge/merge.errors.ts';
/** The shape of a change to a person's attributes, for modules that pass changes on (data quality). */
export { PersonPatchBody as PersonPatchBodySchema } from './person/person.schema.ts';
export { EDITABLE_ATTR_NAMES } from './person/person.model.ts';

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
  const persons = createPersonService({ ...deps, db, store, ...(deps.personCacheSize !== undefined ? { cacheSize: deps.personCacheSize } : {}) });
  const residences = createResidenceService({ ...deps, db, store, persons });
  const households = createHouseholdService({ ...deps, db, store: createHouseholdStore(db), persons: store, invalidate: persons.invalidate });
  const api: RegistryApi = {
    getPerson: (ctx, pid) => persons.getPerson(ctx, pid),
    searchPersons: (ctx, q) => persons.search(ctx, q),
  };
  return {
    api,
    async routes(app: FastifyInstance) {
      await app.register(personRoutes(persons));
      await app.register(residenceRoutes(residences));
      await app.register(householdRoutes(households));
    },
  };
}

export type { PersonView, RegistryApi } from './registry.api.ts';
export { importPersons } from './bulk/person-import.ts';
export type { ImportOptions, ImportReport } from './bulk/person-import.ts';
export { exportPersons } from './bulk/person-export.ts';
export { RECORD_FIELDS } from './bulk/person-record.ts';
export type { PersonRecord } from './bulk/person-record.ts';
export { seedDatabase, seedDemoIfEmpty, writePopulationFile } from './seed/seed.service.ts';
export type { SeedReport } from './seed/seed.service.ts';
export type { GenerateOptions } from './seed/population.generator.ts';
export type { TruthEntry } from './seed/noise.ts';
export { HouseholdChanged, PersonCreated, PersonDied, PersonMoved, PersonUpdated } from './registry.events.ts';

// The lodging module (thông báo lưu trú): establishments and their staff, guests checked in at the
// desk by ID-card QR, e-ID QR, typed data or passport, citizens' own declarations, notifications
// routed to the commune police with their legal deadline, the police's live feed, search and
// statistics, and the province police's watchlist. Other modules import only this file.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { AccessLog } from '../../platform/access-log/index.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/db.ts';
import type { RegistryApi } from '../registry/index.ts';
import type { VerificationApi } from '../verification/index.ts';
import { establishmentRoutes } from './establishment/establishment.routes.ts';
import { createEstablishmentService } from './establishment/establishment.service.ts';
import { createEstablishmentStore } from './establishment/establishment.store.ts';
import type { LodgingTables } from './lodging.tables.ts';
import { createFeedHub } from './police/feed.ts';
import { policeRoutes } from './police/police.routes.ts';
import { createPoliceService } from './police/police.service.ts';
import { createWatchlistStore } from './police/watchlist.store.ts';
import { stayRoutes } from './stay/stay.routes.ts';
import { createStayService } from './stay/stay.service.ts';
import { createStayStore } from './stay/stay.store.ts';
import { createTickets, loadTicketKey } from './stay/ticket.ts';

export interface LodgingDeps {
  db: Db;
  accessLog: AccessLog;
  registry: RegistryApi;
  verification: VerificationApi;
  clock: Clock;
  /** DATA_DIR/keys: the key that signs desk scans (lodging-ticket.key). */
  keysDir: string;
}

export function createLodgingModule(deps: LodgingDeps) {
  const db = deps.db.kysely as Kysely<LodgingTables>;
  const hub = createFeedHub();
  const stays = createStayStore(db);
  const establishments = createEstablishmentService({ store: createEstablishmentStore(db), registry: deps.registry, clock: deps.clock });
  const stayService = createStayService({
    stays,
    establishments,
    registry: deps.registry,
    verification: deps.verification,
    accessLog: deps.accessLog,
    tickets: createTickets(loadTicketKey(deps.keysDir)),
    feed: hub,
    clock: deps.clock,
  });
  const police = createPoliceService({ stays, watchlist: createWatchlistStore(db), accessLog: deps.accessLog, clock: deps.clock });
  return {
    /** Seeds the demo hotel for `npm start` (see establishment.service.ts). */
    seedDemo: (ownerPid: string, communeCode: string) => establishments.seedDemo(ownerPid, communeCode),
    async routes(app: FastifyInstance) {
      await app.register(establishmentRoutes(establishments));
      await app.register(stayRoutes(stayService));
      await app.register(policeRoutes({ service: police, hub }));
    },
  };
}

export type LodgingModule = ReturnType<typeof createLodgingModule>;
export { StayNotified } from './lodging.events.ts';

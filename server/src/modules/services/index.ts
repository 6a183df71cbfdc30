// The services module (dịch vụ công trực tuyến, bộ phận một cửa): the catalogue of procedures
// (config/services/, checked at start), applications prefilled from the registry, the one-stop desk's
// queues and decisions with deadlines in working days, fees paid through modules/payments, registry
// effects on completion, linked procedures run as sagas, the wallet of results as SD-JWT VCs, and
// the plans' figures. Other modules import only this file.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { AccessLog } from '../../platform/access-log/index.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/db.ts';
import type { EventBus } from '../../platform/events/index.ts';
import { PaymentConfirmed, type PaymentsApi } from '../payments/index.ts';
import type { RegistryApi } from '../registry/index.ts';
import { applicationRoutes } from './application/application.routes.ts';
import { createApplicationService, PAYMENT_PURPOSE } from './application/application.service.ts';
import { createApplicationStore } from './application/application.store.ts';
import { catalogueRoutes } from './catalogue/catalogue.routes.ts';
import { loadCatalogue, type Catalogue } from './catalogue/catalogue.ts';
import { loadLocalFees } from './catalogue/local-fees.ts';
import { createFigures } from './figures/figures.ts';
import { figuresRoutes } from './figures/figures.routes.ts';
import { ApplicationChanged } from './services.events.ts';
import { createNotifications, type Notifier } from './application/notifications.ts';
import type { ServicesTables } from './services.tables.ts';
import { createWallet, loadIssuerKey } from './wallet/wallet.ts';
import { walletRoutes } from './wallet/wallet.routes.ts';

export interface ServicesDeps {
  db: Db;
  registry: RegistryApi;
  payments: PaymentsApi;
  accessLog: AccessLog;
  bus: EventBus;
  clock: Clock;
  /** DATA_DIR/keys: the wallet's issuer key (wallet-issuer.jwk). */
  keysDir: string;
  /** Public base URL: the issuer of wallet credentials. */
  publicUrl: string;
  /** Where applicants are told of their applications (the identity module's delivery). */
  notifier?: Notifier;
  catalogue?: Catalogue;
}

export async function createServicesModule(deps: ServicesDeps) {
  const catalogue = deps.catalogue ?? loadCatalogue();
  const db = deps.db.kysely as Kysely<ServicesTables>;
  const wallet = createWallet({ db, key: await loadIssuerKey(deps.keysDir), issuer: deps.publicUrl, clock: deps.clock });
  const applications = createApplicationService({ ...deps, db, store: createApplicationStore(db), catalogue, wallet, localFees: loadLocalFees() });
  const figures = createFigures(db);
  deps.bus.subscribe('services.payments', PaymentConfirmed, async (e) => {
    if (e.payload.purpose === PAYMENT_PURPOSE) await applications.paid(e.payload.subjectRef, e.payload.paidAt);
  });
  deps.bus.subscribe('services.linked', ApplicationChanged, async (e) => {
    const p = e.payload;
    // a step finished: its last signature completed it, or it was refused
    if (p.parentId && (p.action === 'completed' || p.action === 'refused')) await applications.advanceLinked(p.applicationId);
  });
  if (deps.notifier) {
    const notify = createNotifications({ notifier: deps.notifier, catalogue, publicUrl: deps.publicUrl });
    deps.bus.subscribe('services.notify', ApplicationChanged, async (e) => notify(e.payload));
  }
  return {
    catalogue,
    async routes(app: FastifyInstance) {
      await app.register(catalogueRoutes(catalogue));
      await app.register(figuresRoutes(figures));
      await app.register(applicationRoutes(applications));
      await app.register(walletRoutes(wallet));
    },
  };
}

export type ServicesModule = Awaited<ReturnType<typeof createServicesModule>>;
export { CatalogueError, loadCatalogue } from './catalogue/catalogue.ts';
export type { Catalogue } from './catalogue/catalogue.ts';
export { ApplicationChanged } from './services.events.ts';

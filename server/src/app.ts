// Composition root: builds the HTTP app from its parts with plain factories (no DI container).
import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { createAccessLog, type AccessLog } from './platform/access-log/index.ts';
import { systemClock, type Clock } from './platform/clock.ts';
import type { Db } from './platform/db/db.ts';
import { createEventBus, type EventBus } from './platform/events/index.ts';
import { bearerAuthenticator, installAuth, type Authenticator } from './http/auth.ts';
import { RateLimitedError } from './http/errors.ts';
import { installProblemHandlers } from './http/problem.ts';
import { referenceRoutes } from './http/reference.routes.ts';
import type { TokenService } from './http/service-token.ts';
import { installZod } from './http/validation.ts';
import { createIdentityModule, type IdentityModule } from './modules/identity/index.ts';
import { createRegistryModule } from './modules/registry/index.ts';
import { createQualityModule, type QualityModule } from './modules/quality/index.ts';
import { createVerificationModule } from './modules/verification/index.ts';
import { createLodgingModule, type LodgingModule } from './modules/lodging/index.ts';
import { createPaymentsModule, type PaymentsModule } from './modules/payments/index.ts';
import { createServicesModule, type Catalogue } from './modules/services/index.ts';
import { createCheckpointsModule } from './modules/checkpoints/index.ts';

export const VERSION = (JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
const WEB_DIST = new URL('../../web/dist/', import.meta.url);

export interface AppDeps {
  db: Db;
  tokens: TokenService;
  /** Public base URL (the OpenID issuer is `${publicUrl}/oidc`). */
  publicUrl: string;
  /** Where signing keys live (DATA_DIR/keys) and where files (portraits …) are kept. */
  keysDir: string;
  filesDir: string;
  clock?: Clock;
  natsUrl?: string | undefined;
  logLevel?: string;
  personCacheSize?: number;
  /** Serve the built web app from web/dist (default: when it exists). */
  serveWeb?: boolean;
  /** The built-in bank simulator (default on: demos and tests). */
  paymentsSimulator?: boolean;
  /** The service catalogue (default: config/services, loaded and checked at start). */
  catalogue?: Catalogue;
  /** E-mail delivery; without it messages stay in the outbox. */
  smtp?: { url: string; from: string } | undefined;
}

export interface App {
  http: FastifyInstance;
  identity: IdentityModule;
  quality: QualityModule['api'];
  lodging: Pick<LodgingModule, 'seedDemo'>;
  payments: Pick<PaymentsModule, 'api' | 'signAsBank'>;
  bus: EventBus;
  accessLog: AccessLog;
  close(): Promise<void>;
}

export async function buildApp(deps: AppDeps): Promise<App> {
  const clock = deps.clock ?? systemClock;
  const http = Fastify({
    logger: {
      level: deps.logLevel ?? 'info',
      // Personal data never reaches the log: no URLs (they hold personal IDs), no headers, no bodies.
      redact: ['req.headers.authorization', 'req.url'],
    },
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: () => randomUUID(),
    trustProxy: true,
  });
  http.addHook('onResponse', async (req, reply) => {
    req.log.info({ method: req.method, route: req.routeOptions.url ?? 'unmatched', status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request');
  });

  installZod(http);
  installProblemHandlers(http);
  await http.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'open06 API', version: VERSION, description: 'Population registry and Project 06 (Đề án 06) services. Every read of personal data states a purpose and is written to the access log.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    },
    transform: jsonSchemaTransform,
  });
  await http.register(swaggerUi, { routePrefix: '/docs' });
  await http.register(rateLimit, {
    global: false,
    keyGenerator: (req) => req.actor?.sub ?? req.ip,
    errorResponseBuilder: (_req, ctx) => new RateLimitedError(Math.ceil(ctx.ttl / 1000)),
  });

  const accessLog = createAccessLog(deps.db);
  const bus = createEventBus(deps.db, {
    natsUrl: deps.natsUrl,
    onError: (err, c) => http.log.error({ err, ...c }, 'event delivery failed'),
  });
  const registry = createRegistryModule({ db: deps.db, accessLog, bus, clock, ...(deps.personCacheSize !== undefined ? { personCacheSize: deps.personCacheSize } : {}) });
  const quality = createQualityModule({ db: deps.db, registry: registry.api, accessLog, bus, clock });
  const identity = await createIdentityModule({ db: deps.db, registry: registry.api, clock, publicUrl: deps.publicUrl, keysDir: deps.keysDir, filesDir: deps.filesDir, smtp: deps.smtp });
  const verification = createVerificationModule({ db: deps.db, accessLog, registry: registry.api, identity: { findAccount: (pid) => identity.accounts.findByPid(pid) }, clock, keysDir: deps.keysDir, publicUrl: deps.publicUrl });
  const lodging = createLodgingModule({ db: deps.db, accessLog, registry: registry.api, verification: verification.api, clock, keysDir: deps.keysDir });
  const payments = createPaymentsModule({ db: deps.db, clock, keysDir: deps.keysDir, simulator: deps.paymentsSimulator ?? true });
  // the service catalogue is checked here: a broken definition stops the start, naming file and field
  const services = await createServicesModule({
    db: deps.db,
    registry: registry.api,
    payments: payments.api,
    accessLog,
    bus,
    clock,
    keysDir: deps.keysDir,
    publicUrl: deps.publicUrl,
    ...(deps.catalogue ? { catalogue: deps.catalogue } : {}),
    notifier: { contactOf: (pid) => identity.accounts.findByPid(pid), send: (channel, to, subject, body) => identity.delivery.send(channel, to, subject, body) },
  });
  const checkpoints = createCheckpointsModule({ db: deps.db, accessLog, verification: verification.api, clock, onError: (err) => http.log.error({ err }, 'checkpoint purge failed') });
  // Signed service tokens (machines, and officials until they log in through OIDC), then the
  // OpenID Provider's access tokens.
  const authenticators: Authenticator[] = [bearerAuthenticator((t) => deps.tokens.verify(t)), identity.authenticator];
  installAuth(http, authenticators);

  await http.register(referenceRoutes(async () => ({ database: deps.db.kind, people: await countPeople(deps.db) }), VERSION));
  await http.register(registry.routes);
  await http.register(identity.routes);
  await http.register(quality.routes);
  await http.register(verification.routes);
  await http.register(lodging.routes);
  await http.register(payments.routes);
  await http.register(services.routes);
  await http.register(checkpoints.routes);

  if (deps.serveWeb ?? fs.existsSync(new URL('index.html', WEB_DIST))) {
    await http.register(fastifyStatic, { root: WEB_DIST.pathname, wildcard: false, index: ['index.html'] });
    // Client-side routes: any other GET that wants HTML gets the app.
    http.addHook('onRequest', async (req, reply) => {
      if (req.method === 'GET' && !/^\/(api|docs|oidc|interaction)(\/|$)/.test(req.url) && req.routeOptions.url === undefined && (req.headers.accept ?? '').includes('text/html')) {
        return reply.sendFile('index.html');
      }
    });
  }

  await bus.start();
  return {
    http,
    identity,
    quality: quality.api,
    lodging: { seedDemo: lodging.seedDemo },
    payments: { api: payments.api, signAsBank: payments.signAsBank },
    bus,
    accessLog,
    async close() {
      await http.close();
      await bus.stop();
    },
  };
}

/** People in the registry: exact for small tables, the planner's estimate for large ones. */
async function countPeople(db: Db): Promise<number> {
  const est = await sql<{ n: number }>`select reltuples::float8 as n from pg_class where oid = to_regclass('registry.person')`.execute(db.kysely);
  const n = Number(est.rows[0]?.n ?? -1);
  if (n > 200_000) return Math.round(n);
  const c = await db.kysely.selectFrom('registry.person').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return Number(c.n);
}

// The verification module (xác thực danh tính): the signed e-ID QR (issued to citizens, verified
// offline with published keys and online against replay), and identity checks for registered
// organisations and officials — QR, chip or typed attributes against the registry — metered and in
// the access log. Other modules import only this file.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { AccessLog } from '../../platform/access-log/index.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/db.ts';
import type { RegistryApi } from '../registry/index.ts';
import { loadEidQrKeys, type EidQrKeyOptions } from './eid-qr/eid-qr.keys.ts';
import { eidQrRoutes } from './eid-qr/eid-qr.routes.ts';
import { createEidQrService } from './eid-qr/eid-qr.service.ts';
import { createNonceStore } from './eid-qr/nonce.store.ts';
import { createMeter } from './metering/meter.ts';
import { usageRoutes } from './metering/usage.routes.ts';
import type { IdentityPort, VerificationApi } from './verification.api.ts';
import type { VerificationTables } from './verification.tables.ts';
import { cachedTrustStore, createTrustedCertificateStore, type TrustTables } from './chip/index.ts';
import { chipCheckWith, type ChipCheck } from './verify/chip.port.ts';
import { checkRoutes } from './verify/check.routes.ts';
import { createCheckService } from './verify/check.service.ts';
import { createOrganisationStore } from './verify/organisation.store.ts';
import { trustRoutes } from './verify/trust.routes.ts';

export interface VerificationDeps {
  db: Db;
  accessLog: AccessLog;
  registry: RegistryApi;
  identity: IdentityPort;
  clock: Clock;
  /** DATA_DIR/keys: the e-ID QR signing keys live in eid-qr-keys.json. */
  keysDir: string;
  /** The platform's public URL: the `iss` of every e-ID QR. */
  publicUrl: string;
  /** QR lifetime, rotation period … (defaults: 3 minutes, 30 days, published a day ahead, 1 hour grace). */
  eidQr?: Omit<EidQrKeyOptions, 'issuer'>;
  /** Replaces chip passive authentication (tests of other modules). */
  chip?: ChipCheck;
}

export function createVerificationModule(deps: VerificationDeps) {
  const db = deps.db.kysely as Kysely<VerificationTables>;
  const keys = loadEidQrKeys(deps.keysDir, { ...deps.eidQr, issuer: deps.publicUrl.replace(/\/$/, '') });
  const eidQr = createEidQrService({ keys, registry: deps.registry, identity: deps.identity, nonces: createNonceStore(db), clock: deps.clock });
  const organisations = createOrganisationStore(db);
  const meter = createMeter(db, deps.clock);
  // CSCA certificates in the database; this process re-reads them at once after its own imports,
  // and notices other processes' within 30 s
  const trusted = createTrustedCertificateStore(deps.db.kysely as Kysely<TrustTables>);
  let trust = cachedTrustStore(trusted);
  const chip = deps.chip ?? chipCheckWith(() => trust());
  const checks = createCheckService({ registry: deps.registry, identity: deps.identity, accessLog: deps.accessLog, eidQr, organisations, meter, clock: deps.clock, chip });
  const api: VerificationApi = { check: (ctx, input) => checks.check(ctx, input) };
  return {
    api,
    async routes(app: FastifyInstance) {
      await app.register(eidQrRoutes({ service: eidQr, keys, clock: deps.clock }));
      await app.register(checkRoutes({ checks, organisations }));
      await app.register(usageRoutes({ meter, clock: deps.clock }));
      await app.register(trustRoutes({ store: trusted, changed: () => (trust = cachedTrustStore(trusted)) }));
    },
  };
}

export type VerificationModule = ReturnType<typeof createVerificationModule>;
export type { CheckInput, CheckResult, IdentityPort, Source, VerificationApi } from './verification.api.ts';
// Chip passive authentication, the trust store and the address suggestion, for the CLI and others.
export * from './chip/index.ts';
/** The e-ID QR key ring, for tooling (a rotation command, benchmarks signing QRs in bulk). */
export { loadEidQrKeys } from './eid-qr/eid-qr.keys.ts';
export type { EidQrKeys } from './eid-qr/eid-qr.keys.ts';

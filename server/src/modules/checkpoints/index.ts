// The checkpoints module (kiểm soát ra vào): heritage sites, stations and temples count entries
// and exits — by scanning the e-ID QR or an ID card's QR (verified through the verification
// module, as the site) or with a clicker for people without one — and see who is on site now,
// counts by hour and day and capacity alerts. Passages are kept for the site's retention period,
// hourly counts for good. Other modules import only this file.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { AccessLog } from '../../platform/access-log/index.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/db.ts';
import type { VerificationApi } from '../verification/index.ts';
import type { CheckpointTables } from './checkpoints.tables.ts';
import { checkpointsRoutes } from './checkpoints.routes.ts';
import { createPassageService } from './passage.service.ts';
import { createPassageStore } from './passage.store.ts';
import { createSiteService } from './site.service.ts';
import { createSiteStore } from './site.store.ts';

export interface CheckpointsDeps {
  db: Db;
  accessLog: AccessLog;
  verification: VerificationApi;
  clock: Clock;
  /** A purge that failed (the timer tries again an hour later). */
  onError?: (err: unknown) => void;
}

const PURGE_EVERY_MS = 3600_000;

export function createCheckpointsModule(deps: CheckpointsDeps) {
  const db = deps.db.kysely as Kysely<CheckpointTables>;
  const passageStore = createPassageStore(db);
  const sites = createSiteService({ sites: createSiteStore(db), passages: passageStore, accessLog: deps.accessLog, clock: deps.clock });
  const passages = createPassageService({ passages: passageStore, sites, verification: deps.verification, clock: deps.clock });

  return {
    /** Deletes passages older than their site's retention period (hourly counts stay); the number deleted. */
    purgeExpired: (now: Date) => passages.purgeExpired(now),
    async routes(app: FastifyInstance) {
      // Retention: while the module serves, passages older than their site's period go every hour
      // (the timer does not keep the process alive, and stops with the server).
      const timer = setInterval(() => {
        passages.purgeExpired(deps.clock.now()).catch((err: unknown) => deps.onError?.(err));
      }, PURGE_EVERY_MS);
      timer.unref();
      app.addHook('onClose', async () => clearInterval(timer));
      await app.register(checkpointsRoutes({ sites, passages }));
    },
  };
}

export type CheckpointsModule = ReturnType<typeof createCheckpointsModule>;

// The whole app on a fresh database, for integration tests (`app.http.inject`) and browser
// journeys (`startTestServer` listens on a random port).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp, type App } from '../../src/app.ts';
import type { Actor } from '../../src/http/authz.ts';
import { loadTokenService, type TokenService } from '../../src/http/service-token.ts';
import type { Clock } from '../../src/platform/clock.ts';
import type { Db } from '../../src/platform/db/db.ts';
import { freshDb } from './test-db.ts';

export interface TestApp {
  app: App;
  db: Db;
  tokens: TokenService;
  /** A bearer header for an actor. */
  auth(actor: Actor): Promise<{ authorization: string }>;
  close(): Promise<void>;
}

export async function createTestApp(opts: { clock?: Clock; serveWeb?: boolean } = {}): Promise<TestApp> {
  const db = await freshDb();
  const keys = fs.mkdtempSync(path.join(os.tmpdir(), 'open06-keys-'));
  const tokens = await loadTokenService(keys);
  const app = await buildApp({ db, tokens, logLevel: 'silent', serveWeb: opts.serveWeb ?? false, ...(opts.clock ? { clock: opts.clock } : {}) });
  return {
    app,
    db,
    tokens,
    async auth(actor) {
      return { authorization: `Bearer ${await tokens.issue(actor, 3600)}` };
    },
    async close() {
      await app.close();
      await db.close();
      fs.rmSync(keys, { recursive: true, force: true });
    },
  };
}

/** Starts the app (serving web/dist) on a random port; for browser tests. */
export async function startTestServer(opts: { seedPeople?: number } = {}): Promise<{ url: string; t: TestApp; close(): Promise<void> }> {
  const t = await createTestApp({ serveWeb: true });
  if (opts.seedPeople) {
    const { seedDemoIfEmpty } = await import('../../src/modules/registry/index.ts');
    await seedDemoIfEmpty(t.db, { province: '31', people: opts.seedPeople });
  }
  const address = await t.app.http.listen({ port: 0, host: '127.0.0.1' });
  return { url: address, t, close: () => t.close() };
}

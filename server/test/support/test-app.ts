// The whole app on a fresh database, for integration tests (`app.http.inject`) and browser
// journeys (`startTestServer` listens on a random port).
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { buildApp, type App } from '../../src/app.ts';
import type { Actor } from '../../src/http/authz.ts';
import { loadTokenService, type TokenService } from '../../src/http/service-token.ts';
import type { Catalogue } from '../../src/modules/services/index.ts';
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

export async function createTestApp(opts: { clock?: Clock; serveWeb?: boolean; publicUrl?: string; catalogue?: Catalogue } = {}): Promise<TestApp> {
  const db = await freshDb();
  const keys = fs.mkdtempSync(path.join(os.tmpdir(), 'open06-keys-'));
  const tokens = await loadTokenService(keys);
  const app = await buildApp({
    db,
    tokens,
    publicUrl: opts.publicUrl ?? 'http://127.0.0.1',
    keysDir: keys,
    filesDir: path.join(keys, 'files'),
    logLevel: 'silent',
    serveWeb: opts.serveWeb ?? false,
    ...(opts.clock ? { clock: opts.clock } : {}),
    ...(opts.catalogue ? { catalogue: opts.catalogue } : {}),
  });
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

/** A port nobody listens on right now. */
async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise((r) => srv.close(r));
  return port;
}

/**
 * Starts the whole app (serving web/dist) on a free port, its issuer at that address. `hostName`
 * 'localhost' for passkeys: browsers refuse an IP address as the WebAuthn relying party.
 */
export async function startTestServer(opts: { seedPeople?: number; hostName?: '127.0.0.1' | 'localhost' } = {}): Promise<{ url: string; t: TestApp; close(): Promise<void> }> {
  const port = await freePort();
  const url = `http://${opts.hostName ?? '127.0.0.1'}:${port}`;
  const t = await createTestApp({ serveWeb: true, publicUrl: url });
  if (opts.seedPeople) {
    const { seedDemoIfEmpty } = await import('../../src/modules/registry/index.ts');
    await seedDemoIfEmpty(t.db, { province: '31', people: opts.seedPeople });
  }
  await t.app.http.listen({ port, host: opts.hostName ?? '127.0.0.1' });
  return { url, t, close: () => t.close() };
}

/** Reads until `ok` holds, nudging the event bus between reads (outbox consumers act a moment later). */
export async function untilDelivered<T>(t: TestApp, read: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const v = await read();
    if (ok(v)) return v;
    t.app.bus.notify();
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('timed out waiting for the outbox');
}

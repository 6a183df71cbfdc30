// A bench target: the open06 app on a database, in its own process (so the load generator does
// not share its event loop). Prints one JSON line {url, token, pids} when ready.
// Usage: node bench/servers/app-server.ts <pglite|postgres-url> <people>
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../../server/src/app.ts';
import { loadTokenService } from '../../server/src/http/service-token.ts';
import { openDatabase } from '../../server/src/platform/db/db.ts';
import { migrate } from '../../server/src/platform/db/migrate.ts';
import { seedDatabase } from '../../server/src/modules/registry/index.ts';

const [target = 'pglite', peopleArg = '20000'] = process.argv.slice(2);
const db = target === 'pglite' ? await openDatabase({ kind: 'pglite', dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'open06-bench-db-')) }) : await openDatabase({ kind: 'postgres', url: target });
await migrate(db);
if (!(await db.kysely.selectFrom('registry.person').select('pid').limit(1).executeTakeFirst()))
  await seedDatabase(db, { seed: 2026, people: Number(peopleArg), provinces: ['31'] });
const pids = (await db.kysely.selectFrom('registry.person').select('pid').where('life_status', '=', 'alive').orderBy('pid').limit(5000).execute()).map((r: { pid: string }) => r.pid);
const keysDir = fs.mkdtempSync(path.join(os.tmpdir(), 'open06-bench-keys-'));
const tokens = await loadTokenService(keysDir);
const token = await tokens.issue({ sub: 'bench-bhxh', role: 'sector_system' }, 3600);
const app = await buildApp({ db, tokens, publicUrl: 'http://127.0.0.1', keysDir, filesDir: path.join(keysDir, 'files'), logLevel: 'warn', serveWeb: false });
const url = await app.http.listen({ port: 0, host: '127.0.0.1' });
console.log(JSON.stringify({ url, token, pids }));
process.on('SIGTERM', () => void app.close().then(() => db.close()).then(() => process.exit(0)));

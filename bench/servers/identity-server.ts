// A bench target for the OpenID Provider: the open06 app on PostgreSQL in its own process, with
// citizens holding level-1 accounts (made through the real registration flow) and a confidential
// relying party. Prints one JSON line when ready.
// Usage: node bench/servers/identity-server.ts <postgres-url> <users>
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../../server/src/app.ts';
import { loadTokenService } from '../../server/src/http/service-token.ts';
import { openDatabase } from '../../server/src/platform/db/db.ts';
import { migrate } from '../../server/src/platform/db/migrate.ts';
import { seedDatabase } from '../../server/src/modules/registry/index.ts';

export const BENCH_PASSWORD = 'Bench-open06-2026';
export const RP = { id: 'bench-portal', redirect: 'http://127.0.0.1:9/cb' };

const [url = '', usersArg = '100'] = process.argv.slice(2);
const db = await openDatabase({ kind: 'postgres', url });
await migrate(db);
await seedDatabase(db, { seed: 2026, people: 3000, provinces: ['31'] });
const people = await db.kysely
  .selectFrom('registry.person')
  .select(['pid', 'full_name', 'birth_date'])
  .where('life_status', '=', 'alive')
  .where('birth_date', '<', '2005')
  .where('birth_date', 'like', '____-__-__')
  .orderBy('pid')
  .limit(Number(usersArg))
  .execute();
// the issuer must be the address the load generator uses
const port = await new Promise<number>((resolve) => {
  const srv = net.createServer().listen(0, '127.0.0.1', () => {
    const p = (srv.address() as net.AddressInfo).port;
    srv.close(() => resolve(p));
  });
});
const keysDir = fs.mkdtempSync(path.join(os.tmpdir(), 'open06-bench-keys-'));
const tokens = await loadTokenService(keysDir);
const app = await buildApp({ db, tokens, publicUrl: `http://127.0.0.1:${port}`, keysDir, filesDir: path.join(keysDir, 'files'), logLevel: 'warn', serveWeb: false });
const { accounts, delivery } = app.identity;
for (const [i, p] of people.entries()) {
  const phone = `+849${String(10_000_000 + i)}`;
  const s = await accounts.startRegistration({ pid: p.pid as string, fullName: p.full_name as string, birthDate: p.birth_date as string, phone });
  const code = /(\d{6})/.exec((await delivery.recent({ recipient: phone, limit: 1 }))[0]!.body)![1]!;
  await accounts.confirmRegistration(s.registrationId, { code, password: BENCH_PASSWORD });
}
const admin = { authorization: `Bearer ${await tokens.issue({ sub: 'bench-admin', role: 'admin' }, 3600)}` };
const reg = await app.http.inject({
  method: 'POST',
  url: '/api/v1/identity/clients',
  headers: admin,
  payload: { client_id: RP.id, client_name: 'Cổng thử tải', redirect_uris: [RP.redirect], grant_types: ['authorization_code', 'refresh_token', 'client_credentials'], token_endpoint_auth_method: 'client_secret_basic', scope: 'openid offline_access profile pid' },
});
const listening = await app.http.listen({ port, host: '127.0.0.1' });
console.log(JSON.stringify({ url: listening, pid: process.pid, users: people.map((p) => p.pid), password: BENCH_PASSWORD, client: { id: RP.id, secret: (reg.json() as { client_secret: string }).client_secret, redirect: RP.redirect } }));
process.on('SIGTERM', () => void app.close().then(() => db.close()).then(() => process.exit(0)));

// A bench target for lodging notifications: the open06 app on a database in its own process, with
// approved establishments across the communes of Hải Phòng (each with its own desk clerk, made
// through the API as a real one would be) and guests with their ID-card QRs. Prints one JSON line.
// Usage: node bench/servers/lodging-server.ts <pglite|postgres-url> <people> <establishments>
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadAdminUnits } from '../../kernel/src/admin-units/index.ts';
import { buildApp } from '../../server/src/app.ts';
import { loadTokenService } from '../../server/src/http/service-token.ts';
import { openDatabase } from '../../server/src/platform/db/db.ts';
import { migrate } from '../../server/src/platform/db/migrate.ts';
import { seedDatabase } from '../../server/src/modules/registry/index.ts';

export interface LodgingBenchHello {
  url: string;
  /** Province police of Hải Phòng: its console sees every commune. */
  policeToken: string;
  desks: { establishmentId: string; token: string }[];
  /** A file holding the guests' ID-card QR texts, one per guest. */
  guests: string;
}

const [target = 'pglite', peopleArg = '20000', deskArg = '80'] = process.argv.slice(2);
const db = target === 'pglite' ? await openDatabase({ kind: 'pglite', dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'open06-bench-db-')) }) : await openDatabase({ kind: 'postgres', url: target });
await migrate(db);
if (!(await db.kysely.selectFrom('registry.person').select('pid').limit(1).executeTakeFirst())) await seedDatabase(db, { seed: 2026, people: Number(peopleArg), provinces: ['31'] });
const people = await db.kysely
  .selectFrom('registry.person')
  .select(['pid', 'full_name', 'birth_date', 'sex'])
  .where('life_status', '=', 'alive')
  .where('birth_date', '<', '2008')
  .where('birth_date', 'like', '____-__-__')
  .orderBy('pid')
  .limit(6000)
  .execute();
const keysDir = fs.mkdtempSync(path.join(os.tmpdir(), 'open06-bench-keys-'));
const tokens = await loadTokenService(keysDir);
const app = await buildApp({ db, tokens, publicUrl: 'http://127.0.0.1', keysDir, filesDir: path.join(keysDir, 'files'), logLevel: 'warn', serveWeb: false });

const communes = loadAdminUnits().communesOf('31').slice(0, 20);
const desks: LodgingBenchHello['desks'] = [];
for (let i = 0; i < Number(deskArg); i++) {
  const clerk = people[i]!;
  const commune = communes[i % communes.length]!;
  const token = await tokens.issue({ sub: `bench-clerk-${i}`, role: 'citizen', pid: clerk.pid }, 7200);
  const reg = await app.http.inject({
    method: 'POST',
    url: '/api/v1/lodging/establishments',
    headers: { authorization: `Bearer ${token}` },
    payload: { type: i % 5 === 0 ? 'homestay' : 'hotel', name: `Khách sạn thử ${i + 1}`, address: `Số ${i + 1}, phố Lạch Tray`, communeCode: commune.code },
  });
  if (reg.statusCode !== 201) throw new Error(`register: ${reg.body}`);
  const id = reg.json().id as string;
  const police = await tokens.issue({ sub: `bench-police-${commune.code}`, role: 'commune_police', unit: commune.code }, 600);
  const ok = await app.http.inject({ method: 'POST', url: `/api/v1/lodging/establishments/${id}/decision`, headers: { authorization: `Bearer ${police}` }, payload: { decision: 'approve' } });
  if (ok.statusCode !== 200) throw new Error(`approve: ${ok.body}`);
  desks.push({ establishmentId: id, token });
}
const dmy = (iso: string) => `${iso.slice(8, 10)}${iso.slice(5, 7)}${iso.slice(0, 4)}`;
const qrs = people.slice(Number(deskArg)).map((p) => `${p.pid}||${p.full_name}|${dmy(p.birth_date)}|${p.sex === 'M' ? 'Nam' : 'Nữ'}|Số 2, phố Lạch Tray, Phường Lạch Tray, Thành phố Hải Phòng|10052021`);
const guests = path.join(keysDir, 'guests.json');
fs.writeFileSync(guests, JSON.stringify(qrs));
const url = await app.http.listen({ port: 0, host: '127.0.0.1' });
const policeToken = await tokens.issue({ sub: 'bench-province-police', role: 'province_police', unit: '31' }, 7200);
const hello: LodgingBenchHello = { url, policeToken, desks, guests };
console.log(JSON.stringify(hello));
process.on('SIGTERM', () => void app.close().then(() => db.close()).then(() => process.exit(0)));

import { openDatabase } from '/work/main/server/src/platform/db/db.ts';
import { migrate } from '/work/main/server/src/platform/db/migrate.ts';
import { importPersons } from '/work/main/server/src/modules/registry/index.ts';
const db = await openDatabase({ kind: 'postgres', url: process.argv[2]! });
await migrate(db);
const t = performance.now();
const r = await importPersons(db, { file: '/work/main/bench/.cache/people-100000-seed2026.csv', actor: 'x', rejectsFile: '/tmp/rej.csv' });
console.log((globalThis as any).__T); console.log(r.accepted, ((performance.now() - t) / 1000).toFixed(2), 's');
await db.close();

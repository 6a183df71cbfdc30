// `npm run bench`: the figures the issues name, each against its baseline in the same run.
// Options: --only import|http|search|memory|identity|verify|card|linkage|quality|lodging|services (comma-separated;
// default all of them), --people N (import, search, linkage and quality size, default 1,000,000),
// --http-people N (default 20,000), --rounds N (HTTP rounds, default 3), --applications N (services, default 1,000,000),
// --search-url <postgres url> (search an existing database of N persons instead of seeding one).
// Writes bench/results/<timestamp>.json and rewrites docs/PERFORMANCE.md.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { importBench } from './import.bench.ts';
import { httpBench } from './http.bench.ts';
import { identityBench } from './identity.bench.ts';
import { linkageBench } from './linkage.bench.ts';
import { lodgingBench } from './lodging.bench.ts';
import { log, machine, PG_URL, ROOT, scratchDatabase, type Row } from './lib.ts';
import { memoryBench } from './memory.bench.ts';
import { qualityBench } from './quality.bench.ts';
import { searchBench } from './search.bench.ts';
import { servicesBench } from './services.bench.ts';
import { cardBench } from './card.bench.ts';
import { latestOfEach, renderPerformance } from './report.ts';
import { verifyBench } from './verify.bench.ts';

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    people: { type: 'string', default: '1000000' },
    'http-people': { type: 'string', default: '20000' },
    rounds: { type: 'string', default: '3' },
    applications: { type: 'string', default: '1000000' },
    'pglite-import-people': { type: 'string' },
    'search-url': { type: 'string' },
  },
});
const only = new Set((values.only ?? 'import,http,search,memory,identity,verify,card,linkage,quality,lodging,services').split(','));
const people = Number(values.people);
const httpPeople = Number(values['http-people']);
const pglitePeople = Number(values['pglite-import-people'] ?? people);
const rows: Row[] = [];
const started = Date.now();

let searchDb: { url: string; drop(): Promise<void> } | undefined;
if (only.has('import')) {
  const pg = await importBench(people, ['postgres']);
  rows.push(...pg.rows);
  if (pg.pgUrlForSearch) searchDb = { url: pg.pgUrlForSearch, drop: pg.dropSearchDb! };
  rows.push(...(await importBench(pglitePeople, ['pglite'])).rows);
}
if (only.has('search')) {
  if (!searchDb && values['search-url']) {
    searchDb = { url: values['search-url'], drop: async () => {} }; // a database of `--people` persons kept by the caller
  }
  if (!searchDb) {
    const { seedDatabase } = await import('../server/src/modules/registry/index.ts');
    const { openDatabase } = await import('../server/src/platform/db/db.ts');
    const { migrate } = await import('../server/src/platform/db/migrate.ts');
    searchDb = await scratchDatabase('open06_bench_import');
    const db = await openDatabase({ kind: 'postgres', url: searchDb.url });
    await migrate(db);
    log(`seeding ${people} people for the search benchmark`);
    await seedDatabase(db, { seed: 2026, people, provinces: ['31'] });
    await db.close();
  }
  rows.push(...(await searchBench(searchDb.url, people)));
}
await searchDb?.drop();
if (only.has('http')) {
  const pg = await scratchDatabase('open06_bench_http');
  rows.push(...(await httpBench([{ engine: 'pglite', arg: 'pglite' }, { engine: 'postgres', arg: pg.url }], httpPeople, Number(values.rounds))));
  await pg.drop();
}
if (only.has('memory')) rows.push(...(await memoryBench(httpPeople)));
if (only.has('linkage')) rows.push(...(await linkageBench(people)));
if (only.has('identity')) rows.push(...(await identityBench()));
if (only.has('verify')) rows.push(...(await verifyBench(httpPeople, Number(values.rounds))));
if (only.has('card')) rows.push(...(await cardBench()));
if (only.has('quality')) rows.push(...(await qualityBench(people)));
if (only.has('lodging')) {
  const pg = await scratchDatabase('open06_bench_lodging');
  rows.push(...(await lodgingBench([{ engine: 'postgres', arg: pg.url }, { engine: 'pglite', arg: 'pglite' }], httpPeople, Number(values.rounds))));
  await pg.drop();
}
if (only.has('services')) {
  const pg = await scratchDatabase('open06_bench_services');
  rows.push(...(await servicesBench(pg.url, httpPeople, Number(values.applications), Number(values.rounds))));
  await pg.drop();
}
const result = { machine: machine(), postgres: PG_URL.replace(/\/\/[^@]*@/, '//'), seconds: Math.round((Date.now() - started) / 1000), rows };
const stamp = result.machine.date.replace(/[:.]/g, '-');
const resultsDir = path.join(ROOT, 'bench/results');
fs.mkdirSync(resultsDir, { recursive: true });
fs.writeFileSync(path.join(resultsDir, `${stamp}.json`), JSON.stringify(result, null, 2) + '\n');
// PERFORMANCE.md shows the newest measurement of every figure (a partial run keeps the others).
fs.writeFileSync(path.join(ROOT, 'docs/PERFORMANCE.md'), renderPerformance(latestOfEach(resultsDir)));
console.table(rows.map((r) => ({ figure: r.figure, engine: r.engine, value: `${r.value} ${r.unit}`, baseline: r.baseline ? `${r.baseline.value} ${r.baseline.unit}` : '', ratio: r.ratio?.toFixed(2) ?? '', target: r.target, pass: r.pass === null ? '—' : r.pass ? 'yes' : 'NO' })));

// Import of N generated persons (open06 import: validation, staging COPY, set-based inserts into
// person / residence / household / id_card, progress committed per batch) against a raw COPY of the
// same file, on PostgreSQL and on PGlite.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import { openDatabase, type Db } from '../server/src/platform/db/db.ts';
import { migrate } from '../server/src/platform/db/migrate.ts';
import { importPersons, RECORD_FIELDS, writePopulationFile } from '../server/src/modules/registry/index.ts';
import { pgClient } from '../server/test/support/pg-admin.ts';
import { log, ROOT, scratchDatabase, type Row } from './lib.ts';

export async function populationFile(people: number): Promise<string> {
  const dir = path.join(ROOT, 'bench/.cache');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `people-${people}-seed2026.csv`);
  if (!fs.existsSync(file)) {
    log(`generating ${people} people → ${path.relative(ROOT, file)}`);
    const tmp = `${file}.tmp`;
    await writePopulationFile({ seed: 2026, people, provinces: ['31'], asOf: '2026-11-01' }, tmp, 'csv');
    fs.renameSync(tmp, file);
  }
  return file;
}

const RAW_TABLE = `create table raw_person (${RECORD_FIELDS.map((f) => `"${f}" text`).join(', ')})`;
// The indexes the registry keeps on the same data: primary key, trigram and (name, year) search.
const RAW_INDEXES = [
  'alter table raw_person add primary key ("pid")',
  'create index on raw_person using gin (lower("fullName") gin_trgm_ops)',
  'create index on raw_person (lower("fullName"), "birthDate")',
];

async function rawCopyPostgres(url: string, file: string, indexed: boolean): Promise<number> {
  const c = await pgClient(url);
  try {
    await c.query('drop table if exists raw_person');
    await c.query(RAW_TABLE);
    if (indexed) for (const q of RAW_INDEXES) await c.query(q);
    const t = performance.now();
    await pipeline(fs.createReadStream(file), c.query(copyFrom('copy raw_person from stdin with (format csv, header true)')));
    return (performance.now() - t) / 1000;
  } finally {
    await c.end();
  }
}

async function rawCopyPglite(db: Db, file: string, indexed: boolean): Promise<number> {
  await db.bulk(async (s) => {
    await s.exec(`drop table if exists raw_person; ${RAW_TABLE}`);
    if (indexed) for (const q of RAW_INDEXES) await s.exec(q);
  });
  const csv = fs.readFileSync(file, 'utf8');
  const body = csv.slice(csv.indexOf('\n') + 1);
  const t = performance.now();
  await db.bulk((s) => s.copyCsv('raw_person', RECORD_FIELDS.map((f) => `"${f}"`), body));
  return (performance.now() - t) / 1000;
}

async function timedImport(db: Db, file: string): Promise<{ seconds: number; accepted: number }> {
  const t = performance.now();
  let last = 0;
  const r = await importPersons(db, {
    file,
    actor: 'bench',
    rejectsFile: path.join(os.tmpdir(), 'open06-bench-rejects.csv'),
    onProgress: (p) => {
      if (p.rows - last >= 100_000) {
        last = p.rows;
        log(`  imported ${p.rows} rows`);
      }
    },
  });
  return { seconds: (performance.now() - t) / 1000, accepted: r.accepted };
}

export async function importBench(people: number, engines: ('postgres' | 'pglite')[]): Promise<{ rows: Row[]; pgUrlForSearch?: string; dropSearchDb?: () => Promise<void> }> {
  const file = await populationFile(people);
  const rows: Row[] = [];
  let keep: { url: string; drop(): Promise<void> } | undefined;
  for (const engine of engines) {
    log(`import ${people} on ${engine}`);
    let result: { seconds: number; accepted: number };
    let raw: number;
    let rawIndexed: number;
    if (engine === 'postgres') {
      const target = await scratchDatabase('open06_bench_import');
      const db = await openDatabase({ kind: 'postgres', url: target.url, poolSize: 4 });
      await migrate(db);
      result = await timedImport(db, file);
      await db.close();
      const baseline = await scratchDatabase('open06_bench_rawcopy');
      const bdb = await openDatabase({ kind: 'postgres', url: baseline.url, poolSize: 2 });
      await migrate(bdb); // for pg_trgm
      await bdb.close();
      raw = await rawCopyPostgres(baseline.url, file, false);
      rawIndexed = await rawCopyPostgres(baseline.url, file, true);
      await baseline.drop();
      keep = target; // the name-search benchmark reuses the imported database
    } else {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'open06-bench-pglite-'));
      const db = await openDatabase({ kind: 'pglite', dataDir: dir });
      await migrate(db);
      result = await timedImport(db, file);
      raw = await rawCopyPglite(db, file, false);
      rawIndexed = await rawCopyPglite(db, file, true);
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const rate = result.accepted / result.seconds;
    const rawRate = people / raw;
    const rawIndexedRate = people / rawIndexed;
    rows.push({
      figure: `import of ${people.toLocaleString('en')} persons`,
      engine,
      value: Math.round(rate),
      unit: 'rows/s',
      baseline: { what: 'raw COPY of the same file into a bare table', value: Math.round(rawRate), unit: 'rows/s' },
      ratio: rate / rawRate,
      target: engine === 'postgres' ? '≥ 0.5 of raw COPY' : 'reported',
      pass: engine === 'postgres' ? rate / rawRate >= 0.5 : null,
      extra: { seconds: Number(result.seconds.toFixed(1)), rawCopyIndexedRowsPerS: Math.round(rawIndexedRate), ratioToIndexedCopy: Number((rate / rawIndexedRate).toFixed(2)) },
      notes: `raw COPY into a table with the registry's search indexes: ${Math.round(rawIndexedRate).toLocaleString('en')} rows/s (ratio ${(rate / rawIndexedRate).toFixed(2)})`,
    });
  }
  return { rows, ...(keep ? { pgUrlForSearch: keep.url, dropSearchDb: () => keep!.drop() } : {}) };
}


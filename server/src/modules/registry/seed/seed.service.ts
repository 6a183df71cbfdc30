// Seeding: the generated population streamed into the database batch by batch (COPY on
// PostgreSQL, PGlite's COPY from a blob), or written to a CSV / NDJSON file for import.
import fs from 'node:fs';
import { once } from 'node:events';
import { stringify } from 'csv-stringify/sync';
import type { Db } from '../../../platform/db/db.ts';
import { vnDay } from '../../../platform/clock.ts';
import { afterBulkLoad, writePersonBatch } from '../bulk/person-bulk.writer.ts';
import { RECORD_FIELDS } from '../bulk/person-record.ts';
import { generatePopulation, type GenerateOptions } from './population.generator.ts';
import type { TruthEntry } from './noise.ts';

export interface SeedReport {
  people: number;
  households: number;
  defects: number;
  seconds: number;
}

export type SeedProgress = (done: number, total: number) => void;

/** Writes a generated population into the database; `truth` receives every injected defect. */
export async function seedDatabase(db: Db, opts: GenerateOptions, onProgress?: SeedProgress, truth?: (t: TruthEntry[]) => void): Promise<SeedReport> {
  const started = Date.now();
  const today = opts.asOf ?? vnDay(new Date());
  let people = 0;
  let households = 0;
  let defects = 0;
  let rowNo = 0;
  const source = `seed:${opts.seed}`;
  for (const batch of generatePopulation(opts)) {
    await db.bulk((s) => writePersonBatch(s, batch.records.map((record) => ({ rowNo: ++rowNo, record })), { source, actor: 'open06 seed', today }));
    people += batch.records.length;
    households += batch.households;
    defects += batch.truth.length;
    truth?.(batch.truth);
    onProgress?.(Math.min(people, opts.people), opts.people);
  }
  await afterBulkLoad(db);
  return { people, households, defects, seconds: (Date.now() - started) / 1000 };
}

/** Writes a generated population to a bulk file (the format `open06 import` reads). */
export async function writePopulationFile(
  opts: GenerateOptions,
  file: string,
  format: 'csv' | 'ndjson',
  onProgress?: SeedProgress,
  truth?: (t: TruthEntry[]) => void,
): Promise<SeedReport> {
  const started = Date.now();
  const out = fs.createWriteStream(file);
  const write = async (s: string) => {
    if (!out.write(s)) await once(out, 'drain');
  };
  if (format === 'csv') await write(stringify([[...RECORD_FIELDS]]));
  let people = 0;
  let households = 0;
  let defects = 0;
  for (const batch of generatePopulation(opts)) {
    await write(
      format === 'csv'
        ? stringify(batch.records.map((r) => RECORD_FIELDS.map((f) => r[f] ?? '')))
        : batch.records.map((r) => JSON.stringify(r)).join('\n') + '\n',
    );
    people += batch.records.length;
    households += batch.households;
    defects += batch.truth.length;
    truth?.(batch.truth);
    onProgress?.(Math.min(people, opts.people), opts.people);
  }
  out.end();
  await once(out, 'finish');
  return { people, households, defects, seconds: (Date.now() - started) / 1000 };
}

/**
 * On the first start of an empty database: a demo province. Returns the commune with the most
 * residents (where the printed officer token is valid).
 */
export async function seedDemoIfEmpty(
  db: Db,
  opts: { province: string; people: number; seed?: number; noise?: number },
  onProgress?: SeedProgress,
): Promise<{ seeded: boolean; busiestCommune: string | null; residents: string[] }> {
  const any = await db.kysely.selectFrom('registry.person').select('pid').limit(1).executeTakeFirst();
  let seeded = false;
  if (!any && opts.people > 0) {
    await seedDatabase(db, { seed: opts.seed ?? 6, people: opts.people, provinces: [opts.province], ...(opts.noise ? { noise: opts.noise } : {}) }, onProgress);
    seeded = true;
  }
  const busiest = await db.kysely
    .selectFrom('registry.residence')
    .select(['commune_code', (eb) => eb.fn.countAll().as('n')])
    .where('valid_to', 'is', null)
    .where('kind', '=', 'permanent')
    .groupBy('commune_code')
    .orderBy('n', 'desc')
    .limit(1)
    .executeTakeFirst();
  const commune = (busiest?.commune_code as string | undefined) ?? null;
  // a few living adults of that commune, for the demo accounts (officer, administrator, citizen, province officer)
  const residents = commune
    ? await db.kysely
        .selectFrom('registry.residence as r')
        .innerJoin('registry.person as p', 'p.pid', 'r.pid')
        .select('p.pid')
        .where('r.commune_code', '=', commune)
        .where('r.valid_to', 'is', null)
        .where('r.kind', '=', 'permanent')
        .where('p.life_status', '=', 'alive')
        .where('p.birth_date', '>=', '1966')
        .where('p.birth_date', '<', '2000')
        .orderBy('p.pid')
        .limit(4)
        .execute()
    : [];
  return { seeded, busiestCommune: commune, residents: residents.map((r) => r.pid as string) };
}

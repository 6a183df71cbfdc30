// `open06 seed`: a synthetic population, into the configured database or to a file.
import fs from 'node:fs';
import type { Command } from 'commander';
import { loadConfig } from '../platform/config.ts';
import { openConfiguredDatabase } from '../platform/db/open.ts';
import { seedDatabase, writePopulationFile, type GenerateOptions, type TruthEntry } from '../modules/registry/index.ts';
import { progress } from '../platform/progress.ts';

const list = (s?: string) => (s ? s.split(',').map((x) => x.trim()).filter(Boolean) : undefined);

export function registerSeedCommand(program: Command): void {
  program
    .command('seed')
    .description('Generate a synthetic population (deterministic from --seed) into the database, or --out a CSV/NDJSON file')
    .option('--province <codes>', 'current province codes, comma-separated', '31')
    .option('--commune <codes>', 'current commune codes, comma-separated (instead of provinces)')
    .option('--people <n>', 'how many people', '20000')
    .option('--seed <n>', 'random seed', '6')
    .option('--noise <rate>', 'share of people given a data-quality defect (0–1)', '0')
    .option('--truth <file>', 'write every injected defect here (NDJSON)')
    .option('--out <file>', 'write a bulk file (.csv or .ndjson) instead of the database')
    .option('--as-of <date>', 'ages and dates as of this day (yyyy-mm-dd)')
    .action(async (o: { province: string; commune?: string; people: string; seed: string; noise: string; truth?: string; out?: string; asOf?: string }) => {
      const people = Number(o.people);
      const noise = Number(o.noise);
      if (!Number.isInteger(people) || people < 1) return fail(`--people must be a positive whole number (got ${o.people})`);
      if (!(noise >= 0 && noise <= 1)) return fail(`--noise must be between 0 and 1 (got ${o.noise})`);
      if (o.asOf && !/^\d{4}-\d{2}-\d{2}$/.test(o.asOf)) return fail('--as-of must be yyyy-mm-dd');
      const opts: GenerateOptions = {
        seed: Number(o.seed),
        people,
        noise,
        ...(o.commune ? { communes: list(o.commune)! } : { provinces: list(o.province)! }),
        ...(o.asOf ? { asOf: o.asOf } : {}),
      };
      const truthOut = o.truth ? fs.createWriteStream(o.truth) : null;
      const onTruth = (t: TruthEntry[]) => {
        for (const e of t) truthOut?.write(JSON.stringify(e) + '\n');
      };
      const bar = progress('seed', people, ' people');
      try {
        let report;
        if (o.out) {
          report = await writePopulationFile(opts, o.out, /\.(nd)?jsonl?$/i.test(o.out) ? 'ndjson' : 'csv', (d) => bar.update(d), onTruth);
        } else {
          const db = await openConfiguredDatabase(loadConfig(), 'open06 seed');
          try {
            report = await seedDatabase(db, opts, (d) => bar.update(d), onTruth);
          } finally {
            await db.close();
          }
        }
        bar.stop();
        truthOut?.end();
        console.log(JSON.stringify({ ...report, ...(o.out ? { out: o.out } : {}), ...(o.truth ? { truth: o.truth } : {}) }));
      } catch (err) {
        bar.stop();
        fail((err as Error).message);
      }
    });
}

function fail(message: string): void {
  console.error(message);
  process.exitCode = 2;
}

// `open06 quality run`: a full data-quality pass with a progress bar, a readable table and a JSON
// report; `open06 quality sector-import`: a sector's death or record list matched to personal IDs.
import fs from 'node:fs';
import type { Command } from 'commander';
import Papa from 'papaparse';
import { loadConfig } from '../platform/config.ts';
import { openConfiguredDatabase } from '../platform/db/open.ts';
import { createAccessLog } from '../platform/access-log/index.ts';
import { createEventBus } from '../platform/events/index.ts';
import { systemClock } from '../platform/clock.ts';
import { progress, type Progress } from '../platform/progress.ts';
import { createRegistryModule } from '../modules/registry/index.ts';
import { createQualityModule, formatPassReport, loadRulesConfig, QUALITY_ACTOR, type SectorReportInput } from '../modules/quality/index.ts';
import type { Db } from '../platform/db/db.ts';

function modules(db: Db) {
  const accessLog = createAccessLog(db);
  const bus = createEventBus(db); // not started: a command delivers no events itself
  const registry = createRegistryModule({ db, accessLog, bus, clock: systemClock, personCacheSize: 0 });
  return createQualityModule({ db, registry: registry.api, accessLog, bus, clock: systemClock });
}

export function registerQualityCommands(program: Command): void {
  const quality = program.command('quality').description('Data quality: “đúng, đủ, sạch, sống” (correct, complete, clean, alive)');

  quality
    .command('run')
    .description('Run every rule over the registry (or one province), find duplicates, update findings and scorecards')
    .option('--province <code>', 'current province code (2 digits)')
    .option('--json <file>', 'write the full report as JSON')
    .option('--no-duplicates', 'skip the duplicate search (record linkage over everyone)')
    .option('--batch <n>', 'people read per batch', '5000')
    .option('--by <id>', 'who runs the pass (recorded with it)', process.env.USER ?? 'open06-cli')
    .action(async (o: { province?: string; json?: string; duplicates: boolean; batch: string; by: string }) => {
      if (o.province && !/^\d{2}$/.test(o.province)) return fail('--province must be a current province code (2 digits), e.g. 31');
      const db = await openConfiguredDatabase(loadConfig(), 'open06 quality run');
      let bar: Progress | undefined;
      let phase = '';
      try {
        const q = modules(db);
        const report = await q.api.runPass({
          ...(o.province ? { province: o.province } : {}),
          startedBy: o.by,
          duplicates: o.duplicates,
          batchSize: Number(o.batch),
          onProgress: (p, done, total) => {
            if (p !== phase) {
              bar?.stop();
              phase = p;
              bar = progress(p === 'rules' ? 'quality rules' : p, Math.max(total, 1), p === 'rules' ? ' people' : '');
            }
            bar!.update(Math.min(done, Math.max(total, 1)));
          },
        });
        bar?.stop();
        const card = await q.api.scorecard(QUALITY_ACTOR, o.province);
        console.log(formatPassReport(report, card, loadRulesConfig()));
        if (o.json) fs.writeFileSync(o.json, JSON.stringify({ ...report, scorecard: card }, null, 2) + '\n');
      } catch (err) {
        bar?.stop();
        fail((err as Error).message);
      } finally {
        await db.close();
      }
    });

  quality
    .command('sector-import <file>')
    .description('Import a sector list (CSV: kind,pid,fullName,birthDate,sex,deathDate,reportedOn; kind = death | record) and re-check the people in it')
    .requiredOption('--source <code>', 'the sector, e.g. civil_status, social_insurance')
    .action(async (file: string, o: { source: string }) => {
      const db = await openConfiguredDatabase(loadConfig(), 'open06 quality sector-import');
      try {
        const q = modules(db);
        const parsed = Papa.parse<Record<string, string>>(fs.readFileSync(file, 'utf8'), { header: true, skipEmptyLines: true });
        const rows: SectorReportInput[] = parsed.data.map((r) => ({
          kind: r.kind === 'record' ? 'record' : 'death',
          pid: (r.pid ?? '').trim(),
          fullName: r.fullName || null,
          birthDate: r.birthDate || null,
          sex: r.sex === 'M' || r.sex === 'F' ? r.sex : null,
          deathDate: r.deathDate || null,
          reportedOn: (r.reportedOn || '').trim(),
        }));
        const actor = { sub: `cli:${o.source}`, role: 'sector_system' as const };
        let accepted = 0;
        let rejected = 0;
        const unmatched: string[] = [];
        const bar = progress('sector reports', rows.length, ' rows');
        for (let i = 0; i < rows.length; i += 5000) {
          const r = await q.api.receiveSectorReports({ actor }, o.source, rows.slice(i, i + 5000));
          accepted += r.accepted;
          rejected += r.rejected.length;
          unmatched.push(...r.unmatched);
          bar.update(Math.min(rows.length, i + 5000));
        }
        bar.stop();
        console.log(JSON.stringify({ rows: rows.length, accepted, rejected, unmatched: unmatched.length }));
      } catch (err) {
        fail((err as Error).message);
      } finally {
        await db.close();
      }
    });
}

function fail(message: string): void {
  console.error(message);
  process.exitCode = 2;
}

// `open06 import` / `open06 export`: persons in CSV or NDJSON.
import type { Command } from 'commander';
import { loadConfig } from '../platform/config.ts';
import { openConfiguredDatabase } from '../platform/db/open.ts';
import { exportPersons, importPersons } from '../modules/registry/index.ts';
import { progress } from '../platform/progress.ts';

export function registerBulkCommands(program: Command): void {
  program
    .command('import <file>')
    .description('Import persons from CSV or NDJSON: rejected rows go to a reject file with the reason; a re-run resumes')
    .option('--format <format>', 'csv or ndjson (default: from the file name)')
    .option('--rejects <file>', 'where to write rejected rows (default <file>.rejects.csv)')
    .option('--batch <n>', 'rows per all-or-nothing batch', '5000')
    .option('--actor <id>', 'who runs the import (recorded as the creator)', process.env.USER ?? 'open06-cli')
    .action(async (file: string, o: { format?: 'csv' | 'ndjson'; rejects?: string; batch: string; actor: string }) => {
      const db = await openConfiguredDatabase(loadConfig(), 'open06 import');
      try {
        let bar: ReturnType<typeof progress> | null = null;
        const report = await importPersons(db, {
          file,
          actor: o.actor,
          batchSize: Number(o.batch),
          ...(o.format ? { format: o.format } : {}),
          ...(o.rejects ? { rejectsFile: o.rejects } : {}),
          onProgress: (p) => {
            bar ??= progress('import', Math.max(1, Math.round(p.totalBytes / 1024)), ' KiB');
            bar.update(Math.round(p.bytes / 1024), `${p.rows} rows, ${p.rejected} rejected`);
          },
        });
        (bar as ReturnType<typeof progress> | null)?.stop();
        console.log(JSON.stringify(report));
      } finally {
        await db.close();
      }
    });

  program
    .command('export <file>')
    .description('Export persons (with residence, household and ID card) to CSV or NDJSON')
    .option('--format <format>', 'csv or ndjson (default: from the file name)')
    .option('--province <code>', 'only permanent residents of this current province')
    .option('--commune <code>', 'only permanent residents of this current commune')
    .action(async (file: string, o: { format?: 'csv' | 'ndjson'; province?: string; commune?: string }) => {
      const db = await openConfiguredDatabase(loadConfig(), 'open06 export');
      try {
        const report = await exportPersons(db, {
          file,
          ...(o.format ? { format: o.format } : {}),
          ...(o.province ? { province: o.province } : {}),
          ...(o.commune ? { commune: o.commune } : {}),
          onProgress: (n) => {
            if (process.stderr.isTTY) process.stderr.write(`\rexported ${n} persons`);
          },
        });
        if (process.stderr.isTTY) process.stderr.write('\n');
        console.log(JSON.stringify(report));
      } finally {
        await db.close();
      }
    });
}

// `open06 audit verify`: proves the access log's hash chain is intact, or names the first broken entry.
import type { Command } from 'commander';
import { createAccessLog } from '../platform/access-log/index.ts';
import { loadConfig } from '../platform/config.ts';
import { openConfiguredDatabase } from '../platform/db/open.ts';

export function registerAuditCommand(program: Command): void {
  const audit = program.command('audit').description('The access log');
  audit
    .command('verify')
    .description('Check every entry of the access log against the hash chain; exit 1 if it is broken')
    .action(async () => {
      const db = await openConfiguredDatabase(loadConfig(), 'open06 audit verify');
      try {
        const result = await createAccessLog(db).verify((n) => {
          if (process.stderr.isTTY) process.stderr.write(`\rchecked ${n.toLocaleString('vi-VN')} entries`);
        });
        if (process.stderr.isTTY) process.stderr.write('\n');
        console.log(JSON.stringify(result));
        process.exitCode = result.intact ? 0 : 1;
      } finally {
        await db.close();
      }
    });
}

#!/usr/bin/env node
// The one `open06` command. Each sub-command lives in its own `*.command.ts` and registers itself here.
import { Command } from 'commander';
import { registerAuditCommand } from './audit.command.ts';
import { registerBulkCommands } from './bulk.command.ts';
import { registerCardCommands } from './card.command.ts';
import { registerInspectCommands } from './inspect.command.ts';
import { registerKeysCommand } from './keys.command.ts';
import { registerLinkCommand } from './link.command.ts';
import { registerQualityCommands } from './quality.command.ts';
import { registerSeedCommand } from './seed.command.ts';
import { registerTokenCommand } from './token.command.ts';

const program = new Command('open06')
  .description('open06 — population registry and Project 06 platform')
  .showHelpAfterError();

registerInspectCommands(program);
registerTokenCommand(program);
registerKeysCommand(program);
registerAuditCommand(program);
registerBulkCommands(program);
registerSeedCommand(program);
registerCardCommands(program);
registerLinkCommand(program);
registerQualityCommands(program);

await program.parseAsync(process.argv);

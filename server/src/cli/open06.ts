#!/usr/bin/env node
// The one `open06` command. Each sub-command lives in its own `*.command.ts` and registers itself here.
import { Command } from 'commander';
import { registerInspectCommands } from './inspect.command.ts';

const program = new Command('open06')
  .description('open06 — population registry and Project 06 platform')
  .showHelpAfterError();

registerInspectCommands(program);

await program.parseAsync(process.argv);

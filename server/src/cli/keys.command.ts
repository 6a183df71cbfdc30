// `open06 keys rotate`: new signing keys for the OpenID Provider. The previous keys stay published
// in the JWKS, so tokens and ID tokens already issued keep verifying until they expire; restart the
// server to sign with the new ones.
import type { Command } from 'commander';
import { loadConfig } from '../platform/config.ts';
import { keysDir } from '../platform/db/open.ts';
import { rotateProviderKeys } from '../modules/identity/index.ts';

export function registerKeysCommand(program: Command): void {
  const keys = program.command('keys').description('Signing keys of the OpenID Provider');
  keys
    .command('rotate')
    .description('Make new signing keys current, keep the previous ones published; prints the key ids')
    .option('--keep <n>', 'previous keys of each algorithm kept in the JWKS', '2')
    .action(async (o: { keep: string }) => {
      const next = await rotateProviderKeys(keysDir(loadConfig()), Number(o.keep));
      console.log(JSON.stringify({ signing: next.jwks.keys.slice(0, 2).map((k) => ({ kid: k.kid, alg: k.alg })), published: next.jwks.keys.map((k) => k.kid), restartNeeded: true }));
    });
}

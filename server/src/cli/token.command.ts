// `open06 token issue`: a signed bearer token for an official or a machine (until OIDC login).
import type { Command } from 'commander';
import { loadConfig } from '../platform/config.ts';
import { keysDir } from '../platform/db/open.ts';
import { checkActorShape, ROLE_NAMES, type Actor, type RoleName } from '../http/authz.ts';
import { loadTokenService } from '../http/service-token.ts';

export function parseTtl(text: string): number {
  const m = /^(\d+)\s*([smhd]?)$/.exec(text.trim());
  if (!m) throw new Error(`bad --ttl "${text}" (e.g. 900, 30m, 8h, 7d)`);
  return Number(m[1]) * ({ '': 1, s: 1, m: 60, h: 3600, d: 86400 } as Record<string, number>)[m[2]!]!;
}

export function registerTokenCommand(program: Command): void {
  const token = program.command('token').description('Signed bearer tokens for the API');
  token
    .command('issue')
    .description('Issue a token for a role in an administrative unit; prints the token')
    .requiredOption('--role <role>', `one of ${ROLE_NAMES.join(', ')}`)
    .option('--unit <code>', 'current commune (5 digits) or province (2 digits) code of the jurisdiction')
    .option('--sub <id>', 'who the token stands for (an official or system id)')
    .option('--name <name>', 'display name')
    .option('--pid <pid>', "a citizen's own personal ID (role citizen)")
    .option('--ttl <duration>', 'lifetime, e.g. 30m, 8h, 7d', '8h')
    .option('--json', 'print {token, actor, expiresAt} as JSON')
    .action(async (o: { role: string; unit?: string; sub?: string; name?: string; pid?: string; ttl: string; json?: boolean }) => {
      if (!(ROLE_NAMES as readonly string[]).includes(o.role)) {
        console.error(`unknown role "${o.role}"; roles: ${ROLE_NAMES.join(', ')}`);
        process.exit(2);
      }
      const actor: Actor = {
        sub: o.sub ?? (o.role === 'citizen' && o.pid ? `citizen:${o.pid}` : `${o.role}@${o.unit ?? 'national'}`),
        role: o.role as RoleName,
        ...(o.unit ? { unit: o.unit } : {}),
        ...(o.name ? { name: o.name } : {}),
        ...(o.pid ? { pid: o.pid } : {}),
      };
      const problem = checkActorShape(actor);
      if (problem) {
        console.error(problem);
        process.exit(2);
      }
      const ttl = parseTtl(o.ttl);
      const tokens = await loadTokenService(keysDir(loadConfig()));
      const t = await tokens.issue(actor, ttl);
      if (o.json) console.log(JSON.stringify({ token: t, actor, expiresAt: new Date(Date.now() + ttl * 1000).toISOString() }));
      else console.log(t);
    });
}

// Accounts for the demo province that `npm start` seeds, so that a newcomer can log in at once as a
// commune police officer, an administrator and a citizen. Synthetic people only, one shared
// password printed at start; created once (an existing account is left as it is). Never used
// outside the demo seeding.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { RoleName } from '../../../http/authz.ts';
import type { IdentityTables } from '../identity.tables.ts';
import { recordAccountEvent } from './account-events.ts';
import { hashPassword } from './password.ts';

export const DEMO_PASSWORD = 'Demo-open06-2026';

export interface DemoAccount {
  pid: string;
  level: 1 | 2;
  roles: { role: RoleName; unit: string | null }[];
}

/** Creates the accounts that do not exist yet; returns those it created. */
export async function ensureDemoAccounts(db: Kysely<IdentityTables>, wanted: DemoAccount[]): Promise<DemoAccount[]> {
  const created: DemoAccount[] = [];
  const hash = await hashPassword(DEMO_PASSWORD);
  for (const a of wanted) {
    if (await db.selectFrom('identity.account').select('id').where('pid', '=', a.pid).executeTakeFirst()) continue;
    const id = randomUUID();
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('identity.account')
        .values({ id, pid: a.pid, level: a.level, phone: null, email: null, password_hash: hash, portrait_file: null, ...(a.level === 2 ? { level2_at: new Date(), level2_by: 'demo-seed', level2_place: 'Dữ liệu demo', level2_method: 'card' } : {}) })
        .execute();
      for (const r of a.roles) await trx.insertInto('identity.official_role').values({ account_id: id, role: r.role, unit: r.unit, granted_by: 'demo-seed' }).execute();
      await recordAccountEvent(trx, id, 'created', 'demo-seed', { method: 'demo' });
    });
    created.push(a);
  }
  return created;
}

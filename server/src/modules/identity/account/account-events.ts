// The account's own history (identity.account_event): level changes, suspensions, recoveries,
// authenticators added or removed — who did it, when, and how. The citizen reads it on "my account".
import type { Kysely } from 'kysely';
import type { IdentityTables } from '../identity.tables.ts';

export type AccountEventKind =
  | 'created'
  | 'level2_raised'
  | 'level2_withdrawn'
  | 'suspended'
  | 'restored'
  | 'recovered'
  | 'authenticator_added'
  | 'authenticator_removed'
  | 'child_added'
  | 'role_granted'
  | 'role_revoked';

export async function recordAccountEvent(db: Kysely<IdentityTables>, accountId: string, kind: AccountEventKind, actor: string, detail: Record<string, unknown> = {}): Promise<void> {
  await db.insertInto('identity.account_event').values({ account_id: accountId, kind, actor, detail: JSON.stringify(detail) }).execute();
}

export async function accountEvents(db: Kysely<IdentityTables>, accountId: string, limit = 100) {
  const rows = await db.selectFrom('identity.account_event').selectAll().where('account_id', '=', accountId).orderBy('id', 'desc').limit(limit).execute();
  return rows.map((r) => ({ at: new Date(r.at).toISOString(), kind: r.kind as AccountEventKind, actor: r.actor, detail: typeof r.detail === 'string' ? (JSON.parse(r.detail) as Record<string, unknown>) : r.detail }));
}

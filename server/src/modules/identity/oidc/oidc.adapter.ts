// oidc-provider's storage (sessions, grants, codes, tokens, clients …) in identity.oidc_model.
// Registered clients are read on every authorization and token request but change rarely: they
// are remembered for 30 s (a change made through this process is seen at once).
import { sql, type Kysely } from 'kysely';
import type { IdentityTables } from '../identity.tables.ts';

type Payload = Record<string, unknown> & { grantId?: string; userCode?: string; uid?: string; consumed?: number };

const CLIENT_TTL_MS = 30_000;

export function oidcAdapterFactory(db: Kysely<IdentityTables>) {
  const clients = new Map<string, { payload: Payload | undefined; until: number }>();
  return class PgAdapter {
    readonly model: string;
    constructor(model: string) {
      this.model = model;
    }

    async upsert(id: string, payload: Payload, expiresIn?: number): Promise<void> {
      if (this.model === 'Client') clients.delete(id);
      const expiresAt = typeof expiresIn === 'number' ? new Date(Date.now() + expiresIn * 1000) : null;
      const row = {
        model: this.model,
        id,
        payload: JSON.stringify(payload),
        grant_id: payload.grantId ?? null,
        user_code: payload.userCode ?? null,
        uid: payload.uid ?? null,
        expires_at: expiresAt,
      };
      await db
        .insertInto('identity.oidc_model')
        .values(row)
        .onConflict((oc) => oc.columns(['model', 'id']).doUpdateSet({ payload: row.payload, grant_id: row.grant_id, user_code: row.user_code, uid: row.uid, expires_at: row.expires_at }))
        .execute();
    }

    async #findWhere(column: 'id' | 'uid' | 'user_code', value: string): Promise<Payload | undefined> {
      const r = await db
        .selectFrom('identity.oidc_model')
        .select(['payload', 'consumed_at'])
        .where('model', '=', this.model)
        .where(column, '=', value)
        .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', new Date())]))
        .executeTakeFirst();
      if (!r) return undefined;
      const payload = (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload) as Payload;
      return r.consumed_at ? { ...payload, consumed: Math.floor(new Date(r.consumed_at).getTime() / 1000) } : payload;
    }

    async find(id: string) {
      if (this.model !== 'Client') return this.#findWhere('id', id);
      const hit = clients.get(id);
      if (hit && hit.until > Date.now()) return hit.payload;
      const payload = await this.#findWhere('id', id);
      clients.set(id, { payload, until: Date.now() + CLIENT_TTL_MS });
      return payload;
    }
    findByUid(uid: string) {
      return this.#findWhere('uid', uid);
    }
    findByUserCode(userCode: string) {
      return this.#findWhere('user_code', userCode);
    }

    async consume(id: string): Promise<void> {
      await db.updateTable('identity.oidc_model').set({ consumed_at: sql`now()` }).where('model', '=', this.model).where('id', '=', id).execute();
    }

    async destroy(id: string): Promise<void> {
      if (this.model === 'Client') clients.delete(id);
      await db.deleteFrom('identity.oidc_model').where('model', '=', this.model).where('id', '=', id).execute();
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      await db.deleteFrom('identity.oidc_model').where('grant_id', '=', grantId).execute();
    }
  };
}

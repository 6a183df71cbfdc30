// oidc-provider's storage (sessions, grants, codes, tokens, clients …) in identity.oidc_model.
// Every database round trip costs a login dearly (on this kind of machine the socket writes are a
// third of the provider's CPU), so what a login reads back right after writing it is kept in memory
// too, written through to the database:
// - registered clients: read on every request, changed rarely — remembered 30 s;
// - authorization codes: written at /auth, read at /token a moment later — remembered until they
//   expire; their consumption is decided by the database (a conditional UPDATE), so a code
//   exchanged twice — in this process or another — is refused and its grant revoked, as the
//   provider does for a replay;
// - grants: read at every /auth and /token — remembered 5 s (a consent revoked through another
//   process of the same deployment takes effect here within 5 s; through this one, at once);
// - sessions: read at every /auth (by id) and at /token (by uid, the code is bound to the
//   session) — remembered 5 s (a logout through another process takes effect here within 5 s).
// Changes made through this process are seen at once, including an account's sessions ended by
// the account service (`forgetAccount`).
import { sql, type Kysely } from 'kysely';
import { errors } from 'oidc-provider';
import { Lru } from '../../../platform/lru.ts';
import type { IdentityTables } from '../identity.tables.ts';

type Payload = Record<string, unknown> & { grantId?: string; userCode?: string; uid?: string; consumed?: number };

const REMEMBER_MS: Record<string, number> = { Client: 30_000, Grant: 5_000, Session: 5_000, AuthorizationCode: Number.POSITIVE_INFINITY };
const MAX_REMEMBERED = 50_000;

export function oidcAdapterFactory(db: Kysely<IdentityTables>) {
  // `${model}:${id}` → a copy of the payload (undefined: known not to exist) and until when to trust it
  const memory = new Map<string, { payload: Payload | undefined; until: number }>();
  // `${model}:${uid}` → id, for what is remembered and found by uid (sessions)
  const byUid = new Lru<string, string>(MAX_REMEMBERED);
  // Counts the forgettings (destroy, revocation, an account's end): what a write or a read that was
  // under way meanwhile brings back is not remembered, or a logout could come back to life here.
  let forgettings = 0;
  const forget = (test: (key: string, payload: Payload | undefined) => boolean) => {
    forgettings += 1;
    for (const [key, entry] of memory) if (test(key, entry.payload)) memory.delete(key);
  };
  const remember = (model: string, id: string, payload: Payload | undefined, expiresAt: Date | null) => {
    const ttl = REMEMBER_MS[model];
    if (ttl === undefined) return;
    if (memory.size >= MAX_REMEMBERED) memory.delete(memory.keys().next().value!); // the oldest
    const until = Math.min(Date.now() + ttl, expiresAt ? expiresAt.getTime() : Number.POSITIVE_INFINITY);
    memory.set(`${model}:${id}`, { payload: payload && structuredClone(payload), until });
    if (payload?.uid) byUid.set(`${model}:${payload.uid}`, id);
  };

  return class PgAdapter {
    /** Forgets what is remembered of an account (its sessions, codes …), e.g. after the account service ended them. */
    static forgetAccount(accountId: string): void {
      forget((_key, payload) => payload?.accountId === accountId);
    }

    readonly model: string;
    constructor(model: string) {
      this.model = model;
    }

    async upsert(id: string, payload: Payload, expiresIn?: number): Promise<void> {
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
      memory.delete(`${this.model}:${id}`);
      const before = forgettings;
      await db
        .insertInto('identity.oidc_model')
        .values(row)
        .onConflict((oc) => oc.columns(['model', 'id']).doUpdateSet({ payload: row.payload, grant_id: row.grant_id, user_code: row.user_code, uid: row.uid, expires_at: row.expires_at }))
        .execute();
      // clients are re-read (their metadata is normalised by the provider); the others as written
      if (this.model !== 'Client' && forgettings === before) remember(this.model, id, payload, expiresAt);
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
      const key = `${this.model}:${id}`;
      const hit = memory.get(key);
      if (hit && hit.until > Date.now()) return hit.payload && structuredClone(hit.payload);
      if (hit) memory.delete(key);
      const before = forgettings;
      const payload = await this.#findWhere('id', id);
      // a client that does not exist is remembered too (a flood of unknown client ids stays cheap)
      if ((payload || this.model === 'Client') && forgettings === before) remember(this.model, id, payload, null);
      return payload;
    }
    async findByUid(uid: string) {
      const id = byUid.get(`${this.model}:${uid}`);
      if (id !== undefined) {
        const hit = memory.get(`${this.model}:${id}`);
        if (hit?.payload && hit.until > Date.now() && hit.payload.uid === uid) return structuredClone(hit.payload);
        byUid.delete(`${this.model}:${uid}`);
      }
      return this.#findWhere('uid', uid);
    }
    findByUserCode(userCode: string) {
      return this.#findWhere('user_code', userCode);
    }

    /** Consumes a code or token once: the database decides, whoever asks and wherever. */
    async consume(id: string): Promise<void> {
      const done = await db
        .updateTable('identity.oidc_model')
        .set({ consumed_at: sql`now()` })
        .where('model', '=', this.model)
        .where('id', '=', id)
        .where('consumed_at', 'is', null)
        .returning('grant_id')
        .executeTakeFirst();
      memory.delete(`${this.model}:${id}`);
      if (done) return;
      // consumed meanwhile (another request or process): a replay — revoke what it granted
      const row = await db.selectFrom('identity.oidc_model').select('grant_id').where('model', '=', this.model).where('id', '=', id).executeTakeFirst();
      if (row?.grant_id) await this.revokeByGrantId(row.grant_id);
      throw new errors.InvalidGrant(`${this.model === 'AuthorizationCode' ? 'authorization code' : this.model} already consumed`);
    }

    async destroy(id: string): Promise<void> {
      forgettings += 1;
      memory.delete(`${this.model}:${id}`);
      await db.deleteFrom('identity.oidc_model').where('model', '=', this.model).where('id', '=', id).execute();
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      forget((key, payload) => payload?.grantId === grantId || key === `Grant:${grantId}`);
      await db.deleteFrom('identity.oidc_model').where('grant_id', '=', grantId).execute();
    }
  };
}

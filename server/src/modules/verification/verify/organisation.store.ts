// Registered verifying organisations (the only code touching verification.organisation). Reads are
// cached for a few seconds: every check looks its caller up, twice (rate limit, then the check).
import type { Kysely, Selectable } from 'kysely';
import type { OrganisationTable, VerificationTables } from '../verification.tables.ts';

export interface Organisation {
  id: string;
  name: string;
  purposes: string[];
  perMinute: number;
  dailyQuota: number | null;
  active: boolean;
  createdAt: string;
  updatedAt: string;
  updatedBy: string;
}

export interface OrganisationInput {
  name: string;
  purposes: string[];
  perMinute: number;
  dailyQuota: number | null;
  active: boolean;
}

function toOrganisation(r: Selectable<OrganisationTable>): Organisation {
  return {
    id: r.id,
    name: r.name,
    purposes: r.purposes,
    perMinute: r.per_minute,
    dailyQuota: r.daily_quota,
    active: r.active,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
    updatedBy: r.updated_by,
  };
}

const TTL_MS = 5_000;

export function createOrganisationStore(db: Kysely<VerificationTables>) {
  const cache = new Map<string, { org: Organisation | undefined; until: number }>();
  return {
    async find(id: string): Promise<Organisation | undefined> {
      const hit = cache.get(id);
      if (hit && hit.until > Date.now()) return hit.org;
      const r = await db.selectFrom('verification.organisation').selectAll().where('id', '=', id).executeTakeFirst();
      const org = r ? toOrganisation(r) : undefined;
      if (cache.size > 10_000) cache.clear();
      cache.set(id, { org, until: Date.now() + TTL_MS });
      return org;
    },

    async save(id: string, input: OrganisationInput, by: string): Promise<{ org: Organisation; created: boolean }> {
      const existed = await db.selectFrom('verification.organisation').select('id').where('id', '=', id).executeTakeFirst();
      const values = { name: input.name, purposes: input.purposes, per_minute: input.perMinute, daily_quota: input.dailyQuota, active: input.active, updated_by: by };
      const r = await db
        .insertInto('verification.organisation')
        .values({ id, ...values })
        .onConflict((oc) => oc.column('id').doUpdateSet({ ...values, updated_at: new Date() }))
        .returningAll()
        .executeTakeFirstOrThrow();
      cache.delete(id);
      return { org: toOrganisation(r), created: !existed };
    },

    async list(): Promise<Organisation[]> {
      return (await db.selectFrom('verification.organisation').selectAll().orderBy('name').execute()).map(toOrganisation);
    },
  };
}

export type OrganisationStore = ReturnType<typeof createOrganisationStore>;

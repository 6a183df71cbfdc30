// The only code that reads and writes registry.household and registry.household_member.
import type { RegistryDb, RegistryTx } from '../person/person.store.ts';

export interface HouseholdWithMembers {
  id: number;
  code: string;
  headPid: string | null;
  communeCode: string;
  addressDetail: string | null;
  members: { pid: string; fullName: string; relation: string; joinedOn: string }[];
}

export function createHouseholdStore(db: RegistryDb) {
  return {
    async find(trx: RegistryDb | RegistryTx, id: number, forUpdate = false) {
      let q = trx.selectFrom('registry.household').selectAll().where('id', '=', id).where('dissolved_at', 'is', null);
      if (forUpdate) q = q.forUpdate();
      return q.executeTakeFirst();
    },

    /** The household (not dissolved) this person heads. */
    async findByHead(trx: RegistryDb | RegistryTx, headPid: string, forUpdate = false) {
      let q = trx.selectFrom('registry.household').selectAll().where('head_pid', '=', headPid).where('dissolved_at', 'is', null).orderBy('id');
      if (forUpdate) q = q.forUpdate();
      return q.executeTakeFirst();
    },

    /** The household this person is a member of now, if any. */
    async currentOf(trx: RegistryDb | RegistryTx, pid: string): Promise<number | null> {
      const cur = await trx.selectFrom('registry.household_member').select('household_id').where('pid', '=', pid).where('left_on', 'is', null).executeTakeFirst();
      return cur ? cur.household_id : null;
    },

    /** Erases every membership of a person (a record removed as if never registered). */
    async eraseMemberships(trx: RegistryTx, pid: string): Promise<void> {
      await trx.deleteFrom('registry.household_member').where('pid', '=', pid).execute();
    },

    async withMembers(id: number): Promise<HouseholdWithMembers | undefined> {
      const h = await this.find(db, id);
      if (!h) return undefined;
      const members = await db
        .selectFrom('registry.household_member as m')
        .innerJoin('registry.person as p', 'p.pid', 'm.pid')
        .select(['m.pid', 'p.full_name', 'm.relation', 'm.joined_on'])
        .where('m.household_id', '=', id)
        .where('m.left_on', 'is', null)
        .orderBy('m.joined_on')
        .execute();
      return {
        id: h.id,
        code: h.code,
        headPid: h.head_pid,
        communeCode: h.commune_code,
        addressDetail: h.address_detail,
        members: members.map((m) => ({ pid: m.pid, fullName: m.full_name, relation: m.relation, joinedOn: m.joined_on })),
      };
    },

    async create(trx: RegistryTx, h: { communeCode: string; addressDetail: string; headPid: string }): Promise<number> {
      const row = await trx
        .insertInto('registry.household')
        .values({ code: `pending-${h.headPid}-${Date.now()}`, head_pid: h.headPid, commune_code: h.communeCode, address_detail: h.addressDetail })
        .returning('id')
        .executeTakeFirstOrThrow();
      // Household book number: commune code + running number.
      await trx.updateTable('registry.household').set({ code: `${h.communeCode}-${String(row.id).padStart(7, '0')}` }).where('id', '=', row.id).execute();
      return row.id;
    },

    /** Ends the person's current membership (anywhere); returns the household they left. */
    async leaveCurrent(trx: RegistryTx, pid: string, on: string): Promise<number | null> {
      const cur = await trx.selectFrom('registry.household_member').select(['household_id']).where('pid', '=', pid).where('left_on', 'is', null).executeTakeFirst();
      if (!cur) return null;
      await trx.updateTable('registry.household_member').set({ left_on: on }).where('pid', '=', pid).where('left_on', 'is', null).execute();
      return cur.household_id;
    },

    async addMember(trx: RegistryTx, householdId: number, pid: string, relation: string, on: string): Promise<void> {
      // A member who leaves and re-joins the same day replaces the same-day membership.
      await trx.deleteFrom('registry.household_member').where('household_id', '=', householdId).where('pid', '=', pid).where('joined_on', '=', on).execute();
      await trx.insertInto('registry.household_member').values({ household_id: householdId, pid, relation, joined_on: on, left_on: null }).execute();
    },

    async setRelation(trx: RegistryTx, householdId: number, pid: string, relation: string): Promise<void> {
      await trx.updateTable('registry.household_member').set({ relation }).where('household_id', '=', householdId).where('pid', '=', pid).where('left_on', 'is', null).execute();
    },

    async setHead(trx: RegistryTx, householdId: number, pid: string): Promise<void> {
      await trx.updateTable('registry.household').set({ head_pid: pid }).where('id', '=', householdId).execute();
    },

    async memberCount(trx: RegistryTx, householdId: number): Promise<number> {
      const r = await trx.selectFrom('registry.household_member').select((eb) => eb.fn.countAll<number>().as('n')).where('household_id', '=', householdId).where('left_on', 'is', null).executeTakeFirstOrThrow();
      return Number(r.n);
    },

    async dissolve(trx: RegistryTx, householdId: number): Promise<void> {
      await trx.updateTable('registry.household').set({ dissolved_at: new Date(), head_pid: null }).where('id', '=', householdId).execute();
    },
  };
}

export type HouseholdStore = ReturnType<typeof createHouseholdStore>;

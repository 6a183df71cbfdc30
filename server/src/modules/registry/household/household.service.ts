// Households (hộ): found one with its head and members, move people between households, change
// the head, read one (every member's data read is logged). The household's commune decides who
// may act on it.
import type { AccessLog } from '../../../platform/access-log/index.ts';
import { vnDay, type Clock } from '../../../platform/clock.ts';
import { appendToOutbox, type EventBus } from '../../../platform/events/index.ts';
import { jurisdiction, requirePermission, requirePurpose, type Actor } from '../../../http/authz.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../../http/errors.ts';
import { HouseholdChanged } from '../registry.events.ts';
import { checkCommune, type Problems } from '../person/person.rules.ts';
import type { ReadContext, WriteContext } from '../person/person.service.ts';
import type { PersonStore, RegistryDb, RegistryTx } from '../person/person.store.ts';
import type { HouseholdStore } from './household.store.ts';

export const RELATIONS = ['head', 'spouse', 'child', 'parent', 'grandchild', 'grandparent', 'sibling', 'child_in_law', 'other_relative', 'other'] as const;
export type Relation = (typeof RELATIONS)[number];

const NOT_FOUND = new NotFoundError({ vi: 'Không tìm thấy hộ trong địa bàn quản lý.', en: 'No such household within your jurisdiction.' });

export function createHouseholdService(deps: {
  db: RegistryDb;
  store: HouseholdStore;
  persons: PersonStore;
  accessLog: AccessLog;
  bus: EventBus;
  clock: Clock;
  /** Cached person records to forget after a change (a record shows its household). */
  invalidate: (pids: Iterable<string>) => void;
}) {
  const { db, store, persons, accessLog, bus, clock, invalidate } = deps;

  function covers(actor: Actor, communeCode: string): boolean {
    const j = jurisdiction(actor);
    return j.kind === 'national' || (j.kind === 'communes' && j.codes.includes(communeCode));
  }

  async function requirePersons(trx: RegistryTx, pids: { pid: string; path: string }[]) {
    const found = await persons.existing(trx, pids.map((p) => p.pid));
    const problems: Problems = pids
      .filter((p) => !found.has(p.pid))
      .map((p) => ({ path: p.path, code: 'person_unknown', message: { vi: `Không có công dân ${p.pid} trong CSDL.`, en: `No person ${p.pid} in the registry.` } }));
    if (problems.length) throw new ValidationError(problems);
  }

  async function changed(trx: RegistryTx, householdId: number, change: 'created' | 'member_added' | 'member_removed' | 'head_changed' | 'dissolved', pids: string[]) {
    await appendToOutbox(trx, HouseholdChanged, String(householdId), { householdId, change, pids });
  }

  /** The change in the person's history; its source is the context's (a procedure) or 'household'. */
  async function history(trx: RegistryTx, ctx: WriteContext, pid: string, reason: string, change: string, householdId: number | null, before: number | null) {
    await persons.addHistory(trx, { pid, actor: ctx.actor.sub, source: ctx.source ?? 'household', reason, change, diff: { household: [before, householdId] } });
  }

  const ALREADY_MEMBER = new ConflictError({ vi: 'Người này đã ở trong hộ.', en: 'This person is already a member.' });
  const HEAD_WITH_MEMBERS = new ConflictError({
    vi: 'Người này đang là chủ hộ của một hộ còn thành viên khác: đổi chủ hộ đó trước.',
    en: 'This person heads a household that has other members: change its head first.',
  });

  /**
   * Moves a person into household `id` (leaving their current one, which is dissolved when left
   * empty). A head may move only when no one else remains in the household they head.
   */
  async function moveInto(trx: RegistryTx, ctx: WriteContext, id: number, m: { pid: string; relation: Relation; reason: string }, today: string) {
    const before = await store.leaveCurrent(trx, m.pid, today);
    if (before === id) throw ALREADY_MEMBER;
    if (before !== null) {
      const old = await store.find(trx, before, true);
      if (old?.head_pid === m.pid && (await store.memberCount(trx, before)) > 0) throw HEAD_WITH_MEMBERS;
    }
    await store.addMember(trx, id, m.pid, m.relation, today);
    await history(trx, ctx, m.pid, m.reason, 'household_joined', id, before);
    if (before !== null) await afterLeave(trx, before, [m.pid]);
    await changed(trx, id, 'member_added', [m.pid]);
  }

  /** The person leaves household `id`; its head only as its last member (the household is dissolved). */
  async function leave(trx: RegistryTx, ctx: WriteContext, h: { id: number; head_pid: string | null }, pid: string, reason: string, today: string) {
    const cur = await trx.selectFrom('registry.household_member').select('pid').where('household_id', '=', h.id).where('pid', '=', pid).where('left_on', 'is', null).executeTakeFirst();
    if (!cur) throw new NotFoundError({ vi: 'Người này không ở trong hộ.', en: 'This person is not a member.' });
    await store.leaveCurrent(trx, pid, today);
    if (h.head_pid === pid && (await store.memberCount(trx, h.id)) > 0)
      throw new ConflictError({ vi: 'Chủ hộ không thể rời hộ khi hộ còn thành viên khác: đổi chủ hộ trước.', en: 'The head cannot leave while others remain: change the head first.' });
    await history(trx, ctx, pid, reason, 'household_left', null, h.id);
    await changed(trx, h.id, 'member_removed', [pid]);
    await afterLeave(trx, h.id, [pid]);
  }

  async function logWrite(ctx: WriteContext, pids: string[]) {
    await accessLog.record(pids.map((pid) => ({ actor: ctx.actor, purpose: 'residence_management', action: 'update', subjectPid: pid, fields: ['household'], outcome: 'ok' as const, requestId: ctx.requestId })));
  }

  return {
    async create(ctx: WriteContext, body: { communeCode: string; addressDetail: string; headPid: string; members: { pid: string; relation: Relation }[]; reason: string }) {
      requirePermission(ctx.actor, 'household.write');
      const problems: Problems = [];
      checkCommune(problems, 'body.communeCode', body.communeCode);
      const all = [body.headPid, ...body.members.map((m) => m.pid)];
      if (new Set(all).size !== all.length)
        problems.push({ path: 'body.members', code: 'duplicate', message: { vi: 'Một người được kê khai hai lần.', en: 'A person is listed twice.' } });
      body.members.forEach((m, i) => {
        if (m.relation === 'head') problems.push({ path: `body.members.${i}.relation`, code: 'second_head', message: { vi: 'Hộ chỉ có một chủ hộ.', en: 'A household has one head.' } });
      });
      if (problems.length) throw new ValidationError(problems);
      if (!covers(ctx.actor, body.communeCode))
        throw new ForbiddenError({ vi: 'Chỉ được lập hộ trong địa bàn quản lý của mình.', en: 'You may only create households in your jurisdiction.' });
      const today = vnDay(clock.now());
      const id = await db.transaction().execute(async (trx) => {
        await requirePersons(trx, [{ pid: body.headPid, path: 'body.headPid' }, ...body.members.map((m, i) => ({ pid: m.pid, path: `body.members.${i}.pid` }))]);
        const id = await store.create(trx, body);
        const left = new Map<number, string[]>(); // household left → who left it
        for (const m of [{ pid: body.headPid, relation: 'head' }, ...body.members]) {
          const before = await store.leaveCurrent(trx, m.pid, today);
          await store.addMember(trx, id, m.pid, m.relation, today);
          await history(trx, ctx, m.pid, body.reason, 'household_joined', id, before);
          if (before !== null) left.set(before, [...(left.get(before) ?? []), m.pid]);
        }
        for (const [before, pids] of left) {
          const old = await store.find(trx, before, true);
          // a head may take everyone along (the old household is dissolved), never leave some behind
          if (old?.head_pid && pids.includes(old.head_pid) && (await store.memberCount(trx, before)) > 0) throw HEAD_WITH_MEMBERS;
          await afterLeave(trx, before, pids);
        }
        await changed(trx, id, 'created', all);
        return id;
      });
      invalidate(all);
      bus.notify();
      await logWrite(ctx, all);
      return (await store.withMembers(id))!;
    },

    async get(ctx: ReadContext, id: number) {
      requirePermission(ctx.actor, 'person.read');
      const purpose = requirePurpose(ctx.actor, ctx.purpose);
      const h = await store.withMembers(id);
      // officials: households of their communes; a citizen: their own household
      const own = ctx.actor.role === 'citizen' && h?.members.some((m) => m.pid === ctx.actor.pid);
      if (!h || !(own || covers(ctx.actor, h.communeCode))) throw NOT_FOUND;
      await accessLog.record(h.members.map((m) => ({ actor: ctx.actor, purpose, action: 'read', subjectPid: m.pid, fields: ['fullName', 'household'], outcome: 'ok' as const, requestId: ctx.requestId })));
      return h;
    },

    /** Moves a person into this household (leaving their current one). */
    async addMember(ctx: WriteContext, id: number, body: { pid: string; relation: Relation; reason: string }) {
      requirePermission(ctx.actor, 'household.write');
      if (body.relation === 'head')
        throw ValidationError.field('body.relation', 'second_head', { vi: 'Dùng chức năng đổi chủ hộ.', en: 'Use the change-head operation.' });
      const today = vnDay(clock.now());
      await db.transaction().execute(async (trx) => {
        const h = await store.find(trx, id, true);
        if (!h || !covers(ctx.actor, h.commune_code)) throw NOT_FOUND;
        await requirePersons(trx, [{ pid: body.pid, path: 'body.pid' }]);
        await moveInto(trx, ctx, id, body, today);
      });
      invalidate([body.pid]);
      bus.notify();
      await logWrite(ctx, [body.pid]);
      return (await store.withMembers(id))!;
    },

    async removeMember(ctx: WriteContext, id: number, pid: string, reason: string) {
      requirePermission(ctx.actor, 'household.write');
      const today = vnDay(clock.now());
      await db.transaction().execute(async (trx) => {
        const h = await store.find(trx, id, true);
        if (!h || !covers(ctx.actor, h.commune_code)) throw NOT_FOUND;
        await leave(trx, ctx, h, pid, reason, today);
      });
      invalidate([pid]);
      bus.notify();
      await logWrite(ctx, [pid]);
    },

    /** Moves a person into the household `headPid` heads (RegistryApi.joinHousehold). */
    async joinByHead(ctx: WriteContext, pid: string, j: { headPid: string; relation: Relation; reason: string }): Promise<{ householdId: number }> {
      requirePermission(ctx.actor, 'household.write');
      if (j.relation === 'head')
        throw ValidationError.field('body.relation', 'second_head', { vi: 'Dùng chức năng đổi chủ hộ.', en: 'Use the change-head operation.' });
      const today = vnDay(clock.now());
      const id = await db.transaction().execute(async (trx) => {
        const h = await store.findByHead(trx, j.headPid, true);
        if (!h)
          throw ValidationError.field('body.headPid', 'not_head', { vi: `Công dân ${j.headPid} không là chủ hộ nào.`, en: `Person ${j.headPid} heads no household.` });
        if (!covers(ctx.actor, h.commune_code)) throw NOT_FOUND;
        await requirePersons(trx, [{ pid, path: 'body.pid' }]);
        await moveInto(trx, ctx, h.id, { pid, relation: j.relation, reason: j.reason }, today);
        return h.id;
      });
      invalidate([pid]);
      bus.notify();
      await logWrite(ctx, [pid]);
      return { householdId: id };
    },

    /** The person leaves their current household (RegistryApi.leaveHousehold); null when they are in none. */
    async leaveCurrentHousehold(ctx: WriteContext, pid: string, reason: string): Promise<{ householdId: number } | null> {
      requirePermission(ctx.actor, 'household.write');
      const today = vnDay(clock.now());
      const id = await db.transaction().execute(async (trx) => {
        const cur = await store.currentOf(trx, pid);
        if (cur === null) return null;
        const h = await store.find(trx, cur, true);
        if (!h || !covers(ctx.actor, h.commune_code)) throw NOT_FOUND;
        await leave(trx, ctx, h, pid, reason, today);
        return h.id;
      });
      if (id === null) return null;
      invalidate([pid]);
      bus.notify();
      await logWrite(ctx, [pid]);
      return { householdId: id };
    },

    /**
     * Erases a person's memberships inside a transaction that removes their record (a cancelled
     * birth registration): the household they were in is told, and dissolved when left empty. A
     * head of a household with other members is refused.
     */
    async eraseMemberships(trx: RegistryTx, pid: string): Promise<number | null> {
      const cur = await store.currentOf(trx, pid);
      if (cur !== null) {
        const h = await store.find(trx, cur, true);
        if (h?.head_pid === pid && (await store.memberCount(trx, cur)) > 1) throw HEAD_WITH_MEMBERS;
      }
      await store.eraseMemberships(trx, pid);
      if (cur !== null) {
        await changed(trx, cur, 'member_removed', [pid]);
        await afterLeave(trx, cur, [pid]);
      }
      return cur;
    },

    async changeHead(ctx: WriteContext, id: number, body: { pid: string; formerHeadRelation: Relation; reason: string }) {
      requirePermission(ctx.actor, 'household.write');
      await db.transaction().execute(async (trx) => {
        const h = await store.find(trx, id, true);
        if (!h || !covers(ctx.actor, h.commune_code)) throw NOT_FOUND;
        const member = await trx.selectFrom('registry.household_member').select('pid').where('household_id', '=', id).where('pid', '=', body.pid).where('left_on', 'is', null).executeTakeFirst();
        if (!member) throw ValidationError.field('body.pid', 'not_member', { vi: 'Chủ hộ mới phải là thành viên của hộ.', en: 'The new head must be a member.' });
        if (h.head_pid) await store.setRelation(trx, id, h.head_pid, body.formerHeadRelation);
        await store.setRelation(trx, id, body.pid, 'head');
        await store.setHead(trx, id, body.pid);
        await history(trx, ctx, body.pid, body.reason, 'household_head', id, id);
        await changed(trx, id, 'head_changed', [body.pid, ...(h.head_pid ? [h.head_pid] : [])]);
      });
      const after = (await store.withMembers(id))!;
      invalidate(after.members.map((m) => m.pid)); // every member's record names the head
      bus.notify();
      await logWrite(ctx, [body.pid]);
      return after;
    },
  };

  /** A household whose last member left is dissolved. */
  async function afterLeave(trx: RegistryTx, householdId: number, pids: string[]) {
    if ((await store.memberCount(trx, householdId)) === 0) {
      await store.dissolve(trx, householdId);
      await changed(trx, householdId, 'dissolved', pids);
    }
  }
}

export type HouseholdService = ReturnType<typeof createHouseholdService>;

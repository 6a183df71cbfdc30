// Merging two records of one person (a duplicate found by data quality or at the desk). The
// survivor keeps its number and, on request, takes attribute values from the retired record; it
// takes over the retired record's residences and household place where it has none of its own;
// people linked to the retired record are re-linked to the survivor. The retired number then
// answers every read with a pointer to the survivor (PersonMergedError), and its history, cards
// and ended residences stay under it and are shown with the survivor's history.
import { vnDay, type Clock } from '../../../platform/clock.ts';
import type { AccessLog } from '../../../platform/access-log/index.ts';
import { appendToOutbox, type EventBus } from '../../../platform/events/index.ts';
import { requirePermission } from '../../../http/authz.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../../http/errors.ts';
import { HouseholdChanged, PersonMerged, PersonUpdated } from '../registry.events.ts';
import type { AttrSource, PersonRow } from '../registry.tables.ts';
import { EDITABLE_ATTRS, rowToAttrs, type EditableAttr, type PersonAttrs } from '../person/person.model.ts';
import { checkAttrs, nameColumns, type Problems } from '../person/person.rules.ts';
import type { PersonService, WriteContext } from '../person/person.service.ts';
import type { PersonStore, RegistryDb } from '../person/person.store.ts';
import { PersonMergedError } from './merge.errors.ts';
import type { MergeStore } from './merge.store.ts';

export interface MergeRequest {
  retiredPid: string;
  reason: string;
  /** Attributes whose value the survivor takes from the retired record. */
  take?: readonly EditableAttr[] | undefined;
  /** Case or finding the merge comes from (kept in the history as `merge:<ref>`). */
  sourceRef?: string | undefined;
}

export interface MergeResult {
  survivorPid: string;
  retiredPid: string;
  mergedAt: string;
  /** Attributes the survivor took from the retired record. */
  taken: string[];
  /** People whose father/mother/spouse link now names the survivor. */
  relinked: string[];
  residences: { moved: string[]; ended: string[] };
  household: 'moved' | 'left' | null;
  cardsRevoked: number;
}

const NOT_FOUND = new NotFoundError({
  vi: 'Không tìm thấy công dân có số định danh này trong phạm vi được phép tra cứu.',
  en: 'No person with this personal ID within your jurisdiction.',
});

export function createMergeService(deps: { db: RegistryDb; store: PersonStore; merges: MergeStore; persons: PersonService; accessLog: AccessLog; bus: EventBus; clock: Clock }) {
  const { db, store, merges, persons, accessLog, bus, clock } = deps;

  async function requireCurrent(ctx: WriteContext, pid: string, path: string) {
    if (await persons.visible(ctx.actor, pid)) return;
    const moved = await merges.pointer(db, pid);
    if (moved && (await persons.visible(ctx.actor, moved.survivorPid)))
      throw new ConflictError(
        { vi: `Số định danh ${pid} đã được hợp nhất vào ${moved.survivorPid}.`, en: `Personal ID ${pid} was already merged into ${moved.survivorPid}.` },
        [{ path, code: 'person_merged', message: { vi: `Đã hợp nhất vào ${moved.survivorPid}.`, en: `Merged into ${moved.survivorPid}.` } }],
      );
    throw NOT_FOUND;
  }

  return {
    async merge(ctx: WriteContext, survivorPid: string, req: MergeRequest): Promise<MergeResult> {
      requirePermission(ctx.actor, 'person.write');
      if (req.retiredPid === survivorPid)
        throw ValidationError.field('body.retiredPid', 'same_person', { vi: 'Không thể hợp nhất một hồ sơ với chính nó.', en: 'A record cannot be merged with itself.' });
      await requireCurrent(ctx, survivorPid, 'path.pid');
      await requireCurrent(ctx, req.retiredPid, 'body.retiredPid');
      const now = clock.now();
      const today = vnDay(now);
      const source = req.sourceRef ? `merge:${req.sourceRef}` : 'merge';
      const take = [...new Set(req.take ?? [])];

      const result = await db.transaction().execute(async (trx) => {
        const rows = await merges.lockPair(trx, survivorPid, req.retiredPid);
        const survivor = rows.get(survivorPid);
        const retired = rows.get(req.retiredPid);
        if (!survivor || !retired) throw NOT_FOUND; // merged or removed by someone else meanwhile
        const before = rowToAttrs(survivor);
        const theirs = rowToAttrs(retired);

        // 1. attributes the survivor takes
        const changes: Partial<PersonAttrs> = {};
        for (const f of take) if (theirs[f] !== before[f]) (changes as Record<string, unknown>)[f] = theirs[f];
        for (const rel of ['fatherPid', 'motherPid', 'spousePid'] as const) if (changes[rel] === survivorPid) delete changes[rel];
        const problems: Problems = [];
        const after = checkAttrs({ ...before, ...changes } as PersonAttrs, problems, { prefix: 'body.take.', strict: true, today });
        const relevant = problems.filter((p) => Object.keys(changes).some((f) => p.path === `body.take.${f}`) || p.path === 'body.take.pid');
        if (relevant.length) throw new ValidationError(relevant);
        const diff: Record<string, [unknown, unknown]> = {};
        const columns: Partial<PersonRow> = {};
        const sources: Record<string, AttrSource> = {};
        for (const f of Object.keys(changes) as EditableAttr[]) {
          diff[f] = [before[f], after[f]];
          (columns as Record<string, unknown>)[EDITABLE_ATTRS[f]] = after[f];
          sources[f] = { source, at: now.toISOString() };
        }
        if ('fullName' in diff) Object.assign(columns, nameColumns(after.fullName));
        if ('birthDate' in diff) columns.birth_year = Number(after.birthDate.slice(0, 4));
        // the survivor must not stay married to its own duplicate
        if (survivor.spouse_pid === retired.pid && !('spousePid' in diff)) {
          diff.spousePid = [retired.pid, null];
          columns.spouse_pid = null;
          sources.spousePid = { source, at: now.toISOString() };
        }

        // 2. household place
        let household: MergeResult['household'] = null;
        const theirPlace = await merges.activeMembership(trx, retired.pid);
        const ourPlace = await merges.activeMembership(trx, survivorPid);
        if (theirPlace) {
          const h = theirPlace.householdId;
          let change: 'member_added' | 'member_removed' | 'head_changed' | 'dissolved';
          if (!ourPlace) {
            await merges.moveMembership(trx, h, retired.pid, survivorPid);
            household = 'moved';
            change = 'member_added';
          } else if (h === ourPlace.householdId) {
            // both in the same household: the duplicate leaves; if it was the head, the survivor is
            await merges.endMembership(trx, h, retired.pid, today, false);
            if (theirPlace.headPid === retired.pid) await merges.makeHead(trx, h, survivorPid);
            household = 'left';
            change = theirPlace.headPid === retired.pid ? 'head_changed' : 'member_removed';
          } else if (theirPlace.headPid === retired.pid && theirPlace.others > 0) {
            throw new ConflictError({
              vi: `Hồ sơ ${retired.pid} là chủ hộ của một hộ khác có thành viên; hãy đổi chủ hộ trước khi hợp nhất.`,
              en: `Record ${retired.pid} heads another household with members; change its head before merging.`,
            });
          } else {
            await merges.endMembership(trx, h, retired.pid, today, theirPlace.others === 0);
            household = 'left';
            change = theirPlace.others === 0 ? 'dissolved' : 'member_removed';
          }
          await appendToOutbox(trx, HouseholdChanged, String(h), { householdId: h, change, pids: [retired.pid, survivorPid] });
        }

        // 3. residences, cards
        const residences = await merges.settleResidences(trx, retired.pid, survivorPid, today);
        const cardsRevoked = await merges.revokeCards(trx, retired.pid);

        // 4. people linked to the retired record
        const relinked: string[] = [];
        for (const p of await merges.pointingAt(trx, retired.pid, survivorPid)) {
          const d: Record<string, [unknown, unknown]> = {};
          const cols: Partial<PersonRow> = {};
          const src: Record<string, AttrSource> = {};
          for (const [col, attr] of [['father_pid', 'fatherPid'], ['mother_pid', 'motherPid'], ['spouse_pid', 'spousePid']] as const) {
            if (p[col] !== retired.pid) continue;
            d[attr] = [retired.pid, survivorPid];
            cols[col] = survivorPid;
            src[attr] = { source, at: now.toISOString() };
          }
          const updated = await store.update(trx, p.pid, cols, src);
          await store.addHistory(trx, { pid: p.pid, actor: ctx.actor.sub, source, reason: req.reason, change: 'updated', diff: d, at: now });
          await appendToOutbox(trx, PersonUpdated, p.pid, { pid: p.pid, version: updated.version, fields: Object.keys(d), source });
          relinked.push(p.pid);
        }

        // 5. the survivor's own record and history
        if (Object.keys(diff).length) {
          const updated = await store.update(trx, survivorPid, columns, sources);
          await store.addHistory(trx, { pid: survivorPid, actor: ctx.actor.sub, source, reason: req.reason, change: 'updated', diff, at: now });
          await appendToOutbox(trx, PersonUpdated, survivorPid, { pid: survivorPid, version: updated.version, fields: Object.keys(diff), source });
        }
        await store.addHistory(trx, {
          pid: survivorPid,
          actor: ctx.actor.sub,
          source,
          reason: req.reason,
          change: 'merged',
          diff: { mergedFrom: [null, retired.pid], ...(residences.moved.length ? { residences: [null, residences.moved] } : {}), ...(household === 'moved' ? { household: [null, theirPlace!.householdId] } : {}) },
          at: now,
        });
        await store.addHistory(trx, { pid: retired.pid, actor: ctx.actor.sub, source, reason: req.reason, change: 'merged_into', diff: { mergedInto: [null, survivorPid] }, at: now });

        // 6. the retired record leaves registry.person and becomes a pointer
        await merges.retire(trx, retired, survivorPid, ctx.actor.sub, req.reason);
        await appendToOutbox(trx, PersonMerged, retired.pid, { retiredPid: retired.pid, survivorPid, source });
        return { taken: Object.keys(changes), relinked, residences, household, cardsRevoked };
      });

      persons.invalidate([survivorPid, req.retiredPid, ...result.relinked]);
      bus.notify();
      await accessLog.record([
        { actor: ctx.actor, purpose: source, action: 'merge', subjectPid: survivorPid, fields: ['mergedFrom', ...result.taken], outcome: 'ok', requestId: ctx.requestId },
        { actor: ctx.actor, purpose: source, action: 'merge', subjectPid: req.retiredPid, fields: ['mergedInto'], outcome: 'ok', requestId: ctx.requestId },
        ...result.relinked.map((pid) => ({ actor: ctx.actor, purpose: source, action: 'update', subjectPid: pid, fields: ['relatives'], outcome: 'ok' as const, requestId: ctx.requestId })),
      ]);
      return { survivorPid, retiredPid: req.retiredPid, mergedAt: now.toISOString(), ...result };
    },

    /** Where a retired number points (undefined for a number that was never merged). */
    pointer: (pid: string) => merges.pointer(db, pid),
    retiredHistory: (survivorPid: string) => merges.retiredHistory(survivorPid),
  };
}

export type MergeService = ReturnType<typeof createMergeService>;
export { PersonMergedError };

// Marriage as a completed civil-status procedure records it (RegistryApi.registerMarriage), and its
// compensation when the procedure is undone (cancelMarriage). Both people change in one
// transaction, each with their own history entry, PersonUpdated event and access-log entry, as a
// PATCH /persons/:pid would.
import type { AccessLog } from '../../../platform/access-log/index.ts';
import { vnDay, type Clock } from '../../../platform/clock.ts';
import { appendToOutbox, type EventBus } from '../../../platform/events/index.ts';
import { requirePermission } from '../../../http/authz.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../../http/errors.ts';
import { PersonUpdated } from '../registry.events.ts';
import type { AttrSource, PersonRow } from '../registry.tables.ts';
import type { Problems } from '../person/person.rules.ts';
import type { PersonService, WriteContext } from '../person/person.service.ts';
import type { PersonStore, RegistryDb, RegistryTx } from '../person/person.store.ts';
import { bloodRelation, hasCompletedYears, MARRIAGE_AGE, type Ancestors } from './marriage.rules.ts';

export interface EffectOptions {
  /** Where the change comes from (e.g. `procedure:<case>`): the history's source. */
  source: string;
  reason: string;
}

type MaritalStatus = PersonRow['marital_status'];
const STATUSES: readonly NonNullable<MaritalStatus>[] = ['single', 'married', 'divorced', 'widowed'];

const NOT_FOUND = new NotFoundError({ vi: 'Không tìm thấy công dân.', en: 'Person not found.' });
/** Ancestors looked up for the direct line (three generations need only two). */
const GENERATIONS_UP = 8;

export function checkEffectOptions(opts: EffectOptions): void {
  const problems: Problems = [];
  if (!opts.source?.trim()) problems.push({ path: 'body.source', code: 'required', message: { vi: 'Cần nguồn của thay đổi.', en: 'The source of the change is required.' } });
  if ((opts.reason?.trim().length ?? 0) < 3) problems.push({ path: 'body.reason', code: 'required', message: { vi: 'Cần lý do thay đổi.', en: 'A reason is required.' } });
  if (problems.length) throw new ValidationError(problems);
}

export function createMarriageService(deps: { db: RegistryDb; store: PersonStore; persons: PersonService; accessLog: AccessLog; bus: EventBus; clock: Clock }) {
  const { db, store, persons, accessLog, bus, clock } = deps;

  async function ancestors(trx: RegistryTx, pid: string): Promise<Ancestors> {
    const found = new Map<string, number>();
    let frontier = [pid];
    for (let up = 1; up <= GENERATIONS_UP && frontier.length; up++) {
      const parents = await store.parentsOf(trx, frontier);
      const next: string[] = [];
      for (const p of frontier)
        for (const q of parents.get(p) ?? [])
          if (q !== pid && !found.has(q)) {
            found.set(q, up);
            next.push(q);
          }
      frontier = next;
    }
    return found;
  }

  /** Sets spouse and marital status on one record: history, event; returns the fields changed. */
  async function set(trx: RegistryTx, ctx: WriteContext, row: PersonRow, to: { spousePid: string | null; maritalStatus: MaritalStatus }, opts: EffectOptions, now: Date) {
    const diff: Record<string, [unknown, unknown]> = {};
    const columns: Partial<PersonRow> = {};
    if (row.spouse_pid !== to.spousePid) {
      diff.spousePid = [row.spouse_pid, to.spousePid];
      columns.spouse_pid = to.spousePid;
    }
    if (row.marital_status !== to.maritalStatus) {
      diff.maritalStatus = [row.marital_status, to.maritalStatus];
      columns.marital_status = to.maritalStatus;
    }
    const fields = Object.keys(diff);
    if (!fields.length) return fields;
    const sources: Record<string, AttrSource> = Object.fromEntries(fields.map((f) => [f, { source: opts.source, at: now.toISOString() }]));
    const updated = await store.update(trx, row.pid, columns, sources);
    await store.addHistory(trx, { pid: row.pid, actor: ctx.actor.sub, source: opts.source, reason: opts.reason, change: 'updated', diff, at: now });
    await appendToOutbox(trx, PersonUpdated, row.pid, { pid: row.pid, version: updated.version, fields, source: opts.source });
    return fields;
  }

  /** Locks both records after the common checks (permission, two different people the actor may change). */
  async function both(trx: RegistryTx, a: string, b: string): Promise<[PersonRow, PersonRow]> {
    const rows = await store.lockRows(trx, [a, b]);
    const pa = rows.get(a);
    const pb = rows.get(b);
    if (!pa || !pb) throw NOT_FOUND; // removed or merged meanwhile
    return [pa, pb];
  }

  async function prepare(ctx: WriteContext, a: string, b: string, opts: EffectOptions) {
    requirePermission(ctx.actor, 'person.write');
    checkEffectOptions(opts);
    if (a === b)
      throw ValidationError.field('body.spouse', 'same_person', { vi: 'Một người không thể kết hôn với chính mình.', en: 'A person cannot marry themself.' });
    await persons.requireVisibleForWrite(ctx.actor, a);
    await persons.requireVisibleForWrite(ctx.actor, b);
  }

  async function finish(ctx: WriteContext, changed: Record<string, string[]>, opts: EffectOptions) {
    persons.invalidate(Object.keys(changed));
    bus.notify();
    await accessLog.record(
      Object.entries(changed).map(([pid, fields]) => ({ actor: ctx.actor, purpose: opts.source, action: 'update', subjectPid: pid, fields, outcome: 'ok' as const, requestId: ctx.requestId })),
    );
  }

  return {
    /** Records the marriage of `a` and `b` (each the other's spouse, both married), after the law's conditions. */
    async register(ctx: WriteContext, a: string, b: string, opts: EffectOptions): Promise<void> {
      await prepare(ctx, a, b, opts);
      const today = vnDay(clock.now());
      const now = clock.now();
      const changed = await db.transaction().execute(async (trx) => {
        const [pa, pb] = await both(trx, a, b);
        const problems: Problems = [];
        for (const [row, path] of [[pa, 'body.person'], [pb, 'body.spouse']] as const) {
          if (row.life_status !== 'alive')
            problems.push({ path, code: 'not_alive', message: { vi: `Công dân ${row.pid} đã chết hoặc mất tích.`, en: `Person ${row.pid} is deceased or missing.` } });
          if (row.marital_status === 'married' || row.spouse_pid)
            problems.push({ path, code: 'already_married', message: { vi: `Công dân ${row.pid} đang có vợ hoặc chồng.`, en: `Person ${row.pid} is already married.` } });
          const age = MARRIAGE_AGE[row.sex];
          if (!hasCompletedYears(row.birth_date, age, today))
            problems.push({
              path,
              code: 'under_age',
              message: {
                vi: `Công dân ${row.pid} chưa đủ tuổi kết hôn (${row.sex === 'M' ? 'nam từ đủ 20 tuổi' : 'nữ từ đủ 18 tuổi'}, Điều 8 Luật Hôn nhân và gia đình 2014).`,
                en: `Person ${row.pid} is under the marriage age (${row.sex === 'M' ? 'a man 20 full years' : 'a woman 18 full years'}; Law on Marriage and Family 2014, art. 8).`,
              },
            });
        }
        if (pa.sex === pb.sex)
          problems.push({
            path: 'body.spouse',
            code: 'same_sex',
            message: {
              vi: 'Nhà nước không thừa nhận hôn nhân giữa những người cùng giới tính (khoản 2 Điều 8 Luật Hôn nhân và gia đình 2014).',
              en: 'Marriage between people of the same sex is not recognised (Law on Marriage and Family 2014, art. 8(2)).',
            },
          });
        const kin = bloodRelation(a, await ancestors(trx, a), b, await ancestors(trx, b));
        if (kin === 'direct_line')
          problems.push({
            path: 'body.spouse',
            code: 'direct_line',
            message: {
              vi: 'Cấm kết hôn giữa những người cùng dòng máu về trực hệ (điểm d khoản 2 Điều 5 Luật Hôn nhân và gia đình 2014).',
              en: 'Marriage between blood relatives in the direct line is prohibited (Law on Marriage and Family 2014, art. 5(2)(d)).',
            },
          });
        else if (kin === 'three_generations')
          problems.push({
            path: 'body.spouse',
            code: 'blood_relatives',
            message: {
              vi: 'Cấm kết hôn giữa những người có họ trong phạm vi ba đời (điểm d khoản 2 Điều 5 Luật Hôn nhân và gia đình 2014).',
              en: 'Marriage between relatives within three generations is prohibited (Law on Marriage and Family 2014, art. 5(2)(d)).',
            },
          });
        if (problems.length) throw new ValidationError(problems);
        return {
          [a]: await set(trx, ctx, pa, { spousePid: b, maritalStatus: 'married' }, opts, now),
          [b]: await set(trx, ctx, pb, { spousePid: a, maritalStatus: 'married' }, opts, now),
        };
      });
      await finish(ctx, changed, opts);
    },

    /**
     * Undoes a registered marriage (the compensation of its procedure): both spouse links cleared,
     * each marital status back to what it was before the change that made it 'married' (its
     * history; 'single' when there is none).
     */
    async cancel(ctx: WriteContext, a: string, b: string, opts: EffectOptions): Promise<void> {
      await prepare(ctx, a, b, opts);
      const now = clock.now();
      const changed = await db.transaction().execute(async (trx) => {
        const [pa, pb] = await both(trx, a, b);
        if (pa.spouse_pid !== b || pb.spouse_pid !== a)
          throw new ConflictError({ vi: 'Hai công dân không phải là vợ chồng của nhau.', en: 'The two people are not married to each other.' }, [
            { path: 'body.spouse', code: 'not_spouses', message: { vi: 'Không phải vợ hoặc chồng của người này.', en: 'Not this person’s spouse.' } },
          ]);
        const out: Record<string, string[]> = {};
        for (const row of [pa, pb]) out[row.pid] = await set(trx, ctx, row, { spousePid: null, maritalStatus: await statusBeforeMarriage(trx, row.pid) }, opts, now);
        return out;
      });
      await finish(ctx, changed, opts);
    },
  };

  async function statusBeforeMarriage(trx: RegistryTx, pid: string): Promise<MaritalStatus> {
    const history = await store.history(pid, trx);
    for (let i = history.length - 1; i >= 0; i--) {
      const change = history[i]!.diff?.maritalStatus;
      if (change && change[1] === 'married') {
        const before = change[0];
        return before === null || STATUSES.includes(before as NonNullable<MaritalStatus>) ? (before as MaritalStatus) : 'single';
      }
    }
    return 'single';
  }
}

export type MarriageService = ReturnType<typeof createMarriageService>;

// The compensation of a birth registration whose procedure failed (RegistryApi.cancelBirth): the
// record goes as if never registered, but only while it is still entirely that procedure's work;
// its personal ID is retired and never given again. The history stays under the retired number.
import type { AccessLog } from '../../../platform/access-log/index.ts';
import type { Clock } from '../../../platform/clock.ts';
import { appendToOutbox, type EventBus } from '../../../platform/events/index.ts';
import { requirePermission } from '../../../http/authz.ts';
import { ConflictError, NotFoundError } from '../../../http/errors.ts';
import { PersonCancelled } from '../registry.events.ts';
import type { HouseholdService } from '../household/household.service.ts';
import { rowToAttrs } from '../person/person.model.ts';
import type { PersonService, WriteContext } from '../person/person.service.ts';
import type { PersonStore, RegistryDb } from '../person/person.store.ts';
import { checkEffectOptions, type EffectOptions } from './marriage.service.ts';

const NOT_FOUND = new NotFoundError({ vi: 'Không tìm thấy công dân.', en: 'Person not found.' });

function refused(code: string, vi: string, en: string): ConflictError {
  return new ConflictError(
    { vi: `Không thể huỷ đăng ký khai sinh: ${vi}`, en: `The birth registration cannot be cancelled: ${en}` },
    [{ path: 'body.pid', code, message: { vi, en } }],
  );
}

export function createBirthCancelService(deps: { db: RegistryDb; store: PersonStore; persons: PersonService; households: HouseholdService; accessLog: AccessLog; bus: EventBus; clock: Clock }) {
  const { db, store, persons, households, accessLog, bus, clock } = deps;

  return {
    async cancel(ctx: WriteContext, pid: string, opts: EffectOptions): Promise<void> {
      requirePermission(ctx.actor, 'person.write');
      checkEffectOptions(opts);
      await persons.requireVisibleForWrite(ctx.actor, pid);
      const now = clock.now();
      const household = await db.transaction().execute(async (trx) => {
        const row = (await store.lockRows(trx, [pid])).get(pid);
        if (!row) throw NOT_FOUND;
        if (row.source !== opts.source) throw refused('other_source', 'hồ sơ không do thủ tục này lập.', 'the record was not created by this procedure.');
        const history = await store.history(pid, trx);
        if (history.some((h) => h.source !== opts.source))
          throw refused('changed_since', 'hồ sơ đã được thay đổi từ nguồn khác sau khi đăng ký.', 'the record was changed by another source since.');
        const pointing = (await store.pointingAt(trx, pid)).filter((p) => p !== pid);
        if (pointing.length) throw refused('referenced', 'hồ sơ khác đang liên kết tới công dân này.', 'other records point at this person.');
        const householdId = await households.eraseMemberships(trx, pid);
        await store.addHistory(trx, { pid, actor: ctx.actor.sub, source: opts.source, reason: opts.reason, change: 'birth_cancelled', diff: { record: [rowToAttrs(row), null] }, at: now });
        await store.removeAndRetire(trx, pid, { reason: opts.reason, by: ctx.actor.sub });
        await appendToOutbox(trx, PersonCancelled, pid, { pid, source: opts.source });
        return householdId;
      });
      persons.invalidate([pid]);
      bus.notify();
      await accessLog.record({ actor: ctx.actor, purpose: opts.source, action: 'cancel', subjectPid: pid, fields: ['record', ...(household !== null ? ['household'] : [])], outcome: 'ok', requestId: ctx.requestId });
    },
  };
}

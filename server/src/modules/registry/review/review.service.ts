// A review of a record that changes nothing (e.g. a data-quality finding dismissed as not a
// defect): written to the person's history with who, when, source and reason, and to the access
// log, so the person's history shows every decision taken on the record, not only changes.
import type { AccessLog } from '../../../platform/access-log/index.ts';
import type { Clock } from '../../../platform/clock.ts';
import { requirePermission } from '../../../http/authz.ts';
import { NotFoundError, ValidationError } from '../../../http/errors.ts';
import type { PersonService, WriteContext } from '../person/person.service.ts';
import type { PersonStore, RegistryDb } from '../person/person.store.ts';

export interface ReviewNote {
  /** What was reviewed and decided, e.g. `quality_dismissed`. */
  change: string;
  /** e.g. `data_quality`. */
  source: string;
  reason: string;
  /** What the decision was about (kept as the entry's `diff.review` after value). */
  detail: Record<string, unknown>;
}

const NOT_FOUND = new NotFoundError({ vi: 'Không tìm thấy công dân.', en: 'Person not found.' });

export function createReviewService(deps: { db: RegistryDb; store: PersonStore; persons: PersonService; accessLog: AccessLog; clock: Clock }) {
  const { db, store, persons, accessLog, clock } = deps;
  return {
    async note(ctx: WriteContext, pid: string, note: ReviewNote): Promise<void> {
      requirePermission(ctx.actor, 'person.write');
      if (!/^[a-z_]{3,40}$/.test(note.change))
        throw ValidationError.field('change', 'invalid', { vi: 'Loại ghi nhận không hợp lệ.', en: 'Invalid review kind.' });
      if (!(await persons.visible(ctx.actor, pid))) throw NOT_FOUND;
      await db.transaction().execute(async (trx) => {
        if (!(await store.findRow(trx, pid))) throw NOT_FOUND;
        await store.addHistory(trx, { pid, actor: ctx.actor.sub, source: note.source, reason: note.reason, change: note.change, diff: { review: [null, note.detail] }, at: clock.now() });
      });
      await accessLog.record({ actor: ctx.actor, purpose: note.source, action: 'review', subjectPid: pid, fields: ['history'], outcome: 'ok', requestId: ctx.requestId });
    },
  };
}

export type ReviewService = ReturnType<typeof createReviewService>;

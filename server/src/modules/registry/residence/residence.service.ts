// Residence changes: register a permanent (thường trú), temporary (tạm trú) or current residence
// (nơi ở hiện tại), declare a temporary absence (tạm vắng), end one. The active residence of the
// same kind ends on the day the new one starts; the person's history records who, when and why.
import type { AccessLog } from '../../../platform/access-log/index.ts';
import { vnDay, type Clock } from '../../../platform/clock.ts';
import { appendToOutbox, type EventBus } from '../../../platform/events/index.ts';
import { jurisdiction, requirePermission } from '../../../http/authz.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../../../http/errors.ts';
import { PersonMoved } from '../registry.events.ts';
import type { ResidenceKind } from '../registry.tables.ts';
import { checkCommune, type Problems } from '../person/person.rules.ts';
import type { WriteContext, PersonService } from '../person/person.service.ts';
import type { PersonStore, RegistryDb } from '../person/person.store.ts';

export interface ResidenceChange {
  kind: ResidenceKind;
  communeCode?: string | undefined;
  detail: string;
  legacyAddress?: string | undefined;
  validFrom?: string | undefined;
  reason: string;
}

const NOT_FOUND = new NotFoundError({ vi: 'Không tìm thấy công dân.', en: 'Person not found.' });

export function createResidenceService(deps: { db: RegistryDb; store: PersonStore; persons: PersonService; accessLog: AccessLog; bus: EventBus; clock: Clock }) {
  const { db, store, persons, accessLog, bus, clock } = deps;

  return {
    async register(ctx: WriteContext, pid: string, change: ResidenceChange) {
      requirePermission(ctx.actor, 'residence.write');
      const today = vnDay(clock.now());
      const validFrom = change.validFrom ?? today;
      const problems: Problems = [];
      if (change.kind !== 'absence' && !change.communeCode)
        problems.push({ path: 'body.communeCode', code: 'required', message: { vi: 'Cần mã xã/phường nơi cư trú.', en: 'The commune code is required.' } });
      if (change.communeCode) checkCommune(problems, 'body.communeCode', change.communeCode);
      if (validFrom > today)
        problems.push({ path: 'body.validFrom', code: 'date_in_future', message: { vi: 'Ngày bắt đầu ở tương lai.', en: 'The start date is in the future.' } });
      if (problems.length) throw new ValidationError(problems);
      // Registering a residence is done by the police of the commune the person moves to; a
      // temporary absence by the police where the person lives.
      const j = jurisdiction(ctx.actor);
      const allowed =
        change.kind === 'absence'
          ? await persons.visible(ctx.actor, pid)
          : j.kind === 'national' || (j.kind === 'communes' && j.codes.includes(change.communeCode!));
      if (!allowed)
        throw new ForbiddenError({
          vi: 'Chỉ Công an nơi đến (hoặc nơi cư trú, với khai báo tạm vắng) được đăng ký thay đổi này.',
          en: 'Only the police of the destination commune (or of residence, for an absence) may register this.',
        });
      const moved = await db.transaction().execute(async (trx) => {
        const person = await store.findRow(trx, pid, true);
        if (!person) throw NOT_FOUND;
        const active = await trx
          .selectFrom('registry.residence')
          .selectAll()
          .where('pid', '=', pid)
          .where('kind', '=', change.kind)
          .where('valid_to', 'is', null)
          .executeTakeFirst();
        if (active && active.valid_from > validFrom)
          throw ValidationError.field('body.validFrom', 'before_current', {
            vi: `Ngày bắt đầu phải từ ${active.valid_from} (ngày bắt đầu nơi cư trú hiện tại) trở đi.`,
            en: `The start date must be on or after ${active.valid_from}, when the current residence began.`,
          });
        if (active) await trx.updateTable('registry.residence').set({ valid_to: validFrom }).where('id', '=', active.id).execute();
        await trx
          .insertInto('registry.residence')
          .values({ pid, kind: change.kind, commune_code: change.communeCode ?? null, detail: change.detail, legacy_address: change.legacyAddress ?? null, valid_from: validFrom, valid_to: null, reason: change.reason })
          .execute();
        const from = active?.commune_code ?? null;
        await store.addHistory(trx, {
          pid,
          actor: ctx.actor.sub,
          source: ctx.source ?? 'residence',
          reason: change.reason,
          change: `residence_${change.kind}`,
          diff: { [`residence.${change.kind}`]: [active ? { communeCode: from, detail: active.detail } : null, { communeCode: change.communeCode ?? null, detail: change.detail, validFrom }] },
        });
        const ev = { pid, kind: change.kind, fromCommune: from, toCommune: change.communeCode ?? null, validFrom };
        await appendToOutbox(trx, PersonMoved, pid, ev);
        return ev;
      });
      persons.invalidate([pid]);
      bus.notify();
      await accessLog.record({ actor: ctx.actor, purpose: 'residence_management', action: 'update', subjectPid: pid, fields: ['residences'], outcome: 'ok', requestId: ctx.requestId });
      return moved;
    },

    async end(ctx: WriteContext, pid: string, kind: ResidenceKind, opts: { validTo?: string | undefined; reason: string }) {
      requirePermission(ctx.actor, 'residence.write');
      if (!(await persons.visible(ctx.actor, pid))) throw NOT_FOUND;
      const validTo = opts.validTo ?? vnDay(clock.now());
      await db.transaction().execute(async (trx) => {
        const active = await trx.selectFrom('registry.residence').selectAll().where('pid', '=', pid).where('kind', '=', kind).where('valid_to', 'is', null).forUpdate().executeTakeFirst();
        if (!active)
          throw new NotFoundError({ vi: 'Công dân không có nơi cư trú loại này đang hiệu lực.', en: 'The person has no active residence of this kind.' });
        if (validTo < active.valid_from)
          throw ValidationError.field('body.validTo', 'before_start', { vi: 'Ngày kết thúc trước ngày bắt đầu.', en: 'The end date is before the start date.' });
        await trx.updateTable('registry.residence').set({ valid_to: validTo }).where('id', '=', active.id).execute();
        await store.addHistory(trx, { pid, actor: ctx.actor.sub, source: ctx.source ?? 'residence', reason: opts.reason, change: `residence_${kind}_ended`, diff: { [`residence.${kind}`]: [{ communeCode: active.commune_code, detail: active.detail }, null] } });
        await appendToOutbox(trx, PersonMoved, pid, { pid, kind, fromCommune: active.commune_code, toCommune: null, validFrom: validTo });
      });
      persons.invalidate([pid]);
      bus.notify();
      await accessLog.record({ actor: ctx.actor, purpose: 'residence_management', action: 'update', subjectPid: pid, fields: ['residences'], outcome: 'ok', requestId: ctx.requestId });
    },
  };
}

export type ResidenceService = ReturnType<typeof createResidenceService>;

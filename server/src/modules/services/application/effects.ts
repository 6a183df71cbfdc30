// The effects of a completed procedure on the population registry (a definition's `effects`, words
// of catalogue/vocabulary.ts EFFECTS), applied through RegistryApi under the in-process role
// procedure_engine, each change recorded in the person's history with the source
// `procedure:<service>:<application code>`. If one fails, those already applied are undone in
// reverse order, so a procedure changes the registry wholly or not at all; `undoEffects` is also a
// linked procedure's compensation of a step that completed.
import { ConflictError } from '../../../http/errors.ts';
import type { RegistryApi, Relation, WriteContext } from '../../registry/index.ts';
import type { SingleDefinition } from '../catalogue/catalogue.schema.ts';
import type { AppliedEffect } from '../services.tables.ts';
import { holds, type Values } from './form.ts';

export interface EffectContext {
  registry: RegistryApi;
  /** The engine's write context (actor procedure_engine, source procedure:<service>:<code>). */
  ctx: WriteContext & { source: string };
  /** Source ref for person create/update bodies: `<service>:<code>`. */
  sourceRef: string;
  applicantPid: string;
  reason: string;
}

/** Outputs later steps of a linked procedure may read (catalogue STEP_OUTPUTS). */
export interface EffectOutputs {
  newPid?: string;
}

function arg(values: Values, args: Record<string, string>, name: string): string | undefined {
  const ref = args[name];
  if (ref === undefined) return undefined;
  const v = values[ref];
  return v === undefined || v === null || v === '' ? undefined : String(v);
}

/** Changes a person's attributes for the procedure (history: source procedure, ref `<service>:<code>`). */
function patch(e: EffectContext, pid: string, changes: Record<string, unknown>) {
  return e.registry.updatePerson(e.ctx, pid, { changes, reason: e.reason, source: 'procedure', sourceRef: e.sourceRef } as Parameters<RegistryApi['updatePerson']>[2]);
}

/** The province part of a personal ID for a birth registered in this commune (its current province). */
function pidProvince(communeCode: string, provinceOf: (c: string) => string | undefined): string {
  const p = provinceOf(communeCode);
  if (!p) throw new Error(`unknown commune ${communeCode}`);
  return p.padStart(3, '0');
}

/**
 * Applies every effect whose condition holds. Returns what was applied (with what to restore) and the
 * outputs; on failure, undoes what was applied and rethrows the registry's error.
 */
export async function applyEffects(
  def: SingleDefinition,
  values: Values,
  e: EffectContext,
  provinceOf: (commune: string) => string | undefined,
): Promise<{ applied: AppliedEffect[]; outputs: EffectOutputs }> {
  const applied: AppliedEffect[] = [];
  const outputs: EffectOutputs = {};
  const { registry, ctx } = e;
  const personOf = (args: Record<string, string>): string => {
    const ref = args.person;
    if (ref === '$applicant') return e.applicantPid;
    if (ref === '$new') {
      if (!outputs.newPid) throw new Error('$new used before registerBirth');
      return outputs.newPid;
    }
    const v = ref ? values[ref] : undefined;
    if (typeof v !== 'string') throw new Error(`effect person ${ref} has no value`);
    return v;
  };
  let residence: { communeCode: string; detail: string } | undefined;

  try {
    for (const eff of def.effects) {
      if (!holds(eff.when, values)) continue;
      const a = eff.args;
      const rec: AppliedEffect = { effect: eff.effect, args: {} };
      switch (eff.effect) {
        case 'registerBirth': {
          const alloc = def.effects.find((x) => x.effect === 'allocatePid');
          const commune = alloc ? arg(values, alloc.args, 'registrationCommune') : undefined;
          if (!commune) throw new Error('registerBirth needs allocatePid with a registration commune');
          const created = await registry.createPerson(ctx, {
            fullName: arg(values, a, 'fullName')!,
            birthDate: arg(values, a, 'birthDate')!,
            sex: arg(values, a, 'sex') as 'M' | 'F',
            birthPlace: arg(values, a, 'birthPlace'),
            ethnicity: arg(values, a, 'ethnicity'),
            nationality: arg(values, a, 'nationality') ?? 'VN',
            hometown: arg(values, a, 'hometown'),
            birthRegProvince: pidProvince(commune, provinceOf),
            lifeStatus: 'alive',
            maritalStatus: 'single',
            reason: e.reason,
            source: 'procedure',
            sourceRef: e.sourceRef,
          } as Parameters<RegistryApi['createPerson']>[1]);
          outputs.newPid = created.pid;
          rec.args = { person: created.pid };
          break;
        }
        case 'allocatePid':
          // the number is allocated by the registration itself (province of the registering commune)
          rec.args = { person: outputs.newPid! };
          break;
        case 'linkParents': {
          const pid = personOf(a);
          const changes: Record<string, string> = {};
          const father = arg(values, a, 'father');
          const mother = arg(values, a, 'mother');
          if (father) changes.fatherPid = father;
          if (mother) changes.motherPid = mother;
          if (!Object.keys(changes).length) continue;
          await patch(e, pid, changes);
          rec.args = { person: pid, ...changes };
          break;
        }
        case 'recordDeath': {
          const pid = personOf(a);
          await patch(e, pid, { lifeStatus: 'deceased', deathDate: arg(values, a, 'deathDate')! });
          rec.args = { person: pid };
          break;
        }
        case 'registerMarriage': {
          const pid = personOf(a);
          const spouse = arg(values, a, 'spouse')!;
          await registry.registerMarriage(ctx, pid, spouse, { source: ctx.source, reason: e.reason });
          rec.args = { person: pid, spouse };
          break;
        }
        case 'registerPermanentResidence':
        case 'registerTemporaryResidence': {
          const pid = personOf(a);
          const kind = eff.effect === 'registerPermanentResidence' ? 'permanent' : 'temporary';
          const before = (await registry.getPerson({ actor: ctx.actor, purpose: 'administrative_procedure', purposeRef: e.sourceRef }, pid)).residences?.find(
            (r) => r.kind === kind && r.validTo === null,
          );
          const communeCode = arg(values, a, 'communeCode')!;
          const detail = arg(values, a, 'detail')!;
          await registry.registerResidence(ctx, pid, { kind, communeCode, detail, reason: e.reason });
          if (kind === 'permanent') residence = { communeCode, detail };
          rec.args = { person: pid, kind };
          if (before) rec.before = { communeCode: before.communeCode, detail: before.detail, validFrom: before.validFrom };
          break;
        }
        case 'removePermanentResidence': {
          const pid = personOf(a);
          const before = (await registry.getPerson({ actor: ctx.actor, purpose: 'administrative_procedure', purposeRef: e.sourceRef }, pid)).residences?.find(
            (r) => r.kind === 'permanent' && r.validTo === null,
          );
          await registry.endResidence(ctx, pid, 'permanent', { reason: `${e.reason}: ${arg(values, a, 'reason') ?? ''}`.trim() });
          rec.args = { person: pid };
          if (before) rec.before = { communeCode: before.communeCode, detail: before.detail };
          break;
        }
        case 'declareTemporaryAbsence': {
          const pid = personOf(a);
          const to = arg(values, a, 'to');
          await registry.registerResidence(ctx, pid, {
            kind: 'absence',
            detail: `${arg(values, a, 'destination')}${to ? ` (đến ${to.split('-').reverse().join('/')})` : ''}`,
            validFrom: arg(values, a, 'from'),
            reason: e.reason,
          });
          rec.args = { person: pid };
          break;
        }
        case 'joinHousehold': {
          const pid = personOf(a);
          const head = arg(values, a, 'head');
          if (head) {
            const r = await registry.joinHousehold(ctx, pid, { headPid: head, relation: (arg(values, a, 'relation') ?? 'other') as Relation, reason: e.reason });
            rec.args = { person: pid, householdId: String(r.householdId) };
          } else {
            if (!residence) throw new Error('joinHousehold without a head founds a household at the residence registered before it');
            const r = await registry.foundHousehold(ctx, { communeCode: residence.communeCode, addressDetail: residence.detail, headPid: pid, reason: e.reason });
            rec.args = { person: pid, householdId: String(r.householdId) };
          }
          break;
        }
        case 'confirmOldId': {
          const pid = personOf(a);
          const oldId = arg(values, a, 'oldId');
          const p = await registry.getPerson({ actor: ctx.actor, purpose: 'administrative_procedure', purposeRef: e.sourceRef }, pid);
          if (p.oldId && p.oldId !== oldId)
            throw new ConflictError({
              vi: `Số CMND ${oldId ?? ''} không khớp với số CMND cũ trong Cơ sở dữ liệu quốc gia về dân cư.`,
              en: `Old ID number ${oldId ?? ''} does not match the one in the population registry.`,
            });
          if (!p.oldId && oldId) {
            await patch(e, pid, { oldId });
            rec.before = { oldId: null };
          }
          rec.args = { person: pid };
          break;
        }
        case 'requestIdCardReissue':
          // the application itself is the request the province police act on; the registry changes
          // when the new card is issued (POST /persons/:pid/id-cards)
          rec.args = { person: personOf(a) };
          break;
        case 'none':
          continue;
        default:
          throw new Error(`effect ${eff.effect} has no implementation`);
      }
      applied.push(rec);
    }
  } catch (err) {
    await undoEffects(applied, e);
    throw err;
  }
  return { applied, outputs };
}

/** Undoes applied effects, last first (catalogue vocabulary: each effect's inverse). */
export async function undoEffects(applied: readonly AppliedEffect[], e: EffectContext): Promise<void> {
  const { registry, ctx } = e;
  for (const rec of [...applied].reverse()) {
    const pid = rec.args.person!;
    switch (rec.effect) {
      case 'registerBirth':
        await registry.cancelBirth(ctx, pid, { source: ctx.source, reason: e.reason });
        break;
      case 'linkParents': {
        const changes: Record<string, null> = {};
        if (rec.args.fatherPid) changes.fatherPid = null;
        if (rec.args.motherPid) changes.motherPid = null;
        // a person whose birth is cancelled afterwards needs no unlinking, but it runs first (reverse)
        await patch(e, pid, changes);
        break;
      }
      case 'recordDeath':
        await patch(e, pid, { lifeStatus: 'alive', deathDate: null });
        break;
      case 'registerMarriage':
        await registry.cancelMarriage(ctx, pid, rec.args.spouse!, { source: ctx.source, reason: e.reason });
        break;
      case 'registerPermanentResidence':
      case 'registerTemporaryResidence': {
        const kind = rec.args.kind as 'permanent' | 'temporary';
        await registry.endResidence(ctx, pid, kind, { reason: e.reason });
        const b = rec.before as { communeCode: string; detail: string } | undefined;
        if (b) await registry.registerResidence(ctx, pid, { kind, communeCode: b.communeCode, detail: b.detail, reason: e.reason });
        break;
      }
      case 'removePermanentResidence': {
        const b = rec.before as { communeCode: string; detail: string } | undefined;
        if (b) await registry.registerResidence(ctx, pid, { kind: 'permanent', communeCode: b.communeCode, detail: b.detail, reason: e.reason });
        break;
      }
      case 'declareTemporaryAbsence':
        await registry.endResidence(ctx, pid, 'absence', { reason: e.reason });
        break;
      case 'joinHousehold':
        await registry.leaveHousehold(ctx, pid, e.reason);
        break;
      case 'confirmOldId':
        if (rec.before) await patch(e, pid, { oldId: null });
        break;
      default:
        break; // allocatePid (undone with the birth), requestIdCardReissue: nothing in the registry
    }
  }
}

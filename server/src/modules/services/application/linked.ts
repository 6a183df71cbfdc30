// Linked procedures (liên thông) as sagas: the parent application holds the whole form; each step
// runs as a child application of the step's procedure, created with the step's inputs (form fields,
// fixed values, `$step.output` such as the birth step's new personal ID). When a child finishes
// (ApplicationChanged through the outbox), the saga starts the next step, stops (complete with what
// is done), or aborts and undoes the effects of the steps that completed, last first.
import type { Actor } from '../../../http/authz.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { PersonView } from '../../registry/index.ts';
import type { LinkedDefinition, SingleDefinition } from '../catalogue/catalogue.schema.ts';
import type { ApplicationChannel, ApplicationResult, DocumentRef } from '../services.tables.ts';
import type { ApplicationRow, ApplicationStore, ServicesDb, ServicesTx } from './application.store.ts';
import type { NewRow } from './application.service.ts';
import { undoEffects, type EffectContext } from './effects.ts';
import type { Values } from './form.ts';

export interface LinkedSagaDeps {
  db: ServicesDb;
  store: ApplicationStore;
  clock: Clock;
  formDefinition(id: string): SingleDefinition | LinkedDefinition;
  prepare(
    actor: Actor,
    def: SingleDefinition | LinkedDefinition,
    applicant: PersonView,
    typed: Values,
    docs: Record<string, DocumentRef>,
    opts: { channel: ApplicationChannel; feeCollected: boolean; parent?: { id: string; step: string } | undefined },
  ): Promise<NewRow>;
  insert(trx: ServicesTx, actor: Actor, row: NewRow): Promise<ApplicationRow>;
  record(trx: ServicesTx, row: ApplicationRow, e: { actor: string; actorRole: string; action: string; stepId?: string | null; note?: string | null }): Promise<void>;
  effectContext(row: ApplicationRow, reason?: string): EffectContext;
  readApplicant(pid: string, ref: string): Promise<PersonView>;
  /** Revokes a result document in the wallet (a compensated step's document no longer holds). */
  revokeDocument(trx: ServicesTx, id: string, by: { actor: string; reason: string }): Promise<boolean>;
  /** The services module's own actor (procedure_engine). */
  engine: Actor;
}

export function createLinkedSaga(deps: LinkedSagaDeps) {
  const { db, store, clock, formDefinition, prepare, insert, record, effectContext, engine: ENGINE } = deps;

  /** The child application of step `index`, prepared: inputs from the form, fixed values or `$step.output`. */
  async function prepareStep(parent: { id: string; data: Values; channel: ApplicationChannel; applicant: PersonView }, def: LinkedDefinition, index: number, outputs: Record<string, string>) {
    const step = def.steps[index]!;
    const values: Values = {};
    for (const [field, input] of Object.entries(step.inputs)) {
      if (typeof input === 'object') values[field] = input.value;
      else if (input.startsWith('$')) values[field] = outputs[input.slice(1)];
      else if (parent.data[input] !== undefined) values[field] = parent.data[input];
    }
    return prepare(ENGINE, formDefinition(step.procedure), parent.applicant, values, {}, { channel: parent.channel, feeCollected: true, parent: { id: parent.id, step: step.id } });
  }

  async function startStep(trx: ServicesTx, parentId: string, child: NewRow) {
    await insert(trx, ENGINE, child);
    const parent = await store.update(trx, parentId, { step_id: child.linked_step, status: 'in_progress' });
    await record(trx, parent, { actor: ENGINE.sub, actorRole: ENGINE.role, action: 'step_started', stepId: child.linked_step });
  }

  /**
   * A step of a linked procedure finished (ApplicationChanged from the outbox): start the next step,
   * stop, or abort and compensate the steps that completed. Idempotent: a redelivered event finds the
   * parent already moved on.
   */
  async function advance(childId: string) {
    const child = await store.find(db, childId);
    if (!child?.parent_id) return;
    const parent = (await store.find(db, child.parent_id))!;
    if (parent.status !== 'in_progress' || parent.step_id !== child.linked_step) return;
    const def = formDefinition(parent.service_id) as LinkedDefinition;
    const index = def.steps.findIndex((s) => s.id === child.linked_step);
    const step = def.steps[index]!;
    const outputs: Record<string, string> = { ...(parent.result?.outputs ?? {}) };
    for (const [k, v] of Object.entries(child.result?.outputs ?? {})) outputs[`${step.id}.${k}`] = v;
    const finish = (status: 'completed' | 'refused', r: ApplicationResult, action: string) =>
      db.transaction().execute(async (trx) => {
        const done = await store.update(trx, parent.id, { status, step_id: null, completed_at: clock.now(), result: { ...r, outputs } });
        await record(trx, done, { actor: ENGINE.sub, actorRole: ENGINE.role, action, stepId: step.id, note: r.reasons ?? null });
      });
    if (child.status === 'refused') {
      if (step.onRefusal === 'abort') {
        // compensate the steps that completed, last first
        const done = (await store.children(parent.id)).filter((c) => c.status === 'completed' && c.result?.outcome === 'approved').reverse();
        for (const c of done) {
          const reason = `Bù trừ: hồ sơ liên thông ${parent.code} dừng vì bước "${step.id}" bị từ chối`;
          await undoEffects(c.result?.applied ?? [], effectContext(c, reason));
          await db.transaction().execute(async (trx) => {
            if (c.result?.walletDocumentId) await deps.revokeDocument(trx, c.result.walletDocumentId, { actor: ENGINE.sub, reason });
            const r = await store.update(trx, c.id, { result: { ...c.result!, outcome: 'aborted' } });
            await record(trx, r, { actor: ENGINE.sub, actorRole: ENGINE.role, action: 'compensated', stepId: c.linked_step });
          });
        }
        return finish('refused', { outcome: 'aborted', reasons: child.result?.reasons }, 'aborted');
      }
      if (step.onRefusal === 'stop') return finish('completed', { outcome: 'approved', reasons: child.result?.reasons }, 'stopped');
    }
    if (index + 1 >= def.steps.length) return finish('completed', { outcome: 'approved' }, 'completed');
    const applicant = await deps.readApplicant(parent.applicant_pid, parent.code);
    const next = await prepareStep({ id: parent.id, data: parent.data, channel: parent.channel, applicant }, def, index + 1, outputs);
    await db.transaction().execute(async (trx) => {
      // another delivery of the same event (another process) may have started it meanwhile
      const now = await store.find(trx, parent.id, true);
      if (now?.status !== 'in_progress' || now.step_id !== child.linked_step) return;
      await store.update(trx, parent.id, { result: { ...(parent.result ?? { outcome: 'approved' }), outputs } });
      await startStep(trx, parent.id, next);
    });
  }

  return { prepareStep, startStep, advance };
}

// Applications (hồ sơ): prefilled from the registry, checked against their definition, charged their
// fee, routed to the commune or province that handles them, moved through the workflow's steps by
// the officials of that unit (approve, refuse, ask for a supplement) against a deadline in working
// days, and on completion applied to the registry and issued into the wallet. A linked procedure is
// a parent application whose steps run as child applications (linked.ts). No SQL (store), no HTTP.
import { createHash, randomUUID } from 'node:crypto';
import { loadAdminUnits } from '@open06/kernel/admin-units';
import { addDays } from '@open06/kernel/calendar';
import { jurisdiction, requirePermission, roleDef, type Actor } from '../../../http/authz.ts';
import { AppError, ConflictError, ForbiddenError, NotFoundError, ValidationError, type FieldProblem, type Text } from '../../../http/errors.ts';
import type { AccessLog } from '../../../platform/access-log/index.ts';
import { appendToOutbox, type EventBus } from '../../../platform/events/index.ts';
import { ApplicationChanged } from '../services.events.ts';
import { vnDay, type Clock } from '../../../platform/clock.ts';
import type { PaymentsApi, PaymentView } from '../../payments/index.ts';
import type { PersonView, ReadContext, RegistryApi } from '../../registry/index.ts';
import type { Definition, LinkedDefinition, SingleDefinition, Step } from '../catalogue/catalogue.schema.ts';
import type { Catalogue } from '../catalogue/catalogue.ts';
import type { LocalFees } from '../catalogue/local-fees.ts';
import { EXTERNAL_CREDENTIAL_TITLES } from '../catalogue/vocabulary.ts';
import { FeeError, quoteFee, type FeeQuote } from '@open06/kernel/fees';
import type { ApplicationChannel, ApplicationResult, DocumentRef } from '../services.tables.ts';
import type { Wallet } from '../wallet/wallet.ts';
import type { ApplicationRow, ApplicationStore, NewApplication, ServicesDb, ServicesTx } from './application.store.ts';
import { daysLeft, dueOn } from './deadline.ts';
import { applyEffects, undoEffects, type EffectContext } from './effects.ts';
import { checkForm, fieldsOf, holds, type Values } from './form.ts';
import { createLinkedSaga } from './linked.ts';
import { mergePrefill, prefillForm, type PrefillEntry, type PersonReader } from './prefill.ts';

/** The services module's own actor: reads for prefill and writes the registry effects. */
export const ENGINE: Actor = { sub: 'services', role: 'procedure_engine', name: 'Cổng dịch vụ công' };
export const PAYMENT_PURPOSE = 'service_application';
const PURPOSE = 'administrative_procedure';
const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

export interface SubmitBody {
  serviceId: string;
  values: Values;
  documents?: Record<string, DocumentRef> | undefined;
}
export type Outcome = 'approve' | 'refuse' | 'request_supplement';

export interface ApplicationServiceDeps {
  db: ServicesDb;
  store: ApplicationStore;
  catalogue: Catalogue;
  registry: RegistryApi;
  payments: PaymentsApi;
  wallet: Wallet;
  accessLog: AccessLog;
  bus: EventBus;
  clock: Clock;
  /** Rates each province set itself (`local` fee rules). */
  localFees: LocalFees;
}

const NOT_FOUND = new NotFoundError({ vi: 'Không tìm thấy hồ sơ.', en: 'Application not found.' });
const STALE = new ConflictError({ vi: 'Hồ sơ vừa được người khác xử lý: hãy tải lại.', en: 'Someone else has just acted on this application: reload it.' });
const NOT_LINKED: Text = {
  vi: 'Người này không có quan hệ gia đình với bạn trong Cơ sở dữ liệu quốc gia về dân cư (hoặc không có số định danh này): hãy nộp hồ sơ tại bộ phận một cửa.',
  en: 'This person is not linked to you in the population registry (or the number does not exist): apply at a one-stop desk.',
};
const NOT_READABLE_DESK: Text = { vi: 'Không tìm thấy công dân trong địa bàn quản lý.', en: 'No such person within your jurisdiction.' };

type FormDef = SingleDefinition | LinkedDefinition;
/** An application prefilled, checked and priced, ready to store. */
export type NewRow = NewApplication & { id: string; data: Values; documents: Record<string, DocumentRef>; linked_step: string | null };

export function createApplicationService(deps: ApplicationServiceDeps) {
  const { db, store, catalogue, registry, payments, wallet, accessLog, bus, clock, localFees } = deps;
  const units = loadAdminUnits();
  const provinceOf = (commune: string) => units.commune(commune)?.provinceCode;
  const today = () => vnDay(clock.now());

  function formDefinition(serviceId: string): FormDef {
    const def = catalogue.procedures.get(serviceId);
    if (!def) throw new NotFoundError({ vi: `Không có thủ tục ${serviceId}.`, en: `No procedure ${serviceId}.` });
    if (def.kind === 'module')
      throw new ConflictError({ vi: `${def.name.vi}: thực hiện trong chức năng riêng của nền tảng.`, en: `${def.name.en} is done in its own part of the platform.` });
    return def;
  }

  const engineCtx = (ref: string): ReadContext => ({ actor: ENGINE, purpose: PURPOSE, purposeRef: ref });

  /** Who the registry is read as, and which people a form may name: the citizen's family, or an official's jurisdiction. */
  async function readerFor(actor: Actor, applicant: PersonView, ref: string): Promise<PersonReader> {
    if (actor.role === 'citizen') {
      let linked: Set<string> | undefined;
      return async (pid, via) => {
        if (!via.relative) {
          linked ??= new Set([
            applicant.pid,
            ...[applicant.fatherPid, applicant.motherPid, applicant.spousePid].filter((x): x is string => !!x),
            ...(await registry.linkedPersons({ ...engineCtx(ref) }, [applicant.pid])),
          ]);
          if (!linked.has(pid)) return null;
        }
        return registry.getPerson(engineCtx(ref), pid).catch((err: unknown) => (err instanceof AppError && err.status < 500 ? null : Promise.reject(err)));
      };
    }
    return (pid) => registry.getPerson({ actor, purpose: PURPOSE, purposeRef: ref }, pid).catch((err: unknown) => (err instanceof AppError && err.status < 500 ? null : Promise.reject(err)));
  }

  async function readApplicant(actor: Actor, pid: string, ref: string): Promise<PersonView> {
    try {
      return await registry.getPerson(actor.role === 'citizen' ? engineCtx(ref) : { actor, purpose: PURPOSE, purposeRef: ref }, pid);
    } catch (err) {
      if (err instanceof AppError && err.status === 404) throw ValidationError.field('body.applicantPid', 'person_unknown', NOT_READABLE_DESK);
      throw err;
    }
  }

  function applicantPidOf(actor: Actor, body: { applicantPid?: string | undefined }): string {
    if (actor.role === 'citizen') {
      if (!actor.pid) throw new ForbiddenError({ vi: 'Tài khoản chưa gắn số định danh.', en: 'The account has no personal ID.' });
      return actor.pid;
    }
    requirePermission(actor, 'application.process');
    if (!body.applicantPid) throw ValidationError.field('body.applicantPid', 'required', { vi: 'Cần số định danh của người nộp hồ sơ.', en: 'The applicant’s personal ID is required.' });
    return body.applicantPid;
  }

  async function prefillFor(actor: Actor, def: FormDef, applicant: PersonView, typed: Values, ref: string) {
    const read = await readerFor(actor, applicant, ref);
    const { entries, unreadable } = await prefillForm(def, applicant, typed, read);
    const problems: FieldProblem[] = unreadable.map((f) => ({ path: `body.values.${f}`, code: 'not_linked', message: actor.role === 'citizen' ? NOT_LINKED : NOT_READABLE_DESK }));
    return { entries, problems };
  }

  function quote(def: FormDef, channel: ApplicationChannel, values: Values, province: string): FeeQuote {
    try {
      return quoteFee(def.fee, { channel: channel === 'online' ? 'online' : 'desk', values, localRates: localFees(province) });
    } catch (err) {
      if (!(err instanceof FeeError)) throw err;
      if (!err.field.includes('.'))
        throw new ConflictError({
          vi: `Tỉnh chưa quy định mức lệ phí cho thủ tục này (${err.field}): chưa nhận được hồ sơ.`,
          en: `The province has not set the fee of this procedure (${err.field}): applications cannot be taken yet.`,
        });
      throw ValidationError.field(`body.values.${err.field}`, 'fee', { vi: `Không tính được lệ phí: ${err.message}`, en: `Cannot compute the fee: ${err.message}` });
    }
  }

  /** Documents against the definition: each required one given, uploads the owner's and unused (or already this application's), wallet credentials of the right kind. */
  async function checkDocuments(def: FormDef, values: Values, docs: Record<string, DocumentRef>, ownerPid: string, applicationId: string | null = null): Promise<FieldProblem[]> {
    const problems: FieldProblem[] = [];
    const known = new Map(def.documents.map((d) => [d.id, d]));
    for (const id of Object.keys(docs))
      if (!known.has(id)) problems.push({ path: `body.documents.${id}`, code: 'unknown_document', message: { vi: `Thủ tục không yêu cầu giấy tờ ${id}.`, en: `The procedure asks for no document ${id}.` } });
    const uploads = Object.values(docs).flatMap((d) => ('attachmentId' in d ? [d.attachmentId] : []));
    const files = new Map((await store.attachments(uploads)).map((a) => [a.id, a]));
    for (const d of def.documents) {
      if (!holds(d.when, values)) continue;
      const ref = docs[d.id];
      const path = `body.documents.${d.id}`;
      if (!ref) {
        if (d.required) problems.push({ path, code: 'required', message: { vi: `${d.title.vi}: bắt buộc.`, en: `${d.title.en}: required.` } });
        continue;
      }
      if ('attachmentId' in ref) {
        const f = files.get(ref.attachmentId);
        if (!d.upload) problems.push({ path, code: 'upload_not_accepted', message: { vi: `${d.title.vi}: lấy từ ví giấy tờ, không tải lên.`, en: `${d.title.en}: reused from the wallet, not uploaded.` } });
        else if (!f || f.owner_pid !== ownerPid || (f.application_id !== null && f.application_id !== applicationId))
          problems.push({ path, code: 'attachment_unknown', message: { vi: 'Không tìm thấy tệp đã tải lên.', en: 'No such uploaded file.' } });
      } else if (!d.credential || !(await wallet.usable(ownerPid, ref.walletDocumentId, d.credential)))
        problems.push({ path, code: 'wallet_document', message: { vi: `${d.title.vi}: giấy tờ trong ví không phù hợp.`, en: `${d.title.en}: not a matching document of your wallet.` } });
    }
    return problems;
  }

  /** The first step at or after `from` whose condition holds. */
  function nextStep(def: SingleDefinition, values: Values, from: number): Step | undefined {
    return def.workflow.steps.slice(from).find((s) => holds(s.when, values));
  }

  function queueOf(row: { commune_code: string; province_code: string }, step: { role: string; unit: 'commune' | 'province' }) {
    return { step_role: step.role, queue_unit: step.unit === 'commune' ? row.commune_code : row.province_code };
  }

  /**
   * Prefill, check and price one application, reading the registry (outside any transaction: the
   * embedded database has one connection). Throws a ValidationError listing every problem.
   */
  async function prepare(
    actor: Actor,
    def: FormDef,
    applicant: PersonView,
    typed: Values,
    docs: Record<string, DocumentRef>,
    opts: { channel: ApplicationChannel; feeCollected: boolean; parent?: { id: string; step: string } | undefined },
  ): Promise<NewRow> {
    const { entries, problems: unreadable } = await prefillFor(opts.parent ? ENGINE : actor, def, applicant, typed, def.id);
    const merged = mergePrefill(typed, entries);
    const checked = checkForm(def, merged.values, today());
    // a linked step's values come from the application that chains it, not from a person typing
    const problems = [...(opts.parent ? [] : merged.problems), ...unreadable, ...checked.problems];
    if (!opts.parent) problems.push(...(await checkDocuments(def, checked.values, docs, applicant.pid)));
    if (problems.length) throw new ValidationError(problems);
    const values = checked.values;
    const commune = String(values[def.routing.commune]);
    const fee = quote(def, opts.channel, values, provinceOf(commune)!);
    const prefilled: Record<string, { source: string; updatedAt: string; of: string }> = {};
    for (const [field, e] of Object.entries(entries) as [string, PrefillEntry][])
      if (field in values && values[field] === e.value) prefilled[field] = { source: e.source, updatedAt: e.updatedAt, of: e.of };
    const unpaid = fee.amount > 0 && !opts.feeCollected;
    const received = unpaid ? null : today();
    const row: NewRow = {
      id: randomUUID(),
      service_id: def.id,
      parent_id: opts.parent?.id ?? null,
      linked_step: opts.parent?.step ?? null,
      applicant_pid: applicant.pid,
      submitted_by: actor.sub,
      channel: opts.channel,
      commune_code: commune,
      province_code: provinceOf(commune)!,
      status: unpaid ? 'awaiting_payment' : 'in_progress',
      step_id: null,
      step_role: null,
      queue_unit: null,
      data: values,
      documents: docs,
      prefilled,
      fields_total: Object.keys(values).length,
      fields_prefilled: Object.keys(prefilled).length,
      fee_amount: fee.amount,
      fee_paid: fee.amount > 0 && opts.feeCollected ? 'desk' : null,
      received_on: received,
      due_on: received ? dueOn(received, def.processing.workingDays) : null,
    };
    if (def.kind === 'single') {
      const first = nextStep(def, values, 0)!;
      Object.assign(row, { step_id: first.id, ...queueOf(row, first) });
    } else row.step_id = def.steps[0]!.id;
    return row;
  }

  async function insert(trx: ServicesTx, actor: Actor, row: NewRow): Promise<ApplicationRow> {
    const saved = await store.insert(trx, row, today());
    const uploads = Object.entries(row.documents).flatMap(([documentId, d]) => ('attachmentId' in d ? [{ id: d.attachmentId, documentId }] : []));
    await store.claimAttachments(trx, saved.id, uploads);
    await record(trx, saved, {
      actor: actor.sub,
      actorRole: actor.role,
      action: 'submitted',
      stepId: saved.step_id,
      detail: { channel: row.channel, fee: Number(row.fee_amount), prefilled: saved.fields_prefilled, fields: saved.fields_total },
    });
    return saved;
  }

  /**
   * Writes what happened to an application: its event row, and ApplicationChanged in the outbox for
   * the saga, the notifications and anyone else listening (same transaction).
   */
  async function record(
    trx: ServicesTx,
    row: Pick<ApplicationRow, 'id' | 'code' | 'service_id' | 'parent_id' | 'status' | 'commune_code' | 'applicant_pid'>,
    e: { actor: string; actorRole: string; action: string; stepId?: string | null; note?: string | null; detail?: Record<string, unknown> | null },
  ) {
    await store.event(trx, { applicationId: row.id, ...e });
    await appendToOutbox(trx, ApplicationChanged, row.id, {
      applicationId: row.id,
      code: row.code,
      serviceId: row.service_id,
      parentId: row.parent_id,
      applicantPid: row.applicant_pid,
      status: row.status,
      action: e.action,
      communeCode: row.commune_code,
    });
  }

  function effectContext(row: ApplicationRow, reason?: string): EffectContext {
    return {
      registry,
      ctx: { actor: ENGINE, source: `procedure:${row.service_id}:${row.code}` },
      sourceRef: `${row.service_id}:${row.code}`,
      applicantPid: row.applicant_pid,
      reason: reason ?? `Thủ tục ${catalogue.procedures.get(row.service_id)?.name.vi ?? row.service_id}, hồ sơ ${row.code}`,
    };
  }

  const saga = createLinkedSaga({ db, store, clock, formDefinition, prepare, insert, record, effectContext, engine: ENGINE, readApplicant: (pid, ref) => registry.getPerson(engineCtx(ref), pid), revokeDocument: wallet.revoke });

  /**
   * The last step approved: the registry effects (each in its own registry transaction), then the
   * result into the wallet and the application completed in one transaction that only succeeds if
   * nobody acted on the application meanwhile; otherwise the effects are undone.
   */
  async function complete(actor: Actor, row: ApplicationRow, def: SingleDefinition, note: string | undefined): Promise<ApplicationRow> {
    const e = effectContext(row);
    const { applied, outputs } = await applyEffects(def, row.data, e, provinceOf);
    try {
      return await db.transaction().execute(async (trx) => {
        const cur = await store.find(trx, row.id, true);
        if (!cur || cur.version !== row.version) throw STALE;
        let walletDocumentId: string | undefined;
        if (def.result.credential) {
          const subjectPid = outputs.newPid ?? applied.find((a) => a.args.person)?.args.person ?? row.applicant_pid;
          walletDocumentId = await wallet.issue(trx, {
            holderPid: row.applicant_pid,
            subjectPid,
            kind: def.result.kind,
            title: def.result.title,
            applicationId: row.id,
            claims: { application: row.code, procedure: def.name.vi, issued_on: today(), subject_pid: subjectPid, ...resultClaims(def, row.data, outputs) },
          });
        }
        const result: ApplicationResult = { outcome: 'approved', walletDocumentId, outputs: outputs.newPid ? { newPid: outputs.newPid } : {}, applied };
        const done = await store.update(trx, row.id, { status: 'completed', step_id: null, step_role: null, queue_unit: null, completed_at: clock.now(), result });
        await record(trx, done, { actor: actor.sub, actorRole: actor.role, action: 'approved', stepId: row.step_id, note: note ?? null });
        await record(trx, done, { actor: ENGINE.sub, actorRole: ENGINE.role, action: 'completed', stepId: row.step_id, detail: { walletDocumentId: walletDocumentId ?? null, ...outputs } });
        return done;
      });
    } catch (err) {
      await undoEffects(applied, e);
      throw err;
    }
  }

  /** The form values a result document states (the fields of sections that are not about the applicant). */
  function resultClaims(def: SingleDefinition, values: Values, outputs: { newPid?: string }): Record<string, unknown> {
    const claims: Record<string, unknown> = {};
    for (const { id } of fieldsOf(def)) if (values[id] !== undefined && !id.startsWith('applicant.')) claims[id.replace('.', '_')] = values[id];
    if (outputs.newPid) claims.new_pid = outputs.newPid;
    return claims;
  }

  // ---- who may see and act -----------------------------------------------------------------------

  function covers(actor: Actor, row: ApplicationRow): boolean {
    const j = jurisdiction(actor);
    if (j.kind === 'national') return true;
    if (j.kind === 'self') return row.applicant_pid === j.pid;
    return j.codes.includes(row.commune_code);
  }

  function mayAct(actor: Actor, row: ApplicationRow): boolean {
    if (row.step_role !== actor.role || !row.queue_unit) return false;
    return actor.unit === row.queue_unit;
  }

  async function load(actor: Actor, id: string): Promise<ApplicationRow> {
    const row = await store.find(db, id);
    if (!row) throw NOT_FOUND;
    if (actor.role === 'citizen') {
      if (row.applicant_pid !== actor.pid) throw NOT_FOUND;
      return row;
    }
    requirePermission(actor, 'application.process');
    // mayAct implies the queue's unit is the actor's
    if (!covers(actor, row) && !(row.queue_unit && actor.unit === row.queue_unit)) throw NOT_FOUND;
    await accessLog.record({ actor, purpose: `${PURPOSE}:${row.code}`, action: 'read_application', subjectPid: row.applicant_pid, fields: ['application'], outcome: 'ok' });
    return row;
  }

  // ---- views -------------------------------------------------------------------------------------

  function summary(row: ApplicationRow) {
    const def = catalogue.procedures.get(row.service_id);
    const step = def?.kind === 'single' ? def.workflow.steps.find((s) => s.id === row.step_id) : def?.kind === 'linked' ? def.steps.find((s) => s.id === row.step_id) : undefined;
    const left = row.due_on && row.status === 'in_progress' ? daysLeft(today(), row.due_on) : null;
    return {
      id: row.id,
      code: row.code,
      serviceId: row.service_id,
      serviceName: def?.name ?? { vi: row.service_id, en: row.service_id },
      applicantPid: row.applicant_pid,
      channel: row.channel,
      communeCode: row.commune_code,
      status: row.status,
      step: step ? ('role' in step ? { id: step.id, name: step.name, role: step.role } : { id: step.id, name: catalogue.procedures.get(step.procedure)?.name ?? { vi: step.id, en: step.id }, role: step.owner.role }) : null,
      fee: { amount: Number(row.fee_amount), paid: row.fee_paid },
      submittedAt: new Date(row.submitted_at).toISOString(),
      receivedOn: row.received_on,
      dueOn: row.due_on,
      daysLeft: left,
      overdue: left !== null && left < 0,
      completedAt: row.completed_at ? new Date(row.completed_at).toISOString() : null,
      parentId: row.parent_id,
      prefilledShare: row.fields_total ? row.fields_prefilled / row.fields_total : 0,
      applicantName: applicantNameOf(def, row.data),
      queueUnit: row.queue_unit,
    };
  }

  async function detail(row: ApplicationRow) {
    const [events, children, paymentsOf] = await Promise.all([
      store.events(row.id),
      catalogue.procedures.get(row.service_id)?.kind === 'linked' ? store.children(row.id) : Promise.resolve([]),
      Number(row.fee_amount) > 0 ? payments.forSubject(PAYMENT_PURPOSE, row.id) : Promise.resolve([] as PaymentView[]),
    ]);
    return {
      ...summary(row),
      version: row.version,
      values: row.data,
      prefilled: row.prefilled,
      documents: row.documents,
      result: row.result ? { outcome: row.result.outcome, reasons: row.result.reasons ?? null, walletDocumentId: row.result.walletDocumentId ?? null, outputs: row.result.outputs ?? {} } : null,
      daysLeftWhenPaused: row.days_left,
      payment: paymentsOf[0] ?? null,
      events: events.map((e) => ({ at: new Date(e.at).toISOString(), action: e.action, stepId: e.step_id, actorRole: e.actor_role, roleLabel: roleLabel(e.actor_role), note: e.note })),
      steps: children.map(summary),
    };
  }

  function roleLabel(role: string): Text {
    try {
      return roleDef(role as Actor['role']).label;
    } catch {
      return { vi: role, en: role };
    }
  }

  async function openPayment(row: ApplicationRow, def: FormDef): Promise<void> {
    await payments.request({ purpose: PAYMENT_PURPOSE, subjectRef: row.id, payerPid: row.applicant_pid, description: `${row.code} ${def.name.vi}`.slice(0, 140), amount: Number(row.fee_amount) });
  }

  return {
    advanceLinked: saga.advance,

    /** What the registry fills in for this form, with sources (logged as reads for the procedure). */
    async prefill(actor: Actor, serviceId: string, body: { values: Values; applicantPid?: string | undefined }) {
      const def = formDefinition(serviceId);
      const pid = applicantPidOf(actor, body);
      const applicant = await readApplicant(actor, pid, def.id);
      const { entries, problems } = await prefillFor(actor, def, applicant, body.values, def.id);
      return { entries, problems };
    },

    async submit(actor: Actor, body: SubmitBody & { applicantPid?: string | undefined; feeCollected?: boolean | undefined; kiosk?: boolean | undefined }) {
      const def = formDefinition(body.serviceId);
      const pid = applicantPidOf(actor, body);
      const applicant = await readApplicant(actor, pid, def.id);
      const channel: ApplicationChannel = actor.role === 'citizen' ? (body.kiosk ? 'kiosk' : 'online') : 'desk';
      // online, the procedure's e-ID level applies (operators' signed tokens carry none)
      if (actor.role === 'citizen' && actor.level !== undefined && actor.level < def.eidLevel)
        throw new ForbiddenError({
          vi: `Thủ tục này cần tài khoản định danh điện tử mức ${def.eidLevel}: hãy đến Công an xã, phường để nâng mức, hoặc nộp tại bộ phận một cửa.`,
          en: `This procedure needs an e-ID account of level ${def.eidLevel}: have it raised at the commune police, or apply at a one-stop desk.`,
        });
      const prepared = await prepare(actor, def, applicant, body.values, body.documents ?? {}, { channel, feeCollected: channel === 'desk' && !!body.feeCollected });
      // a linked procedure's first step is checked with it, so that its problems reach the applicant now
      const first =
        def.kind === 'linked' && prepared.status === 'in_progress'
          ? await saga.prepareStep({ id: prepared.id, data: prepared.data, channel, applicant }, def, 0, {})
          : undefined;
      const row = await db.transaction().execute(async (trx) => {
        const saved = await insert(trx, actor, prepared);
        if (first) await saga.startStep(trx, saved.id, first);
        return first ? (await store.find(trx, saved.id))! : saved;
      });
      if (row.status === 'awaiting_payment') await openPayment(row, def);
      return detail(row);
    },

    async get(actor: Actor, id: string) {
      return detail(await load(actor, id));
    },

    async mine(actor: Actor) {
      if (actor.role !== 'citizen' || !actor.pid) throw new ForbiddenError({ vi: 'Chỉ công dân có hồ sơ của mình.', en: 'Only citizens have applications of their own.' });
      return (await store.mine(actor.pid, 100)).map(summary);
    },

    /** An official's queue: what waits at their unit for their role, the most urgent first, and how many by status. */
    async queue(actor: Actor, q: { status?: 'in_progress' | 'supplement_requested' | 'awaiting_payment' | undefined; serviceId?: string | undefined; overdue?: boolean | undefined; limit: number }) {
      requirePermission(actor, 'application.process');
      const where = { units: actor.unit ? [actor.unit] : [], roles: [actor.role], serviceId: q.serviceId, dueBy: q.overdue ? addDays(today(), -1) : undefined };
      const [rows, counts] = await Promise.all([store.queue({ ...where, status: q.status ?? 'in_progress', limit: q.limit }), store.queueCounts(where)]);
      return { items: rows.map(summary), counts };
    },

    /** An official decides the current step. */
    async decide(actor: Actor, id: string, body: { outcome: Outcome; note?: string | undefined; version?: number | undefined }) {
      requirePermission(actor, 'application.process');
      const row = await store.find(db, id);
      if (!row || !(mayAct(actor, row) || covers(actor, row))) throw NOT_FOUND;
      if (row.status !== 'in_progress' || !mayAct(actor, row))
        throw new ConflictError({ vi: 'Hồ sơ không chờ vai trò của bạn ở bước này.', en: 'The application is not waiting for your role at this step.' });
      if (body.version !== undefined && body.version !== row.version) throw STALE;
      const def = formDefinition(row.service_id) as SingleDefinition;
      const index = def.workflow.steps.findIndex((s) => s.id === row.step_id);
      const step = def.workflow.steps[index]!;
      if (!step.outcomes.includes(body.outcome))
        throw ValidationError.field('body.outcome', 'outcome', { vi: `Bước "${step.name.vi}" không có kết quả này.`, en: `Step "${step.name.en}" has no such outcome.` });
      if (body.outcome !== 'approve' && !body.note?.trim())
        throw ValidationError.field('body.note', 'required', { vi: 'Cần nêu rõ lý do hoặc giấy tờ cần bổ sung.', en: 'Give the reasons, or what must be supplied.' });
      const next = body.outcome === 'approve' ? nextStep(def, row.data, index + 1) : undefined;
      const done =
        body.outcome === 'approve' && !next
          ? await complete(actor, row, def, body.note)
          : await db.transaction().execute(async (trx) => {
              const cur = await store.find(trx, id, true);
              if (!cur || cur.version !== row.version) throw STALE;
              const event = { actor: actor.sub, actorRole: actor.role, stepId: step.id, note: body.note ?? null };
              if (body.outcome === 'refuse') {
                const r = await store.update(trx, row.id, { status: 'refused', step_id: null, step_role: null, queue_unit: null, completed_at: clock.now(), result: { outcome: 'refused', reasons: body.note } });
                await record(trx, r, { ...event, action: 'refused' });
                return r;
              }
              if (body.outcome === 'request_supplement') {
                const left = row.due_on ? Math.max(0, daysLeft(today(), row.due_on)) : def.processing.workingDays;
                const r = await store.update(trx, row.id, { status: 'supplement_requested', days_left: left, due_on: null });
                await record(trx, r, { ...event, action: 'supplement_requested' });
                return r;
              }
              const r = await store.update(trx, row.id, { step_id: next!.id, ...queueOf(row, next!) });
              await record(trx, r, { ...event, action: 'approved' });
              return r;
            });
      if (done.status !== 'in_progress' && done.status !== 'supplement_requested') bus.notify();
      return detail(done);
    },

    /** The applicant answers a request for a supplement: changed values and documents; the clock restarts. */
    async supplement(actor: Actor, id: string, body: { values?: Values | undefined; documents?: Record<string, DocumentRef> | undefined; note?: string | undefined }) {
      const row = await load(actor, id);
      if (actor.role !== 'citizen') throw new ForbiddenError({ vi: 'Người nộp hồ sơ bổ sung.', en: 'The applicant supplies the supplement.' });
      if (row.status !== 'supplement_requested') throw new ConflictError({ vi: 'Hồ sơ không chờ bổ sung.', en: 'The application is not waiting for a supplement.' });
      const def = formDefinition(row.service_id);
      const locked = Object.keys(row.prefilled).filter((f) => !def.prefill.find((p) => p.field === f)?.editable);
      const problems: FieldProblem[] = Object.keys(body.values ?? {})
        .filter((f) => locked.includes(f))
        .map((f) => ({ path: `body.values.${f}`, code: 'registry_value', message: { vi: 'Giá trị lấy từ CSDL quốc gia về dân cư, không sửa ở đây.', en: 'A registry value cannot be changed here.' } }));
      const checked = checkForm(def, { ...row.data, ...(body.values ?? {}) }, today());
      const docs = { ...row.documents, ...(body.documents ?? {}) };
      const fresh = body.documents ?? {};
      problems.push(...checked.problems, ...(await checkDocuments(def, checked.values, docs, row.applicant_pid, row.id)));
      if (problems.length) throw new ValidationError(problems);
      const done = await db.transaction().execute(async (trx) => {
        const cur = (await store.find(trx, id, true))!;
        if (cur.status !== 'supplement_requested') throw new ConflictError({ vi: 'Hồ sơ không chờ bổ sung.', en: 'The application is not waiting for a supplement.' });
        const uploads = Object.entries(fresh).flatMap(([documentId, d]) => ('attachmentId' in d ? [{ id: d.attachmentId, documentId }] : []));
        await store.claimAttachments(trx, id, uploads);
        const r = await store.update(trx, id, { status: 'in_progress', data: checked.values, documents: docs, due_on: dueOn(today(), cur.days_left ?? 0), days_left: null });
        await record(trx, r, { actor: actor.sub, actorRole: actor.role, action: 'supplemented', stepId: cur.step_id, note: body.note ?? null, detail: { fields: Object.keys(body.values ?? {}), documents: Object.keys(fresh) } });
        return r;
      });
      return detail(done);
    },

    async withdraw(actor: Actor, id: string, reason: string | undefined) {
      const row = await load(actor, id);
      if (actor.role !== 'citizen') throw new ForbiddenError({ vi: 'Chỉ người nộp được rút hồ sơ.', en: 'Only the applicant may withdraw.' });
      if (!['awaiting_payment', 'in_progress', 'supplement_requested'].includes(row.status) || row.parent_id)
        throw new ConflictError({ vi: 'Hồ sơ đã kết thúc, không rút được.', en: 'The application is finished and cannot be withdrawn.' });
      const done = await db.transaction().execute(async (trx) => {
        // decided in the transaction: a completion committed meanwhile is not undone by this
        const cur = await store.find(trx, id, true);
        if (!cur || cur.status !== row.status) throw STALE;
        const r = await store.update(trx, id, { status: 'withdrawn', step_id: null, step_role: null, queue_unit: null, completed_at: clock.now(), result: { outcome: 'withdrawn', reasons: reason } });
        for (const c of await store.children(id, trx))
          if (c.status === 'in_progress' || c.status === 'supplement_requested')
            await store.update(trx, c.id, { status: 'withdrawn', step_id: null, step_role: null, queue_unit: null, completed_at: clock.now(), result: { outcome: 'withdrawn', reasons: reason } });
        await record(trx, r, { actor: actor.sub, actorRole: actor.role, action: 'withdrawn', note: reason ?? null });
        return r;
      });
      return detail(done);
    },

    /**
     * An official of the unit revokes the result document of a completed application (issued in
     * error, or no longer true): verifiers see it revoked through the status list, the citizen
     * sees it in the wallet and is told. The registry is not changed here (that is a procedure).
     */
    async revokeResult(actor: Actor, id: string, reason: string) {
      requirePermission(actor, 'application.process');
      const row = await store.find(db, id);
      if (!row || !covers(actor, row)) throw NOT_FOUND;
      // the roles that decide this procedure, not any official of the unit
      const def = formDefinition(row.service_id);
      if (def.kind !== 'single' || !def.workflow.steps.some((s) => s.role === actor.role))
        throw new ForbiddenError({ vi: 'Chỉ người có vai trò trong quy trình của thủ tục này được thu hồi kết quả.', en: "Only a role in this procedure's workflow may revoke its result." });
      const documentId = row.result?.walletDocumentId;
      if (row.status !== 'completed' || !documentId)
        throw new ConflictError({ vi: 'Hồ sơ chưa có giấy tờ kết quả trong ví để thu hồi.', en: 'The application has no result document in a wallet to revoke.' });
      if (!reason.trim()) throw ValidationError.field('body.reason', 'required', { vi: 'Cần nêu lý do thu hồi.', en: 'Give the reason for the revocation.' });
      const done = await db.transaction().execute(async (trx) => {
        if (!(await wallet.revoke(trx, documentId, { actor: actor.sub, reason }))) throw new ConflictError({ vi: 'Giấy tờ này đã bị thu hồi.', en: 'This document is already revoked.' });
        await record(trx, row, { actor: actor.sub, actorRole: actor.role, action: 'result_revoked', note: reason, detail: { walletDocumentId: documentId } });
        return row;
      });
      bus.notify();
      return detail(done);
    },

    /**
     * A payment for an application was confirmed (payments module event): the clock starts; a
     * linked procedure's first step is prepared first (registry reads) and started in the same
     * transaction, so a failure leaves the application awaiting payment and the event is retried.
     */
    async paid(applicationId: string, paidAt: string) {
      const row = await store.find(db, applicationId);
      if (!row || row.status !== 'awaiting_payment') return;
      const def = formDefinition(row.service_id);
      const first =
        def.kind === 'linked'
          ? await saga.prepareStep({ id: row.id, data: row.data, channel: row.channel, applicant: await registry.getPerson(engineCtx(row.code), row.applicant_pid) }, def, 0, {})
          : undefined;
      await db.transaction().execute(async (trx) => {
        const cur = await store.find(trx, applicationId, true);
        if (!cur || cur.status !== 'awaiting_payment') return;
        const received = vnDay(new Date(paidAt));
        const r = await store.update(trx, cur.id, { status: 'in_progress', fee_paid: 'online', received_on: received, due_on: dueOn(received, def.processing.workingDays) });
        await record(trx, r, { actor: 'payments', actorRole: 'procedure_engine', action: 'paid', stepId: cur.step_id, detail: { received: r.received_on } });
        if (first) await saga.startStep(trx, cur.id, first);
      });
    },

    /** Stores an uploaded file for a later application of its owner. */
    async upload(actor: Actor, body: { fileName: string; mediaType: string; contentBase64: string; applicantPid?: string | undefined }) {
      const owner = applicantPidOf(actor, body);
      const content = Buffer.from(body.contentBase64, 'base64');
      if (!content.length) throw ValidationError.field('body.contentBase64', 'empty', { vi: 'Tệp rỗng.', en: 'The file is empty.' });
      if (content.length > MAX_ATTACHMENT_BYTES) throw ValidationError.field('body.contentBase64', 'too_large', { vi: 'Tệp lớn hơn 10 MB.', en: 'The file is larger than 10 MB.' });
      const id = randomUUID();
      const sha256 = createHash('sha256').update(content).digest('hex');
      await store.insertAttachment({ id, owner_pid: owner, file_name: body.fileName, media_type: body.mediaType, size_bytes: content.length, sha256, content });
      return { id, fileName: body.fileName, mediaType: body.mediaType, sizeBytes: content.length, sha256 };
    },

    /**
     * A one-stop official certifies an electronic copy of a paper original the citizen presented
     * (chứng thực bản sao điện tử từ bản chính): the scan, uploaded for the citizen, goes into their
     * wallet as a credential of the original's kind, reusable in later applications.
     */
    async certifyCopy(actor: Actor, body: { applicantPid: string; attachmentId: string; kind: string; note?: string | undefined }) {
      requirePermission(actor, 'application.process');
      const title = EXTERNAL_CREDENTIAL_TITLES[body.kind];
      if (!title)
        throw ValidationError.field('body.kind', 'kind', { vi: `Không chứng thực được loại giấy tờ "${body.kind}".`, en: `Copies of "${body.kind}" cannot be certified here.` });
      await readApplicant(actor, body.applicantPid, 'certified-copy');
      const file = (await store.attachments([body.attachmentId]))[0];
      if (!file || file.owner_pid !== body.applicantPid || file.application_id !== null)
        throw ValidationError.field('body.attachmentId', 'attachment_unknown', { vi: 'Không tìm thấy bản chụp đã tải lên cho công dân này.', en: 'No such uploaded scan for this citizen.' });
      const id = await db.transaction().execute((trx) =>
        wallet.issue(trx, {
          holderPid: body.applicantPid,
          subjectPid: body.applicantPid,
          kind: body.kind,
          title: { vi: `${title.vi} (bản sao điện tử có chứng thực)`, en: `${title.en} (certified electronic copy)` },
          applicationId: null,
          claims: { certified_copy: true, file_name: file.file_name, file_sha256: file.sha256, certified_on: today(), certified_by: `${actor.role}@${actor.unit ?? ''}`, ...(body.note ? { note: body.note } : {}) },
        }),
      );
      return { walletDocumentId: id };
    },

    /** An attachment's content: for its owner, or an official who may see its application. */
    async attachment(actor: Actor, id: string) {
      const a = await store.attachmentContent(id);
      if (!a) throw new NotFoundError({ vi: 'Không có tệp này.', en: 'No such file.' });
      if (actor.role === 'citizen' ? a.owner_pid !== actor.pid : !a.application_id) throw new NotFoundError({ vi: 'Không có tệp này.', en: 'No such file.' });
      if (actor.role !== 'citizen') await load(actor, a.application_id!);
      return a;
    },
  };
}

/** The applicant's name as the form holds it: the fullName field of the section about the applicant. */
function applicantNameOf(def: Definition | undefined, data: Values): string | null {
  if (!def || def.kind === 'module') return null;
  const section = def.form.sections.find((s) => s.subject === 'applicant' && s.fields.some((f) => f.name === 'fullName'));
  const v = section ? data[`${section.id}.fullName`] : undefined;
  return typeof v === 'string' ? v : null;
}

export type ApplicationService = ReturnType<typeof createApplicationService>;

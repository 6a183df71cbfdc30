// SQL for applications, their events and attachments. No rules here (application.service.ts).
import { randomInt } from 'node:crypto';
import { sql, type Insertable, type Kysely, type Selectable, type Transaction, type Updateable } from 'kysely';
import type { ApplicationTable, AttachmentTable, ServicesTables } from '../services.tables.ts';

export type ServicesDb = Kysely<ServicesTables>;
export type ServicesTx = Transaction<ServicesTables>;
export type ApplicationRow = Selectable<ApplicationTable>;
export type NewApplication = Omit<Insertable<ApplicationTable>, 'code'>;
export type ApplicationChange = Omit<Updateable<ApplicationTable>, 'id' | 'version'>;

/** HS + yymmdd (Vietnam day) + 6 random digits: what the citizen quotes at the desk. */
function newCode(vnDay: string): string {
  return `HS${vnDay.slice(2).replaceAll('-', '')}-${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
}

export function createApplicationStore(db: ServicesDb) {
  return {
    async insert(trx: ServicesTx, row: NewApplication, vnDay: string): Promise<ApplicationRow> {
      for (let attempt = 0; ; attempt++) {
        const code = newCode(vnDay);
        const inserted = await trx
          .insertInto('services.application')
          .values({ ...row, code, data: JSON.stringify(row.data), prefilled: JSON.stringify(row.prefilled), documents: JSON.stringify(row.documents) } as never)
          .onConflict((oc) => oc.column('code').doNothing())
          .returningAll()
          .executeTakeFirst();
        if (inserted) return inserted as unknown as ApplicationRow;
        if (attempt > 10) throw new Error('could not allocate an application code');
      }
    },

    async find(q: ServicesDb | ServicesTx, id: string, forUpdate = false): Promise<ApplicationRow | undefined> {
      let query = q.selectFrom('services.application').selectAll().where('id', '=', id);
      if (forUpdate) query = query.forUpdate();
      return (await query.executeTakeFirst()) as ApplicationRow | undefined;
    },

    async update(trx: ServicesTx, id: string, set: ApplicationChange): Promise<ApplicationRow> {
      const values: Record<string, unknown> = { ...set };
      for (const k of ['data', 'prefilled', 'documents', 'result'] as const) if (k in values && values[k] !== null) values[k] = JSON.stringify(values[k]);
      return (await trx
        .updateTable('services.application')
        .set({ ...values, version: sql`version + 1` } as never)
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow()) as unknown as ApplicationRow;
    },

    async event(q: ServicesDb | ServicesTx, e: { applicationId: string; actor: string; actorRole: string; action: string; stepId?: string | null; note?: string | null; detail?: Record<string, unknown> | null }) {
      await q
        .insertInto('services.application_event')
        .values({
          application_id: e.applicationId,
          actor: e.actor,
          actor_role: e.actorRole,
          action: e.action,
          step_id: e.stepId ?? null,
          note: e.note ?? null,
          detail: e.detail ? JSON.stringify(e.detail) : null,
        })
        .execute();
    },

    async events(id: string) {
      return db.selectFrom('services.application_event').selectAll().where('application_id', '=', id).orderBy('id').execute();
    },

    async mine(pid: string, limit: number): Promise<ApplicationRow[]> {
      return (await db
        .selectFrom('services.application')
        .selectAll()
        .where('applicant_pid', '=', pid)
        .where('parent_id', 'is', null)
        .orderBy('submitted_at', 'desc')
        .limit(limit)
        .execute()) as ApplicationRow[];
    },

    async children(parentId: string, q: ServicesDb | ServicesTx = db): Promise<ApplicationRow[]> {
      return (await q.selectFrom('services.application').selectAll().where('parent_id', '=', parentId).orderBy('submitted_at').execute()) as ApplicationRow[];
    },

    /** Applications waiting at one unit for one of these roles, the most urgent first. */
    async queue(q: { units: string[]; roles: string[]; status: 'in_progress' | 'supplement_requested' | 'awaiting_payment'; serviceId?: string | undefined; dueBy?: string | undefined; limit: number }): Promise<ApplicationRow[]> {
      if (!q.units.length || !q.roles.length) return [];
      return (await db
        .selectFrom('services.application')
        .selectAll()
        .where('queue_unit', 'in', q.units)
        .where('step_role', 'in', q.roles)
        .where('status', '=', q.status)
        .$if(q.serviceId !== undefined, (w) => w.where('service_id', '=', q.serviceId!))
        .$if(q.dueBy !== undefined, (w) => w.where('due_on', '<=', q.dueBy!))
        .orderBy('due_on', 'asc')
        .orderBy('submitted_at', 'asc')
        .limit(q.limit)
        .execute()) as ApplicationRow[];
    },

    /** How many wait at these units for these roles, by status (the queue's tabs). */
    async queueCounts(q: { units: string[]; roles: string[]; serviceId?: string | undefined; dueBy?: string | undefined }): Promise<Record<'in_progress' | 'supplement_requested' | 'awaiting_payment', number>> {
      const counts = { in_progress: 0, supplement_requested: 0, awaiting_payment: 0 };
      if (!q.units.length || !q.roles.length) return counts;
      const rows = await db
        .selectFrom('services.application')
        .select(['status', (eb) => eb.fn.countAll<string>().as('n')])
        .where('queue_unit', 'in', q.units)
        .where('step_role', 'in', q.roles)
        .where('status', 'in', ['in_progress', 'supplement_requested', 'awaiting_payment'])
        .$if(q.serviceId !== undefined, (w) => w.where('service_id', '=', q.serviceId!))
        .$if(q.dueBy !== undefined, (w) => w.where('due_on', '<=', q.dueBy!))
        .groupBy('status')
        .execute();
      for (const r of rows) counts[r.status as keyof typeof counts] = Number(r.n);
      return counts;
    },

    async insertAttachment(row: Omit<AttachmentTable, 'uploaded_at' | 'application_id' | 'document_id'>) {
      await db.insertInto('services.attachment').values(row).execute();
    },

    async attachments(ids: string[]) {
      if (!ids.length) return [];
      return db.selectFrom('services.attachment').select(['id', 'owner_pid', 'application_id', 'file_name', 'media_type', 'size_bytes', 'sha256']).where('id', 'in', ids).execute();
    },

    async attachmentContent(id: string) {
      return db.selectFrom('services.attachment').selectAll().where('id', '=', id).executeTakeFirst();
    },

    async claimAttachments(trx: ServicesTx, applicationId: string, docs: { id: string; documentId: string }[]) {
      for (const d of docs) await trx.updateTable('services.attachment').set({ application_id: applicationId, document_id: d.documentId }).where('id', '=', d.id).execute();
    },
  };
}

export type ApplicationStore = ReturnType<typeof createApplicationStore>;

// SQL for payments, bank notifications and reconciliations (the only code touching the payments schema).
import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import { appendToOutbox } from '../../platform/events/index.ts';
import { PaymentConfirmed } from './payments.events.ts';
import type { BankNotificationTable, NotificationOutcome, PaymentTable, PaymentTables } from './payments.tables.ts';

export type PaymentRow = Selectable<PaymentTable>;

export interface Transfer {
  bankTxnId: string;
  reference: string;
  amount: number;
  paidAt: Date;
  via: BankNotificationTable['via'];
}

export interface TransferResult {
  outcome: NotificationOutcome | 'duplicate';
  paymentId: string | null;
}

export function createPaymentStore(db: Kysely<PaymentTables>) {
  /** Records one transfer and, when it pays a pending request exactly, marks it paid (with its event). */
  async function applyTransfer(trx: Transaction<PaymentTables>, t: Transfer): Promise<TransferResult> {
    const seen = await trx.selectFrom('payments.bank_notification').select(['outcome', 'payment_id']).where('bank_txn_id', '=', t.bankTxnId).executeTakeFirst();
    if (seen) return { outcome: 'duplicate', paymentId: seen.payment_id };
    const p = await trx.selectFrom('payments.payment').selectAll().where('reference', '=', t.reference).forUpdate().executeTakeFirst();
    // a transfer made before the request expired pays it, however late the bank reports it
    const open = p?.status === 'pending' && t.paidAt <= new Date(p.expires_at);
    const outcome: NotificationOutcome = !p ? 'unknown_reference' : Number(p.amount) !== t.amount ? 'amount_mismatch' : !open ? 'not_pending' : 'matched';
    await trx
      .insertInto('payments.bank_notification')
      .values({ bank_txn_id: t.bankTxnId, reference: t.reference, amount: t.amount, paid_at: t.paidAt, via: t.via, outcome, payment_id: p?.id ?? null })
      .execute();
    if (outcome === 'matched') {
      const confirmedBy = t.via === 'reconciliation' ? 'reconciliation' : 'bank_notification';
      await trx.updateTable('payments.payment').set({ status: 'paid', paid_at: t.paidAt, bank_txn_id: t.bankTxnId, confirmed_by: confirmedBy }).where('id', '=', p!.id).execute();
      await appendToOutbox(trx, PaymentConfirmed, p!.id, { paymentId: p!.id, purpose: p!.purpose, subjectRef: p!.subject_ref, amount: t.amount, paidAt: t.paidAt.toISOString(), confirmedBy });
    }
    return { outcome, paymentId: p?.id ?? null };
  }

  return {
    async insert(p: Insertable<PaymentTable>): Promise<PaymentRow> {
      return db.insertInto('payments.payment').values(p).returningAll().executeTakeFirstOrThrow();
    },

    async find(id: string): Promise<PaymentRow | undefined> {
      return db.selectFrom('payments.payment').selectAll().where('id', '=', id).executeTakeFirst();
    },

    async forSubject(purpose: string, subjectRef: string): Promise<PaymentRow[]> {
      return db.selectFrom('payments.payment').selectAll().where('purpose', '=', purpose).where('subject_ref', '=', subjectRef).orderBy('created_at', 'desc').execute();
    },

    transfer: (t: Transfer) => db.transaction().execute((trx) => applyTransfer(trx, t)),

    /** A reconciliation file: every transfer in one transaction, the report kept; once per file. */
    async reconcile(fileSha256: string, id: string, by: string, transfers: readonly Transfer[]): Promise<{ report: TransferResult[]; alreadyImported: boolean }> {
      return db.transaction().execute(async (trx) => {
        const prior = await trx.selectFrom('payments.reconciliation').select('report').where('file_sha256', '=', fileSha256).executeTakeFirst();
        if (prior) return { report: (typeof prior.report === 'string' ? JSON.parse(prior.report) : prior.report) as TransferResult[], alreadyImported: true };
        const report: TransferResult[] = [];
        for (const t of transfers) report.push(await applyTransfer(trx, t));
        await trx.insertInto('payments.reconciliation').values({ id, file_sha256: fileSha256, imported_by: by, report: JSON.stringify(report) }).execute();
        return { report, alreadyImported: false };
      });
    },
  };
}

export type PaymentStore = ReturnType<typeof createPaymentStore>;

// Row types of the payments schema, for Kysely. Only this module's stores use them.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
export type PaymentStatus = 'pending' | 'paid' | 'expired' | 'cancelled';
export type NotificationOutcome = 'matched' | 'unknown_reference' | 'amount_mismatch' | 'not_pending';

export interface PaymentTable {
  id: string;
  reference: string;
  purpose: string;
  subject_ref: string;
  payer_pid: string | null;
  description: string;
  amount: ColumnType<string, number | string, number | string>;
  status: ColumnType<PaymentStatus, PaymentStatus | undefined, PaymentStatus>;
  created_at: Timestamp;
  expires_at: Timestamp;
  paid_at: Timestamp | null;
  bank_txn_id: string | null;
  confirmed_by: 'bank_notification' | 'reconciliation' | null;
}

export interface BankNotificationTable {
  id: Generated<string>;
  received_at: Timestamp;
  bank_txn_id: string;
  reference: string;
  amount: ColumnType<string, number | string, number | string>;
  paid_at: Timestamp;
  via: 'notification' | 'reconciliation' | 'simulator';
  outcome: NotificationOutcome;
  payment_id: string | null;
}

export interface ReconciliationTable {
  id: string;
  file_sha256: string;
  imported_at: Timestamp;
  imported_by: string;
  report: ColumnType<unknown, string, string>;
}

export interface PaymentTables {
  'payments.payment': PaymentTable;
  'payments.bank_notification': BankNotificationTable;
  'payments.reconciliation': ReconciliationTable;
}

// Row types of the services schema, for Kysely. Only this module's stores use them.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** Nullable, and left out of an insert when not known yet. */
type Optional<T> = ColumnType<T | null, T | null | undefined, T | null>;
type Json<T> = ColumnType<T, T | string, T | string>;
type Bigint = ColumnType<string, number | string, number | string>;

export type ApplicationStatus = 'awaiting_payment' | 'in_progress' | 'supplement_requested' | 'completed' | 'refused' | 'withdrawn';
export type ApplicationChannel = 'online' | 'desk' | 'kiosk';

export interface ApplicationTable {
  id: string;
  code: string;
  service_id: string;
  parent_id: string | null;
  linked_step: string | null;
  applicant_pid: string;
  submitted_by: string;
  channel: ApplicationChannel;
  commune_code: string;
  province_code: string;
  status: ApplicationStatus;
  step_id: string | null;
  step_role: string | null;
  queue_unit: string | null;
  data: Json<Record<string, unknown>>;
  documents: Json<Record<string, DocumentRef>>;
  prefilled: Json<Record<string, { source: string; updatedAt: string; of: string }>>;
  fields_total: number;
  fields_prefilled: number;
  fee_amount: Bigint;
  fee_paid: 'online' | 'desk' | null;
  submitted_at: Timestamp;
  received_on: ColumnType<string | null, string | null | undefined, string | null>;
  due_on: ColumnType<string | null, string | null | undefined, string | null>;
  days_left: number | null;
  completed_at: Timestamp | null;
  result: Json<ApplicationResult | null>;
  version: ColumnType<number, number | undefined, number>;
}

/** A document of an application: a file uploaded for it, or a credential reused from the wallet. */
export type DocumentRef = { attachmentId: string } | { walletDocumentId: string };

/** What a finished application produced: the outcome, the document, and outputs later steps read. */
export interface ApplicationResult {
  outcome: 'approved' | 'refused' | 'withdrawn' | 'aborted';
  reasons?: string | undefined;
  walletDocumentId?: string | undefined;
  /** `newPid` of a birth registration, for the next steps of a linked procedure. */
  outputs?: Record<string, string> | undefined;
  /** Registry effects applied, in order, with what undoes each (a linked procedure's compensation). */
  applied?: AppliedEffect[] | undefined;
}

export interface AppliedEffect {
  effect: string;
  args: Record<string, string>;
  /** What was there before (to restore it), e.g. the permanent residence a removal ended. */
  before?: Record<string, unknown> | undefined;
}

export interface ApplicationEventTable {
  id: Generated<string>;
  application_id: string;
  at: Timestamp;
  actor: string;
  actor_role: string;
  action: string;
  step_id: string | null;
  note: string | null;
  detail: Json<Record<string, unknown> | null>;
}

export interface AttachmentTable {
  id: string;
  owner_pid: string;
  application_id: string | null;
  document_id: string | null;
  file_name: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  content: Uint8Array;
  uploaded_at: Timestamp;
}

export interface WalletDocumentTable {
  id: string;
  holder_pid: string;
  subject_pid: string | null;
  kind: string;
  title: Json<{ vi: string; en: string }>;
  application_id: string | null;
  issued_at: Timestamp;
  status: ColumnType<'valid' | 'revoked', 'valid' | 'revoked' | undefined, 'valid' | 'revoked'>;
  claims: Json<Record<string, unknown>>;
  credential: string;
  /** Its entry in the status list; null for documents issued before the list existed. */
  status_index: Optional<number>;
  revoked_at: Optional<Date>;
  revoked_by: Optional<string>;
  revoked_reason: Optional<string>;
}

export interface ServicesTables {
  'services.application': ApplicationTable;
  'services.application_event': ApplicationEventTable;
  'services.attachment': AttachmentTable;
  'services.wallet_document': WalletDocumentTable;
}

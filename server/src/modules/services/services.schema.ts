// Request and response shapes of the applications, desk and wallet API (zod; OpenAPI at /docs).
import { z } from 'zod';

export const Pid = z.string().regex(/^\d{12}$/, 'Số định danh cá nhân gồm 12 chữ số / a personal ID has 12 digits');
export const Id = z.uuid();
const TextSchema = z.object({ vi: z.string(), en: z.string() });
const Scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** Form values by field id (`section.field`). */
export const Values = z.record(z.string().regex(/^[a-z][a-zA-Z0-9]*\.[a-z][a-zA-Z0-9]*$/, 'a field id is <section>.<field>'), Scalar);
export const DocumentRefSchema = z.union([z.strictObject({ attachmentId: Id }), z.strictObject({ walletDocumentId: Id })]);
const Documents = z.record(z.string(), DocumentRefSchema);

export const PrefillBody = z.object({
  values: Values.default({}).describe('What was typed so far: it decides conditional bindings and names the people of pid fields'),
  applicantPid: Pid.optional().describe('Desk only: the applicant (read from their ID card or e-ID QR)'),
});
export const PrefillEntrySchema = z.object({
  value: z.union([z.string(), z.number(), z.boolean()]),
  source: z.string(),
  updatedAt: z.string(),
  of: z.string(),
  editable: z.boolean(),
});
const FieldProblemSchema = z.object({ path: z.string(), code: z.string(), message: TextSchema });
export const PrefillView = z.object({ entries: z.record(z.string(), PrefillEntrySchema), problems: z.array(FieldProblemSchema) });

export const SubmitBody = z.object({
  serviceId: z.string().min(1),
  values: Values,
  documents: Documents.optional(),
  kiosk: z.boolean().optional().describe('Submitted at a self-service kiosk of a one-stop centre'),
});
export const DeskSubmitBody = SubmitBody.omit({ kiosk: true }).extend({
  applicantPid: Pid,
  feeCollected: z.boolean().optional().describe('The fee was paid at the desk; otherwise the applicant pays by VietQR'),
});

export const DecisionBody = z.object({
  outcome: z.enum(['approve', 'refuse', 'request_supplement']),
  note: z.string().trim().max(2000).optional().describe('Reasons for a refusal, or what must be supplied'),
  version: z.number().int().positive().optional().describe('The version you read: refused if someone acted since'),
});
export const SupplementBody = z.object({ values: Values.optional(), documents: Documents.optional(), note: z.string().trim().max(2000).optional() });
export const WithdrawBody = z.object({ reason: z.string().trim().max(500).optional() });
export const UploadBody = z.object({
  fileName: z.string().trim().min(1).max(200),
  mediaType: z.string().regex(/^[a-z]+\/[a-z0-9.+-]+$/, 'a media type such as application/pdf'),
  contentBase64: z.string().min(4).max(14_000_000).describe('The file, base64 (at most 10 MB)'),
  applicantPid: Pid.optional().describe('Desk only: whose file it is'),
});
export const UploadView = z.object({ id: z.string(), fileName: z.string(), mediaType: z.string(), sizeBytes: z.number(), sha256: z.string() });

export const ApplicationSummary = z.object({
  id: z.string(),
  code: z.string(),
  serviceId: z.string(),
  serviceName: TextSchema,
  applicantPid: z.string(),
  channel: z.enum(['online', 'desk', 'kiosk']),
  communeCode: z.string(),
  status: z.enum(['awaiting_payment', 'in_progress', 'supplement_requested', 'completed', 'refused', 'withdrawn']),
  step: z.object({ id: z.string(), name: TextSchema, role: z.string() }).nullable(),
  fee: z.object({ amount: z.number(), paid: z.enum(['online', 'desk']).nullable() }),
  submittedAt: z.string(),
  receivedOn: z.string().nullable(),
  dueOn: z.string().nullable(),
  daysLeft: z.number().nullable().describe('Working days left before the deadline (negative: overdue)'),
  overdue: z.boolean(),
  completedAt: z.string().nullable(),
  parentId: z.string().nullable(),
  prefilledShare: z.number(),
  applicantName: z.string().nullable().describe('As the form gives it (the registry’s name when prefilled)'),
  queueUnit: z.string().nullable().describe('The commune or province code whose officials act on the current step'),
});

const PaymentSchema = z.object({
  id: z.string(),
  reference: z.string(),
  amount: z.number(),
  status: z.string(),
  expiresAt: z.string(),
  paidAt: z.string().nullable(),
  vietQr: z.string().nullable(),
});

export const ApplicationDetailSchema = ApplicationSummary.extend({
  version: z.number(),
  values: z.record(z.string(), z.unknown()),
  prefilled: z.record(z.string(), z.object({ source: z.string(), updatedAt: z.string(), of: z.string() })),
  documents: z.record(z.string(), z.unknown()),
  result: z
    .object({ outcome: z.string(), reasons: z.string().nullable(), walletDocumentId: z.string().nullable(), outputs: z.record(z.string(), z.string()) })
    .nullable(),
  daysLeftWhenPaused: z.number().nullable(),
  payment: PaymentSchema.nullable(),
  events: z.array(z.object({ at: z.string(), action: z.string(), stepId: z.string().nullable(), actorRole: z.string(), roleLabel: TextSchema, note: z.string().nullable() })),
  steps: z.array(ApplicationSummary),
});

export const QueueCounts = z.object({ in_progress: z.number(), supplement_requested: z.number(), awaiting_payment: z.number() });

export const QueueQuery = z.object({
  status: z.enum(['in_progress', 'supplement_requested', 'awaiting_payment']).optional(),
  serviceId: z.string().optional(),
  overdue: z.stringbool().optional().describe('Only those past their deadline'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const WalletDocumentSchema = z.object({
  id: z.string(),
  kind: z.string(),
  title: TextSchema,
  holderPid: z.string(),
  subjectPid: z.string().nullable(),
  applicationId: z.string().nullable(),
  issuedAt: z.string(),
  status: z.enum(['valid', 'revoked']),
  revoked: z.object({ at: z.string(), reason: z.string() }).nullable(),
  claims: z.record(z.string(), z.unknown()),
});

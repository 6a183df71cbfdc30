// Payment requests for fees and charges: a VietQR for the exact amount with a unique reference;
// confirmation by the bank's signed notification or a reconciliation file (the same rules: a
// transfer pays a pending request only with its reference and exact amount; everything received is
// kept); the built-in bank simulator sends notifications through the very same endpoint.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import Papa from 'papaparse';
import { buildVietQr } from '@open06/kernel/vietqr';
import { requirePermission, can, type Actor } from '../../http/authz.ts';
import { ForbiddenError, NotFoundError, UnauthorizedError, ValidationError, type FieldProblem, type Text } from '../../http/errors.ts';
import type { Clock } from '../../platform/clock.ts';
import type { BankSigner } from './bank-signature.ts';
import type { PaymentRow, PaymentStore, Transfer, TransferResult } from './payment.store.ts';

export interface PaymentsConfig {
  beneficiary: { bin: string; account: string; name: string; city: string };
  expiresAfterMinutes: number;
}

/** Reads config/payments.json and proves it can make a VietQR; a bad value stops the start with its field. */
export function loadPaymentsConfig(file = new URL('../../../../config/payments.json', import.meta.url)): PaymentsConfig {
  const config = JSON.parse(fs.readFileSync(file, 'utf8')) as PaymentsConfig;
  const b = config.beneficiary;
  const probe = buildVietQr({ bin: b.bin, account: b.account, amount: 1000, reference: newReference(), merchantName: b.name, merchantCity: b.city });
  if (!probe.ok) throw new Error(`config/payments.json: beneficiary: ${probe.problems.map((p) => `${p.code} (${p.message.en})`).join('; ')}`);
  if (!(Number.isInteger(config.expiresAfterMinutes) && config.expiresAfterMinutes > 0)) throw new Error('config/payments.json: expiresAfterMinutes: a positive whole number of minutes');
  return config;
}

export interface PaymentRequest {
  /** What the payment is for (e.g. service_application) and which one. */
  purpose: string;
  subjectRef: string;
  payerPid?: string | undefined;
  /** Shown to the payer (Vietnamese). */
  description: string;
  amount: number;
}

export interface PaymentView {
  id: string;
  reference: string;
  purpose: string;
  subjectRef: string;
  description: string;
  amount: number;
  currency: 'VND';
  status: PaymentRow['status'];
  createdAt: string;
  expiresAt: string;
  paidAt: string | null;
  confirmedBy: PaymentRow['confirmed_by'];
  /** The VietQR text to render as a QR code (open requests only). */
  vietQr: string | null;
  beneficiary: { bin: string; account: string; name: string };
}

export interface BankNotification {
  bankTxnId: string;
  reference: string;
  amount: number;
  paidAt: string;
}

const text = (vi: string, en: string): Text => ({ vi, en });
// Crockford base32 without I, L, O, U: read aloud or typed from a receipt without confusion
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** `O6` and 12 characters: printable ASCII as NAPAS's purpose field wants, short enough for every bank's memo. */
export function newReference(): string {
  const bytes = randomBytes(12);
  return `O6${[...bytes].map((b) => ALPHABET[b & 31]).join('')}`;
}

export function createPaymentService(deps: { store: PaymentStore; signer: BankSigner; clock: Clock; config: PaymentsConfig }) {
  const { store, signer, clock, config } = deps;

  /** Expiry is read off the clock, never written: a pending request past its time shows as expired. */
  function view(p: PaymentRow): PaymentView {
    const status = p.status === 'pending' && new Date(p.expires_at) < clock.now() ? 'expired' : p.status;
    const open = status === 'pending';
    const qr = open ? buildVietQr({ bin: config.beneficiary.bin, account: config.beneficiary.account, amount: Number(p.amount), reference: p.reference, merchantName: config.beneficiary.name, merchantCity: config.beneficiary.city }) : null;
    return {
      id: p.id,
      reference: p.reference,
      purpose: p.purpose,
      subjectRef: p.subject_ref,
      description: p.description,
      amount: Number(p.amount),
      currency: 'VND',
      status,
      createdAt: new Date(p.created_at).toISOString(),
      expiresAt: new Date(p.expires_at).toISOString(),
      paidAt: p.paid_at ? new Date(p.paid_at).toISOString() : null,
      confirmedBy: p.confirmed_by,
      vietQr: qr && qr.ok ? qr.text : null,
      beneficiary: { bin: config.beneficiary.bin, account: config.beneficiary.account, name: config.beneficiary.name },
    };
  }

  /** The payer, or an official who may read payments. */
  async function visible(actor: Actor, id: string): Promise<PaymentRow> {
    const p = await store.find(id);
    if (!p || !(can(actor, 'payment.read') || (actor.role === 'citizen' && actor.pid !== undefined && actor.pid === p.payer_pid)))
      throw new NotFoundError(text('Không tìm thấy khoản thanh toán.', 'Payment not found.'));
    return p;
  }

  async function receive(t: Transfer): Promise<TransferResult> {
    try {
      return await store.transfer(t);
    } catch (err) {
      // the same transaction id delivered twice at once: the other delivery recorded it
      if ((err as { code?: string }).code === '23505') return { outcome: 'duplicate', paymentId: null };
      throw err;
    }
  }

  return {
    view,

    async request(r: PaymentRequest): Promise<PaymentView> {
      if (!Number.isSafeInteger(r.amount) || r.amount <= 0) throw ValidationError.field('amount', 'amount_invalid', text('Số tiền phải là số nguyên đồng dương.', 'The amount must be a positive whole number of đồng.'));
      const now = clock.now();
      const row = await store.insert({
        id: randomUUID(),
        reference: newReference(),
        purpose: r.purpose,
        subject_ref: r.subjectRef,
        payer_pid: r.payerPid ?? null,
        description: r.description,
        amount: r.amount,
        created_at: now,
        expires_at: new Date(now.getTime() + config.expiresAfterMinutes * 60_000),
      });
      return view(row);
    },

    get: async (actor: Actor, id: string) => view(await visible(actor, id)),

    async forSubject(purpose: string, subjectRef: string): Promise<PaymentView[]> {
      return (await store.forSubject(purpose, subjectRef)).map(view);
    },

    /** A bank's notification: the raw body and its signature header, as received. */
    async notify(rawBody: string, signature: string | undefined, via: 'notification' | 'simulator' = 'notification'): Promise<TransferResult> {
      if (!signer.verify(rawBody, signature)) throw new UnauthorizedError(text('Chữ ký của ngân hàng không hợp lệ.', 'The bank’s signature is not valid.'));
      let n: BankNotification;
      try {
        n = JSON.parse(rawBody) as BankNotification;
      } catch {
        throw ValidationError.field('body', 'not_json', text('Nội dung không phải JSON.', 'The body is not JSON.'));
      }
      const problems = notificationProblems(n, 'body');
      if (problems.length) throw new ValidationError(problems);
      return receive({ bankTxnId: n.bankTxnId, reference: n.reference, amount: n.amount, paidAt: new Date(n.paidAt), via });
    },

    /**
     * The bank's statement for a day (CSV with a header: bankTxnId, reference, amount, paidAt):
     * all rows checked first (every bad one named by its line), then applied in one transaction;
     * a file imported before answers its earlier report.
     */
    async reconcile(actor: Actor, csv: string) {
      requirePermission(actor, 'payment.reconcile');
      const parsed = Papa.parse<Record<string, string>>(csv.trim(), { header: true, skipEmptyLines: true });
      const problems: FieldProblem[] = [];
      for (const col of ['bankTxnId', 'reference', 'amount', 'paidAt'])
        if (!parsed.meta.fields?.includes(col)) problems.push({ path: `csv.header`, code: 'missing_column', message: text(`Thiếu cột "${col}".`, `Column "${col}" is missing.`) });
      if (problems.length) throw new ValidationError(problems);
      const transfers: Transfer[] = [];
      parsed.data.forEach((row, i) => {
        const n = { bankTxnId: row.bankTxnId?.trim() ?? '', reference: row.reference?.trim() ?? '', amount: Number(row.amount), paidAt: row.paidAt?.trim() ?? '' };
        const bad = notificationProblems(n, `csv.line${i + 2}`);
        problems.push(...bad);
        if (!bad.length) transfers.push({ ...n, paidAt: new Date(n.paidAt), via: 'reconciliation' });
      });
      if (problems.length) throw new ValidationError(problems, text('Không dòng nào được đối soát: sửa các dòng lỗi rồi nhập lại cả tệp.', 'Nothing was reconciled: fix the rows named and import the whole file again.'));
      const sha = createHash('sha256').update(csv).digest('hex');
      const { report, alreadyImported } = await store.reconcile(sha, randomUUID(), actor.sub, transfers);
      const count = (o: string) => report.filter((r) => r.outcome === o).length;
      return {
        alreadyImported,
        rows: report.length,
        matched: count('matched'),
        duplicate: count('duplicate'),
        unknownReference: count('unknown_reference'),
        amountMismatch: count('amount_mismatch'),
        notPending: count('not_pending'),
        lines: report.map((r, i) => ({ line: i + 2, ...r })),
      };
    },

    /**
     * The bank simulator (demos and tests): the payer "transfers" the exact amount; the notification
     * is signed with the bank's secret and goes through the same `notify` as a real bank's.
     */
    async simulateTransfer(actor: Actor, id: string): Promise<{ notification: BankNotification; result: TransferResult }> {
      const p = await visible(actor, id);
      if (actor.role !== 'citizen' && !can(actor, 'payment.read')) throw new ForbiddenError(text('Không được phép.', 'Not allowed.'));
      const notification: BankNotification = { bankTxnId: `SIM${Date.now()}${randomBytes(3).toString('hex').toUpperCase()}`, reference: p.reference, amount: Number(p.amount), paidAt: clock.now().toISOString() };
      const body = JSON.stringify(notification);
      return { notification, result: await this.notify(body, signer.sign(body), 'simulator') };
    },
  };
}

function notificationProblems(n: Partial<BankNotification>, at: string): FieldProblem[] {
  const p: FieldProblem[] = [];
  if (typeof n.bankTxnId !== 'string' || !/^[A-Za-z0-9._-]{4,64}$/.test(n.bankTxnId)) p.push({ path: `${at}.bankTxnId`, code: 'invalid', message: text('Mã giao dịch ngân hàng không hợp lệ.', 'Invalid bank transaction id.') });
  if (typeof n.reference !== 'string' || !/^[\x20-\x7e]{1,25}$/.test(n.reference)) p.push({ path: `${at}.reference`, code: 'invalid', message: text('Mã tham chiếu thanh toán không hợp lệ.', 'Invalid payment reference.') });
  if (typeof n.amount !== 'number' || !Number.isSafeInteger(n.amount) || n.amount <= 0) p.push({ path: `${at}.amount`, code: 'invalid', message: text('Số tiền không hợp lệ.', 'Invalid amount.') });
  if (typeof n.paidAt !== 'string' || Number.isNaN(Date.parse(n.paidAt))) p.push({ path: `${at}.paidAt`, code: 'invalid', message: text('Thời điểm thanh toán không hợp lệ.', 'Invalid payment time.') });
  return p;
}

export type PaymentService = ReturnType<typeof createPaymentService>;

// HTTP for payments (under /api/v1/payments): a payment's state and VietQR, the banks' signed
// notifications, reconciliation files, and the bank simulator. Thin: validate → service.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/auth.ts';
import { NotFoundError } from '../../http/errors.ts';
import { SIGNATURE_HEADER } from './bank-signature.ts';
import type { PaymentService } from './payment.service.ts';

const tags = ['payments'];
const security = [{ bearer: [] }];
const Outcome = z.enum(['matched', 'unknown_reference', 'amount_mismatch', 'not_pending', 'duplicate']);
const Result = z.object({ outcome: Outcome, paymentId: z.string().nullable() });
export const PaymentViewSchema = z.object({
  id: z.string(),
  reference: z.string(),
  purpose: z.string(),
  subjectRef: z.string(),
  description: z.string(),
  amount: z.number(),
  currency: z.literal('VND'),
  status: z.enum(['pending', 'paid', 'expired', 'cancelled']),
  createdAt: z.string(),
  expiresAt: z.string(),
  paidAt: z.string().nullable(),
  confirmedBy: z.enum(['bank_notification', 'reconciliation']).nullable(),
  vietQr: z.string().nullable().describe('EMVCo/NAPAS VietQR text for the exact amount and reference (open requests)'),
  beneficiary: z.object({ bin: z.string(), account: z.string(), name: z.string() }),
});

export function paymentRoutes(deps: { service: PaymentService; simulator: boolean }) {
  const { service } = deps;
  return async (root: FastifyInstance) => {
    const app = root.withTypeProvider<ZodTypeProvider>();

    app.get('/api/v1/payments/:id', {
      schema: { tags, security, summary: 'A payment request: amount, reference, status, and the VietQR to pay it', params: z.object({ id: z.uuid() }), response: { 200: PaymentViewSchema } },
      handler: async (req) => service.get(actorOf(req), req.params.id),
    });

    // banks sign the exact bytes they send: this route reads its body as text
    await app.register(async (bank) => {
      bank.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => done(null, body));
      bank.withTypeProvider<ZodTypeProvider>().post('/api/v1/payments/bank-notifications', {
        config: { public: true, rateLimit: { max: 6000, timeWindow: '1 minute' } },
        schema: {
          tags,
          summary: 'A bank notifies a transfer (JSON {bankTxnId, reference, amount, paidAt}), signed with HMAC-SHA256 in X-Open06-Signature',
          description: 'Idempotent by bankTxnId. A transfer pays a pending request only with its reference and exact amount; every notification is kept, matched or not.',
          response: { 200: Result },
        },
        handler: async (req) => service.notify(String(req.body ?? ''), req.headers[SIGNATURE_HEADER] as string | undefined),
      });
    });

    await app.register(async (files) => {
      files.addContentTypeParser('text/csv', { parseAs: 'string' }, (_req, body, done) => done(null, body));
      files.withTypeProvider<ZodTypeProvider>().post('/api/v1/payments/reconciliations', {
        schema: {
          tags,
          security,
          summary: 'Import a bank statement (text/csv: bankTxnId, reference, amount, paidAt) — all rows or none; a file imported twice answers its first report',
          response: {
            200: z.object({
              alreadyImported: z.boolean(),
              rows: z.number(),
              matched: z.number(),
              duplicate: z.number(),
              unknownReference: z.number(),
              amountMismatch: z.number(),
              notPending: z.number(),
              lines: z.array(z.object({ line: z.number(), outcome: Outcome, paymentId: z.string().nullable() })),
            }),
          },
        },
        handler: async (req) => service.reconcile(actorOf(req), String(req.body ?? '')),
      });
    });

    app.post('/api/v1/payments/:id/simulate-transfer', {
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags,
        security,
        summary: 'Bank simulator (demos and tests; PAYMENTS_SIMULATOR=on): pay the request through the same signed notification a bank sends',
        params: z.object({ id: z.uuid() }),
        response: { 200: z.object({ notification: z.object({ bankTxnId: z.string(), reference: z.string(), amount: z.number(), paidAt: z.string() }), result: Result }) },
      },
      handler: async (req) => {
        if (!deps.simulator) throw new NotFoundError({ vi: 'Trình giả lập ngân hàng đang tắt.', en: 'The bank simulator is off.' });
        return service.simulateTransfer(actorOf(req), req.params.id);
      },
    });
  };
}

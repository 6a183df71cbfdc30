// The payments module (thanh toán trực tuyến phí, lệ phí): payment requests paid by bank transfer
// with VietQR, confirmed by the banks' signed notifications or a reconciliation file, with a bank
// simulator on the same interface. Other modules import only this file.
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/db.ts';
import { bankSigner, loadBankSecret } from './bank-signature.ts';
import { paymentRoutes } from './payment.routes.ts';
import { createPaymentService, loadPaymentsConfig, type PaymentsConfig } from './payment.service.ts';
import { createPaymentStore } from './payment.store.ts';
import type { PaymentsApi } from './payments.api.ts';
import type { PaymentTables } from './payments.tables.ts';

export interface PaymentsDeps {
  db: Db;
  clock: Clock;
  /** DATA_DIR/keys: the secret shared with the bank (bank-notify.key). */
  keysDir: string;
  /** The built-in bank simulator (PAYMENTS_SIMULATOR). */
  simulator: boolean;
  config?: PaymentsConfig;
}

export function createPaymentsModule(deps: PaymentsDeps) {
  const signer = bankSigner(loadBankSecret(deps.keysDir));
  const service = createPaymentService({ store: createPaymentStore(deps.db.kysely as Kysely<PaymentTables>), signer, clock: deps.clock, config: deps.config ?? loadPaymentsConfig() });
  const api: PaymentsApi = { request: (r) => service.request(r), forSubject: (p, s) => service.forSubject(p, s) };
  return {
    api,
    /** Signs a notification as the bank would (tests, and a bank's integration checks). */
    signAsBank: (body: string) => signer.sign(body),
    async routes(app: FastifyInstance) {
      await app.register(paymentRoutes({ service, simulator: deps.simulator }));
    },
  };
}

export type PaymentsModule = ReturnType<typeof createPaymentsModule>;
export type { PaymentRequest, PaymentsApi, PaymentView } from './payments.api.ts';
export { PaymentConfirmed } from './payments.events.ts';
export { SIGNATURE_HEADER } from './bank-signature.ts';

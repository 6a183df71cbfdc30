// What other modules (services: fees of applications) may ask of the payments module.
import type { PaymentRequest, PaymentView } from './payment.service.ts';

export interface PaymentsApi {
  /** Opens a payment request: a unique reference and a VietQR for the exact amount. */
  request(r: PaymentRequest): Promise<PaymentView>;
  /** The requests opened for one subject (e.g. an application), newest first. */
  forSubject(purpose: string, subjectRef: string): Promise<PaymentView[]>;
}

export type { PaymentRequest, PaymentView };

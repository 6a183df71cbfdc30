// Events the payments module publishes.
import { z } from 'zod';
import { defineEvent } from '../../platform/events/index.ts';

/** A payment request was paid (a bank's notification or a reconciliation file confirmed it). */
export const PaymentConfirmed = defineEvent(
  'payments.payment.confirmed',
  z.object({ paymentId: z.string(), purpose: z.string(), subjectRef: z.string(), amount: z.number(), paidAt: z.string(), confirmedBy: z.enum(['bank_notification', 'reconciliation']) }),
);

// Events the lodging module publishes (no personal data: consumers read the stay if they may).
import { z } from 'zod';
import { defineEvent } from '../../platform/events/index.ts';

/** A stay was notified to the police of its commune (by an establishment or a citizen host). */
export const StayNotified = defineEvent(
  'lodging.stay.notified',
  z.object({ stayId: z.string(), establishmentId: z.string().nullable(), communeCode: z.string(), provinceCode: z.string(), late: z.boolean(), watchHit: z.boolean() }),
);

// Events the services module publishes (and consumes itself: a linked procedure advances when one of
// its steps finishes, and applicants are notified, through the outbox, so a crash loses nothing).
import { z } from 'zod';
import { defineEvent } from '../../platform/events/index.ts';

/** Something happened to an application (`action`: submitted, paid, approved, supplement_requested, completed, refused, withdrawn …). */
export const ApplicationChanged = defineEvent(
  'services.application.changed',
  z.object({
    applicationId: z.string(),
    code: z.string(),
    serviceId: z.string(),
    /** Set when the application is a step of a linked procedure. */
    parentId: z.string().nullable(),
    applicantPid: z.string(),
    status: z.enum(['awaiting_payment', 'in_progress', 'supplement_requested', 'completed', 'refused', 'withdrawn']),
    action: z.string(),
    communeCode: z.string(),
  }),
);

// Events the services module publishes (and consumes itself: a linked procedure advances when one of
// its steps finishes, through the outbox, so a crash between two steps loses nothing).
import { z } from 'zod';
import { defineEvent } from '../../platform/events/index.ts';

/** An application finished: completed, refused or withdrawn. `parentId` when it is a step of a linked procedure. */
export const ApplicationFinished = defineEvent(
  'services.application.finished',
  z.object({ applicationId: z.string(), serviceId: z.string(), parentId: z.string().nullable(), outcome: z.enum(['completed', 'refused', 'withdrawn']), communeCode: z.string() }),
);

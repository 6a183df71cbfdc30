// Events the registry publishes (through the outbox). Payloads carry identifiers and what changed,
// never the personal data itself: a consumer that needs data reads it through RegistryApi.
import { z } from 'zod';
import { defineEvent } from '../../platform/events/index.ts';

const Pid = z.string().regex(/^\d{12}$/);

export const PersonCreated = defineEvent(
  'registry.person.created',
  z.object({ pid: Pid, source: z.string(), communeCode: z.string().nullable() }),
);
export const PersonUpdated = defineEvent(
  'registry.person.updated',
  z.object({ pid: Pid, version: z.number(), fields: z.array(z.string()), source: z.string() }),
);
export const PersonDied = defineEvent(
  'registry.person.died',
  z.object({ pid: Pid, deathDate: z.string().nullable(), source: z.string() }),
);
export const PersonMoved = defineEvent(
  'registry.person.moved',
  z.object({
    pid: Pid,
    kind: z.enum(['permanent', 'temporary', 'current', 'absence']),
    fromCommune: z.string().nullable(),
    toCommune: z.string().nullable(),
    validFrom: z.string(),
  }),
);
export const HouseholdChanged = defineEvent(
  'registry.household.changed',
  z.object({
    householdId: z.number(),
    change: z.enum(['created', 'member_added', 'member_removed', 'head_changed', 'dissolved']),
    pids: z.array(Pid),
  }),
);
/** A duplicate record was merged into another: `retiredPid` now only points at `survivorPid`. */
export const PersonMerged = defineEvent(
  'registry.person.merged',
  z.object({ retiredPid: Pid, survivorPid: Pid, source: z.string() }),
);
/**
 * A person record was removed as if never registered (the compensation of a birth registration
 * whose procedure failed); the number is retired and never given again.
 */
export const PersonCancelled = defineEvent(
  'registry.person.cancelled',
  z.object({ pid: Pid, source: z.string() }),
);

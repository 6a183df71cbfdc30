// Events a module publishes: a topic and a zod schema for the payload, declared in `<module>.events.ts`.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { z } from 'zod';

export interface EventDef<T> {
  readonly topic: string;
  readonly schema: z.ZodType<T>;
}

export function defineEvent<S extends z.ZodType>(topic: string, schema: S): EventDef<z.infer<S>> {
  return { topic, schema: schema as z.ZodType<z.infer<S>> };
}

export interface DeliveredEvent<T> {
  id: number;
  topic: string;
  key: string | null;
  payload: T;
  occurredAt: Date;
}

export type Handler<T> = (event: DeliveredEvent<T>) => Promise<void>;

/**
 * Writes an event to the outbox inside the caller's transaction: it is delivered if and only if
 * the transaction commits.
 */
export async function appendToOutbox<T>(trx: Kysely<any>, def: EventDef<T>, key: string | null, payload: T): Promise<void> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const checked = def.schema.parse(payload);
  await trx.insertInto('platform.outbox').values({ topic: def.topic, key, payload: JSON.stringify(checked) }).execute();
}

/**
 * The outbox insert for events whose keys and payloads SQL computes from rows of the same
 * statement, for a change and its events written by one data-modifying statement (a `with`):
 * `rows` is a query yielding `(key text, payload jsonb)`. The payload must match `def.schema`:
 * subscribers parse it on delivery.
 */
export function outboxInsert<T>(def: EventDef<T>, rows: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`insert into platform.outbox (topic, key, payload) select ${def.topic}, e.key, e.payload from (${rows}) as e(key, payload)`;
}

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { freshDb } from '../../../test/support/test-db.ts';
import type { Db } from '../db/db.ts';
import { appendToOutbox, defineEvent } from './event.ts';
import { createEventBus, type EventBus } from './event-bus.ts';
import { connectJetStream } from './nats-link.ts';

const Noted = defineEvent('test.noted', z.object({ n: z.number() }));
const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

describe.each(['in-process', 'jetstream'] as const)('event bus (%s)', (mode) => {
  let db: Db;
  let bus: EventBus | undefined;
  const ns = `t${process.pid}${Math.random().toString(36).slice(2, 8)}`;
  beforeEach(async () => {
    db = await freshDb();
  });
  afterEach(async () => {
    await bus?.stop();
    bus = undefined;
    if (mode === 'jetstream') await (await connectJetStream(natsUrl, ns)).destroy();
    await db?.close();
  });
  const makeBus = () => createEventBus(db, { pollMs: 50, ...(mode === 'jetstream' ? { natsUrl, natsNamespace: ns } : {}) });

  it('delivers an event only when its transaction commits', async () => {
    const b = (bus = makeBus());
    const seen: number[] = [];
    b.subscribe('counter', Noted, async (e) => void seen.push(e.payload.n));
    await b.start();
    await db.kysely.transaction().execute((trx) => appendToOutbox(trx, Noted, 'k', { n: 1 }));
    await expect(
      db.kysely.transaction().execute(async (trx) => {
        await appendToOutbox(trx, Noted, 'k', { n: 2 });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await b.drain();
    expect(seen).toEqual([1]);
  });

  it('retries a failing consumer without repeating the consumers that succeeded', async () => {
    const b = (bus = makeBus());
    const ok: number[] = [];
    let failures = 0;
    b.subscribe('steady', Noted, async (e) => void ok.push(e.payload.n));
    b.subscribe('flaky', Noted, async () => {
      if (failures++ < 1) throw new Error('temporary');
    });
    await b.start();
    await db.kysely.transaction().execute((trx) => appendToOutbox(trx, Noted, null, { n: 7 }));
    await b.drain();
    if (mode === 'in-process') {
      // the failed row waits for its back-off; make it due now
      await db.kysely.updateTable('platform.outbox').set({ next_attempt_at: new Date(0) }).execute();
    } else {
      await new Promise((r) => setTimeout(r, 1_200)); // JetStream redelivers after the first back-off (1 s)
    }
    await b.drain();
    expect(ok).toEqual([7]);
    expect(failures).toBe(2);
    const inbox = await db.kysely.selectFrom('platform.inbox').select('consumer').orderBy('consumer').execute();
    expect(inbox.map((r: { consumer: string }) => r.consumer)).toEqual(['flaky', 'steady']);
  }, 20_000);

  it('refuses a payload that does not match the schema', async () => {
    await expect(
      db.kysely.transaction().execute((trx) => appendToOutbox(trx, Noted, null, { n: 'x' } as never)),
    ).rejects.toThrow();
  });
});

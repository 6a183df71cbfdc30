// The JetStream side of the event bus: one stream per deployment namespace (default `open06`:
// stream `OPEN06`, subjects `open06.<topic>`), one durable consumer per (consumer, topic).
import { connect } from '@nats-io/transport-node';
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager, type ConsumerMessages } from '@nats-io/jetstream';
import type { DeliveredEvent } from './event.ts';


export interface JetStreamLink {
  publish(ev: DeliveredEvent<unknown>): Promise<void>;
  consume(
    consumer: string,
    topic: string,
    handle: (ev: DeliveredEvent<unknown>) => Promise<void>,
    onError: (err: unknown, ctx: { consumer?: string; eventId?: number }) => void,
  ): Promise<void>;
  /** Resolves once every consumer has no message pending or in flight. */
  settle(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
  /** Deletes the stream and its consumers (tests). */
  destroy(): Promise<void>;
}

export async function connectJetStream(url: string, namespace = 'open06'): Promise<JetStreamLink> {
  if (!/^[a-z0-9_-]+$/.test(namespace)) throw new Error(`bad NATS namespace "${namespace}"`);
  const STREAM = namespace.toUpperCase();
  const subjectOf = (topic: string) => `${namespace}.${topic}`;
  const nc = await connect({ servers: url, name: namespace });
  const jsm = await jetstreamManager(nc);
  try {
    await jsm.streams.info(STREAM);
  } catch {
    await jsm.streams.add({ name: STREAM, subjects: [`${namespace}.>`], duplicate_window: 2 * 60 * 1_000_000_000 });
  }
  const js = jetstream(nc);
  const running: { messages: ConsumerMessages; durable: string; inFlight: number }[] = [];

  return {
    async publish(ev) {
      const body = JSON.stringify({ id: ev.id, topic: ev.topic, key: ev.key, payload: ev.payload, occurredAt: ev.occurredAt });
      await js.publish(subjectOf(ev.topic), body, { msgID: `outbox-${ev.id}` });
    },
    async consume(consumer, topic, handle, onError) {
      const durable = `${consumer}__${topic}`.replace(/[^A-Za-z0-9_-]/g, '_');
      try {
        await jsm.consumers.info(STREAM, durable);
      } catch {
        await jsm.consumers.add(STREAM, {
          durable_name: durable,
          ack_policy: AckPolicy.Explicit,
          deliver_policy: DeliverPolicy.All,
          filter_subject: subjectOf(topic),
          max_deliver: -1,
          ack_wait: 30 * 1_000_000_000,
        });
      }
      const c = await js.consumers.get(STREAM, durable);
      const messages = await c.consume({ max_messages: 64 });
      const entry = { messages, durable, inFlight: 0 };
      running.push(entry);
      void (async () => {
        for await (const m of messages) {
          entry.inFlight += 1;
          const raw = m.json<{ id: number; topic: string; key: string | null; payload: unknown; occurredAt: string }>();
          try {
            await handle({ ...raw, occurredAt: new Date(raw.occurredAt) });
            m.ack();
          } catch (err) {
            onError(err, { consumer, eventId: raw.id });
            m.nak(Math.min(60_000, 1000 * 2 ** Math.min(m.info.deliveryCount - 1, 6)));
          } finally {
            entry.inFlight -= 1;
          }
        }
      })();
    },
    async settle(timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      while (Date.now() < until) {
        let busy = false;
        for (const r of running) {
          const info = await jsm.consumers.info(STREAM, r.durable);
          if (info.num_pending > 0 || info.num_ack_pending > 0 || r.inFlight > 0) busy = true;
        }
        if (!busy) return;
        await new Promise((res) => setTimeout(res, 20));
      }
      throw new Error('JetStream consumers did not settle in time');
    },
    async close() {
      for (const r of running) r.messages.stop();
      await nc.drain();
    },
    async destroy() {
      for (const r of running) r.messages.stop();
      await jsm.streams.delete(STREAM);
      await nc.drain();
    },
  };
}

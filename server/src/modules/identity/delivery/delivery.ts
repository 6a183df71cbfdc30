// Messages to people (one-time codes, notices). Every message is kept in identity.message; the
// built-in delivery stops there (developers and testers read it in the outbox page), SMTP sends
// e-mail when SMTP_URL is configured. An SMS gateway would be one more `Sender`.
import type { Kysely } from 'kysely';
import type { IdentityTables } from '../identity.tables.ts';

export type Channel = 'sms' | 'email';

export interface Sender {
  readonly name: string;
  /** Whether this sender delivers messages of the channel (others are skipped). */
  handles(channel: Channel): boolean;
  send(channel: Channel, recipient: string, subject: string, body: string): Promise<void>;
}

export interface Delivery {
  send(channel: Channel, recipient: string, subject: string, body: string): Promise<void>;
  /** The newest messages, optionally to one recipient (the outbox page). */
  recent(opts?: { recipient?: string; limit?: number }): Promise<{ id: number; channel: Channel; recipient: string; subject: string; body: string; createdAt: string; sentVia: string }[]>;
}

export function createDelivery(db: Kysely<IdentityTables>, senders: Sender[] = []): Delivery {
  return {
    async send(channel, recipient, subject, body) {
      const via: string[] = [];
      for (const s of senders.filter((x) => x.handles(channel))) {
        await s.send(channel, recipient, subject, body);
        via.push(s.name);
      }
      await db.insertInto('identity.message').values({ channel, recipient, subject, body, sent_via: via.join(',') || 'outbox' }).execute();
    },
    async recent(opts = {}) {
      const rows = await db
        .selectFrom('identity.message')
        .selectAll()
        .$if(opts.recipient !== undefined, (q) => q.where('recipient', '=', opts.recipient!))
        .orderBy('id', 'desc')
        .limit(Math.min(opts.limit ?? 50, 200))
        .execute();
      return rows.map((r) => ({ id: r.id, channel: r.channel, recipient: r.recipient, subject: r.subject, body: r.body, createdAt: new Date(r.created_at).toISOString(), sentVia: r.sent_via }));
    },
  };
}

// The police's live feed: stays and watchlist alerts pushed to every open console whose
// jurisdiction covers the commune, as Server-Sent Events. A console that reconnects names the last
// stay it saw (`Last-Event-ID` or `?after=`) and first gets everything since from the database —
// including stays of the seconds before it, whose transactions may have committed after it — so
// nothing recorded is missed; a console may see a stay twice and keeps one per id. Live pushes
// come from this process's writes.
import type { FastifyReply } from 'fastify';
import type { AlertView, StayView } from '../stay/stay.service.ts';

type Send = (event: 'notification' | 'alert', data: StayView | AlertView, id?: number) => void;
interface Listener {
  communes: ReadonlySet<string> | null;
  send: Send;
  end: () => void;
}

export function createFeedHub() {
  const listeners = new Set<Listener>();
  const covers = (l: Listener, commune: string) => l.communes === null || l.communes.has(commune);
  return {
    publishStay(s: StayView) {
      for (const l of listeners) if (covers(l, s.communeCode)) l.send('notification', s, s.seq);
    },
    publishAlert(a: AlertView) {
      for (const l of listeners) if (covers(l, a.communeCode)) l.send('alert', a);
    },
    subscribe(communes: readonly string[] | null, send: Send, end: () => void): () => void {
      const l: Listener = { communes: communes ? new Set(communes) : null, send, end };
      listeners.add(l);
      return () => listeners.delete(l);
    },
    /** Ends every open stream (the server is shutting down). */
    closeAll() {
      for (const l of listeners) l.end();
      listeners.clear();
    },
    get size() {
      return listeners.size;
    },
  };
}

export type FeedHub = ReturnType<typeof createFeedHub>;

const PING_MS = 15_000;

/**
 * Streams the feed on a hijacked reply: subscribes first (holding live events), sends the
 * catch-up, then what was held (skipping stays the catch-up already sent), then live events.
 * Stays are pushed in the order they commit, which is not always the order of their `seq`.
 */
export async function streamFeed(reply: FastifyReply, hub: FeedHub, communes: readonly string[] | null, catchUp: () => Promise<{ stays: StayView[]; alerts: AlertView[] }>): Promise<void> {
  const raw = reply.raw;
  reply.hijack();
  raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' });
  const write = (event: string, data: unknown, id?: number) => raw.write(`${id !== undefined ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  let held: Parameters<Send>[] | null = [];
  const unsubscribe = hub.subscribe(
    communes,
    (event, data, id) => {
      if (held) held.push([event, data, id]);
      else write(event, data, id);
    },
    () => raw.end(),
  );
  const ping = setInterval(() => raw.write(': ping\n\n'), PING_MS);
  ping.unref();
  raw.on('close', () => {
    clearInterval(ping);
    unsubscribe();
  });
  raw.write(': open06 lodging feed\n\n');
  const sent = new Set<string>();
  try {
    const { stays, alerts } = await catchUp();
    for (const a of alerts) {
      write('alert', a);
      sent.add(a.id);
    }
    for (const s of stays) {
      write('notification', s, s.seq);
      sent.add(s.id);
    }
  } catch (err) {
    write('error', { message: 'catch-up failed' });
    raw.end();
    throw err;
  }
  write('ready', { backlog: sent.size });
  const pending = held;
  held = null;
  for (const [event, data, id] of pending) if (!sent.has(data.id)) write(event, data, id);
}

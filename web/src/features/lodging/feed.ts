// The police's live feed of notifications (GET /feed, Server-Sent Events). EventSource cannot send
// the Authorization header, so the stream is read with fetch and a ReadableStream and split into
// events here; when it breaks it is opened again (backing off) after the last stay seen.
import { useEffect, useState } from 'react';
import { ApiError, type Problem } from '../../api/client.ts';
import { accessToken, currentRole } from '../../auth/session.ts';
import i18n from '../../i18n/index.ts';
import { API, type Alert, type Stay } from './lodging.ts';

interface ServerEvent {
  event: string;
  data: string;
  id?: string;
}

/** Splits a text/event-stream into events (comments such as `: ping` are skipped). */
async function* readEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<ServerEvent> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let event = 'message';
  let data: string[] = [];
  let id: string | undefined;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let nl: number;
    while ((nl = buffer.search(/\r\n|\n|\r/)) >= 0) {
      // a lone CR at the end may be the first half of a CRLF split across chunks
      if (nl === buffer.length - 1 && buffer[nl] === '\r') break;
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + (buffer.startsWith('\r\n', nl) ? 2 : 1));
      if (line === '') {
        if (data.length) yield { event, data: data.join('\n'), ...(id !== undefined ? { id } : {}) };
        event = 'message';
        data = [];
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const val = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event = val;
      else if (field === 'data') data.push(val);
      else if (field === 'id') id = val;
    }
  }
}

export type FeedStatus = 'connecting' | 'live' | 'retrying' | 'failed';

const KEEP = 500;

export interface Feed {
  stays: Stay[];
  /** Ids of stays that arrived while the console was open. */
  fresh: Set<string>;
  alerts: Alert[];
  status: FeedStatus;
  error: ApiError | null;
}

/** The feed of the officer's jurisdiction (or one commune of it), newest first. */
export function useFeed(communeCode: string | undefined): Feed {
  const [feed, setFeed] = useState<Feed>({ stays: [], fresh: new Set(), alerts: [], status: 'connecting', error: null });

  useEffect(() => {
    const abort = new AbortController();
    let after: number | undefined;
    let attempt = 0;
    setFeed({ stays: [], fresh: new Set(), alerts: [], status: 'connecting', error: null });

    /** `ready`: the server has sent its backlog; what comes after (or after a reconnection) is new. */
    const take = (ev: ServerEvent, conn: { ready: boolean; resumed: boolean }) => {
      if (ev.event === 'ready') conn.ready = true;
      else if (ev.event === 'notification') {
        const stay = JSON.parse(ev.data) as Stay;
        const live = conn.ready || conn.resumed;
        after = Math.max(after ?? 0, stay.seq);
        setFeed((f) => ({
          ...f,
          stays: [stay, ...f.stays.filter((s) => s.id !== stay.id)].sort((a, b) => b.seq - a.seq).slice(0, KEEP),
          // a reconnection re-sends the seconds before the last stay seen: those are not new
          fresh: live && !f.stays.some((s) => s.id === stay.id) ? new Set(f.fresh).add(stay.id) : f.fresh,
        }));
      } else if (ev.event === 'alert') {
        const alert = JSON.parse(ev.data) as Alert;
        setFeed((f) => ({ ...f, alerts: [alert, ...f.alerts.filter((a) => a.id !== alert.id)] }));
      }
    };

    const run = async () => {
      while (!abort.signal.aborted) {
        try {
          const token = await accessToken();
          const role = currentRole();
          const params = new URLSearchParams({ ...(communeCode ? { communeCode } : {}), ...(after !== undefined ? { after: String(after) } : {}) });
          const res = await fetch(`${API}/feed${params.size ? `?${params}` : ''}`, {
            signal: abort.signal,
            headers: { accept: 'text/event-stream', 'accept-language': i18n.language, ...(token ? { authorization: `Bearer ${token}` } : {}), ...(role ? { 'x-open06-role': role } : {}) },
          });
          if (!res.ok || !res.body) {
            const problem: Problem = (res.headers.get('content-type') ?? '').includes('json') ? ((await res.json()) as Problem) : { title: res.statusText, status: res.status };
            // a refusal does not heal by retrying; a server in trouble may
            if (res.status < 500) {
              setFeed((f) => ({ ...f, status: 'failed', error: new ApiError(problem) }));
              return;
            }
            throw new ApiError(problem);
          }
          // after a reconnection the server sends only what came since the last stay seen
          const conn = { ready: false, resumed: after !== undefined };
          attempt = 0;
          setFeed((f) => ({ ...f, status: 'live', error: null }));
          for await (const ev of readEvents(res.body)) take(ev, conn);
        } catch {
          if (abort.signal.aborted) return;
        }
        setFeed((f) => ({ ...f, status: 'retrying' }));
        await new Promise((r) => setTimeout(r, Math.min(30_000, 1000 * 2 ** attempt++)));
      }
    };
    void run();
    return () => abort.abort();
  }, [communeCode]);

  return feed;
}

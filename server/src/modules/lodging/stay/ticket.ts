// The guest ticket: what a scan at the desk read and how it was verified, signed (HMAC-SHA256) so
// that the check-in that follows can trust it without scanning again — an e-ID QR can be used
// only once. Valid 15 minutes, for the establishment that scanned. The key lives in
// DATA_DIR/keys/lodging-ticket.key (created on first use), so every process of a deployment honours it.
import { createHmac, createSecretKey, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface TicketGuest {
  pid: string;
  fullName: string;
  birthDate: string;
  sex?: 'M' | 'F' | undefined;
}

export interface Ticket {
  establishmentId: string;
  guest: TicketGuest;
  source: 'eid_qr' | 'id_card_qr';
  verification: 'green' | 'amber' | 'red';
  expiresAt: number;
}

export const TICKET_TTL_MS = 15 * 60_000;

export function loadTicketKey(keysDir: string): Buffer {
  const file = path.join(keysDir, 'lodging-ticket.key');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(keysDir, { recursive: true });
    try {
      fs.writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err; // another process won the race
    }
  }
  return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64url');
}

export function createTickets(key: Buffer) {
  const secret = createSecretKey(key); // made once: a raw Buffer would become a key object per call
  const mac = (body: string) => createHmac('sha256', secret).update(body).digest();
  return {
    sign(t: Ticket): string {
      const body = Buffer.from(JSON.stringify(t)).toString('base64url');
      return `${body}.${mac(body).toString('base64url')}`;
    },
    /** The ticket, or why it is refused. */
    verify(text: string, establishmentId: string, now: number): Ticket | 'invalid' | 'expired' {
      const [body, sig] = text.split('.');
      if (!body || !sig) return 'invalid';
      const given = Buffer.from(sig, 'base64url');
      const want = mac(body);
      if (given.length !== want.length || !timingSafeEqual(given, want)) return 'invalid';
      const t = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Ticket;
      if (t.establishmentId !== establishmentId) return 'invalid';
      return t.expiresAt < now ? 'expired' : t;
    },
  };
}

export type Tickets = ReturnType<typeof createTickets>;

// When a stay must be notified to the commune police (Law on Residence 2020 art. 30 §4; Law on the
// entry and residence of foreigners art. 33): a Vietnamese guest before 23:00 the day they arrive,
// or before 08:00 the next day when they arrive at or after 23:00; a foreign guest within 12 hours.
// In Vietnam's time. The server decides with it; the desk shows it before sending.
import { startOfVnDay, vnDay } from '../dates/vietnam-time.ts';

const HOUR = 3600_000;

export function notificationDeadline(arrivedAt: Date, guest: 'citizen' | 'foreign'): Date {
  if (guest === 'foreign') return new Date(arrivedAt.getTime() + 12 * HOUR);
  const dayStart = startOfVnDay(vnDay(arrivedAt)).getTime();
  return new Date(arrivedAt.getTime() - dayStart < 23 * HOUR ? dayStart + 23 * HOUR : dayStart + 32 * HOUR);
}

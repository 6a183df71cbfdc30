// What the checkpoint screens read and send (/api/v1/checkpoints/…): sites, summaries, scans and
// counter presses. Staff act as citizens (their own e-ID); police in their official role.
import { useQuery } from '@tanstack/react-query';
import { getJson, sendJson } from '../../api/client.ts';

/** Officials who run checkpoint sites (permission checkpoint.manage). */
export const POLICE_ROLES = ['commune_police', 'province_police'];
export const KINDS = ['heritage', 'station', 'temple', 'other'] as const;
export type Kind = (typeof KINDS)[number];
export type Direction = 'in' | 'out';

export interface AlertInfo {
  level: 'warning' | 'full';
  since: string;
}

export interface SiteRow {
  id: string;
  name: string;
  kind: Kind;
  communeCode: string;
  capacity: number;
  retentionDays: number;
  onSite: number;
  entriesToday: number;
  exitsToday: number;
  alert: AlertInfo | null;
  staffCount?: number;
}

export interface Site {
  id: string;
  name: string;
  kind: Kind;
  communeCode: string;
  capacity: number;
  retentionDays: number;
  onSite: number;
  alert: AlertInfo | null;
  staff?: { pid: string; addedAt: string }[];
}

export interface SiteInput {
  name: string;
  kind: Kind;
  communeCode: string;
  capacity: number;
  retentionDays: number;
}

export interface Summary {
  day: string;
  onSite: number;
  capacity: number;
  entriesToday: number;
  exitsToday: number;
  byHour: { hour: number; in: number; out: number }[];
  byDay: { day: string; in: number; out: number }[];
  alert: AlertInfo | null;
}

export interface Passage {
  direction: Direction;
  count: number;
  at: string;
  method: 'eid_qr' | 'id_card_qr' | 'counter';
  verification?: 'green' | 'amber';
  matchedEntry?: boolean;
  onSite: number;
  capacity: number;
  alert: AlertInfo | null;
}

const BASE = '/api/v1/checkpoints/sites';

export function useSites() {
  return useQuery({ queryKey: ['checkpoints', 'sites'], queryFn: () => getJson<{ items: SiteRow[] }>(BASE) });
}

export function useSite(id: string | undefined) {
  return useQuery({ queryKey: ['checkpoints', 'site', id], enabled: !!id, queryFn: () => getJson<Site>(`${BASE}/${id}`) });
}

/** A site's summary; refreshed every `refreshMs` (people on site change by the minute). */
export function useSummary(id: string | undefined, day?: string, refreshMs: number | false = false) {
  return useQuery({
    queryKey: ['checkpoints', 'summary', id, day ?? 'today'],
    enabled: !!id,
    refetchInterval: refreshMs,
    queryFn: () => getJson<Summary>(`${BASE}/${id}/summary${day ? `?day=${day}` : ''}`),
  });
}

export const registerSite = (body: SiteInput) => sendJson<Site>(BASE, 'POST', body);
export const editSite = (id: string, body: Partial<SiteInput>) => sendJson<Site>(`${BASE}/${id}`, 'PATCH', body);
export const addStaff = (id: string, pid: string) => sendJson<Site>(`${BASE}/${id}/staff`, 'POST', { pid });
export const removeStaff = (id: string, pid: string) => sendJson<void>(`${BASE}/${id}/staff/${pid}`, 'DELETE');
export const scanPassage = (id: string, direction: Direction, qr: string) => sendJson<Passage>(`${BASE}/${id}/scans`, 'POST', { direction, qr });
export const countPassage = (id: string, direction: Direction, count: number) => sendJson<Passage>(`${BASE}/${id}/counts`, 'POST', { direction, count });

/** Share of the capacity in use, 0–100 (may pass 100 when over capacity). */
export function fillPercent(onSite: number, capacity: number): number {
  return capacity > 0 ? Math.round((onSite / capacity) * 100) : 0;
}

/** yyyy-mm-dd ± days. */
export function shiftDay(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Today in Vietnam (UTC+7), yyyy-mm-dd. */
export function vnToday(): string {
  return new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
}

/** yyyy-mm-dd → dd/mm (chart axes; full dates use viDate). */
export function shortDay(day: string): string {
  const [, m, d] = day.split('-');
  return `${d}/${m}`;
}

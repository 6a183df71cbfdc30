// Pure rules of occupancy: the capacity alert (warning from 90 %, full from 100 %, with the moment
// its level was reached), and counts by Vietnamese hour and day. Vietnam is UTC+7 all year, so an
// hour bucket (its first instant, in UTC) is a Vietnamese hour too.
import { startOfVnDay, vnDay } from '@open06/kernel';
import type { AlertLevel, Direction } from './checkpoints.tables.ts';

export interface Alert {
  level: AlertLevel;
  since: Date;
}

export const WARNING_RATIO = 0.9;
const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;

export function alertLevel(onSite: number, capacity: number): AlertLevel | null {
  if (onSite >= capacity) return 'full';
  if (onSite >= capacity * WARNING_RATIO) return 'warning';
  return null;
}

/** The alert after a change: a level kept keeps its `since`; a new level starts now. */
export function nextAlert(prev: Alert | null, onSite: number, capacity: number, now: Date): Alert | null {
  const level = alertLevel(onSite, capacity);
  if (!level) return null;
  return prev?.level === level ? prev : { level, since: now };
}

/** People on site after a passage: exits without a recorded entry never take it below 0. */
export function occupancyAfter(onSite: number, direction: Direction, count: number): number {
  return Math.max(0, onSite + (direction === 'in' ? count : -count));
}

/** The first instant of the hour holding `at`. */
export function hourOf(at: Date): Date {
  return new Date(Math.floor(at.getTime() / HOUR_MS) * HOUR_MS);
}

export function isDay(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** The first instant of Vietnamese day `day` (yyyy-mm-dd). */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

export interface HourRow {
  hour: Date;
  entries: number;
  exits: number;
}

/** The 24 hours of Vietnamese day `day`: entries and exits in each. */
export function byHour(rows: readonly HourRow[], day: string): { hour: number; in: number; out: number }[] {
  const start = startOfVnDay(day).getTime();
  const out = Array.from({ length: 24 }, (_, hour) => ({ hour, in: 0, out: 0 }));
  for (const r of rows) {
    const i = Math.floor((r.hour.getTime() - start) / HOUR_MS);
    if (i < 0 || i >= 24) continue;
    out[i]!.in += r.entries;
    out[i]!.out += r.exits;
  }
  return out;
}

/** Entries and exits per Vietnamese day, the `days` days ending with `lastDay`, oldest first. */
export function byDay(rows: readonly HourRow[], lastDay: string, days: number): { day: string; in: number; out: number }[] {
  const out = Array.from({ length: days }, (_, i) => ({ day: addDays(lastDay, i - days + 1), in: 0, out: 0 }));
  const index = new Map(out.map((d, i) => [d.day, i]));
  for (const r of rows) {
    const i = index.get(vnDay(r.hour));
    if (i === undefined) continue;
    out[i]!.in += r.entries;
    out[i]!.out += r.exits;
  }
  return out;
}

// What the data-quality screens read and send (GET/POST /api/v1/quality/…). Reading findings and
// the two records of a duplicate is logged by the server with the purpose `data_quality`.
import { useQuery } from '@tanstack/react-query';
import { getJson, sendJson } from '../../api/client.ts';
import type { Person } from '../../components/person.ts';

export const DATA_ROLES = ['commune_police', 'province_police'];
export const FAMILIES = ['correct', 'complete', 'clean', 'alive'] as const;
export type Family = (typeof FAMILIES)[number];
export type Severity = 'high' | 'medium' | 'low';
export const PURPOSE = 'data_quality';

export interface Text {
  vi: string;
  en: string;
}

export interface ScoreRow {
  code: string;
  name: string;
  level: 'national' | 'province' | 'commune';
  persons: number;
  correct: number;
  complete: number;
  clean: number;
  alive: number;
  overall: number;
  completeness: number;
  open: { high: number; medium: number; low: number; total: number };
}

export interface Scorecard {
  unit: ScoreRow;
  children: ScoreRow[];
  checkedAt: string | null;
}

export interface RuleInfo {
  id: string;
  label: Text;
  kind: string;
  family: Family;
  severity: Severity;
  checks: Text;
  why: Text;
  sources: { key: string; text: string }[];
  params: Record<string, unknown>;
}

export interface Finding {
  id: number;
  rule: string;
  family: Family;
  severity: Severity;
  pid: string;
  key: string;
  relatedPid: string | null;
  subjectName: string;
  subjectBirth: string;
  communeCode: string | null;
  communeName: string | null;
  fields: string[];
  evidence: Record<string, unknown>;
  fix: Text;
  status: 'open' | 'resolved' | 'dismissed';
  firstSeenAt: string;
  lastSeenAt: string;
  resolvedAt: string | null;
  resolvedBy: string | null;
  resolution: 'corrected' | 'merged' | 'dismissed' | 'rechecked' | null;
  resolutionReason: string | null;
}

export interface FindingPage {
  items: Finding[];
  total: number;
  page: number;
  pageSize: number;
  byRule: Record<string, number>;
}

export interface Filters {
  unit?: string | undefined;
  family?: string | undefined;
  rule?: string | undefined;
  severity?: string | undefined;
  status?: string | undefined;
  pid?: string | undefined;
  page: number;
  pageSize: number;
}

export const text = (t: Text | undefined, lang: string) => (t ? (lang === 'en' ? t.en : t.vi) : '');

export function useRules() {
  return useQuery({ queryKey: ['quality', 'rules'], staleTime: Infinity, queryFn: () => getJson<{ rules: RuleInfo[]; families: Record<Family, Text & { description: Text }> }>('/api/v1/quality/rules') });
}

export function useScorecard(unit: string | undefined) {
  return useQuery({ queryKey: ['quality', 'scorecard', unit ?? ''], queryFn: () => getJson<Scorecard>(`/api/v1/quality/scorecard${unit ? `?unit=${unit}` : ''}`) });
}

export function useFindings(f: Filters) {
  const q = new URLSearchParams(Object.entries(f).filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => [k, String(v)]));
  return useQuery({ queryKey: ['quality', 'findings', q.toString()], placeholderData: (prev) => prev, queryFn: () => getJson<FindingPage>(`/api/v1/quality/findings?${q}`) });
}

export function useFinding(id: number) {
  return useQuery({ queryKey: ['quality', 'finding', id], queryFn: () => getJson<Finding>(`/api/v1/quality/findings/${id}`) });
}

/** A record as the registry shows it to the officer, read for data cleaning (logged). */
export function usePersonForQuality(pid: string | null | undefined) {
  return useQuery({
    queryKey: ['quality', 'person', pid],
    enabled: !!pid,
    retry: false,
    staleTime: 60_000,
    queryFn: () => getJson<Person>(`/api/v1/persons/${pid}?purpose=${PURPOSE}`),
  });
}

export type Resolution =
  | { action: 'correct'; reason: string; changes?: Record<string, unknown>; residence?: { kind: string; communeCode: string; detail: string }; version?: number }
  | { action: 'merge'; reason: string; survivorPid: string; take?: string[] }
  | { action: 'dismiss'; reason: string };

export interface ResolveResult {
  finding: Finding;
  fixed: boolean;
  merge?: { survivorPid: string; retiredPid: string; taken: string[]; relinked: string[] };
}

export function resolveFinding(id: number, r: Resolution) {
  return sendJson<ResolveResult>(`/api/v1/quality/findings/${id}/resolve`, 'POST', r);
}

/** A match probability as people read it (never "100 %": a probability below 1 is shown as at most 99.99 %). */
export function probabilityText(evidence: Record<string, unknown>, lang: string): string {
  const t = evidence.probabilityText as Text | undefined;
  if (t) return text(t, lang);
  const pct = Math.min(Number(evidence.probability) * 100, 99.99).toFixed(2);
  return `${lang === 'en' ? pct : pct.replace('.', ',')} %`;
}

export const SEVERITY_COLOR: Record<Severity, string> = { high: 'red', medium: 'orange', low: 'blue' };

// What the verifier screen and the citizen's QR page send to and get from the API.
import { useQuery } from '@tanstack/react-query';
import { getJson, sendJson } from '../../api/client.ts';
import { useAuth } from '../../auth/AuthContext.tsx';

export type Source = 'eid_qr' | 'id_card_qr' | 'chip' | 'typed';
export type Colour = 'green' | 'amber' | 'red';
export type AttributeName = 'pid' | 'fullName' | 'birthDate' | 'sex' | 'oldId' | 'issueDate';
export type AttributeResult = 'match' | 'no_match' | 'not_checked';

export interface ChipFiles {
  sod: string;
  dg1?: string;
  dg2?: string;
  dg11?: string;
  dg12?: string;
  dg13?: string;
  dg14?: string;
  dg15?: string;
}

export interface CheckRequest {
  purpose: string;
  source: Source;
  qr?: string;
  chip?: ChipFiles;
  attributes?: { pid?: string; fullName?: string; birthDate?: string; sex?: 'M' | 'F'; oldId?: string };
}

export interface CheckResult {
  id: string;
  at: string;
  purpose: string;
  source: Source;
  result: Colour;
  checks: { name: string; status: 'passed' | 'failed' | 'not_possible' | 'not_checked'; reason?: string }[];
  attributes: Partial<Record<AttributeName, AttributeResult>>;
  presented: Partial<Record<AttributeName, string>>;
  accountLevel?: 1 | 2;
  qr?: { issuedAt: string; expiresAt: string };
  card?: {
    signed: false;
    verdict: 'unverified' | 'confirmed_by_registry' | 'contradicted';
    warnings: { code: string; message: { vi: string; en: string } }[];
    communeSuggestion: { via: 'current' | 'legacy'; divided: boolean; communes: { code: string; fullName: string; province: string }[]; note: { vi: string; en: string } } | null;
  };
  chip?: { verdict: 'genuine' | 'forged' | 'unverified'; checks: { id: string; status: 'passed' | 'failed' | 'not_possible'; required: boolean; detail: { vi: string; en: string } }[] };
  photo?: { mimeType: string; data: string };
}

export function runCheck(body: CheckRequest): Promise<CheckResult> {
  return sendJson<CheckResult>('/api/v1/verification/checks', 'POST', body);
}

/** What a scanned QR is: the signed e-ID QR ("VN1:…"), or the printed QR of an ID card ("…|…|…"). */
export function sourceOfQr(text: string): 'eid_qr' | 'id_card_qr' {
  return /^\s*VN\d+:/.test(text) ? 'eid_qr' : 'id_card_qr';
}

/** The verification purposes the role acted in may state. */
export function useVerificationPurposes() {
  const { role } = useAuth();
  const q = useQuery({
    queryKey: ['purposes', 'with-roles'],
    staleTime: Infinity,
    queryFn: () => getJson<{ items: { code: string; vi: string; en: string; roles: string[] }[] }>('/api/v1/purposes'),
  });
  return { ...q, items: (q.data?.items ?? []).filter((p) => p.code.startsWith('verification_') && p.roles.includes(role)) };
}

/** Which chip file a reader's file name stands for: EF.SOD / sod.bin → sod, DG13.bin / EF_DG13 → dg13. */
export function chipFileKey(name: string): keyof ChipFiles | undefined {
  const base = name.toLowerCase();
  if (/(^|[^a-z])sod([^a-z]|$)/.test(base)) return 'sod';
  const m = /dg\s*[-_]?(\d{1,2})/.exec(base);
  if (m && ['1', '2', '11', '12', '13', '14', '15'].includes(String(Number(m[1])))) return `dg${Number(m[1])}` as keyof ChipFiles;
  return undefined;
}

export interface IssuedQr {
  qr: string;
  kid: string;
  issuedAt: string;
  expiresAt: string;
  level: 1 | 2;
}

export function issueQr(): Promise<IssuedQr> {
  return sendJson<IssuedQr>('/api/v1/verification/eid-qr', 'POST');
}

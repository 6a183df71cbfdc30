// What the citizen's application screens (and the one-stop desk's) read and send: prefill of a form
// from the population registry, uploads, applications (submit, mine, one, supplement, withdraw) and
// the wallet of results (/api/v1/wallet, issuer keys at /.well-known/jwt-vc-issuer). Shapes follow
// server/src/modules/services/services.schema.ts. Also the client-side helpers the form needs:
// conditions, a fee quote (@open06/kernel/fees, as the server charges it), where a prefilled value came from.
import { useQuery } from '@tanstack/react-query';
import { getJson, sendJson } from '../../api/client.ts';
import { FeeError, quoteFee as quote, type FeeQuote, type FeeRule } from '@open06/kernel/fees';
import type { Condition, FormDefinition, Section, Text } from './services.ts';

export type Scalar = string | number | boolean | null;
/** Form values by field id (`section.field`). */
export type Values = Record<string, Scalar>;
export type DocumentRef = { attachmentId: string } | { walletDocumentId: string };
export type DocumentRefs = Record<string, DocumentRef>;

export interface PrefillEntry {
  value: string | number | boolean;
  /** `fixture`, `import`, `registration`, `residence`, `procedure:<service>:<code>` … */
  source: string;
  updatedAt: string;
  /** Whose record: `applicant`, `spouse`, `father.pid` … */
  of: string;
  editable: boolean;
}
export interface FieldProblem {
  path: string;
  code: string;
  message: Text;
}
export interface PrefillView {
  entries: Record<string, PrefillEntry>;
  problems: FieldProblem[];
}

export interface Upload {
  id: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
}

export const STATUSES = ['awaiting_payment', 'in_progress', 'supplement_requested', 'completed', 'refused', 'withdrawn'] as const;
export type Status = (typeof STATUSES)[number];
export type Channel = 'online' | 'desk' | 'kiosk';

export interface ApplicationSummary {
  id: string;
  code: string;
  serviceId: string;
  serviceName: Text;
  applicantPid: string;
  channel: Channel;
  communeCode: string;
  status: Status;
  step: { id: string; name: Text; role: string } | null;
  fee: { amount: number; paid: 'online' | 'desk' | null };
  submittedAt: string;
  receivedOn: string | null;
  dueOn: string | null;
  /** Working days left before the deadline (negative: overdue). */
  daysLeft: number | null;
  overdue: boolean;
  completedAt: string | null;
  parentId: string | null;
  prefilledShare: number;
  /** As the form gives it. */
  applicantName: string | null;
  /** The commune or province code whose officials act on the current step. */
  queueUnit: string | null;
}

export interface ApplicationEvent {
  at: string;
  action: string;
  stepId: string | null;
  actorRole: string;
  roleLabel: Text;
  note: string | null;
}

export interface ApplicationDetail extends ApplicationSummary {
  version: number;
  values: Record<string, unknown>;
  prefilled: Record<string, { source: string; updatedAt: string; of: string }>;
  documents: Record<string, DocumentRef | undefined>;
  result: { outcome: string; reasons: string | null; walletDocumentId: string | null; outputs: Record<string, string> } | null;
  daysLeftWhenPaused: number | null;
  payment: { id: string; reference: string; amount: number; status: string; expiresAt: string; paidAt: string | null; vietQr: string | null } | null;
  events: ApplicationEvent[];
  steps: ApplicationSummary[];
}

export interface WalletDocument {
  id: string;
  kind: string;
  title: Text;
  holderPid: string;
  subjectPid: string | null;
  applicationId: string | null;
  issuedAt: string;
  status: 'valid' | 'revoked';
  revoked: { at: string; reason: string } | null;
  claims: Record<string, unknown>;
}

export interface SubmitBody {
  serviceId: string;
  values: Values;
  documents?: DocumentRefs;
  kiosk?: boolean;
}

const enc = encodeURIComponent;

export const applicationsApi = {
  prefill: (serviceId: string, values: Values, applicantPid?: string) =>
    sendJson<PrefillView>(`/api/v1/services/${enc(serviceId)}/prefill`, 'POST', { values, ...(applicantPid ? { applicantPid } : {}) }),
  upload: (file: { fileName: string; mediaType: string; contentBase64: string }, applicantPid?: string) =>
    sendJson<Upload>('/api/v1/attachments', 'POST', { ...file, ...(applicantPid ? { applicantPid } : {}) }),
  submit: (body: SubmitBody) => sendJson<ApplicationDetail>('/api/v1/applications', 'POST', body),
  mine: () => getJson<{ items: ApplicationSummary[] }>('/api/v1/applications/mine'),
  get: (id: string) => getJson<ApplicationDetail>(`/api/v1/applications/${enc(id)}`),
  supplement: (id: string, body: { values?: Values; documents?: DocumentRefs; note?: string }) =>
    sendJson<ApplicationDetail>(`/api/v1/applications/${enc(id)}/supplement`, 'POST', body),
  withdraw: (id: string, reason?: string) => sendJson<ApplicationDetail>(`/api/v1/applications/${enc(id)}/withdraw`, 'POST', reason ? { reason } : {}),
  wallet: () => getJson<{ items: WalletDocument[] }>('/api/v1/wallet'),
  walletDocument: (id: string) => getJson<WalletDocument & { credential: string }>(`/api/v1/wallet/${enc(id)}`),
  /** The issuer's published keys (public, no login): what an offline verifier fetches once. */
  issuer: async () => {
    const res = await fetch('/.well-known/jwt-vc-issuer', { headers: { accept: 'application/json' } });
    if (!res.ok) throw new Error(`${res.status} ${res.statusText}`);
    return (await res.json()) as { issuer: string; jwks: { keys: Record<string, unknown>[] } };
  },
  /**
   * A Token Status List (public): the whole list, whichever document is checked. The issuer's own
   * list is fetched from this origin (the same server, also behind the dev server's proxy).
   */
  statusList: async (uri: string, issuer: string) => {
    const own = uri.startsWith(`${issuer}/`) ? uri.slice(issuer.length) : uri;
    // not from the browser's cache: a check is worth making only against the list as it is now
    const res = await fetch(own, { headers: { accept: 'application/statuslist+jwt' }, cache: 'no-cache' });
    if (!res.ok) throw new Error(`${res.status} ${res.statusText}`);
    return res.text();
  },
};

export function useWallet(enabled = true) {
  return useQuery({ queryKey: ['wallet'], queryFn: applicationsApi.wallet, enabled });
}

/** A file read as base64 (without the data: prefix), for POST /api/v1/attachments. */
export function fileToBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(r.error ?? new Error('read failed'));
    r.readAsDataURL(file);
  });
}

/** 1 234 567 bytes → "1,2 MB" (vi) / "1.2 MB" (en). */
export function fileSize(bytes: number, lang: string): string {
  const [n, unit] = bytes >= 1024 * 1024 ? [bytes / 1024 / 1024, 'MB'] : bytes >= 1024 ? [bytes / 1024, 'KB'] : [bytes, 'B'];
  const text = unit === 'B' ? String(n) : n.toFixed(1);
  return `${lang === 'en' ? text : text.replace('.', ',')} ${unit}`;
}

const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** Whether a catalogue condition holds for these values (no condition: always). */
export function holds(when: Condition | undefined, values: Readonly<Record<string, unknown>>): boolean {
  if (!when) return true;
  const v = values[when.field];
  if (blank(v)) return false;
  if (when.in) return when.in.some((x) => x === v);
  return when.equals === v;
}

/** The fields shown for these values: a condition on a hidden field does not hold (as on the server). */
export function shownFields(sections: Section[], values: Readonly<Record<string, unknown>>): Set<string> {
  const all = sections.flatMap((s) => s.fields.map((f) => ({ id: `${s.id}.${f.name}`, f })));
  let shown = new Set(all.map((x) => x.id));
  for (let round = 0; round < 4; round++) {
    const visible = Object.fromEntries(Object.entries(values).filter(([k]) => shown.has(k)));
    const next = new Set(all.filter((x) => holds(x.f.when, visible)).map((x) => x.id));
    if (next.size === shown.size) return next;
    shown = next;
  }
  return shown;
}

/** The fields the prefill depends on: conditions of bindings, and the pid fields whose person they read. */
export function prefillInputs(def: FormDefinition): Set<string> {
  const out = new Set<string>();
  for (const p of def.prefill) {
    if (p.when) out.add(p.when.field);
    if (p.of && p.of.includes('.')) out.add(p.of);
  }
  return out;
}

/** The fee for these values before exemptions, computed as the server charges it (@open06/kernel/fees); null while a value it needs is missing, or for a rate the province sets. */
export function quoteFee(rule: FeeRule, channel: 'online' | 'desk', values: Readonly<Record<string, unknown>>): FeeQuote | null {
  try {
    return quote({ rule, exemptions: [] }, { channel, values });
  } catch (err) {
    if (err instanceof FeeError) return null;
    throw err;
  }
}

/**
 * Where a registry value came from, in words: an import or the original registration → "đăng ký",
 * a residence registration → "đăng ký cư trú", an ID card issued → "cấp thẻ căn cước", a correction →
 * "điều chỉnh thông tin", a procedure → "thủ tục <name>".
 */
export function sourceKey(source: string): { key: 'registration' | 'residence' | 'household' | 'procedure' | 'id_card' | 'correction' | 'other'; service?: string } {
  if (source.startsWith('procedure:')) return { key: 'procedure', service: source.split(':')[1] ?? '' };
  if (source === 'id_card' || source === 'correction' || source === 'household') return { key: source };
  if (source === 'residence' || source.startsWith('residence')) return { key: 'residence' };
  if (['fixture', 'import', 'registration', 'seed', 'demo'].includes(source) || source.startsWith('import')) return { key: 'registration' };
  return { key: 'other' };
}

/** An ISO date (yyyy-mm-dd, yyyy-mm, yyyy) as typed in the form (dd/mm/yyyy, mm/yyyy, yyyy). */
export function isoToTyped(v: string): string {
  return /^\d{4}(-\d{2}){0,2}$/.test(v) ? v.split('-').reverse().join('/') : v;
}


// What the online public service screens read from the API: the service catalogue
// (/api/v1/services, public) with each procedure's whole definition (config/services/README.md),
// and payment requests with their VietQR (/api/v1/payments). Also the small helpers the screens
// share: amounts in đồng, a text in the reader's language, a form's fields by id.
import { useQuery } from '@tanstack/react-query';
import type { FeeRule } from '@open06/kernel/fees';
import { getJson, sendJson } from '../../api/client.ts';

export interface Text {
  vi: string;
  en: string;
}

/** A sector code of the catalogue (`services.sector.<code>` in the locales); the server's schema lists them. */
export type Sector = string;
export type Kind = 'single' | 'linked' | 'module';
export type Level = 'national' | 'province' | 'commune' | 'agency';
export type Unit = 'commune' | 'province';

export interface ServiceSummary {
  id: string;
  nationalCode: string | null;
  essential: number | null;
  kind: Kind;
  name: Text;
  sector: Sector;
  agency: { name: Text; level: Level };
  online: 'full' | 'partial';
  eidLevel: number;
  workingDays: number;
  free: boolean;
}

type Primitive = string | number | boolean;
export interface Condition {
  field: string;
  equals?: Primitive;
  in?: Primitive[];
}

interface FieldBase {
  name: string;
  label: Text;
  help?: Text;
  required: boolean;
  when?: Condition;
}
export type Field = FieldBase &
  (
    | { type: 'text'; multiline?: boolean; maxLength?: number; minLength?: number; pattern?: string }
    | { type: 'date'; partial: boolean; min?: string; max?: string }
    | { type: 'select'; options?: { value: string; label: Text }[]; optionsFrom?: 'ethnicities' | 'religions' }
    | { type: 'pid' }
    | { type: 'commune' }
    | { type: 'number'; unit?: Text; min?: number; max?: number; integer?: boolean }
    | { type: 'boolean' }
    | { type: 'file'; accept: string[]; maxSizeMb: number }
  );

export interface Section {
  id: string;
  title: Text;
  subject?: string;
  fields: Field[];
}

export interface Prefill {
  field: string;
  from: string;
  of: string;
  when?: Condition;
  editable: boolean;
}

export interface Document {
  id: string;
  title: Text;
  required: boolean;
  when?: Condition;
  upload: boolean;
  reuse?: 'wallet';
  /** The wallet credential kind a reused document must be (`death_extract` …). */
  credential?: string;
  note?: Text;
  basis?: string;
}

export type { FeeRule };

export interface Fee {
  rule: FeeRule;
  exemptions: { category: string; label: Text; reduction: number; basis?: string }[];
  basis: string[];
  note?: Text;
}

export interface WorkflowStep {
  id: string;
  name: Text;
  role: string;
  unit: Unit;
  agency?: Text;
  when?: Condition;
}

export interface LinkedStep {
  id: string;
  procedure: string;
  owner: { agency: Text; role: string; unit: Unit };
  workingDays: number;
  onRefusal: 'abort' | 'stop' | 'continue';
  compensation: { effects: string[]; description: Text };
}

export interface ResultDoc {
  kind: string;
  title: Text;
  credential: boolean;
  delivery: ('wallet' | 'desk' | 'post')[];
  note?: Text;
}

interface Head {
  id: string;
  nationalCode: string | null;
  essential: number | null;
  name: Text;
  sector: Sector;
  agency: { name: Text; level: Level };
  legalBasis: { doc: string; articles?: string; note?: Text }[];
  online: 'full' | 'partial';
  eidLevel: number;
  processing: { workingDays: number; extendedWorkingDays?: number; extendedWhen?: Text; note?: Text; basis?: string };
  fee: Fee;
}
interface WithForm {
  routing: { commune: string };
  form: { sections: Section[] };
  prefill: Prefill[];
  documents: Document[];
}
export type Definition =
  | (Head & WithForm & { kind: 'single'; workflow: { steps: WorkflowStep[] }; result: ResultDoc })
  | (Head & WithForm & { kind: 'linked'; steps: LinkedStep[] })
  | (Head & { kind: 'module'; handledBy: 'lodging'; note?: Text });

/** A procedure as the form and the desk use it (a `module` procedure has no form: the form says so). */
export type ServiceDefinition = Definition;
/** A procedure that has a form (single or linked). */
export type FormDefinition = Extract<Definition, { form: unknown }>;

export interface Payment {
  id: string;
  reference: string;
  description: string;
  amount: number;
  currency: 'VND';
  status: 'pending' | 'paid' | 'expired' | 'cancelled';
  createdAt: string;
  expiresAt: string;
  paidAt: string | null;
  vietQr: string | null;
  beneficiary: { bin: string; account: string; name: string };
}

/** Officials who may read payments (config/roles.json: payment.read); `citizen` is the payer. */
export const PAYMENT_ACCESS = ['citizen', 'one_stop_officer', 'admin'];

export interface CatalogueFilter {
  q?: string;
  sector?: Sector;
  essential?: 'true' | 'false';
}

function query(f: CatalogueFilter): string {
  const s = new URLSearchParams(Object.entries(f).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1].trim() !== ''));
  return s.size ? `?${s}` : '';
}

export const servicesApi = {
  list: (f: CatalogueFilter) => getJson<{ items: ServiceSummary[] }>(`/api/v1/services${query(f)}`),
  get: (id: string) => getJson<Definition>(`/api/v1/services/${encodeURIComponent(id)}`),
  payment: (id: string) => getJson<Payment>(`/api/v1/payments/${encodeURIComponent(id)}`),
  simulateTransfer: (id: string) => sendJson<{ result: { outcome: string } }>(`/api/v1/payments/${encodeURIComponent(id)}/simulate-transfer`, 'POST', {}),
};

export function useCatalogue(f: CatalogueFilter) {
  return useQuery({ queryKey: ['services', 'list', f], queryFn: () => servicesApi.list(f) });
}

/** An amount in whole đồng: "30.000 ₫" in Vietnamese, "30,000 VND" in English. */
export function vnd(amount: number, lang: string): string {
  const digits = String(Math.round(amount)).replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'en' ? ',' : '.');
  return lang === 'en' ? `${digits} VND` : `${digits} ₫`;
}

/** A catalogue text in the reader's language (Vietnamese unless English is chosen). */
export function pick(text: Text, lang: string): string {
  return lang === 'en' ? text.en : text.vi;
}

/** A form's fields by id (`<section>.<name>`). */
export function fieldsById(sections: Section[]): Map<string, Field> {
  return new Map(sections.flatMap((s) => s.fields.map((f) => [`${s.id}.${f.name}`, f] as const)));
}

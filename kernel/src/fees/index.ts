// @open06/kernel/fees — what an application pays: a procedure's fee rule (config/services, `fee`)
// applied to the channel it came through, the values of its form and the exemption categories an
// official accepted. Pure, shared by the server (which charges it) and the web app (which shows it
// while the form is filled): amounts in whole đồng; rates a province sets itself (`local`) are
// passed in by the caller.

export interface Text {
  vi: string;
  en: string;
}

/** A fee rule as config/services/README.md describes it (checked by the server's catalogue schema). */
export type FeeRule =
  | { kind: 'free' }
  | { kind: 'fixed'; amount: number }
  | { kind: 'by_channel'; online: number; desk: number }
  | { kind: 'per_unit'; field: string; free: number; rule: FeeRule }
  | { kind: 'by_field'; field: string; cases: Record<string, FeeRule> }
  | { kind: 'sum'; parts: { label: Text; rule: FeeRule }[] }
  | { kind: 'from_field'; field: string }
  | { kind: 'local'; key: string };

/** The parts of a procedure's `fee` the amount depends on. */
export interface Fee {
  rule: FeeRule;
  exemptions: readonly { category: string; reduction: number }[];
}

export type Channel = 'online' | 'desk';

export interface FeeInput {
  channel: Channel;
  /** Form values by field id (`copies.count`, `request.reason` …). */
  values: Readonly<Record<string, unknown>>;
  /** Exemption categories the applicant belongs to, as verified (e.g. `poor_household`). */
  categories?: readonly string[];
  /** Amounts a province's People's Council decided, by `local` rule key. */
  localRates?: Readonly<Record<string, number>>;
}

export interface FeeLine {
  /** The part of a `sum` rule; null for a rule that is not a sum. */
  label: Text | null;
  amount: number;
}

export interface FeeQuote {
  /** What is due after the exemption. */
  amount: number;
  /** Before the exemption. */
  gross: number;
  currency: 'VND';
  lines: FeeLine[];
  exemption: { category: string; reduction: number } | null;
}

/** A value the rule needs is missing or unusable: names the field (or local rate) at fault. */
export class FeeError extends Error {
  readonly field: string;
  constructor(field: string, message: string) {
    super(`${field}: ${message}`);
    this.name = 'FeeError';
    this.field = field;
  }
}

function wholeNumber(input: FeeInput, field: string): number {
  const v = input.values[field];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new FeeError(field, `expected a whole number ≥ 0, got ${JSON.stringify(v)}`);
  return v;
}

function amountOf(rule: FeeRule, input: FeeInput): number {
  switch (rule.kind) {
    case 'free':
      return 0;
    case 'fixed':
      return rule.amount;
    case 'by_channel':
      return input.channel === 'online' ? rule.online : rule.desk;
    case 'per_unit':
      return Math.max(0, wholeNumber(input, rule.field) - rule.free) * amountOf(rule.rule, input);
    case 'by_field': {
      const v = input.values[rule.field];
      const key = typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number' ? String(v) : undefined;
      const next = key === undefined ? undefined : rule.cases[key];
      if (!next) throw new FeeError(rule.field, `no fee case for ${JSON.stringify(v)}`);
      return amountOf(next, input);
    }
    case 'sum':
      return rule.parts.reduce((s, p) => s + amountOf(p.rule, input), 0);
    case 'from_field':
      return wholeNumber(input, rule.field);
    case 'local': {
      const rate = input.localRates?.[rule.key];
      if (rate === undefined || !Number.isInteger(rate) || rate < 0) throw new FeeError(rule.key, 'the province has not set this rate');
      return rate;
    }
  }
}

/** The amount due for one application. Throws FeeError when a value the rule needs is missing. */
export function quoteFee(fee: Fee, input: FeeInput): FeeQuote {
  const lines: FeeLine[] = fee.rule.kind === 'sum' ? fee.rule.parts.map((p) => ({ label: p.label, amount: amountOf(p.rule, input) })) : [{ label: null, amount: amountOf(fee.rule, input) }];
  const gross = lines.reduce((s, l) => s + l.amount, 0);
  const claimed = new Set(input.categories ?? []);
  let exemption: FeeQuote['exemption'] = null;
  for (const e of fee.exemptions) if (claimed.has(e.category) && (!exemption || e.reduction > exemption.reduction)) exemption = { category: e.category, reduction: e.reduction };
  const amount = exemption ? Math.round((gross * (100 - exemption.reduction)) / 100) : gross;
  return { amount, gross, currency: 'VND', lines, exemption };
}

// The rules as data (config/quality-rules.json): which rule kinds run, with which parameters,
// severity, fields and suggested fix. Validated when loaded, so a bad edit fails at start-up with
// the path of the mistake rather than at the first pass.
import fs from 'node:fs';
import { z } from 'zod';

export const FAMILIES = ['correct', 'complete', 'clean', 'alive'] as const;
export type Family = (typeof FAMILIES)[number];
export const SEVERITIES = ['high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const RULE_KINDS = [
  'pid_consistency',
  'dates_possible',
  'admin_codes',
  'parent_age_gap',
  'household_head',
  'spouse_symmetry',
  'id_card_min_age',
  'after_death',
  'completeness',
  'duplicate',
  'name_diacritics',
  'name_spelling',
  'phone_e164',
  'address_units',
  'sector_conflict',
  'implausible_age',
  'not_confirmed',
  'sector_death',
  'commune_abolished',
] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

const Text = z.object({ vi: z.string().min(1), en: z.string().min(1) });
export type Text = z.infer<typeof Text>;

/** Fields a completeness group may name: person attributes, plus the record's permanent residence and ID card. */
export const GROUP_FIELDS = ['fullName', 'birthDate', 'sex', 'nationality', 'birthRegProvince', 'ethnicity', 'religion', 'birthPlace', 'hometown', 'oldId', 'phone', 'email', 'maritalStatus', 'permanentResidence', 'idCard'] as const;
export type GroupField = (typeof GROUP_FIELDS)[number];

const FieldGroup = z.object({
  label: Text,
  fields: z.array(z.enum(GROUP_FIELDS)).min(1),
  /** A missing field of a required group is a finding; optional groups only weigh in the completeness ratio. */
  required: z.boolean(),
  weight: z.number().positive(),
  /** The group applies only to people matching this (e.g. adults, the living). */
  when: z.object({ minAge: z.number().int().min(0).optional(), alive: z.boolean().optional() }).optional(),
  source: z.string().optional(),
});
export type FieldGroup = z.infer<typeof FieldGroup>;

const Rule = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_]{2,40}$/),
  /** A short name for lists and filters. */
  label: Text,
  kind: z.enum(RULE_KINDS),
  family: z.enum(FAMILIES),
  severity: z.enum(SEVERITIES),
  enabled: z.boolean().default(true),
  fields: z.array(z.string()),
  params: z.record(z.string(), z.unknown()).default({}),
  checks: Text,
  why: Text,
  source: z.array(z.string()).default([]),
  fix: Text,
});
export type RuleDef = z.infer<typeof Rule>;

const RulesFile = z
  .object({
    sources: z.record(z.string(), z.string()),
    families: z.record(z.enum(FAMILIES), z.object({ vi: z.string(), en: z.string(), description: Text })),
    fieldGroups: z.record(z.string(), FieldGroup),
    rules: z.array(Rule).min(1),
  })
  .superRefine((f, ctx) => {
    const ids = new Set<string>();
    f.rules.forEach((r, i) => {
      if (ids.has(r.id)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'id'], message: `duplicate rule id ${r.id}` });
      ids.add(r.id);
      for (const s of r.source) if (!(s in f.sources)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'source'], message: `unknown source ${s}` });
      const problem = checkParams(r);
      if (problem) ctx.addIssue({ code: 'custom', path: ['rules', i, 'params'], message: problem });
    });
  });
export type RulesConfig = z.infer<typeof RulesFile>;

// Each kind's parameters: what the code reads, with its type.
const PARAMS: Partial<Record<RuleKind, z.ZodType>> = {
  dates_possible: z.object({ minBirthYear: z.number().int() }),
  parent_age_gap: z.object({ minGapYears: z.number().min(0) }),
  id_card_min_age: z.object({ minAge: z.number().int().min(0), underAgeAllowedFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }),
  duplicate: z.object({ threshold: z.number().gt(0).lte(1) }),
  name_diacritics: z.object({ minWords: z.number().int().min(1) }),
  address_units: z.object({ abolishedLevels: z.array(z.string().min(1)).min(1) }),
  sector_conflict: z.object({ compare: z.array(z.enum(['fullName', 'birthDate', 'sex'])).min(1) }),
  implausible_age: z.object({ maxAge: z.number().int().min(80) }),
  not_confirmed: z.object({ years: z.number().positive() }),
  sector_death: z.object({ birthYearTolerance: z.number().int().min(0) }),
};

function checkParams(r: RuleDef): string | null {
  const schema = PARAMS[r.kind];
  if (!schema) return null;
  const p = schema.safeParse(r.params);
  return p.success ? null : `${r.kind}: ${p.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`;
}

/** Parameters of a rule, typed by its kind (checked when the file was loaded). */
export function params<T>(r: RuleDef): T {
  return r.params as T;
}

export function parseRulesConfig(json: unknown): RulesConfig {
  const r = RulesFile.safeParse(json);
  if (!r.success) throw new Error(`config/quality-rules.json: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return r.data;
}

let loaded: RulesConfig | undefined;
export function loadRulesConfig(): RulesConfig {
  loaded ??= parseRulesConfig(JSON.parse(fs.readFileSync(new URL('../../../../../config/quality-rules.json', import.meta.url), 'utf8')));
  return loaded;
}

/** Fills `{name}` placeholders from the evidence; unknown ones stay as written. */
export function fillText(t: Text, values: Record<string, unknown>): Text {
  const fill = (s: string) => s.replace(/\{(\w+)\}/g, (m, k: string) => (values[k] === undefined || values[k] === null ? m : String(values[k])));
  return { vi: fill(t.vi), en: fill(t.en) };
}

// The shape of one service definition (config/services/<id>.json), in zod: what each key holds and
// its form. Everything that needs more than one key or file (fields a binding names, roles, effects,
// linked steps) is checked by catalogue.ts after this. Format documented in config/services/README.md.
import type { FeeRule } from '@open06/kernel/fees';
import { z } from 'zod';
import { EFFECTS } from './vocabulary.ts';

export const FIELD_TYPES = ['text', 'date', 'select', 'pid', 'commune', 'number', 'boolean', 'file'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];
export const OUTCOMES = ['approve', 'refuse', 'request_supplement'] as const;
/** Where the official acting on a step sits: the routing commune, or its province (province offices and the sector agencies serving it). */
export const UNITS = ['commune', 'province'] as const;
export const SECTORS = [
  'identity',
  'residence',
  'civil_status',
  'vehicles',
  'traffic',
  'exit_entry',
  'seals',
  'health_insurance',
  'social_insurance',
  'tax',
  'land',
  'driving',
  'education',
  'judicial_records',
  'employment',
  'electricity',
  'social_welfare',
] as const;

const Text = z.strictObject({ vi: z.string().trim().min(1), en: z.string().trim().min(1) });
export type Text = z.infer<typeof Text>;
const Slug = z.string().regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, 'expected a lower-case kebab-case name (birth-registration)');
const Name = z.string().regex(/^[a-z][a-zA-Z0-9]*$/, 'expected a camelCase name');
const Snake = z.string().regex(/^[a-z][a-z0-9_]*$/, 'expected a lower-case snake_case name');
/** A form field's id: `<section>.<field>`. */
const FieldRef = z.string().regex(/^[a-z][a-zA-Z0-9]*\.[a-z][a-zA-Z0-9]*$/, 'expected a field id <section>.<field>');
const Primitive = z.union([z.string(), z.number(), z.boolean()]);
const Amount = z.number().int('amounts are whole đồng').min(0);
/** yyyy-mm-dd, or today with an offset in days, months or years (today-18y). */
const DateBound = z.string().regex(/^(today([+-]\d{1,3}[dmy])?|\d{4}-\d{2}-\d{2})$/, 'expected yyyy-mm-dd, today, or today±N(d|m|y)');
const Regex = z.string().refine((s) => {
  try {
    new RegExp(s, 'u');
    return true;
  } catch {
    return false;
  }
}, 'not a valid regular expression');

/** Shown (and required) only when another field has one of these values. */
const Condition = z
  .strictObject({ field: FieldRef, equals: Primitive.optional(), in: z.array(Primitive).min(1).optional() })
  .refine((c) => (c.equals === undefined) !== (c.in === undefined), 'give exactly one of equals or in');
export type Condition = z.infer<typeof Condition>;

const fieldBase = {
  name: Name,
  label: Text,
  help: Text.optional(),
  required: z.boolean().default(false),
  when: Condition.optional(),
};
const Option = z.strictObject({ value: z.string().min(1), label: Text });

const Field = z.discriminatedUnion('type', [
  z.strictObject({
    ...fieldBase,
    type: z.literal('text'),
    pattern: Regex.optional(),
    minLength: z.number().int().min(0).optional(),
    maxLength: z.number().int().min(1).optional(),
    multiline: z.boolean().optional(),
  }),
  z.strictObject({ ...fieldBase, type: z.literal('date'), min: DateBound.optional(), max: DateBound.optional(), partial: z.boolean().default(false) }),
  z
    .strictObject({ ...fieldBase, type: z.literal('select'), options: z.array(Option).min(1).optional(), optionsFrom: z.enum(['ethnicities', 'religions']).optional() })
    .refine((s) => (s.options === undefined) !== (s.optionsFrom === undefined), 'give exactly one of options or optionsFrom'),
  z.strictObject({ ...fieldBase, type: z.literal('pid') }),
  z.strictObject({ ...fieldBase, type: z.literal('commune') }),
  z.strictObject({ ...fieldBase, type: z.literal('number'), min: z.number().optional(), max: z.number().optional(), integer: z.boolean().default(false), unit: Text.optional() }),
  z.strictObject({ ...fieldBase, type: z.literal('boolean') }),
  z.strictObject({
    ...fieldBase,
    type: z.literal('file'),
    accept: z.array(z.string().regex(/^[a-z]+\/[a-z0-9.+*-]+$/, 'expected a media type (application/pdf)')).min(1),
    maxSizeMb: z.number().positive().max(50),
  }),
]);
export type Field = z.infer<typeof Field>;

const Section = z.strictObject({
  id: Name,
  title: Text,
  /** The registry person the section describes: a relative of the applicant or a pid field of the form. */
  subject: z.string().optional(),
  fields: z.array(Field).min(1),
});
export type Section = z.infer<typeof Section>;

const Prefill = z.strictObject({
  field: FieldRef,
  /** A registry path (config/services/README.md#prefill). */
  from: z.string(),
  /** Whose record: applicant (default), spouse, father, mother, householdHead, or a pid field of the form. */
  of: z.string().default('applicant'),
  when: Condition.optional(),
  /** The citizen may change the value (a choice, not a registry fact: e.g. where to register). */
  editable: z.boolean().default(false),
});
export type Prefill = z.infer<typeof Prefill>;

const Document = z
  .strictObject({
    id: Name,
    title: Text,
    required: z.boolean(),
    when: Condition.optional(),
    upload: z.boolean().default(true),
    reuse: z.literal('wallet').optional(),
    credential: Snake.optional(),
    note: Text.optional(),
    basis: z.string().optional(),
  })
  .superRefine((d, ctx) => {
    if ((d.reuse === undefined) !== (d.credential === undefined)) ctx.addIssue({ code: 'custom', path: ['credential'], message: 'a document reused from the wallet names its credential kind, and only then' });
    if (!d.upload && !d.reuse) ctx.addIssue({ code: 'custom', path: ['upload'], message: 'a document must be uploaded or reused from the wallet' });
  });

export type { FeeRule };

const FeeRuleSchema: z.ZodType<FeeRule, unknown> = z.lazy(() =>
  z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('free') }),
    z.strictObject({ kind: z.literal('fixed'), amount: Amount }),
    z.strictObject({ kind: z.literal('by_channel'), online: Amount, desk: Amount }),
    z.strictObject({ kind: z.literal('per_unit'), field: FieldRef, free: z.number().int().min(0).default(0), rule: FeeRuleSchema }),
    z.strictObject({ kind: z.literal('by_field'), field: FieldRef, cases: z.record(z.string(), FeeRuleSchema) }),
    z.strictObject({ kind: z.literal('sum'), parts: z.array(z.strictObject({ label: Text, rule: FeeRuleSchema })).min(2) }),
    z.strictObject({ kind: z.literal('from_field'), field: FieldRef }),
    z.strictObject({ kind: z.literal('local'), key: Snake }),
  ]),
);

const Exemption = z.strictObject({ category: Snake, label: Text, reduction: z.number().int().min(1).max(100).default(100), basis: z.string().optional() });
export type Exemption = z.infer<typeof Exemption>;
const Fee = z.strictObject({ rule: FeeRuleSchema, exemptions: z.array(Exemption).default([]), basis: z.array(z.string().min(3)).default([]), note: Text.optional() });
export type Fee = z.infer<typeof Fee>;

const Processing = z
  .strictObject({
    workingDays: z.number().int().min(0).max(365),
    extendedWorkingDays: z.number().int().min(1).max(365).optional(),
    extendedWhen: Text.optional(),
    note: Text.optional(),
    basis: z.string().optional(),
  })
  .superRefine((p, ctx) => {
    if ((p.extendedWorkingDays === undefined) !== (p.extendedWhen === undefined)) ctx.addIssue({ code: 'custom', path: ['extendedWhen'], message: 'an extended time limit says when it applies, and only then' });
    if (p.extendedWorkingDays !== undefined && p.extendedWorkingDays <= p.workingDays) ctx.addIssue({ code: 'custom', path: ['extendedWorkingDays'], message: 'must be longer than workingDays' });
  });

const Step = z.strictObject({
  id: Name,
  name: Text,
  role: Snake,
  unit: z.enum(UNITS),
  agency: Text.optional(),
  outcomes: z.array(z.enum(OUTCOMES)).min(1).refine((o) => new Set(o).size === o.length, 'outcomes are listed once each'),
  when: Condition.optional(),
});
export type Step = z.infer<typeof Step>;

const Result = z.strictObject({
  kind: Snake,
  title: Text,
  /** Issued as a signed, verifiable credential into the citizen's wallet. */
  credential: z.boolean(),
  delivery: z.array(z.enum(['wallet', 'desk', 'post'])).min(1),
  note: Text.optional(),
});
export type Result = z.infer<typeof Result>;

const Effect = z.strictObject({
  effect: z.enum(Object.keys(EFFECTS) as [string, ...string[]]),
  args: z.record(z.string(), z.string()).default({}),
  when: Condition.optional(),
  note: Text.optional(),
});
export type Effect = z.infer<typeof Effect>;

const LinkedStep = z.strictObject({
  id: Name,
  procedure: Slug,
  owner: z.strictObject({ agency: Text, role: Snake, unit: z.enum(UNITS) }),
  workingDays: z.number().int().min(0),
  /** The step procedure's fields: from a field of the linked form, a fixed value, or `$<step>.<output>`. */
  inputs: z.record(FieldRef, z.union([z.string(), z.strictObject({ value: Primitive })])),
  onRefusal: z.enum(['abort', 'stop', 'continue']),
  compensation: z.strictObject({ effects: z.array(z.string()), description: Text }),
});
export type LinkedStep = z.infer<typeof LinkedStep>;

const head = {
  id: Slug,
  nationalCode: z.string().regex(/^\d\.\d{6}$/, 'expected the national portal code d.dddddd (1.001193)').nullable(),
  /** Its number in the 25 essential services of Decision 06/QĐ-TTg, or null for a procedure a linked one chains. */
  essential: z.number().int().min(1).max(25).nullable(),
  name: Text,
  sector: z.enum(SECTORS),
  agency: z.strictObject({ name: Text, level: z.enum(['national', 'province', 'commune', 'agency']) }),
  legalBasis: z.array(z.strictObject({ doc: z.string().min(3), articles: z.string().optional(), note: Text.optional() })).min(1),
  online: z.enum(['full', 'partial']),
  eidLevel: z.union([z.literal(1), z.literal(2)]),
  processing: Processing,
  fee: Fee,
  /** Values not yet checked against the legal text or the national portal: paths into this file. */
  unverified: z.array(z.strictObject({ path: z.string().min(1), note: z.string().min(3) })).default([]),
};
const withForm = {
  routing: z.strictObject({ commune: FieldRef }),
  form: z.strictObject({ sections: z.array(Section).min(1) }),
  prefill: z.array(Prefill).default([]),
  documents: z.array(Document).default([]),
};

const Single = z.strictObject({
  ...head,
  ...withForm,
  kind: z.literal('single'),
  workflow: z.strictObject({ steps: z.array(Step).min(1) }),
  result: Result,
  effects: z.array(Effect).min(1),
});
const Linked = z.strictObject({ ...head, ...withForm, kind: z.literal('linked'), steps: z.array(LinkedStep).min(2) });
const Module = z.strictObject({ ...head, kind: z.literal('module'), handledBy: z.enum(['lodging']), note: Text.optional() });

export const Definition = z.discriminatedUnion('kind', [Single, Linked, Module]);
export type Definition = z.infer<typeof Definition>;
export type SingleDefinition = z.infer<typeof Single>;
export type LinkedDefinition = z.infer<typeof Linked>;

// The words a service definition may use beyond its own fields: the registry paths a form field can
// be prefilled from, the effects a completed procedure has on the registry (and the compensations
// that undo them in a linked procedure), and the credentials a document may be reused from (who acts
// in a workflow comes from config/roles.json: roles with application.process). Documented field by field in
// config/services/README.md; the catalogue loader checks every definition against them.
import type { PersonView } from '../../registry/index.ts';
import type { FieldType } from './catalogue.schema.ts';

/** What a registry value looks like in a form: the field type it must be bound to. */
export interface PathSpec {
  type: FieldType;
  /** Select values the field must offer (registry enums). */
  options?: readonly string[];
  /** Select fields fed from a config list instead of inline options. */
  optionsFrom?: 'ethnicities' | 'religions';
  /** Registry dates may be partial (yyyy, yyyy-mm): the field must accept them. */
  partial?: boolean;
}

/** Household relations the registry accepts (registry/household/household.service.ts RELATIONS). */
export const HOUSEHOLD_RELATIONS = ['head', 'spouse', 'child', 'parent', 'grandchild', 'grandparent', 'sibling', 'child_in_law', 'other_relative', 'other'] as const;

type ScalarAttr = Exclude<keyof PersonView, 'idCards' | 'residences' | 'household' | 'version' | 'sources' | 'asOf'>;
type ResidenceKind = NonNullable<PersonView['residences']>[number]['kind'];

const text: PathSpec = { type: 'text' };
const pid: PathSpec = { type: 'pid' };
const day: PathSpec = { type: 'date' };

// Every scalar attribute of the registry's person (a new attribute there fails the type check here).
const PERSON_ATTRS: { [K in ScalarAttr]: PathSpec } = {
  pid,
  fullName: text,
  familyName: text,
  middleName: text,
  givenName: text,
  birthDate: { type: 'date', partial: true },
  sex: { type: 'select', options: ['M', 'F'] },
  ethnicity: { type: 'select', optionsFrom: 'ethnicities' },
  religion: { type: 'select', optionsFrom: 'religions' },
  nationality: text,
  birthRegProvince: text,
  birthPlace: text,
  hometown: text,
  oldId: text,
  lifeStatus: { type: 'select', options: ['alive', 'deceased', 'missing'] },
  deathDate: { type: 'date', partial: true },
  maritalStatus: { type: 'select', options: ['single', 'married', 'divorced', 'widowed'] },
  fatherPid: pid,
  motherPid: pid,
  spousePid: pid,
  phone: text,
  email: text,
};

const RESIDENCE_KINDS: readonly ResidenceKind[] = ['permanent', 'temporary', 'current', 'absence'];
const RESIDENCE_FIELDS: Record<string, PathSpec> = {
  communeCode: { type: 'commune' },
  detail: text,
  communeName: text,
  provinceName: text,
  legacyAddress: text,
  validFrom: day,
  validTo: day,
};
const ID_CARD_FIELDS: Record<string, PathSpec> = {
  number: text,
  kind: { type: 'select', options: ['cccd', 'can_cuoc'] },
  issuedOn: day,
  expiresOn: day,
};
const HOUSEHOLD_FIELDS: Record<string, PathSpec> = {
  code: text,
  relation: { type: 'select', options: HOUSEHOLD_RELATIONS },
  headPid: pid,
};

function buildPaths(): Map<string, PathSpec> {
  const m = new Map<string, PathSpec>();
  for (const [k, v] of Object.entries(PERSON_ATTRS)) m.set(`person.${k}`, v);
  for (const kind of RESIDENCE_KINDS) for (const [k, v] of Object.entries(RESIDENCE_FIELDS)) m.set(`person.residences[kind=${kind}].${k}`, v);
  for (const [k, v] of Object.entries(ID_CARD_FIELDS)) m.set(`person.idCards[status=valid].${k}`, v);
  for (const [k, v] of Object.entries(HOUSEHOLD_FIELDS)) m.set(`person.household.${k}`, v);
  return m;
}

/** Every path a prefill binding may read (`from`), with the field type it fills. */
export const REGISTRY_PATHS: ReadonlyMap<string, PathSpec> = buildPaths();

/**
 * Conventional field names: in a section that describes a registry person (`subject`), a field with
 * one of these names holds what the registry knows, so it must be prefilled — from exactly this path.
 */
export const KNOWN_FIELDS: Readonly<Record<string, string>> = {
  pid: 'person.pid',
  fullName: 'person.fullName',
  birthDate: 'person.birthDate',
  sex: 'person.sex',
  ethnicity: 'person.ethnicity',
  religion: 'person.religion',
  nationality: 'person.nationality',
  birthPlace: 'person.birthPlace',
  hometown: 'person.hometown',
  oldId: 'person.oldId',
  maritalStatus: 'person.maritalStatus',
  phone: 'person.phone',
  email: 'person.email',
  permanentCommune: 'person.residences[kind=permanent].communeCode',
  permanentAddress: 'person.residences[kind=permanent].detail',
  temporaryCommune: 'person.residences[kind=temporary].communeCode',
  temporaryAddress: 'person.residences[kind=temporary].detail',
  currentCommune: 'person.residences[kind=current].communeCode',
  currentAddress: 'person.residences[kind=current].detail',
  idCardNumber: 'person.idCards[status=valid].number',
  idCardIssuedOn: 'person.idCards[status=valid].issuedOn',
  idCardExpiresOn: 'person.idCards[status=valid].expiresOn',
  householdCode: 'person.household.code',
};

/** Whose record a binding reads besides a pid field of the form: the applicant and their linked relatives. */
export const RELATIVES = ['applicant', 'spouse', 'father', 'mother', 'householdHead'] as const;

// ---- effects on the registry ----------------------------------------------------------------

/**
 * An effect argument: `person` takes `$applicant`, `$new` (the person a registerBirth earlier in the
 * list creates) or a pid field; `relation` takes a household relation or a select field; the others
 * name a field of one of the listed types.
 */
export type ArgSpec = { kind: 'person' } | { kind: 'relation' } | { kind: 'field'; types: readonly FieldType[] };
export interface EffectSpec {
  args: Record<string, ArgSpec & { required: boolean }>;
  /** The effect that undoes this one in a linked procedure's compensation. */
  inverse: string | null;
  /** What the effect needs earlier in the same list. */
  after?: string;
}

const person = { kind: 'person', required: true } as const;
const f = (types: readonly FieldType[], required = true) => ({ kind: 'field', types, required }) as const;

export const EFFECTS: Readonly<Record<string, EffectSpec>> = {
  registerBirth: {
    args: {
      fullName: f(['text']),
      birthDate: f(['date']),
      sex: f(['select']),
      birthPlace: f(['text']),
      ethnicity: f(['select'], false),
      nationality: f(['text', 'select'], false),
      hometown: f(['text'], false),
    },
    inverse: 'cancelBirthRegistration',
  },
  allocatePid: { args: { person, registrationCommune: f(['commune']) }, inverse: 'revokePid', after: 'registerBirth' },
  linkParents: { args: { person, father: f(['pid'], false), mother: f(['pid'], false) }, inverse: 'unlinkParents' },
  joinHousehold: { args: { person, head: f(['pid'], false), relation: { kind: 'relation', required: false } }, inverse: 'leaveHousehold' },
  recordDeath: { args: { person, deathDate: f(['date']) }, inverse: 'revokeDeathRecord' },
  registerMarriage: { args: { person, spouse: f(['pid']) }, inverse: 'cancelMarriage' },
  registerPermanentResidence: { args: { person, communeCode: f(['commune']), detail: f(['text']) }, inverse: 'removePermanentResidence' },
  removePermanentResidence: { args: { person, reason: f(['select', 'text']) }, inverse: 'restorePermanentResidence' },
  registerTemporaryResidence: { args: { person, communeCode: f(['commune']), detail: f(['text']), until: f(['date'], false) }, inverse: 'removeTemporaryResidence' },
  declareTemporaryAbsence: { args: { person, from: f(['date']), to: f(['date'], false), destination: f(['text']) }, inverse: 'withdrawTemporaryAbsence' },
  requestIdCardReissue: { args: { person, reason: f(['select']) }, inverse: 'cancelIdCardRequest' },
  confirmOldId: { args: { person, oldId: f(['text']) }, inverse: 'withdrawOldIdConfirmation' },
  none: { args: {}, inverse: null },
};

/** Every name a compensation may use. */
export const COMPENSATIONS: ReadonlySet<string> = new Set(Object.values(EFFECTS).flatMap((e) => (e.inverse ? [e.inverse] : [])));

/** Outputs of a linked step that later steps may take as input (`$<step>.<output>`), and the effect that yields each. */
export const STEP_OUTPUTS: Readonly<Record<string, string>> = { newPid: 'allocatePid' };

export type Unit = 'commune' | 'province';

/**
 * Credentials a document may be reused from that no procedure of the catalogue issues: documents of
 * hospitals, schools and other holders that the wallet receives from their systems, or paper
 * originals a one-stop desk certifies as electronic copies (chứng thực bản sao điện tử).
 */
export const EXTERNAL_CREDENTIAL_TITLES: Readonly<Record<string, { vi: string; en: string }>> = {
  birth_medical_certificate: { vi: 'Giấy chứng sinh', en: 'Medical birth certificate' }, // health facility
  death_notice: { vi: 'Giấy báo tử', en: 'Death notice' }, // health facility or commune police
  marital_status_certificate: { vi: 'Giấy xác nhận tình trạng hôn nhân', en: 'Certificate of marital status' },
  land_use_certificate: { vi: 'Giấy chứng nhận quyền sử dụng đất', en: 'Land use right certificate' }, // proof of a lawful home
  driver_health_certificate: { vi: 'Giấy khám sức khoẻ của người lái xe', en: 'Driver’s health certificate' }, // health facility
  vehicle_invoice: { vi: 'Hoá đơn điện tử bán xe', en: 'Vehicle sales e-invoice' }, // tax e-invoice system
  employment_termination: { vi: 'Quyết định thôi việc hoặc thoả thuận chấm dứt hợp đồng lao động', en: 'Decision or agreement ending employment' }, // employer
};
export const EXTERNAL_CREDENTIALS: ReadonlySet<string> = new Set(Object.keys(EXTERNAL_CREDENTIAL_TITLES));

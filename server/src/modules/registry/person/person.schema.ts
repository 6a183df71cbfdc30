// The person API's shapes (zod): what comes in and what goes out. Domain checks that need the
// kernel (personal ID, dates, units) are in person.rules.ts; these only check form.
import { z } from 'zod';

export const Pid = z.string().regex(/^\d{12}$/, 'Số định danh cá nhân gồm 12 chữ số / a personal ID is 12 digits');
const Code2 = z.string().regex(/^\d{2}$/);
const CommuneCode = z.string().regex(/^\d{5}$/);
/** Partial date: yyyy, yyyy-mm, yyyy-mm-dd, dd/mm/yyyy, mm/yyyy … (normalised by the registry). */
export const PartialDateText = z.string().min(4).max(10);
export const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const ChangeSource = z.enum(['registration', 'correction', 'procedure']);

const attrs = {
  fullName: z.string().trim().min(1).max(150),
  birthDate: PartialDateText,
  sex: z.enum(['M', 'F']),
  ethnicity: Code2.nullable(),
  religion: Code2.nullable(),
  nationality: z.string().regex(/^[A-Z]{2}$/),
  birthRegProvince: z.string().regex(/^\d{3}$/).nullable(),
  birthPlace: z.string().max(300).nullable(),
  hometown: z.string().max(300).nullable(),
  oldId: z.string().regex(/^\d{9}$/).nullable(),
  lifeStatus: z.enum(['alive', 'deceased', 'missing']),
  deathDate: PartialDateText.nullable(),
  maritalStatus: z.enum(['single', 'married', 'divorced', 'widowed']).nullable(),
  fatherPid: Pid.nullable(),
  motherPid: Pid.nullable(),
  spousePid: Pid.nullable(),
  phone: z.string().regex(/^\+?[0-9 .-]{8,16}$/).nullable(),
  email: z.string().email().max(200).nullable(),
};

const why = {
  reason: z.string().trim().min(3).max(500).describe('Why the change is made (kept in the history)'),
  source: ChangeSource.default('registration'),
  sourceRef: z.string().max(100).optional().describe('Procedure code or case number the change comes from'),
};

export const ResidenceInput = z.object({
  communeCode: CommuneCode,
  detail: z.string().trim().min(1).max(300),
  validFrom: IsoDay.optional(),
});

export const PersonCreateBody = z.object({
  pid: Pid.optional().describe('Omit to allocate a new number (birth registration): needs birthRegProvince'),
  ...attrs,
  ethnicity: attrs.ethnicity.optional(),
  religion: attrs.religion.optional(),
  nationality: attrs.nationality.default('VN'),
  birthRegProvince: attrs.birthRegProvince.optional(),
  birthPlace: attrs.birthPlace.optional(),
  hometown: attrs.hometown.optional(),
  oldId: attrs.oldId.optional(),
  lifeStatus: attrs.lifeStatus.default('alive'),
  deathDate: attrs.deathDate.optional(),
  maritalStatus: attrs.maritalStatus.optional(),
  fatherPid: attrs.fatherPid.optional(),
  motherPid: attrs.motherPid.optional(),
  spousePid: attrs.spousePid.optional(),
  phone: attrs.phone.optional(),
  email: attrs.email.optional(),
  permanentResidence: ResidenceInput.optional(),
  ...why,
});
export type PersonCreateBody = z.infer<typeof PersonCreateBody>;

export const PersonPatchBody = z.object({
  changes: z.object(attrs).partial().refine((c) => Object.keys(c).length > 0, 'Cần ít nhất một thay đổi / at least one change'),
  version: z.number().int().positive().optional().describe('The version you read; the change is refused if someone changed the record since'),
  ...why,
});
export type PersonPatchBody = z.infer<typeof PersonPatchBody>;

export const PurposeQuery = z.object({
  purpose: z.string().describe('Why the data are read (a code from GET /api/v1/purposes)'),
  purposeRef: z.string().max(100).optional().describe('Case or application number'),
});

export const PersonGetQuery = PurposeQuery.extend({
  asOf: IsoDay.optional().describe('Show the record as the registry held it at the end of this day'),
});

export const PersonSearchQuery = PurposeQuery.extend({
  pid: Pid.optional(),
  oldId: z.string().regex(/^\d{9}$/).optional(),
  name: z.string().trim().min(2).max(150).optional(),
  birthDate: PartialDateText.optional().describe('Narrows a name search: a year, month/year or full date'),
  commune: CommuneCode.optional().describe('Narrows to people resident in this commune'),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

const Provenance = z.object({ source: z.string(), updatedAt: z.string() });

export const ResidenceView = z.object({
  kind: z.enum(['permanent', 'temporary', 'current', 'absence']),
  communeCode: z.string().nullable(),
  communeName: z.string().nullable(),
  provinceName: z.string().nullable(),
  detail: z.string().nullable(),
  legacyAddress: z.string().nullable(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
});

export const IdCardView = z.object({
  number: z.string(),
  kind: z.enum(['cccd', 'can_cuoc']),
  issuedOn: z.string(),
  expiresOn: z.string().nullable(),
  status: z.string(),
});

export const PersonView = z
  .object({
    pid: z.string(),
    fullName: z.string(),
    familyName: z.string(),
    middleName: z.string(),
    givenName: z.string(),
    birthDate: z.string(),
    sex: z.enum(['M', 'F']),
    ethnicity: z.string().nullable(),
    religion: z.string().nullable(),
    nationality: z.string(),
    birthRegProvince: z.string().nullable(),
    birthPlace: z.string().nullable(),
    hometown: z.string().nullable(),
    oldId: z.string().nullable(),
    lifeStatus: z.enum(['alive', 'deceased', 'missing']),
    deathDate: z.string().nullable(),
    maritalStatus: z.string().nullable(),
    fatherPid: z.string().nullable(),
    motherPid: z.string().nullable(),
    spousePid: z.string().nullable(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    idCards: z.array(IdCardView),
    residences: z.array(ResidenceView),
    household: z.object({ id: z.number(), code: z.string(), relation: z.string(), headPid: z.string().nullable() }).nullable(),
    version: z.number(),
    sources: z
      .object({ record: Provenance, changed: z.record(z.string(), Provenance) })
      .describe('Where each value came from: the record’s creation, except the attributes changed since'),
    asOf: z.string().optional(),
  })
  .partial()
  .required({ pid: true });
export type PersonView = z.infer<typeof PersonView>;

export const PersonSummary = z.object({
  pid: z.string(),
  fullName: z.string(),
  birthDate: z.string(),
  sex: z.enum(['M', 'F']),
  lifeStatus: z.string(),
  communeCode: z.string().nullable(),
  score: z.number(),
});

export const HistoryEntry = z.object({
  pid: z.string().optional().describe('The record the entry was made on, when it is a record merged into this one'),
  at: z.string(),
  actor: z.string(),
  source: z.string(),
  reason: z.string().nullable(),
  change: z.string(),
  diff: z.record(z.string(), z.tuple([z.unknown(), z.unknown()])).nullable(),
});

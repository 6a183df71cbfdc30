// The person as the registry's API speaks of it (camelCase attributes), and its mapping to rows.
import type { PersonRow } from '../registry.tables.ts';

/** Attributes a caller may set; names are split into family/middle/given by the registry. */
export const EDITABLE_ATTRS = {
  fullName: 'full_name',
  birthDate: 'birth_date',
  sex: 'sex',
  ethnicity: 'ethnicity',
  religion: 'religion',
  nationality: 'nationality',
  birthRegProvince: 'birth_reg_province',
  birthPlace: 'birth_place',
  hometown: 'hometown',
  oldId: 'old_id',
  lifeStatus: 'life_status',
  deathDate: 'death_date',
  maritalStatus: 'marital_status',
  fatherPid: 'father_pid',
  motherPid: 'mother_pid',
  spousePid: 'spouse_pid',
  phone: 'phone',
  email: 'email',
} as const satisfies Record<string, keyof PersonRow>;

export type EditableAttr = keyof typeof EDITABLE_ATTRS;
export const EDITABLE_ATTR_NAMES = Object.keys(EDITABLE_ATTRS) as EditableAttr[];

export interface PersonAttrs {
  pid: string;
  fullName: string;
  familyName: string;
  middleName: string;
  givenName: string;
  birthDate: string;
  sex: 'M' | 'F';
  ethnicity: string | null;
  religion: string | null;
  nationality: string;
  birthRegProvince: string | null;
  birthPlace: string | null;
  hometown: string | null;
  oldId: string | null;
  lifeStatus: 'alive' | 'deceased' | 'missing';
  deathDate: string | null;
  maritalStatus: 'single' | 'married' | 'divorced' | 'widowed' | null;
  fatherPid: string | null;
  motherPid: string | null;
  spousePid: string | null;
  phone: string | null;
  email: string | null;
}

export interface AttrProvenance {
  source: string;
  updatedAt: string;
}

export function rowToAttrs(r: PersonRow): PersonAttrs {
  return {
    pid: r.pid,
    fullName: r.full_name,
    familyName: r.family_name,
    middleName: r.middle_name,
    givenName: r.given_name,
    birthDate: r.birth_date,
    sex: r.sex,
    ethnicity: r.ethnicity,
    religion: r.religion,
    nationality: r.nationality,
    birthRegProvince: r.birth_reg_province,
    birthPlace: r.birth_place,
    hometown: r.hometown,
    oldId: r.old_id,
    lifeStatus: r.life_status,
    deathDate: r.death_date,
    maritalStatus: r.marital_status,
    fatherPid: r.father_pid,
    motherPid: r.mother_pid,
    spousePid: r.spouse_pid,
    phone: r.phone,
    email: r.email,
  };
}

/**
 * Where each attribute's current value came from: the record's creation (`record`) for every
 * attribute except those changed since, which `changed` lists with their own source and date.
 */
export function provenanceOf(r: PersonRow, visible: (attr: string) => boolean): { record: AttrProvenance; changed: Record<string, AttrProvenance> } {
  const changed: Record<string, AttrProvenance> = {};
  for (const [attr, s] of Object.entries(r.sources ?? {})) if (visible(attr)) changed[attr] = { source: s.source, updatedAt: s.at };
  return { record: { source: r.source, updatedAt: toIso(r.created_at) }, changed };
}

function toIso(d: Date | string): string {
  return d instanceof Date ? d.toISOString() : new Date(d).toISOString();
}

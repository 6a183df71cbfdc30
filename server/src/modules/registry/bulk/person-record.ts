// One person as bulk files carry it (CSV columns / NDJSON keys): the person's attributes (birth
// date as a partial ISO date) with their permanent residence, household and latest ID card. The
// same shape is produced by the population generator and read and written by import/export.
import type { PersonAttrs } from '../person/person.model.ts';
export type PersonRecord = Omit<PersonAttrs, 'familyName' | 'middleName' | 'givenName'> & {
  /** Permanent residence: current commune code, address line, the address as recorded before 2025, since when. */
  communeCode: string | null;
  addressDetail: string | null;
  legacyAddress: string | null;
  residentSince: string | null;
  householdCode: string | null;
  householdRelation: string | null;
  idCardIssuedOn: string | null;
  idCardExpiresOn: string | null;
};

/** Column order of CSV files and of the staging table. */
export const RECORD_FIELDS = [
  'pid',
  'fullName',
  'birthDate',
  'sex',
  'ethnicity',
  'religion',
  'nationality',
  'birthRegProvince',
  'birthPlace',
  'hometown',
  'oldId',
  'lifeStatus',
  'deathDate',
  'maritalStatus',
  'fatherPid',
  'motherPid',
  'spousePid',
  'phone',
  'email',
  'communeCode',
  'addressDetail',
  'legacyAddress',
  'residentSince',
  'householdCode',
  'householdRelation',
  'idCardIssuedOn',
  'idCardExpiresOn',
] as const satisfies readonly (keyof PersonRecord)[];

// One person as bulk files carry it (CSV columns / NDJSON keys), with their permanent residence,
// household and latest ID card. The same shape is produced by the population generator and read
// and written by import/export.
export interface PersonRecord {
  pid: string;
  fullName: string;
  /** Partial ISO date: yyyy, yyyy-mm or yyyy-mm-dd. */
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
  /** Permanent residence: current commune code, address line, the address as recorded before 2025, since when. */
  communeCode: string | null;
  addressDetail: string | null;
  legacyAddress: string | null;
  residentSince: string | null;
  householdCode: string | null;
  householdRelation: string | null;
  idCardIssuedOn: string | null;
  idCardExpiresOn: string | null;
}

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

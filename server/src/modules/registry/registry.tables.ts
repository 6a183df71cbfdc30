// Row types of the registry's tables, for Kysely. Only this module's stores use them.
import type { ColumnType, Generated, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateCol = ColumnType<string, string, string>; // `date` columns travel as yyyy-mm-dd text

export interface PersonTable {
  pid: string;
  full_name: string;
  name_folded: string;
  family_name: string;
  middle_name: string;
  given_name: string;
  birth_date: string;
  birth_year: number;
  sex: 'M' | 'F';
  ethnicity: string | null;
  religion: string | null;
  nationality: string;
  birth_reg_province: string | null;
  birth_place: string | null;
  hometown: string | null;
  old_id: string | null;
  life_status: 'alive' | 'deceased' | 'missing';
  death_date: string | null;
  marital_status: 'single' | 'married' | 'divorced' | 'widowed' | null;
  father_pid: string | null;
  mother_pid: string | null;
  spouse_pid: string | null;
  phone: string | null;
  email: string | null;
  version: Generated<number>;
  source: string;
  created_by: string;
  sources: ColumnType<Record<string, AttrSource>, string | undefined, string>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AttrSource {
  source: string;
  at: string;
}

export interface IdCardTable {
  pid: string;
  number: string;
  kind: 'cccd' | 'can_cuoc';
  issued_on: DateCol;
  expires_on: DateCol | null;
  status: 'valid' | 'replaced' | 'revoked' | 'lost';
}

export interface HouseholdTable {
  id: Generated<number>;
  code: string;
  head_pid: string | null;
  commune_code: string;
  address_detail: string | null;
  created_at: Timestamp;
  dissolved_at: Timestamp | null;
}

export interface HouseholdMemberTable {
  household_id: number;
  pid: string;
  relation: string;
  joined_on: DateCol;
  left_on: DateCol | null;
}

export type ResidenceKind = 'permanent' | 'temporary' | 'current' | 'absence';

export interface ResidenceTable {
  id: Generated<number>;
  pid: string;
  kind: ResidenceKind;
  commune_code: string | null;
  detail: string | null;
  legacy_address: string | null;
  valid_from: DateCol;
  valid_to: DateCol | null;
  reason: string | null;
}

export interface PersonHistoryTable {
  id: Generated<number>;
  pid: string;
  at: Timestamp;
  actor: string;
  source: string;
  reason: string | null;
  change: string;
  diff: ColumnType<Record<string, [unknown, unknown]> | null, string | null, string | null>;
}

/** A personal ID never to be given again (a cancelled birth registration). */
export interface RetiredPidTable {
  pid: string;
  reason: string;
  retired_at: Timestamp;
  retired_by: string;
}

export type PersonRow = Selectable<PersonTable>;
export type IdCardRow = Selectable<IdCardTable>;
export type PersonHistoryRow = Selectable<PersonHistoryTable>;

export interface RegistryTables {
  'registry.person': PersonTable;
  'registry.id_card': IdCardTable;
  'registry.household': HouseholdTable;
  'registry.household_member': HouseholdMemberTable;
  'registry.residence': ResidenceTable;
  'registry.person_history': PersonHistoryTable;
  'registry.retired_pid': RetiredPidTable;
  'platform.outbox': { id: Generated<number>; topic: string; key: string | null; payload: string };
}

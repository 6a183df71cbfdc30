// Row types of the lodging schema, for Kysely. Only this module's stores use them.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type EstablishmentType = 'hotel' | 'homestay' | 'guesthouse' | 'rental' | 'dormitory' | 'hospital' | 'bus';
export type EstablishmentStatus = 'pending' | 'approved' | 'rejected' | 'suspended';
export type StaySource = 'eid_qr' | 'id_card_qr' | 'chip' | 'typed' | 'passport';

export interface EstablishmentTable {
  id: string;
  type: EstablishmentType;
  name: string;
  address: string;
  commune_code: string;
  province_code: string;
  licence: string | null;
  phone: string | null;
  responsible_pid: string;
  responsible_name: string;
  status: ColumnType<EstablishmentStatus, EstablishmentStatus | undefined, EstablishmentStatus>;
  decided_at: Timestamp | null;
  decided_by: string | null;
  decision_reason: string | null;
  created_at: Timestamp;
}

export interface StaffTable {
  establishment_id: string;
  pid: string;
  full_name: string;
  role: 'owner' | 'staff';
  added_at: Timestamp;
  added_by: string;
}

export interface StayTable {
  id: string;
  seq: Generated<string>;
  establishment_id: string | null;
  host_pid: string | null;
  host_name: string | null;
  relationship: string | null;
  commune_code: string;
  province_code: string;
  address: string;
  guest_kind: 'citizen' | 'foreign';
  guest_pid: string | null;
  guest_name: string;
  guest_name_folded: string;
  guest_birth_date: string;
  guest_sex: 'M' | 'F' | null;
  nationality: string | null;
  passport_no: string | null;
  visa_no: string | null;
  entry_date: string | null;
  entry_purpose: string | null;
  source: StaySource;
  verification: 'green' | 'amber' | 'red' | null;
  room: string | null;
  reason: string;
  expected_nights: number;
  arrived_at: Timestamp;
  recorded_at: Timestamp;
  deadline_at: Timestamp;
  late: boolean;
  checked_out_at: Timestamp | null;
  group_id: string | null;
  group_name: ColumnType<string | null, string | null | undefined, string | null>;
  watch_hit: ColumnType<boolean, boolean | undefined, boolean>;
  recorded_by: string | null;
}

export interface WatchTable {
  id: string;
  province_code: string;
  pid: string | null;
  passport_no: string | null;
  nationality: string | null;
  full_name: string;
  reason: string;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Timestamp;
  created_by: string;
  updated_at: Timestamp;
  updated_by: string;
}

export interface AlertTable {
  id: string;
  at: Timestamp;
  stay_id: string;
  watch_id: string;
  commune_code: string;
  province_code: string;
  acknowledged_at: Timestamp | null;
  acknowledged_by: string | null;
}

export interface LodgingTables {
  'lodging.establishment': EstablishmentTable;
  'lodging.staff': StaffTable;
  'lodging.stay': StayTable;
  'lodging.watch': WatchTable;
  'lodging.alert': AlertTable;
}

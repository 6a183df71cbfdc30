// Row types of the checkpoints module's tables, for Kysely.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type SiteKind = 'heritage' | 'station' | 'temple' | 'other';
export const SITE_KINDS: readonly SiteKind[] = ['heritage', 'station', 'temple', 'other'];
export type Direction = 'in' | 'out';
export type AlertLevel = 'warning' | 'full';

export interface SiteTable {
  id: string;
  name: string;
  kind: SiteKind;
  commune_code: string;
  capacity: number;
  retention_days: ColumnType<number, number | undefined, number>;
  hash_key: ColumnType<Uint8Array, Uint8Array, never>;
  on_site: ColumnType<number, number | undefined, number>;
  alert_level: AlertLevel | null;
  alert_since: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
  updated_by: string;
}

export interface StaffTable {
  site_id: string;
  pid: string;
  added_at: Timestamp;
  added_by: string;
}

export interface PassageTable {
  id: Generated<number>;
  site_id: string;
  at: Timestamp;
  direction: Direction;
  method: 'eid_qr' | 'id_card_qr' | 'counter';
  visitor_hash: string | null;
  count: number;
  recorded_by: string;
}

export interface HourlyTable {
  site_id: string;
  hour: Timestamp;
  entries: number;
  exits: number;
}

export interface CheckpointTables {
  'checkpoints.site': SiteTable;
  'checkpoints.staff': StaffTable;
  'checkpoints.passage': PassageTable;
  'checkpoints.hourly': HourlyTable;
}

// Row types of the quality schema, for Kysely. Only this module's stores use them.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface FindingTable {
  id: Generated<number>;
  rule: string;
  family: 'correct' | 'complete' | 'clean' | 'alive';
  severity: 'high' | 'medium' | 'low';
  pid: string;
  key: string;
  related_pid: string | null;
  subject_name: string;
  subject_birth: string;
  commune_code: string | null;
  province_code: string | null;
  fields: string[];
  evidence: ColumnType<Record<string, unknown>, string, string>;
  fix_vi: string;
  fix_en: string;
  status: 'open' | 'resolved' | 'dismissed';
  first_seen_at: Timestamp;
  last_seen_at: Timestamp;
  resolved_at: Timestamp | null;
  resolved_by: string | null;
  resolution: 'corrected' | 'merged' | 'dismissed' | 'rechecked' | null;
  resolution_reason: string | null;
}

export interface PersonStatusTable {
  pid: string;
  commune_code: string | null;
  province_code: string | null;
  completeness: number;
  checked_at: Timestamp;
}

export interface PassTable {
  id: Generated<number>;
  scope: string;
  started_at: Timestamp;
  finished_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  status: ColumnType<'running' | 'done' | 'failed', 'running' | 'done' | 'failed' | undefined, 'running' | 'done' | 'failed'>;
  started_by: string;
  report: ColumnType<Record<string, unknown> | null, string | null, string | null>;
}

export interface SectorReportTable {
  id: Generated<number>;
  source: string;
  kind: 'death' | 'record';
  pid: string;
  full_name: string | null;
  birth_date: string | null;
  sex: 'M' | 'F' | null;
  death_date: string | null;
  reported_on: ColumnType<string, string, string>;
  received_at: Timestamp;
  received_by: string;
}

export interface LinkageModelTable {
  id: Generated<number>;
  pass_id: number;
  trained_at: Timestamp;
  model: ColumnType<unknown, string, string>;
}

export interface QualityTables {
  'quality.linkage_model': LinkageModelTable;
  'quality.finding': FindingTable;
  'quality.person_status': PersonStatusTable;
  'quality.pass': PassTable;
  'quality.sector_report': SectorReportTable;
}

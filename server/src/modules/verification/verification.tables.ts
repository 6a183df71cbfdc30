// Row types of the verification module's tables, for Kysely.
import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface OrganisationTable {
  id: string;
  name: string;
  purposes: string[];
  per_minute: ColumnType<number, number | undefined, number>;
  daily_quota: number | null;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
  updated_by: string;
}

export interface SeenNonceTable {
  nonce: string;
  expires_at: Timestamp;
}

export interface UsageTable {
  party: string;
  /** yyyy-mm-dd (the database's `date`, read as text). */
  day: string;
  purpose: string;
  source: 'eid_qr' | 'id_card_qr' | 'chip' | 'typed';
  checks: number;
}

export interface VerificationTables {
  'verification.organisation': OrganisationTable;
  'verification.seen_nonce': SeenNonceTable;
  'verification.usage': UsageTable;
}

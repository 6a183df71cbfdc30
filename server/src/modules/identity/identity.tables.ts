// Row types of the identity module's tables, for Kysely.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface AccountTable {
  id: string;
  pid: string;
  level: 1 | 2;
  status: ColumnType<'active' | 'suspended', 'active' | 'suspended' | undefined, 'active' | 'suspended'>;
  phone: string | null;
  email: string | null;
  password_hash: string | null;
  portrait_file: string | null;
  created_at: Timestamp;
  level2_at: Timestamp | null;
  level2_by: string | null;
  level2_place: string | null;
  level2_method: string | null;
  status_reason: string | null;
  failed_logins: Generated<number>;
  locked_until: Timestamp | null;
}

export interface RegistrationTable {
  id: string;
  pid: string;
  phone: string | null;
  email: string | null;
  code_hash: string;
  attempts: Generated<number>;
  created_at: Timestamp;
  expires_at: Timestamp;
  confirmed_at: Timestamp | null;
}

export interface MessageTable {
  id: Generated<number>;
  channel: 'sms' | 'email';
  recipient: string;
  subject: string;
  body: string;
  created_at: Timestamp;
  sent_via: string;
}

export interface OfficialRoleTable {
  account_id: string;
  role: string;
  unit: string | null;
  granted_by: string;
  granted_at: Timestamp;
}

export interface ConsentTable {
  account_id: string;
  client_id: string;
  scopes: string[];
  claims: string[];
  purpose: string | null;
  granted_at: Timestamp;
  revoked_at: Timestamp | null;
}

export interface OidcModelTable {
  model: string;
  id: string;
  payload: ColumnType<Record<string, unknown>, string, string>;
  grant_id: string | null;
  user_code: string | null;
  uid: string | null;
  expires_at: Timestamp | null;
  consumed_at: Timestamp | null;
}

export interface IdentityTables {
  'identity.account': AccountTable;
  'identity.registration': RegistrationTable;
  'identity.message': MessageTable;
  'identity.official_role': OfficialRoleTable;
  'identity.consent': ConsentTable;
  'identity.oidc_model': OidcModelTable;
}

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
  guardian_account_id: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface AuthenticatorTable {
  id: string;
  account_id: string;
  kind: 'totp' | 'passkey';
  label: string;
  secret_sealed: string | null;
  last_step: ColumnType<string | null, number | string | null | undefined, number | string | null>;
  credential_id: string | null;
  public_key: string | null;
  sign_count: ColumnType<string, number | undefined, number>;
  transports: string[] | null;
  created_at: Timestamp;
  confirmed_at: Timestamp | null;
  last_used_at: Timestamp | null;
}

export interface ChallengeTable {
  id: string;
  account_id: string | null;
  purpose: string;
  challenge: string;
  expires_at: Timestamp;
}

export interface RecoveryTable {
  id: string;
  account_id: string | null;
  code_hash: string;
  attempts: Generated<number>;
  created_at: Timestamp;
  expires_at: Timestamp;
  confirmed_at: Timestamp | null;
}

export interface AccountEventTable {
  id: Generated<string>;
  account_id: string;
  at: Timestamp;
  kind: string;
  actor: string;
  detail: ColumnType<Record<string, unknown>, string | undefined, string>;
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
  'identity.authenticator': AuthenticatorTable;
  'identity.challenge': ChallengeTable;
  'identity.recovery': RecoveryTable;
  'identity.account_event': AccountEventTable;
}

// What the administration screens read and change through the identity module's API.
import rolesConfig from '../../../../config/roles.json';

export interface Client {
  client_id: string;
  client_name: string;
  organization?: string;
  purpose?: string;
  redirect_uris: string[];
  post_logout_redirect_uris?: string[];
  grant_types: string[];
  token_endpoint_auth_method: 'none' | 'client_secret_basic' | 'client_secret_post' | 'private_key_jwt';
  scope?: string;
  jwks?: { keys: Record<string, unknown>[] };
  /** With client credentials, the client acts on the open06 API as a sector system. */
  api_role?: 'sector_system';
  managed_by_platform: boolean;
}

export const GRANT_TYPES = ['authorization_code', 'refresh_token', 'client_credentials'] as const;
export const AUTH_METHODS = ['client_secret_basic', 'client_secret_post', 'private_key_jwt', 'none'] as const;
/** Scopes the provider releases (server: oidc.claims.ts SCOPES) and `api` for the open06 API. */
export const CLIENT_SCOPES = ['openid', 'offline_access', 'profile', 'pid', 'address', 'household', 'phone', 'email', 'api'] as const;

export const usesSecret = (method: string) => method.startsWith('client_secret');

export interface Official {
  pid: string;
  level: number;
  status: 'active' | 'suspended';
  roles: { role: string; unit: string | null; unitName: string | null; grantedBy: string; grantedAt: string }[];
}

/** Roles granted to people (machines get service tokens): `official` in the same config/roles.json the server enforces. */
export const OFFICIAL_ROLES: string[] = Object.entries(rolesConfig.roles as Record<string, { official?: boolean }>)
  .filter(([, r]) => r.official)
  .map(([name]) => name);

/** Where a role's jurisdiction lies, read from the same config/roles.json the server enforces. */
export function roleScope(role: string): 'commune' | 'province' | 'national' | 'self' | undefined {
  return (rolesConfig.roles as Record<string, { scope: 'commune' | 'province' | 'national' | 'self' }>)[role]?.scope;
}

export interface Message {
  id: number;
  channel: 'sms' | 'email';
  recipient: string;
  subject: string;
  body: string;
  createdAt: string;
  sentVia: string;
}

// The web app is a relying party of the platform's own OpenID Provider (public client
// `open06-web`, authorization code + PKCE). Tokens live in sessionStorage for the tab; the access
// token is a JWT for the open06 API, refreshed before it expires.
import * as oidc from 'openid-client';

const CLIENT_ID = 'open06-web';
const KEY = 'open06.session';
const PENDING = 'open06.pending-login';
const ROLE = 'open06.role';
export const SCOPES = 'openid offline_access profile pid address household api';
export const API_RESOURCE = 'urn:open06:api';

export interface Session {
  accessToken: string;
  refreshToken?: string;
  idToken?: string;
  expiresAt: number;
  claims: { sub: string; acr?: string; name?: string; pid?: string };
}

let config: Promise<oidc.Configuration> | null = null;
function configuration(): Promise<oidc.Configuration> {
  const issuer = new URL('/oidc', window.location.origin);
  config ??= oidc.discovery(issuer, CLIENT_ID, undefined, oidc.None(), issuer.protocol === 'http:' ? { execute: [oidc.allowInsecureRequests] } : {});
  return config;
}

const redirectUri = () => `${window.location.origin}/auth/callback`;

export function currentSession(): Session | null {
  const raw = sessionStorage.getItem(KEY);
  return raw ? (JSON.parse(raw) as Session) : null;
}

function save(tokens: oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers, previous?: Session): Session {
  const claims = (tokens.claims() ?? previous?.claims ?? { sub: '' }) as Session['claims'];
  const s: Session = {
    accessToken: tokens.access_token,
    ...(tokens.refresh_token ?? previous?.refreshToken ? { refreshToken: tokens.refresh_token ?? previous?.refreshToken } : {}),
    ...(tokens.id_token ?? previous?.idToken ? { idToken: tokens.id_token ?? previous?.idToken } : {}),
    expiresAt: Date.now() + (tokens.expires_in ?? 900) * 1000,
    claims,
  };
  sessionStorage.setItem(KEY, JSON.stringify(s));
  return s;
}

/** Goes to the provider's login page; comes back to /auth/callback. */
export async function login(returnTo = '/'): Promise<void> {
  const cfg = await configuration();
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, returnTo }));
  const url = oidc.buildAuthorizationUrl(cfg, {
    redirect_uri: redirectUri(),
    scope: SCOPES,
    resource: API_RESOURCE,
    prompt: 'consent',
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    ui_locales: document.documentElement.lang || 'vi',
  });
  window.location.assign(url.toString());
}

/** Finishes a login on /auth/callback; returns where to go next. */
export async function completeLogin(): Promise<string> {
  const pending = JSON.parse(sessionStorage.getItem(PENDING) ?? 'null') as { verifier: string; state: string; returnTo: string } | null;
  if (!pending) throw new Error('no login in progress');
  sessionStorage.removeItem(PENDING);
  const cfg = await configuration();
  const tokens = await oidc.authorizationCodeGrant(cfg, new URL(window.location.href), { pkceCodeVerifier: pending.verifier, expectedState: pending.state }, { resource: API_RESOURCE });
  save(tokens);
  return pending.returnTo;
}

/** A valid access token, refreshed when it is about to expire; null when logged out. */
export async function accessToken(): Promise<string | null> {
  const s = currentSession();
  if (!s) return null;
  if (s.expiresAt - Date.now() > 30_000) return s.accessToken;
  if (!s.refreshToken) return null;
  try {
    return save(await oidc.refreshTokenGrant(await configuration(), s.refreshToken, { resource: API_RESOURCE }), s).accessToken;
  } catch {
    sessionStorage.removeItem(KEY);
    return null;
  }
}

/** The role the person acts in (sent to the API as `X-Open06-Role`); null until chosen. */
export function currentRole(): string | null {
  return sessionStorage.getItem(ROLE);
}

export function chooseRole(role: string): void {
  sessionStorage.setItem(ROLE, role);
}

/** Drops this tab's tokens and chosen role (logout does this, then ends the provider's session). */
export function forgetSession(): void {
  sessionStorage.removeItem(KEY);
  sessionStorage.removeItem(ROLE);
}

export async function logout(): Promise<void> {
  const s = currentSession();
  forgetSession();
  const cfg = await configuration();
  const url = oidc.buildEndSessionUrl(cfg, { post_logout_redirect_uri: `${window.location.origin}/`, ...(s?.idToken ? { id_token_hint: s.idToken } : { client_id: CLIENT_ID }) });
  window.location.assign(url.toString());
}

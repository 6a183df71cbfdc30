// The OpenID Provider (oidc-provider, OpenID Certified) configured for open06: authorization code
// with PKCE, PAR, DPoP, refresh tokens, client credentials, RP-initiated logout, introspection and
// revocation; assurance levels as `acr`; claims from the registry; JWT access tokens for the open06
// API (resource indicator `urn:open06:api`).
import Provider, { errors, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import type { RegistryApi } from '../../registry/index.ts';
import type { AccountService } from '../account/account.service.ts';
import type { oidcAdapterFactory } from './oidc.adapter.ts';
import { registryClaims, SCOPE_CLAIMS, SCOPES } from './oidc.claims.ts';
import type { ProviderKeys } from './oidc.keys.ts';
import { escapeHtml, page } from './pages.ts';

export const ACR = { level1: 'urn:open06:loa:1', level2: 'urn:open06:loa:2' } as const;
export const API_RESOURCE = 'urn:open06:api';

export interface ProviderDeps {
  issuer: string;
  /** Storage: `oidcAdapterFactory(db)`. */
  adapter: ReturnType<typeof oidcAdapterFactory>;
  accounts: AccountService;
  registry: RegistryApi;
  keys: ProviderKeys;
}

export function createProvider(deps: ProviderDeps): Provider {
  const claims = Object.fromEntries(Object.entries(SCOPE_CLAIMS).filter(([s]) => s !== 'openid')) as Record<string, string[]>;
  const configuration: Configuration = {
    adapter: deps.adapter as unknown as Configuration['adapter'],
    jwks: deps.keys.jwks as Configuration['jwks'],
    cookies: { keys: deps.keys.cookieKeys },
    scopes: [...SCOPES],
    // the assurance level travels in every ID token
    claims: { ...claims, openid: ['sub', 'acr', 'auth_time'] },
    acrValues: [ACR.level1, ACR.level2],
    pkce: { required: () => true },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    extraClientMetadata: { properties: ['organization', 'purpose', 'api_role'] },
    clientDefaults: { grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'], token_endpoint_auth_method: 'none', id_token_signed_response_alg: 'ES256' },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      introspection: { enabled: true },
      revocation: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        // in Vietnamese, like the login pages; `form` is the provider's hidden form (xsrf token)
        logoutSource: async (ctx, form) => {
          ctx.body = page(
            'Đăng xuất',
            `<h1>Đăng xuất khỏi open06?</h1><p class="muted">Bạn sẽ đăng xuất khỏi tài khoản định danh điện tử trên trình duyệt này.</p>${form}
<button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Đăng xuất</button>
<button type="submit" form="op.logoutForm" class="alt">Ở lại</button>`,
          );
        },
        postLogoutSuccessSource: async (ctx) => {
          ctx.body = page('Đã đăng xuất', '<h1>Bạn đã đăng xuất</h1><p class="muted">Có thể đóng cửa sổ này.</p><a class="secondary" href="/">Về trang chủ</a>');
        },
      },
      pushedAuthorizationRequests: { enabled: true },
      dPoP: { enabled: true },
      claimsParameter: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => undefined,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resource) => {
          if (resource !== API_RESOURCE) throw new errors.InvalidTarget();
          return { scope: 'api', audience: API_RESOURCE, accessTokenTTL: 15 * 60, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'ES256' } } };
        },
      },
    },
    ttl: {
      AccessToken: 15 * 60,
      AuthorizationCode: 60,
      ClientCredentials: 10 * 60,
      IdToken: 15 * 60,
      Interaction: 30 * 60,
      Session: 8 * 3600,
      Grant: 30 * 24 * 3600,
      RefreshToken: 14 * 24 * 3600,
    },
    issueRefreshToken: async (_ctx, client, code) => client.grantTypeAllowed('refresh_token') && code.scopes.has('offline_access'),
    async findAccount(ctx: KoaContextWithOIDC, sub: string) {
      const account = await deps.accounts.findById(sub);
      if (!account || account.status !== 'active') return undefined;
      return {
        accountId: account.id,
        async claims(_use, scope) {
          const reader = `oidc:${ctx.oidc.client?.clientId ?? 'provider'}`;
          const all = await registryClaims(deps.registry, account.pid, reader, account);
          const granted = new Set(String(scope ?? '').split(' ').flatMap((s) => SCOPE_CLAIMS[s] ?? []));
          return { sub: account.id, ...Object.fromEntries(Object.entries(all).filter(([k, v]) => granted.has(k) && v !== undefined)) };
        },
      };
    },
    renderError: async (ctx, out) => {
      ctx.type = 'html';
      ctx.body = page('Lỗi đăng nhập', `<h1>Không thể tiếp tục đăng nhập</h1><p>${escapeHtml(String(out.error_description ?? out.error))}</p><p class="muted">Mã lỗi: ${escapeHtml(String(out.error))}</p>`);
    },
  };
  const provider = new Provider(deps.issuer, configuration);
  provider.proxy = true;
  return provider;
}

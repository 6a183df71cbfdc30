// The platform's own web app, registered with the provider like any other relying party: a public
// client with PKCE. It is written at every start (so its addresses follow PUBLIC_URL) and cannot be
// edited through the administration API.
import type { ClientInput } from '../admin.routes.ts';

export const WEB_CLIENT_ID = 'open06-web';

export function webClient(publicUrl: string): ClientInput {
  const base = publicUrl.replace(/\/$/, '');
  return {
    client_id: WEB_CLIENT_ID,
    client_name: 'open06 — ứng dụng web',
    organization: 'open06',
    purpose: 'Cho bạn xem và quản lý thông tin, tài khoản của chính mình',
    redirect_uris: [`${base}/auth/callback`],
    post_logout_redirect_uris: [`${base}/`],
    grant_types: ['authorization_code', 'refresh_token'],
    token_endpoint_auth_method: 'none',
    scope: 'openid offline_access profile pid address household phone email',
  };
}

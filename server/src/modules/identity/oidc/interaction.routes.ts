// The provider's own pages: log in (personal ID + password) and consent (which data go to which
// service, for what purpose). Plain server-rendered HTML in Vietnamese, usable on a phone.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type Provider from 'oidc-provider';
import { AppError } from '../../../http/errors.ts';
import type { AccountService } from '../account/account.service.ts';
import type { IdentityTables } from '../identity.tables.ts';
import { SCOPE_CLAIMS, SCOPE_LABELS } from './oidc.claims.ts';
import { ACR, escapeHtml } from './oidc.provider.ts';

function page(title: string, body: string): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)} — open06</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f5f5f5;margin:0;color:#1f1f1f}
header{background:#b3261e;color:#ffd54f;padding:14px 20px;font-size:22px;font-weight:700}
header small{color:#fff;font-weight:400;font-size:14px;margin-left:10px}
main{max-width:440px;margin:24px auto;background:#fff;border-radius:8px;padding:24px;box-shadow:0 1px 3px rgba(0,0,0,.1)}
h1{font-size:22px;margin:0 0 16px}
label{display:block;margin:12px 0 4px;font-weight:600}
input{width:100%;box-sizing:border-box;padding:10px;border:1px solid #ccc;border-radius:6px;font-size:16px}
button{margin-top:18px;width:100%;padding:12px;border:0;border-radius:6px;background:#b3261e;color:#fff;font-size:16px;cursor:pointer}
a.secondary{display:block;text-align:center;margin-top:12px;color:#555}
.error{background:#fdecea;color:#8a1c12;padding:10px;border-radius:6px;margin-bottom:12px}
ul{padding-left:20px} li{margin:6px 0} .muted{color:#666;font-size:14px}
</style></head><body><header>open06<small>Định danh điện tử</small></header><main>${body}</main></body></html>`;
}

function loginPage(uid: string, clientName: string, error?: string, pid = ''): string {
  return page(
    'Đăng nhập',
    `<h1>Đăng nhập</h1><p class="muted">để tiếp tục đến <b>${escapeHtml(clientName)}</b></p>
${error ? `<div class="error" role="alert">${escapeHtml(error)}</div>` : ''}
<form method="post" action="/interaction/${uid}/login" autocomplete="on">
<label for="pid">Số định danh cá nhân</label><input id="pid" name="pid" inputmode="numeric" pattern="[0-9]{12}" maxlength="12" required value="${escapeHtml(pid)}" autocomplete="username">
<label for="password">Mật khẩu</label><input id="password" name="password" type="password" required autocomplete="current-password">
<button type="submit">Đăng nhập</button></form>
<a class="secondary" href="/interaction/${uid}/abort">Huỷ</a>`,
  );
}

function consentPage(uid: string, clientName: string, organization: string | undefined, purpose: string | undefined, scopes: string[]): string {
  const items = scopes.filter((s) => SCOPE_LABELS[s]).map((s) => `<li>${escapeHtml(SCOPE_LABELS[s]!.vi)}</li>`).join('');
  return page(
    'Đồng ý chia sẻ thông tin',
    `<h1>Chia sẻ thông tin với ${escapeHtml(clientName)}</h1>
${organization ? `<p class="muted">Đơn vị: ${escapeHtml(organization)}</p>` : ''}
${purpose ? `<p>Mục đích: <b>${escapeHtml(purpose)}</b></p>` : ''}
<p>Dịch vụ sẽ nhận các thông tin sau từ Cơ sở dữ liệu quốc gia về dân cư:</p><ul>${items}</ul>
<p class="muted">Mỗi lần cung cấp được ghi vào nhật ký truy cập mà bạn xem được. Bạn có thể rút lại sự đồng ý bất cứ lúc nào.</p>
<form method="post" action="/interaction/${uid}/confirm"><button type="submit">Đồng ý</button></form>
<a class="secondary" href="/interaction/${uid}/abort">Không đồng ý</a>`,
  );
}

export function interactionRoutes(provider: Provider, accounts: AccountService, db: Kysely<IdentityTables>) {
  return async (app: FastifyInstance) => {
    const details = (req: FastifyRequest, reply: FastifyReply) => provider.interactionDetails(req.raw, reply.raw);
    const finish = async (req: FastifyRequest, reply: FastifyReply, result: Parameters<Provider['interactionFinished']>[2]) => {
      reply.hijack();
      await provider.interactionFinished(req.raw, reply.raw, result, { mergeWithLastSubmission: false });
    };
    const clientOf = async (clientId: string) => {
      const c = await provider.Client.find(clientId);
      const meta = (c?.metadata() ?? {}) as { client_name?: string; organization?: string; purpose?: string };
      return { name: meta.client_name ?? clientId, organization: meta.organization, purpose: meta.purpose };
    };

    app.get('/interaction/:uid', async (req, reply) => {
      const d = await details(req, reply);
      const client = await clientOf(String(d.params.client_id));
      reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
      if (d.prompt.name === 'login') return loginPage(d.uid, client.name);
      const scopes = String(d.params.scope ?? '').split(' ').filter(Boolean);
      return consentPage(d.uid, client.name, client.organization, client.purpose, scopes);
    });

    app.post<{ Body: { pid?: string; password?: string } }>('/interaction/:uid/login', async (req, reply) => {
      const d = await details(req, reply);
      if (d.prompt.name !== 'login') return reply.redirect(`/interaction/${d.uid}`);
      const client = await clientOf(String(d.params.client_id));
      try {
        const account = await accounts.login(String(req.body?.pid ?? ''), String(req.body?.password ?? ''));
        const wanted = String(d.params.acr_values ?? '').split(' ').filter(Boolean);
        if (wanted.length && wanted.every((a) => a === ACR.level2) && account.level < 2) {
          return finish(req, reply, {
            error: 'access_denied',
            error_description: 'Dịch vụ này yêu cầu tài khoản định danh điện tử mức 2. Hãy đến Công an xã, phường để nâng mức tài khoản.',
          });
        }
        return finish(req, reply, { login: { accountId: account.id, acr: account.level === 2 ? ACR.level2 : ACR.level1, amr: ['pwd'] } });
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        const message = err.fields[0]?.message.vi ?? err.detail?.vi ?? err.title.vi;
        return reply.status(err.status).type('text/html; charset=utf-8').send(loginPage(d.uid, client.name, message, String(req.body?.pid ?? '')));
      }
    });

    app.post('/interaction/:uid/confirm', async (req, reply) => {
      const d = await details(req, reply);
      if (d.prompt.name !== 'consent' || !d.session) return reply.redirect(`/interaction/${d.uid}`);
      const accountId = d.session.accountId;
      const clientId = String(d.params.client_id);
      const grant = d.grantId ? await provider.Grant.find(d.grantId) : new provider.Grant({ accountId, clientId });
      if (!grant) throw new Error('grant vanished');
      const missing = d.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[]; missingResourceScopes?: Record<string, string[]> };
      if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
      if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
      for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) grant.addResourceScope(indicator, scopes.join(' '));
      const grantId = await grant.save();
      const scopes = String(d.params.scope ?? '').split(' ').filter(Boolean);
      const claims = scopes.flatMap((s) => SCOPE_CLAIMS[s] ?? []);
      const client = await clientOf(clientId);
      await db
        .insertInto('identity.consent')
        .values({ account_id: accountId, client_id: clientId, scopes, claims, purpose: client.purpose ?? null })
        .onConflict((oc) => oc.columns(['account_id', 'client_id']).doUpdateSet({ scopes, claims, purpose: client.purpose ?? null, granted_at: new Date(), revoked_at: null }))
        .execute();
      return finish(req, reply, { consent: { grantId } });
    });

    app.get('/interaction/:uid/abort', async (req, reply) =>
      finish(req, reply, { error: 'access_denied', error_description: 'Người dùng đã huỷ đăng nhập hoặc không đồng ý chia sẻ thông tin.' }),
    );
  };
}

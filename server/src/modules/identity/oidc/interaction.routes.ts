// The provider's own pages: log in (personal ID + password, then the authenticator-app code when
// the account has one; or a passkey alone) and consent (which data go to which service, for what
// purpose). Plain server-rendered HTML in Vietnamese, usable on a phone; the passkey button is the
// only script.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type Provider from 'oidc-provider';
import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import { AppError } from '../../../http/errors.ts';
import type { Account, AccountService } from '../account/account.service.ts';
import type { AuthenticatorService } from '../authenticators/authenticator.service.ts';
import type { IdentityTables } from '../identity.tables.ts';
import { SCOPE_CLAIMS, SCOPE_LABELS } from './oidc.claims.ts';
import { ACR } from './oidc.provider.ts';
import { escapeHtml, page } from './pages.ts';

function loginPage(uid: string, clientName: string, error?: string, pid = ''): string {
  return page(
    'Đăng nhập',
    `<h1>Đăng nhập</h1><p class="muted">để tiếp tục đến <b>${escapeHtml(clientName)}</b></p>
<div class="error" role="alert" id="error"${error ? '' : ' hidden'}>${escapeHtml(error ?? '')}</div>
<form method="post" action="/interaction/${uid}/login" autocomplete="on">
<label for="pid">Số định danh cá nhân</label><input id="pid" name="pid" inputmode="numeric" pattern="[0-9]{12}" maxlength="12" required value="${escapeHtml(pid)}" autocomplete="username webauthn">
<label for="password">Mật khẩu</label><input id="password" name="password" type="password" required autocomplete="current-password">
<button type="submit">Đăng nhập</button></form>
<p class="or">hoặc</p>
<button type="button" class="alt" id="passkey">Đăng nhập bằng khóa truy cập (passkey)</button>
<a class="secondary" href="/recover">Quên mật khẩu?</a>
<a class="secondary" href="/interaction/${uid}/abort">Huỷ</a>
<script>${passkeyScript(uid)}</script>`,
  );
}

/** WebAuthn in the page: ask the server for a challenge, let the browser sign it, send it back. */
function passkeyScript(uid: string): string {
  return `(() => {
const b64u = (buf) => btoa(String.fromCharCode(...new Uint8Array(buf))).replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '');
const bytes = (s) => Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((s.length + 3) % 4)), (c) => c.charCodeAt(0));
const show = (m) => { const e = document.getElementById('error'); e.textContent = m; e.hidden = false; };
document.getElementById('passkey').addEventListener('click', async () => {
  if (!window.PublicKeyCredential) return show('Trình duyệt này không hỗ trợ khóa truy cập.');
  try {
    const start = await fetch('/interaction/${uid}/passkey/options', { method: 'POST' }).then((r) => r.json());
    const o = start.options;
    const cred = await navigator.credentials.get({ publicKey: { ...o, challenge: bytes(o.challenge), allowCredentials: (o.allowCredentials || []).map((c) => ({ ...c, id: bytes(c.id) })) } });
    const r = cred.response;
    const body = { challengeId: start.challengeId, response: { id: cred.id, rawId: b64u(cred.rawId), type: cred.type, clientExtensionResults: cred.getClientExtensionResults(),
      response: { clientDataJSON: b64u(r.clientDataJSON), authenticatorData: b64u(r.authenticatorData), signature: b64u(r.signature), userHandle: r.userHandle ? b64u(r.userHandle) : undefined } } };
    const done = await fetch('/interaction/${uid}/passkey', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const out = await done.json();
    if (out.redirect) window.location.assign(out.redirect); else show(out.message || 'Không đăng nhập được bằng khóa truy cập.');
  } catch (e) { show('Không đăng nhập được bằng khóa truy cập: ' + (e && e.message ? e.message : e)); }
});
})();`;
}

function totpPage(uid: string, ticket: string, error?: string): string {
  return page(
    'Xác thực hai bước',
    `<h1>Xác thực hai bước</h1><p class="muted">Nhập mã 6 chữ số đang hiện trong ứng dụng xác thực của bạn.</p>
${error ? `<div class="error" role="alert">${escapeHtml(error)}</div>` : ''}
<form method="post" action="/interaction/${uid}/totp" autocomplete="off">
<input type="hidden" name="ticket" value="${escapeHtml(ticket)}">
<label for="code">Mã xác thực</label><input id="code" name="code" inputmode="numeric" pattern="[0-9 ]{6,7}" maxlength="7" required autocomplete="one-time-code" autofocus>
<button type="submit">Xác nhận</button></form>
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

const TICKET_TTL_MS = 5 * 60_000;

export function interactionRoutes(deps: { provider: Provider; accounts: AccountService; authenticators: AuthenticatorService; db: Kysely<IdentityTables>; ticketKey: string }) {
  const { provider, accounts, authenticators, db } = deps;

  // After the password, the second step carries a ticket: this interaction, this account, 5 minutes.
  const sign = (payload: string) => createHmac('sha256', deps.ticketKey).update(payload).digest('base64url');
  const ticketFor = (uid: string, accountId: string, now: number) => {
    const payload = `${uid}.${accountId}.${now + TICKET_TTL_MS}`;
    return `${payload}.${sign(payload)}`;
  };
  const ticketAccount = (uid: string, ticket: string, now: number): string | null => {
    const parts = ticket.split('.');
    if (parts.length !== 4) return null;
    const [tUid, accountId, until, mac] = parts as [string, string, string, string];
    const expected = Buffer.from(sign(`${tUid}.${accountId}.${until}`));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    return tUid === uid && Number(until) > now ? accountId : null;
  };

  return async (app: FastifyInstance) => {
    const details = (req: FastifyRequest, reply: FastifyReply) => provider.interactionDetails(req.raw, reply.raw);
    // A consent keeps the login it follows (mergeWithLastSubmission): with prompt=login the
    // provider would otherwise ask for the login again after the consent, forever.
    const finish = async (req: FastifyRequest, reply: FastifyReply, result: Parameters<Provider['interactionFinished']>[2]) => {
      reply.hijack();
      await provider.interactionFinished(req.raw, reply.raw, result, { mergeWithLastSubmission: 'consent' in result! });
    };
    const clientOf = async (clientId: string) => {
      const c = await provider.Client.find(clientId);
      const meta = (c?.metadata() ?? {}) as { client_name?: string; organization?: string; purpose?: string };
      return { name: meta.client_name ?? clientId, organization: meta.organization, purpose: meta.purpose };
    };
    /** The login result for an account, or a refusal when the service demands level 2. */
    const loginResult = (d: Awaited<ReturnType<typeof details>>, account: Account, amr: string[]): Parameters<Provider['interactionFinished']>[2] => {
      const wanted = String(d.params.acr_values ?? '').split(' ').filter(Boolean);
      if (wanted.length && wanted.every((a) => a === ACR.level2) && account.level < 2)
        return { error: 'access_denied', error_description: 'Dịch vụ này yêu cầu tài khoản định danh điện tử mức 2. Hãy đến Công an xã, phường để nâng mức tài khoản.' };
      return { login: { accountId: account.id, acr: account.level === 2 ? ACR.level2 : ACR.level1, amr } };
    };
    const errorText = (err: AppError) => err.fields[0]?.message.vi ?? err.detail?.vi ?? err.title.vi;

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
        if ((await authenticators.factors(account.id)).totp)
          return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(totpPage(d.uid, ticketFor(d.uid, account.id, Date.now())));
        return finish(req, reply, loginResult(d, account, ['pwd']));
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        return reply.status(err.status).type('text/html; charset=utf-8').send(loginPage(d.uid, client.name, errorText(err), String(req.body?.pid ?? '')));
      }
    });

    app.post<{ Body: { ticket?: string; code?: string } }>('/interaction/:uid/totp', async (req, reply) => {
      const d = await details(req, reply);
      if (d.prompt.name !== 'login') return reply.redirect(`/interaction/${d.uid}`);
      const client = await clientOf(String(d.params.client_id));
      const ticket = String(req.body?.ticket ?? '');
      const accountId = ticketAccount(d.uid, ticket, Date.now());
      if (!accountId) return reply.status(400).type('text/html; charset=utf-8').send(loginPage(d.uid, client.name, 'Phiên đăng nhập đã hết hạn. Hãy đăng nhập lại.'));
      try {
        const account = await accounts.assertCanLogIn(accountId);
        if (!(await authenticators.verifyTotp(accountId, String(req.body?.code ?? '')))) {
          await accounts.noteFailedLogin(accountId);
          return reply.status(400).type('text/html; charset=utf-8').send(totpPage(d.uid, ticket, 'Mã xác thực không đúng hoặc đã được dùng.'));
        }
        return finish(req, reply, loginResult(d, account, ['pwd', 'otp', 'mfa']));
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        return reply.status(err.status).type('text/html; charset=utf-8').send(loginPage(d.uid, client.name, errorText(err)));
      }
    });

    app.post('/interaction/:uid/passkey/options', async (req, reply) => {
      const d = await details(req, reply);
      if (d.prompt.name !== 'login') return reply.status(409).send({ message: 'Phiên đăng nhập không còn chờ đăng nhập.' });
      return authenticators.passkeyLoginOptions();
    });

    app.post<{ Body: { challengeId?: string; response?: AuthenticationResponseJSON } }>('/interaction/:uid/passkey', async (req, reply) => {
      const d = await details(req, reply);
      if (d.prompt.name !== 'login') return reply.status(409).send({ message: 'Phiên đăng nhập không còn chờ đăng nhập.' });
      try {
        if (!req.body?.challengeId || !req.body.response) throw new AppError(400, 'validation', { vi: 'Thiếu dữ liệu khóa truy cập.', en: 'Missing passkey data.' });
        const accountId = await authenticators.finishPasskeyLogin(req.body.challengeId, req.body.response);
        const account = await accounts.assertCanLogIn(accountId);
        // the browser follows the provider's redirect itself
        const redirect = await provider.interactionResult(req.raw, reply.raw, loginResult(d, account, ['hwk', 'user', 'mfa']), { mergeWithLastSubmission: false });
        return { redirect };
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        return reply.status(err.status).send({ message: errorText(err) });
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

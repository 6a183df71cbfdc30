// The identity module (định danh và xác thực điện tử): e-ID accounts (levels 1 and 2), the
// OpenID Provider at /oidc with its login and consent pages, officials' roles, and the API
// authenticator for the provider's access tokens. Other modules import only this file.
import type { FastifyInstance } from 'fastify';
import formbody from '@fastify/formbody';
import type { Kysely } from 'kysely';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/db.ts';
import type { RegistryApi } from '../registry/index.ts';
import { accountRoutes } from './account/account.routes.ts';
import { createAccountService, IDENTITY_ACTOR } from './account/account.service.ts';
import { meRoutes } from './account/me.routes.ts';
import { adminRoutes, saveClient } from './admin.routes.ts';
import { authenticatorRoutes } from './authenticators/authenticator.routes.ts';
import { createAuthenticatorService } from './authenticators/authenticator.service.ts';
import { loadSecretBox } from './authenticators/secret-box.ts';
import { ensureDemoAccounts, type DemoAccount } from './account/demo-accounts.ts';
import { createDelivery } from './delivery/delivery.ts';
import { smtpSender } from './delivery/smtp.sender.ts';
import type { IdentityTables } from './identity.tables.ts';
import { interactionRoutes } from './oidc/interaction.routes.ts';
import { loadProviderKeys } from './oidc/oidc.keys.ts';
import { oidcAdapterFactory } from './oidc/oidc.adapter.ts';
import { createProvider } from './oidc/oidc.provider.ts';
import { oidcAuthenticator } from './oidc/token.authenticator.ts';
import { webClient } from './oidc/web-client.ts';

export interface IdentityDeps {
  db: Db;
  registry: RegistryApi;
  clock: Clock;
  /** Public base URL of the platform (the issuer is `${publicUrl}/oidc`). */
  publicUrl: string;
  keysDir: string;
  filesDir: string;
  /** E-mail through SMTP (e.g. smtps://user:pass@host:465); without it messages stay in the outbox. */
  smtp?: { url: string; from: string } | undefined;
}


export async function createIdentityModule(deps: IdentityDeps) {
  const db = deps.db.kysely as Kysely<IdentityTables>;
  const issuer = `${deps.publicUrl.replace(/\/$/, '')}/oidc`;
  const keys = await loadProviderKeys(deps.keysDir);
  const delivery = createDelivery(db, deps.smtp ? [smtpSender(deps.smtp.url, deps.smtp.from)] : []);
  const authenticator = oidcAuthenticator({ issuer, jwks: keys.jwks, db });
  const adapter = oidcAdapterFactory(db);
  const onAccountChanged = (accountId: string) => {
    authenticator.forget(accountId);
    adapter.forgetAccount(accountId);
  };
  const accounts = createAccountService({ db, registry: deps.registry, delivery, clock: deps.clock, filesDir: deps.filesDir, onAccountChanged });
  const publicUrl = new URL(deps.publicUrl);
  const authenticators = createAuthenticatorService({
    db,
    clock: deps.clock,
    box: loadSecretBox(deps.keysDir),
    // passkeys are bound to the host name people see (browsers refuse IP addresses as RP IDs)
    rp: { id: publicUrl.hostname, name: 'open06 — Định danh điện tử', origins: [publicUrl.origin] },
  });
  const displayName = async (pid: string) => (await deps.registry.getPerson({ actor: IDENTITY_ACTOR, purpose: 'identity_verification' }, pid)).fullName ?? pid;
  const provider = createProvider({ issuer, adapter, accounts, registry: deps.registry, keys });

  await saveClient(provider, webClient(deps.publicUrl));

  return {
    issuer,
    provider,
    /** The demo province's accounts (npm start): see account/demo-accounts.ts. */
    seedDemoAccounts: (wanted: DemoAccount[]) => ensureDemoAccounts(db, wanted),
    accounts,
    /** TOTP apps and passkeys of accounts. */
    authenticators,
    delivery,
    /** Turns the provider's API access tokens into actors (see oidc/token.authenticator.ts). */
    authenticator,
    async routes(app: FastifyInstance) {
      await app.register(accountRoutes(accounts, authenticators));
      await app.register(authenticatorRoutes({ accounts, authenticators, displayName }));
      await app.register(meRoutes({ accounts, db, provider }));
      await app.register(adminRoutes({ provider, db, delivery, forget: authenticator.forget }));
      // the provider's pages post HTML forms
      await app.register(async (pages) => {
        await pages.register(formbody);
        await pages.register(interactionRoutes({ provider, accounts, authenticators, db, ticketKey: keys.cookieKeys[0]! }));
      });
      // the provider itself: it reads its own request bodies, so Fastify must leave them alone
      await app.register(async (oidc) => {
        oidc.removeAllContentTypeParsers();
        oidc.addContentTypeParser('*', (_req, _payload, done) => done(null));
        const callback = provider.callback();
        oidc.all('/oidc/*', (req, reply) => {
          reply.hijack();
          const raw = req.raw as typeof req.raw & { originalUrl?: string };
          raw.originalUrl = raw.url;
          raw.url = raw.url!.slice('/oidc'.length) || '/';
          callback(raw, reply.raw);
        });
      });
    },
  };
}

export type IdentityModule = Awaited<ReturnType<typeof createIdentityModule>>;
export { ACR, API_RESOURCE } from './oidc/oidc.provider.ts';
export type { Account } from './account/account.service.ts';
export { DEMO_PASSWORD } from './account/demo-accounts.ts';
export type { DemoAccount } from './account/demo-accounts.ts';
export { rotateProviderKeys } from './oidc/oidc.keys.ts';

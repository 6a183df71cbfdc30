// A citizen's own account: level, official roles, history, consents given to services (and
// revoking them), and the accounts of their children under 14.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type Provider from 'oidc-provider';
import { z } from 'zod';
import { NotFoundError } from '../../../http/errors.ts';
import type { IdentityTables } from '../identity.tables.ts';
import { accountEvents } from './account-events.ts';
import type { AccountService } from './account.service.ts';
import { currentAccount } from './current-account.ts';

const tags = ['identity'];
const security = [{ bearer: [] }];

export function meRoutes(deps: { accounts: AccountService; db: Kysely<IdentityTables>; provider: Provider }) {
  return async (root: FastifyInstance) => {
    const app = root.withTypeProvider<ZodTypeProvider>();
    const myAccount = (req: FastifyRequest) => currentAccount(req, deps.accounts);

    app.get('/api/v1/identity/me', {
      schema: { tags, security, summary: 'My e-ID account: level, status, how it was verified, and the official roles granted to it' },
      handler: async (req) => {
        const account = await myAccount(req);
        const roles = await deps.db.selectFrom('identity.official_role').select(['role', 'unit']).where('account_id', '=', account.id).orderBy('granted_at').execute();
        return { ...account, roles: roles.map((r) => ({ role: r.role, unit: r.unit })) };
      },
    });

    app.get('/api/v1/identity/me/events', {
      schema: { tags, security, summary: 'What happened to my account: created, level 2 raised (by whom, where), suspended, recovered, authenticators' },
      handler: async (req) => ({ items: await accountEvents(deps.db, (await myAccount(req)).id) }),
    });

    app.get('/api/v1/identity/me/children', {
      schema: { tags, security, summary: 'Accounts of my children under 14, held through my account' },
      handler: async (req) => ({ items: await deps.accounts.children((await myAccount(req)).id) }),
    });

    app.post('/api/v1/identity/me/children', {
      schema: { tags, security, summary: "Register an account for my child under 14 (the registry must name me as the child's parent)", body: z.object({ pid: z.string().regex(/^\d{12}$/) }) },
      handler: async (req, reply) => reply.status(201).send(await deps.accounts.addChild(await myAccount(req), req.body.pid)),
    });

    app.get('/api/v1/identity/me/consents', {
      schema: { tags, security, summary: 'Services I allowed to receive my data, which data and why' },
      handler: async (req) => {
        const account = await myAccount(req);
        const rows = await deps.db.selectFrom('identity.consent').selectAll().where('account_id', '=', account.id).where('revoked_at', 'is', null).orderBy('granted_at', 'desc').execute();
        const items = [];
        for (const r of rows) {
          const c = await deps.provider.Client.find(r.client_id);
          const meta = (c?.metadata() ?? {}) as { client_name?: string; organization?: string };
          items.push({ clientId: r.client_id, clientName: meta.client_name ?? r.client_id, organization: meta.organization ?? null, scopes: r.scopes, claims: r.claims, purpose: r.purpose, grantedAt: new Date(r.granted_at).toISOString() });
        }
        return { items };
      },
    });

    app.delete('/api/v1/identity/me/consents/:clientId', {
      schema: { tags, security, summary: 'Withdraw a consent: the service loses its tokens and must ask again', params: z.object({ clientId: z.string().min(1).max(100) }) },
      handler: async (req, reply) => {
        const account = await myAccount(req);
        const res = await deps.db.updateTable('identity.consent').set({ revoked_at: new Date() }).where('account_id', '=', account.id).where('client_id', '=', req.params.clientId).where('revoked_at', 'is', null).executeTakeFirst();
        if (!Number(res.numUpdatedRows)) throw new NotFoundError({ vi: 'Không có sự đồng ý nào với dịch vụ này.', en: 'No consent given to this service.' });
        const grants = await deps.db
          .selectFrom('identity.oidc_model')
          .select('id')
          .where('model', '=', 'Grant')
          .where((eb) => eb.and([eb(eb.ref('payload', '->>').key('accountId' as never), '=', account.id), eb(eb.ref('payload', '->>').key('clientId' as never), '=', req.params.clientId)]))
          .execute();
        for (const g of grants) {
          await deps.provider.Grant.adapter.revokeByGrantId(g.id);
          await deps.provider.Grant.adapter.destroy(g.id);
        }
        return reply.status(204).send();
      },
    });
  };
}

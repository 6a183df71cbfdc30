// Administration of the identity module: relying-party clients, officials' roles, and the message
// outbox (what the built-in delivery "sent").
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type Provider from 'oidc-provider';
import { z } from 'zod';
import { actorOf } from '../../http/auth.ts';
import { requirePermission, ROLE_NAMES, checkActorShape } from '../../http/authz.ts';
import { NotFoundError, ValidationError } from '../../http/errors.ts';
import type { Delivery } from './delivery/delivery.ts';
import type { IdentityTables } from './identity.tables.ts';
import { SCOPES } from './oidc/oidc.claims.ts';

const tags = ['identity'];
const security = [{ bearer: [] }];

export const ClientInput = z.object({
  client_id: z.string().regex(/^[a-z0-9][a-z0-9._-]{2,63}$/),
  client_name: z.string().trim().min(2).max(200),
  organization: z.string().trim().max(200).optional(),
  purpose: z.string().trim().max(300).optional().describe('Shown on the consent screen'),
  redirect_uris: z.array(z.string().url()).default([]),
  post_logout_redirect_uris: z.array(z.string().url()).default([]),
  grant_types: z.array(z.enum(['authorization_code', 'refresh_token', 'client_credentials'])).min(1),
  token_endpoint_auth_method: z.enum(['none', 'client_secret_basic', 'client_secret_post', 'private_key_jwt']),
  jwks: z.object({ keys: z.array(z.record(z.string(), z.unknown())) }).optional(),
  scope: z.string().default('openid profile'),
});
export type ClientInput = z.infer<typeof ClientInput>;

/** Stores a client through the provider's adapter (model `Client`); returns its secret when it has one. */
export async function saveClient(provider: Provider, input: ClientInput): Promise<{ client_id: string; client_secret?: string }> {
  const unknownScopes = input.scope.split(' ').filter((s) => s && !(SCOPES as readonly string[]).includes(s) && s !== 'api');
  if (unknownScopes.length)
    throw ValidationError.field('body.scope', 'scope_unknown', { vi: `Phạm vi không hỗ trợ: ${unknownScopes.join(', ')}.`, en: `Unsupported scope: ${unknownScopes.join(', ')}.` });
  if (input.grant_types.includes('authorization_code') && !input.redirect_uris.length)
    throw ValidationError.field('body.redirect_uris', 'required', { vi: 'Cần ít nhất một địa chỉ chuyển hướng.', en: 'At least one redirect URI is needed.' });
  const secret = input.token_endpoint_auth_method.startsWith('client_secret') ? randomBytes(32).toString('base64url') : undefined;
  const metadata = {
    ...input,
    response_types: input.grant_types.includes('authorization_code') ? ['code'] : [],
    ...(secret ? { client_secret: secret } : {}),
  };
  await (provider.Client as unknown as { adapter: { upsert(id: string, p: unknown): Promise<void> } }).adapter.upsert(input.client_id, metadata);
  return { client_id: input.client_id, ...(secret ? { client_secret: secret } : {}) };
}

export function adminRoutes(deps: { provider: Provider; db: Kysely<IdentityTables>; delivery: Delivery }) {
  return async (root: FastifyInstance) => {
    const app = root.withTypeProvider<ZodTypeProvider>();
    app.post('/api/v1/identity/clients', {
      schema: { tags, security, summary: 'Register or update a relying party (portal, school system, bank, sector system)', body: ClientInput, response: { 201: z.object({ client_id: z.string(), client_secret: z.string().optional() }) } },
      handler: async (req, reply) => {
        requirePermission(actorOf(req), 'client.manage');
        return reply.status(201).send(await saveClient(deps.provider, req.body));
      },
    });
    app.get('/api/v1/identity/clients', {
      schema: { tags, security, summary: 'Registered relying parties' },
      handler: async (req) => {
        requirePermission(actorOf(req), 'client.manage');
        const rows = await deps.db.selectFrom('identity.oidc_model').select(['id', 'payload']).where('model', '=', 'Client').orderBy('id').execute();
        return {
          items: rows.map((r) => {
            const { client_secret: _s, ...meta } = (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload) as Record<string, unknown>;
            return meta;
          }),
        };
      },
    });
    app.post('/api/v1/identity/officials', {
      schema: {
        tags,
        security,
        summary: "Grant a role in an administrative unit to a person's e-ID account",
        body: z.object({ pid: z.string().regex(/^\d{12}$/), role: z.enum(ROLE_NAMES), unit: z.string().regex(/^\d{2}(\d{3})?$/).optional() }),
      },
      handler: async (req, reply) => {
        const actor = actorOf(req);
        requirePermission(actor, 'official.manage');
        const problem = checkActorShape({ sub: 'x', role: req.body.role, ...(req.body.unit ? { unit: req.body.unit } : {}), pid: req.body.pid });
        if (problem) throw ValidationError.field('body.unit', 'unit_invalid', { vi: problem, en: problem });
        const account = await deps.db.selectFrom('identity.account').select('id').where('pid', '=', req.body.pid).executeTakeFirst();
        if (!account) throw new NotFoundError({ vi: 'Người này chưa có tài khoản định danh điện tử.', en: 'This person has no e-ID account.' });
        await deps.db
          .insertInto('identity.official_role')
          .values({ account_id: account.id, role: req.body.role, unit: req.body.unit ?? null, granted_by: actor.sub })
          .onConflict((oc) => oc.columns(['account_id', 'role']).doUpdateSet({ unit: req.body.unit ?? null, granted_by: actor.sub, granted_at: new Date() }))
          .execute();
        return reply.status(204).send();
      },
    });
    app.get('/api/v1/identity/messages', {
      schema: { tags, security, summary: 'Messages the built-in delivery kept (one-time codes, notices): for developers and testers', querystring: z.object({ recipient: z.string().optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }) },
      handler: async (req) => {
        requirePermission(actorOf(req), 'delivery.read');
        return { items: await deps.delivery.recent({ ...(req.query.recipient ? { recipient: req.query.recipient } : {}), limit: req.query.limit }) };
      },
    });
  };
}

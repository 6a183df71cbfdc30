// Administration of the identity module: relying-party clients, officials' roles, and the message
// outbox (what the built-in delivery "sent"). Administrators see no registry data (their role has
// no person fields): officials are listed by personal ID with their account and roles.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type Provider from 'oidc-provider';
import { z } from 'zod';
import { loadAdminUnits } from '@open06/kernel/admin-units';
import { actorOf } from '../../http/auth.ts';
import { OFFICIAL_ROLES, requirePermission, roleDef, type RoleName } from '../../http/authz.ts';
import { ConflictError, NotFoundError, ValidationError, type FieldProblem } from '../../http/errors.ts';
import { recordAccountEvent } from './account/account-events.ts';
import { WEB_CLIENT_ID } from './oidc/web-client.ts';
import type { Delivery } from './delivery/delivery.ts';
import type { IdentityTables } from './identity.tables.ts';
import { SCOPES } from './oidc/oidc.claims.ts';

const tags = ['identity'];
const security = [{ bearer: [] }];

/** Clients the platform itself keeps (the web app): changing them over the API could lock everyone out. */
const PLATFORM_CLIENTS: ReadonlySet<string> = new Set([WEB_CLIENT_ID]);

const ClientFields = z.object({
  client_name: z.string().trim().min(2).max(200),
  organization: z.string().trim().max(200).optional(),
  purpose: z.string().trim().max(300).optional().describe('Shown on the consent screen'),
  redirect_uris: z.array(z.string().url()).default([]),
  post_logout_redirect_uris: z.array(z.string().url()).default([]),
  grant_types: z.array(z.enum(['authorization_code', 'refresh_token', 'client_credentials'])).min(1),
  token_endpoint_auth_method: z.enum(['none', 'client_secret_basic', 'client_secret_post', 'private_key_jwt']),
  jwks: z.object({ keys: z.array(z.record(z.string(), z.unknown())) }).optional(),
  scope: z.string().default('openid profile'),
  api_role: z
    .enum(['sector_system'])
    .optional()
    .describe('With client credentials, the client acts on the open06 API in this role (a sector system: read persons for its purposes, identity checks)'),
});
const ClientId = z.string().regex(/^[a-z0-9][a-z0-9._-]{2,63}$/);
export const ClientInput = ClientFields.extend({ client_id: ClientId });
export type ClientInput = z.infer<typeof ClientInput>;
const ClientSaved = z.object({ client_id: z.string(), client_secret: z.string().optional().describe('Shown once: only when a secret is created') });

const usesSecret = (method: ClientInput['token_endpoint_auth_method']) => method.startsWith('client_secret');
const newSecret = () => randomBytes(32).toString('base64url');

/** Checks a client's metadata beyond its form: known scopes, and grants that fit the authentication method. */
function clientProblems(input: Omit<ClientInput, 'client_id'>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const unknownScopes = input.scope.split(' ').filter((s) => s && !(SCOPES as readonly string[]).includes(s) && s !== 'api');
  if (unknownScopes.length)
    problems.push({ path: 'body.scope', code: 'scope_unknown', message: { vi: `Phạm vi không hỗ trợ: ${unknownScopes.join(', ')}.`, en: `Unsupported scope: ${unknownScopes.join(', ')}.` } });
  if (input.grant_types.includes('authorization_code') && !input.redirect_uris.length)
    problems.push({ path: 'body.redirect_uris', code: 'required', message: { vi: 'Cần ít nhất một địa chỉ chuyển hướng.', en: 'At least one redirect URI is needed.' } });
  if (input.grant_types.includes('refresh_token') && !input.grant_types.includes('authorization_code'))
    problems.push({ path: 'body.grant_types', code: 'refresh_without_code', message: { vi: 'Mã làm mới chỉ dùng cùng luồng mã uỷ quyền (authorization_code).', en: 'refresh_token needs authorization_code.' } });
  if (input.token_endpoint_auth_method === 'none' && input.grant_types.includes('client_credentials'))
    problems.push({ path: 'body.token_endpoint_auth_method', code: 'public_client_credentials', message: { vi: 'Ứng dụng không có bí mật (none) không được dùng client_credentials.', en: 'A public client (none) cannot use client_credentials.' } });
  if (input.token_endpoint_auth_method === 'private_key_jwt' && !input.jwks?.keys.length)
    problems.push({ path: 'body.jwks', code: 'required', message: { vi: 'Xác thực bằng khoá riêng (private_key_jwt) cần khoá công khai (jwks).', en: 'private_key_jwt needs the public keys (jwks).' } });
  return problems;
}

type ClientAdapter = { adapter: { upsert(id: string, p: unknown): Promise<void>; find(id: string): Promise<Record<string, unknown> | undefined> } };
const adapterOf = (provider: Provider) => (provider.Client as unknown as ClientAdapter).adapter;

/**
 * Stores a client through the provider's adapter (model `Client`), after the provider itself has
 * accepted the metadata. A client authenticating with a secret gets `secret` or a new one; the
 * secret is returned only when it was created here.
 */
export async function saveClient(provider: Provider, input: ClientInput, secret?: string): Promise<{ client_id: string; client_secret?: string }> {
  const problems = clientProblems(input);
  if (problems.length) throw new ValidationError(problems);
  const created = usesSecret(input.token_endpoint_auth_method) && !secret ? newSecret() : undefined;
  const clientSecret = usesSecret(input.token_endpoint_auth_method) ? (secret ?? created) : undefined;
  const metadata = {
    ...input,
    response_types: input.grant_types.includes('authorization_code') ? ['code'] : [],
    ...(clientSecret ? { client_secret: clientSecret } : {}),
  };
  try {
    await (provider.Client as unknown as { validate(m: unknown): Promise<void> }).validate(metadata);
  } catch (err) {
    // oidc-provider explains what it refuses (e.g. "redirect_uris must not contain fragments")
    const why = (err as { error_description?: string }).error_description ?? 'invalid client metadata';
    throw ValidationError.field('body', 'client_metadata_invalid', { vi: `Nhà cung cấp định danh không chấp nhận thông tin ứng dụng: ${why}.`, en: `The identity provider refuses the client metadata: ${why}.` });
  }
  await adapterOf(provider).upsert(input.client_id, metadata);
  return { client_id: input.client_id, ...(created ? { client_secret: created } : {}) };
}

async function storedClient(provider: Provider, clientId: string): Promise<Record<string, unknown>> {
  const stored = await adapterOf(provider).find(clientId);
  if (!stored) throw new NotFoundError({ vi: `Không có ứng dụng ${clientId}.`, en: `No client ${clientId}.` });
  if (PLATFORM_CLIENTS.has(clientId))
    throw new ConflictError({ vi: `Ứng dụng ${clientId} do nền tảng quản lý, không sửa qua API.`, en: `Client ${clientId} is managed by the platform and cannot be changed over the API.` });
  return stored;
}

/** What a unit code must look like for a role: a commune, a province, or none (national roles). */
function unitProblem(role: RoleName, unit: string | undefined): FieldProblem | null {
  const scope = roleDef(role).scope;
  const units = loadAdminUnits();
  const path = 'body.unit';
  if (scope === 'commune' && !(unit?.length === 5 && units.commune(unit)))
    return { path, code: 'unit_commune_required', message: { vi: 'Vai trò này cần mã một xã, phường, đặc khu hiện hành (5 chữ số).', en: 'This role needs a current commune code (5 digits).' } };
  if (scope === 'province' && !(unit?.length === 2 && units.province(unit)))
    return { path, code: 'unit_province_required', message: { vi: 'Vai trò này cần mã một tỉnh, thành phố hiện hành (2 chữ số).', en: 'This role needs a current province code (2 digits).' } };
  if (scope === 'national' && unit)
    return { path, code: 'unit_not_allowed', message: { vi: 'Vai trò này có phạm vi toàn quốc, không gắn với đơn vị hành chính.', en: 'This role is national and has no administrative unit.' } };
  return null;
}

const OfficialView = z.object({
  pid: z.string(),
  level: z.number(),
  status: z.enum(['active', 'suspended']),
  roles: z.array(z.object({ role: z.string(), unit: z.string().nullable(), unitName: z.string().nullable(), grantedBy: z.string(), grantedAt: z.string() })),
});

export function adminRoutes(deps: { provider: Provider; db: Kysely<IdentityTables>; delivery: Delivery; forget: (accountOrClientId: string) => void }) {
  return async (root: FastifyInstance) => {
    const app = root.withTypeProvider<ZodTypeProvider>();

    app.post('/api/v1/identity/clients', {
      schema: {
        tags,
        security,
        summary: 'Register a relying party (portal, school system, bank, sector system); its secret is shown in this answer only',
        body: ClientInput,
        response: { 201: ClientSaved },
      },
      handler: async (req, reply) => {
        requirePermission(actorOf(req), 'client.manage');
        if (await adapterOf(deps.provider).find(req.body.client_id))
          throw new ConflictError({ vi: 'Mã ứng dụng này đã được đăng ký.', en: 'This client ID is already registered.' }, [
            { path: 'body.client_id', code: 'client_exists', message: { vi: 'Mã ứng dụng đã tồn tại.', en: 'The client ID exists.' } },
          ]);
        return reply.status(201).send(await saveClient(deps.provider, req.body));
      },
    });

    app.put('/api/v1/identity/clients/:clientId', {
      schema: {
        tags,
        security,
        summary: 'Change a relying party; its secret stays (a new one is created, and shown once, only if it had none)',
        params: z.object({ clientId: ClientId }),
        body: ClientFields,
        response: { 200: ClientSaved },
      },
      handler: async (req) => {
        requirePermission(actorOf(req), 'client.manage');
        const stored = await storedClient(deps.provider, req.params.clientId);
        const kept = typeof stored.client_secret === 'string' ? stored.client_secret : undefined;
        const saved = await saveClient(deps.provider, { ...req.body, client_id: req.params.clientId }, kept);
        deps.forget(req.params.clientId);
        return saved;
      },
    });

    app.post('/api/v1/identity/clients/:clientId/secret', {
      schema: {
        tags,
        security,
        summary: "Replace a relying party's secret (the old one stops working); the new one is shown in this answer only",
        params: z.object({ clientId: ClientId }),
        response: { 201: z.object({ client_id: z.string(), client_secret: z.string() }) },
      },
      handler: async (req, reply) => {
        requirePermission(actorOf(req), 'client.manage');
        const stored = await storedClient(deps.provider, req.params.clientId);
        if (!usesSecret(stored.token_endpoint_auth_method as ClientInput['token_endpoint_auth_method']))
          throw new ConflictError({ vi: 'Ứng dụng này không xác thực bằng bí mật.', en: 'This client does not authenticate with a secret.' });
        const secret = newSecret();
        await adapterOf(deps.provider).upsert(req.params.clientId, { ...stored, client_secret: secret });
        return reply.status(201).send({ client_id: req.params.clientId, client_secret: secret });
      },
    });

    app.get('/api/v1/identity/clients', {
      schema: { tags, security, summary: 'Registered relying parties (never their secrets)' },
      handler: async (req) => {
        requirePermission(actorOf(req), 'client.manage');
        const rows = await deps.db.selectFrom('identity.oidc_model').select(['id', 'payload']).where('model', '=', 'Client').orderBy('id').execute();
        return {
          items: rows.map((r) => {
            const { client_secret: _s, ...meta } = (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload) as Record<string, unknown>;
            return { ...meta, managed_by_platform: PLATFORM_CLIENTS.has(r.id) };
          }),
        };
      },
    });

    app.get('/api/v1/identity/officials', {
      schema: {
        tags,
        security,
        summary: 'Officials: e-ID accounts with roles, by personal ID (administrators see no registry data)',
        querystring: z.object({
          role: z.enum(OFFICIAL_ROLES).optional(),
          unit: z.string().regex(/^\d{2}(\d{3})?$/).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(200),
        }),
        response: { 200: z.object({ items: z.array(OfficialView) }) },
      },
      handler: async (req) => {
        requirePermission(actorOf(req), 'official.manage');
        const { role, unit, limit } = req.query;
        const rows = await deps.db
          .selectFrom('identity.official_role as r')
          .innerJoin('identity.account as a', 'a.id', 'r.account_id')
          .select(['a.pid', 'a.level', 'a.status', 'r.role', 'r.unit', 'r.granted_by', 'r.granted_at'])
          .where('r.account_id', 'in', (eb) => {
            let q = eb.selectFrom('identity.official_role as f').innerJoin('identity.account as fa', 'fa.id', 'f.account_id').select('f.account_id');
            if (role) q = q.where('f.role', '=', role);
            if (unit) q = q.where('f.unit', '=', unit);
            return q.groupBy(['f.account_id', 'fa.pid']).orderBy('fa.pid').limit(limit);
          })
          .orderBy('a.pid')
          .orderBy('r.granted_at')
          .execute();
        const units = loadAdminUnits();
        const byPid = new Map<string, z.infer<typeof OfficialView>>();
        for (const r of rows) {
          let o = byPid.get(r.pid);
          if (!o) byPid.set(r.pid, (o = { pid: r.pid, level: r.level, status: r.status, roles: [] }));
          const unitName = r.unit ? ((r.unit.length === 2 ? units.province(r.unit) : units.commune(r.unit))?.fullName ?? null) : null;
          o.roles.push({ role: r.role, unit: r.unit, unitName, grantedBy: r.granted_by, grantedAt: new Date(r.granted_at).toISOString() });
        }
        return { items: [...byPid.values()] };
      },
    });

    app.post('/api/v1/identity/officials', {
      schema: {
        tags,
        security,
        summary: "Grant a role in an administrative unit to a person's e-ID account (granting it again changes the unit)",
        body: z.object({ pid: z.string().regex(/^\d{12}$/), role: z.enum(OFFICIAL_ROLES), unit: z.string().regex(/^\d{2}(\d{3})?$/).optional() }),
      },
      handler: async (req, reply) => {
        const actor = actorOf(req);
        requirePermission(actor, 'official.manage');
        const problem = unitProblem(req.body.role, req.body.unit);
        if (problem) throw new ValidationError([problem]);
        const account = await deps.db.selectFrom('identity.account').select('id').where('pid', '=', req.body.pid).executeTakeFirst();
        if (!account) throw new NotFoundError({ vi: 'Người này chưa có tài khoản định danh điện tử.', en: 'This person has no e-ID account.' });
        await deps.db
          .insertInto('identity.official_role')
          .values({ account_id: account.id, role: req.body.role, unit: req.body.unit ?? null, granted_by: actor.sub })
          .onConflict((oc) => oc.columns(['account_id', 'role']).doUpdateSet({ unit: req.body.unit ?? null, granted_by: actor.sub, granted_at: new Date() }))
          .execute();
        await recordAccountEvent(deps.db, account.id, 'role_granted', actor.sub, { role: req.body.role, unit: req.body.unit ?? null });
        deps.forget(account.id);
        return reply.status(204).send();
      },
    });

    app.delete('/api/v1/identity/officials/:pid/roles/:role', {
      schema: {
        tags,
        security,
        summary: "Revoke a role from an official's account (at once on this server; other server processes within 30 s)",
        params: z.object({ pid: z.string().regex(/^\d{12}$/), role: z.enum(OFFICIAL_ROLES) }),
      },
      handler: async (req, reply) => {
        const actor = actorOf(req);
        requirePermission(actor, 'official.manage');
        // an administrator cannot lock themself out; another administrator has to do it
        if (req.params.role === 'admin' && actor.pid === req.params.pid)
          throw new ConflictError({ vi: 'Không thể tự thu hồi vai trò quản trị của chính mình.', en: 'You cannot revoke your own administrator role.' });
        const account = await deps.db.selectFrom('identity.account').select('id').where('pid', '=', req.params.pid).executeTakeFirst();
        const res = account
          ? await deps.db.deleteFrom('identity.official_role').where('account_id', '=', account.id).where('role', '=', req.params.role).executeTakeFirst()
          : undefined;
        if (!res || !Number(res.numDeletedRows))
          throw new NotFoundError({ vi: 'Tài khoản này không có vai trò đó.', en: 'This account does not hold that role.' });
        await recordAccountEvent(deps.db, account!.id, 'role_revoked', actor.sub, { role: req.params.role });
        deps.forget(account!.id);
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

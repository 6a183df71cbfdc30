// HTTP for e-ID accounts: self-registration (level 1), recovery, the police desk (level 2,
// suspend, restore).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../../http/auth.ts';
import { requirePermission } from '../../../http/authz.ts';
import type { AccountService, SecondFactorCheck } from './account.service.ts';

const Pid = z.string().regex(/^\d{12}$/);
const AccountView = z.object({
  id: z.string(),
  pid: z.string(),
  level: z.union([z.literal(1), z.literal(2)]),
  status: z.enum(['active', 'suspended']),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  createdAt: z.string(),
  level2: z.object({ at: z.string(), by: z.string(), place: z.string(), method: z.string() }).nullable(),
  hasPortrait: z.boolean(),
});
const tags = ['identity'];
const security = [{ bearer: [] }];
// guessable: per caller address, a handful an hour
const registrationLimit = { public: true, rateLimit: { max: 20, timeWindow: '1 hour' } };

export function accountRoutes(accounts: AccountService, factors: SecondFactorCheck) {
  return async (root: FastifyInstance) => {
    const app = root.withTypeProvider<ZodTypeProvider>();
    app.post('/api/v1/identity/registrations', {
      config: registrationLimit,
      schema: {
        tags,
        summary: 'Register a level-1 e-ID account: details checked against the registry, a one-time code sent',
        body: z.object({
          pid: Pid,
          fullName: z.string().trim().min(2).max(150),
          birthDate: z.string().min(4).max(10),
          phone: z.string().max(20).optional(),
          email: z.string().email().max(200).optional(),
        }),
        response: { 201: z.object({ registrationId: z.string(), channel: z.enum(['sms', 'email']), sentTo: z.string(), expiresInSeconds: z.number() }) },
      },
      handler: async (req, reply) => reply.status(201).send(await accounts.startRegistration(req.body)),
    });
    app.post('/api/v1/identity/registrations/:id/confirm', {
      config: registrationLimit,
      schema: {
        tags,
        summary: 'Confirm a registration with the one-time code and choose a password',
        params: z.object({ id: z.string().uuid() }),
        body: z.object({ code: z.string().regex(/^\s*\d{6}\s*$/), password: z.string().min(1).max(200), portrait: z.string().max(3_000_000).optional().describe('data:image/jpeg;base64,…') }),
        response: { 201: AccountView },
      },
      handler: async (req, reply) => reply.status(201).send(await accounts.confirmRegistration(req.params.id, req.body)),
    });
    app.post('/api/v1/identity/recoveries', {
      config: registrationLimit,
      schema: {
        tags,
        summary: 'Forgotten password: a recovery code to the phone or e-mail registered on the account (the same answer whether or not they match)',
        body: z.object({ pid: Pid, contact: z.string().trim().min(3).max(200).describe('the registered phone number or e-mail') }),
        response: { 202: z.object({ recoveryId: z.string(), sentTo: z.string(), expiresInSeconds: z.number(), message: z.object({ vi: z.string(), en: z.string() }) }) },
      },
      handler: async (req, reply) => reply.status(202).send(await accounts.startRecovery(req.body)),
    });
    app.post('/api/v1/identity/recoveries/:id/confirm', {
      config: registrationLimit,
      schema: {
        tags,
        summary: 'Set a new password with the recovery code (and the authenticator-app code when the account has one); every session ends',
        params: z.object({ id: z.string().uuid() }),
        body: z.object({ code: z.string().regex(/^\s*\d{6}\s*$/), password: z.string().min(1).max(200), totp: z.string().max(10).optional() }),
        response: { 200: AccountView },
      },
      handler: async (req) => accounts.confirmRecovery(req.params.id, req.body, factors),
    });
    app.get('/api/v1/identity/accounts/:pid', {
      schema: { tags, security, summary: "A citizen's e-ID account (police desk)", params: z.object({ pid: Pid }), response: { 200: AccountView } },
      handler: async (req) => {
        requirePermission(actorOf(req), 'account.manage');
        const a = await accounts.findByPidFor(actorOf(req), req.params.pid);
        return a;
      },
    });
    app.get('/api/v1/identity/accounts/:pid/portrait', {
      schema: { tags, security, summary: "The portrait kept with a citizen's account, for the police desk to compare (JPEG or PNG)", params: z.object({ pid: Pid }) },
      handler: async (req, reply) => {
        requirePermission(actorOf(req), 'account.manage');
        const p = await accounts.portraitFor(actorOf(req), req.params.pid);
        return reply.type(p.mime).header('cache-control', 'no-store').send(p.bytes);
      },
    });
    app.post('/api/v1/identity/accounts/:pid/level2', {
      schema: {
        tags,
        security,
        summary: 'Raise an account to level 2 at the police desk (ID card and fingerprints checked in person)',
        params: z.object({ pid: Pid }),
        body: z.object({ place: z.string().trim().min(2).max(200), method: z.enum(['chip', 'card']), fingerprintVerified: z.boolean(), portrait: z.string().max(3_000_000).optional() }),
        response: { 200: AccountView },
      },
      handler: async (req) => {
        requirePermission(actorOf(req), 'account.manage');
        return accounts.raiseToLevel2(actorOf(req), req.params.pid, req.body);
      },
    });
    for (const [action, status] of [['suspend', 'suspended'], ['restore', 'active']] as const) {
      app.post(`/api/v1/identity/accounts/:pid/${action}`, {
        schema: { tags, security, summary: `${action === 'suspend' ? 'Suspend' : 'Restore'} an account (with a reason)`, params: z.object({ pid: Pid }), body: z.object({ reason: z.string().trim().min(3).max(500) }), response: { 200: AccountView } },
        handler: async (req) => {
          requirePermission(actorOf(req), 'account.manage');
          return accounts.setStatus(actorOf(req), req.params.pid, status, req.body.reason);
        },
      });
    }
  };
}

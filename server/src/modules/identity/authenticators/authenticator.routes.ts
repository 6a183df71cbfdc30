// "My devices": the citizen's TOTP apps and passkeys — list, add, remove.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RegistrationResponseJSON } from '@simplewebauthn/server';
import type { AccountService } from '../account/account.service.ts';
import { currentAccount } from '../account/current-account.ts';
import type { AuthenticatorService } from './authenticator.service.ts';

const tags = ['identity'];
const security = [{ bearer: [] }];
const View = z.object({ id: z.string(), kind: z.enum(['totp', 'passkey']), label: z.string(), createdAt: z.string(), lastUsedAt: z.string().nullable() });
const Label = z.string().trim().min(1).max(60);
// codes are guessable: a few tries a minute per person
const codeLimit = { rateLimit: { max: 10, timeWindow: '1 minute' } };

export function authenticatorRoutes(deps: { accounts: AccountService; authenticators: AuthenticatorService; displayName: (pid: string) => Promise<string> }) {
  const { accounts, authenticators } = deps;
  return async (root: FastifyInstance) => {
    const app = root.withTypeProvider<ZodTypeProvider>();
    app.get('/api/v1/identity/me/authenticators', {
      schema: { tags, security, summary: 'My authenticator apps and passkeys', response: { 200: z.object({ items: z.array(View) }) } },
      handler: async (req) => ({ items: await authenticators.list((await currentAccount(req, accounts)).id) }),
    });
    app.post('/api/v1/identity/me/authenticators/totp', {
      schema: {
        tags,
        security,
        summary: 'Add an authenticator app (TOTP): returns the secret once, as text and as an otpauth:// URI for a QR code',
        body: z.object({ label: Label.default('Ứng dụng xác thực') }),
        response: { 201: z.object({ id: z.string(), secret: z.string(), uri: z.string() }) },
      },
      handler: async (req, reply) => {
        const a = await currentAccount(req, accounts);
        return reply.status(201).send(await authenticators.startTotp(a.id, a.pid, req.body.label));
      },
    });
    app.post('/api/v1/identity/me/authenticators/totp/:id/confirm', {
      config: codeLimit,
      schema: { tags, security, summary: 'Confirm an authenticator app with its first code', params: z.object({ id: z.string().uuid() }), body: z.object({ code: z.string().max(10) }), response: { 200: View } },
      handler: async (req) => authenticators.confirmTotp((await currentAccount(req, accounts)).id, req.params.id, req.body.code),
    });
    app.post('/api/v1/identity/me/authenticators/passkey/options', {
      schema: { tags, security, summary: 'Start adding a passkey: options for navigator.credentials.create()' },
      handler: async (req) => {
        const a = await currentAccount(req, accounts);
        return authenticators.passkeyRegistrationOptions({ id: a.id, pid: a.pid, displayName: await deps.displayName(a.pid) });
      },
    });
    app.post('/api/v1/identity/me/authenticators/passkey', {
      schema: {
        tags,
        security,
        summary: "Finish adding a passkey with the browser's answer",
        body: z.object({ challengeId: z.string().uuid(), label: Label.default('Khóa truy cập'), response: z.record(z.string(), z.unknown()) }),
        response: { 201: View },
      },
      handler: async (req, reply) => {
        const a = await currentAccount(req, accounts);
        return reply.status(201).send(await authenticators.finishPasskeyRegistration(a.id, req.body.challengeId, req.body.response as unknown as RegistrationResponseJSON, req.body.label));
      },
    });
    app.delete('/api/v1/identity/me/authenticators/:id', {
      schema: { tags, security, summary: 'Remove an authenticator app or passkey', params: z.object({ id: z.string().uuid() }) },
      handler: async (req, reply) => {
        await authenticators.remove((await currentAccount(req, accounts)).id, req.params.id);
        return reply.status(204).send();
      },
    });
  };
}

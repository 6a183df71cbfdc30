// HTTP for the wallet: the holder's documents and credentials, the issuer metadata verifiers fetch,
// and an online check for verifiers that do not run their own.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../../http/auth.ts';
import { Id, WalletDocumentSchema } from '../services.schema.ts';
import type { Wallet } from './wallet.ts';

const tags = ['wallet'];
const security = [{ bearer: [] }];

export function walletRoutes(wallet: Wallet) {
  return async (root: FastifyInstance) => {
    const app = root.withTypeProvider<ZodTypeProvider>();

    app.get('/api/v1/wallet', {
      schema: { tags, security, summary: 'My wallet: results of procedures and certified copies', response: { 200: z.object({ items: z.array(WalletDocumentSchema) }) } },
      handler: async (req) => ({ items: await wallet.list(actorOf(req)) }),
    });

    app.get('/api/v1/wallet/:id', {
      schema: { tags, security, summary: 'One document with its SD-JWT VC (to present to a verifier)', params: z.object({ id: Id }), response: { 200: WalletDocumentSchema.extend({ credential: z.string() }) } },
      handler: async (req) => wallet.get(actorOf(req), req.params.id),
    });

    app.get('/.well-known/jwt-vc-issuer', {
      config: { public: true },
      schema: { tags, summary: 'Issuer metadata: the keys that sign wallet credentials (verify offline with these)' },
      handler: async () => wallet.metadata(),
    });

    app.get('/api/v1/wallet/status-list', {
      config: { public: true },
      schema: { tags, summary: 'The signed Token Status List (statuslist+jwt): which wallet credentials are revoked; fetch it whole, so nobody learns which one you check' },
      handler: async (_req, reply) =>
        reply.header('content-type', 'application/statuslist+jwt').header('cache-control', 'public, max-age=60').send(await wallet.statusList()),
    });

    app.post('/api/v1/wallet/verify', {
      config: { public: true, rateLimit: { max: 60, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Check a presented credential against the issuer key (the same check a verifier can run offline) and whether it is revoked',
        body: z.object({ credential: z.string().min(10).max(100_000) }),
      },
      handler: async (req) => wallet.verify(req.body.credential),
    });
  };
}

// HTTP for the e-ID QR: a citizen gets theirs; anyone fetches the published keys to verify QRs
// offline; administrators rotate the signing key.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../../http/auth.ts';
import { requirePermission } from '../../../http/authz.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { EidQrKeys } from './eid-qr.keys.ts';
import type { EidQrService } from './eid-qr.service.ts';

const tags = ['verification'];
const security = [{ bearer: [] }];

const PublicKey = z.object({
  kid: z.string(),
  kty: z.literal('EC'),
  crv: z.literal('P-256'),
  x: z.string(),
  y: z.string(),
  alg: z.literal('ES256'),
  use: z.literal('sig').optional(),
  nbf: z.number().describe('First instant (epoch seconds) a QR signed by this key may carry'),
  exp: z.number().optional().describe('After this instant every QR the key signed has expired; absent while it signs with no successor planned'),
});

export function eidQrRoutes(deps: { service: EidQrService; keys: EidQrKeys; clock: Clock }) {
  return async (root: FastifyInstance) => {
    const app = root.withTypeProvider<ZodTypeProvider>();

    app.post('/api/v1/verification/eid-qr', {
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags,
        security,
        summary: 'A fresh signed e-ID QR for the logged-in citizen (valid a few minutes, good for one verification)',
        response: { 201: z.object({ qr: z.string(), kid: z.string(), issuedAt: z.string(), expiresAt: z.string(), level: z.union([z.literal(1), z.literal(2)]) }) },
      },
      handler: async (req, reply) => reply.status(201).header('cache-control', 'no-store').send(await deps.service.issue({ actor: actorOf(req), requestId: req.id })),
    });

    app.get('/api/v1/verification/eid-qr/keys', {
      config: { public: true },
      schema: {
        tags,
        summary: 'Keys that verify e-ID QRs (cache them; refetch on an unknown key id). The next key is published a day before it signs.',
        response: { 200: z.object({ issuer: z.string(), qrLifetimeSeconds: z.number(), keys: z.array(PublicKey) }) },
      },
      handler: async (_req, reply) => {
        const set = await deps.keys.published(deps.clock.now());
        reply.header('cache-control', 'public, max-age=3600');
        return { issuer: set.issuer, qrLifetimeSeconds: deps.keys.qrLifetimeSeconds, keys: set.keys };
      },
    });

    app.post('/api/v1/verification/eid-qr/keys/rotate', {
      schema: { tags, security, summary: 'Start a new e-ID QR signing key now (suspected compromise); earlier QRs stay valid until they expire', response: { 200: z.object({ kid: z.string() }) } },
      handler: async (req) => {
        requirePermission(actorOf(req), 'client.manage');
        return { kid: await deps.keys.rotateNow(deps.clock.now()) };
      },
    });
  };
}

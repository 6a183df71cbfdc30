// HTTP for the chip trust store (verification.trusted_certificate, chip/trust.store.ts):
// administrators import CSCA certificates (DER, PEM) or ICAO CSCA master lists, list what is
// trusted, and remove an entry. Importing is an administrative act: whatever is stored is trusted.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../../http/auth.ts';
import { requirePermission } from '../../../http/authz.ts';
import { NotFoundError, ValidationError } from '../../../http/errors.ts';
import { TrustStore, TrustStoreError, type TrustedCertificateStore } from '../chip/index.ts';

const tags = ['verification'];
const security = [{ bearer: [] }];

const Anchor = z.object({ fingerprint: z.string(), subject: z.string(), notBefore: z.string(), notAfter: z.string(), source: z.string(), isCa: z.boolean() });
const view = (t: { fingerprint: string; subject: string; notBefore: Date; notAfter: Date; source: string; isCa: boolean }) => ({
  fingerprint: t.fingerprint,
  subject: t.subject,
  notBefore: t.notBefore.toISOString(),
  notAfter: t.notAfter.toISOString(),
  source: t.source,
  isCa: t.isCa,
});

/** `changed` is called after every import or removal, so this process stops using its cached store. */
export function trustRoutes(deps: { store: TrustedCertificateStore; changed: () => void }) {
  return async (root: FastifyInstance) => {
    const app = root.withTypeProvider<ZodTypeProvider>();

    app.get('/api/v1/verification/trust', {
      schema: { tags, security, summary: 'CSCA certificates trusted for chip passive authentication', response: { 200: z.object({ items: z.array(Anchor.extend({ addedAt: z.string(), addedBy: z.string() })) }) } },
      handler: async (req) => {
        requirePermission(actorOf(req), 'client.manage');
        return { items: (await deps.store.list()).map((r) => ({ ...view(r), addedAt: r.addedAt.toISOString(), addedBy: r.addedBy })) };
      },
    });

    app.post('/api/v1/verification/trust', {
      schema: {
        tags,
        security,
        summary: 'Import a CSCA certificate (DER or PEM) or an ICAO CSCA master list',
        body: z.object({ name: z.string().trim().min(1).max(100).describe('The file name (kept as the source)'), data: z.string().min(4).max(8_000_000).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64') }).strict(),
        response: { 201: z.object({ added: z.array(Anchor), known: z.number() }) },
      },
      handler: async (req, reply) => {
        const actor = actorOf(req);
        requirePermission(actor, 'client.manage');
        const parsed = new TrustStore();
        try {
          parsed.addFile(new Uint8Array(Buffer.from(req.body.data, 'base64')), req.body.name);
        } catch (e) {
          if (!(e instanceof TrustStoreError)) throw e;
          throw ValidationError.field('body.data', 'not_a_certificate', { vi: `Không phải chứng thư CSCA hoặc danh sách CSCA: ${e.message}.`, en: `Not a CSCA certificate or master list: ${e.message}.` });
        }
        const entries = parsed.list();
        const known = new Set(await deps.store.fingerprints());
        await deps.store.save(entries, actor.sub);
        deps.changed();
        return reply.status(201).send({ added: entries.filter((e) => !known.has(e.fingerprint)).map(view), known: entries.filter((e) => known.has(e.fingerprint)).length });
      },
    });

    app.delete('/api/v1/verification/trust/:fingerprint', {
      schema: { tags, security, summary: 'Stop trusting a certificate', params: z.object({ fingerprint: z.string().regex(/^[0-9a-f]{64}$/) }) },
      handler: async (req, reply) => {
        requirePermission(actorOf(req), 'client.manage');
        if (!(await deps.store.remove(req.params.fingerprint))) throw new NotFoundError({ vi: 'Không có chứng thư này trong kho tin cậy.', en: 'No such certificate in the trust store.' });
        deps.changed();
        return reply.status(204).send();
      },
    });
  };
}

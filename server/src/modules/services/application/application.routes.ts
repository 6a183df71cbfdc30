// HTTP for applications: prefill, submit, follow, supplement, withdraw, upload (citizens, and desk
// officials applying for a citizen), and the one-stop desk's queue and decisions. Thin: validate → service.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../../http/auth.ts';
import {
  ApplicationDetailSchema,
  ApplicationSummary,
  DecisionBody,
  DeskSubmitBody,
  Id,
  Pid,
  PrefillBody,
  PrefillView,
  QueueCounts,
  QueueQuery,
  SubmitBody,
  SupplementBody,
  UploadBody,
  UploadView,
  WithdrawBody,
} from '../services.schema.ts';
import type { ApplicationService } from './application.service.ts';
import { lookupLimit } from '../../../http/lookup-limits.ts';

const tags = ['services'];
const security = [{ bearer: [] }];
const Items = <T extends z.ZodType>(t: T) => z.object({ items: z.array(t) });

export function applicationRoutes(service: ApplicationService) {
  return async (root: FastifyInstance) => {
    const app = root.withTypeProvider<ZodTypeProvider>();

    app.post('/api/v1/services/:id/prefill', {
      config: lookupLimit,
      schema: {
        tags,
        security,
        summary: 'What the registry fills in for this form, each value with its source and date (read for the procedure, in the access log)',
        params: z.object({ id: z.string() }),
        body: PrefillBody,
        response: { 200: PrefillView },
      },
      handler: async (req) => service.prefill(actorOf(req), req.params.id, req.body),
    });

    app.post('/api/v1/applications', {
      config: lookupLimit,
      schema: {
        tags,
        security,
        summary: 'Apply: prefilled values are taken from the registry (leave them out or send them unchanged), the rest is checked; a fee opens a VietQR payment',
        body: SubmitBody,
        response: { 201: ApplicationDetailSchema },
      },
      handler: async (req, reply) => reply.status(201).send(await service.submit(actorOf(req), req.body)),
    });

    app.get('/api/v1/applications/mine', {
      schema: { tags, security, summary: 'My applications, newest first', response: { 200: Items(ApplicationSummary) } },
      handler: async (req) => ({ items: await service.mine(actorOf(req)) }),
    });

    app.get('/api/v1/applications/:id', {
      schema: { tags, security, summary: 'One application: its values with their sources, steps, deadline, payment, history and result', params: z.object({ id: Id }), response: { 200: ApplicationDetailSchema } },
      handler: async (req) => service.get(actorOf(req), req.params.id),
    });

    app.post('/api/v1/applications/:id/supplement', {
      schema: { tags, security, summary: 'Applicant: supply what the desk asked for; the deadline clock restarts', params: z.object({ id: Id }), body: SupplementBody, response: { 200: ApplicationDetailSchema } },
      handler: async (req) => service.supplement(actorOf(req), req.params.id, req.body),
    });

    app.post('/api/v1/applications/:id/withdraw', {
      schema: { tags, security, summary: 'Applicant: withdraw an application that is not finished', params: z.object({ id: Id }), body: WithdrawBody, response: { 200: ApplicationDetailSchema } },
      handler: async (req) => service.withdraw(actorOf(req), req.params.id, req.body.reason),
    });

    app.post('/api/v1/attachments', {
      bodyLimit: 15_000_000,
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: { tags, security, summary: 'Upload a document for a later application (at most 10 MB)', body: UploadBody, response: { 201: UploadView } },
      handler: async (req, reply) => reply.status(201).send(await service.upload(actorOf(req), req.body)),
    });

    app.get('/api/v1/attachments/:id', {
      schema: { tags, security, summary: 'An uploaded document: its owner, or the officials handling its application', params: z.object({ id: Id }) },
      handler: async (req, reply) => {
        const a = await service.attachment(actorOf(req), req.params.id);
        return reply
          .header('content-type', a.media_type)
          .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(a.file_name)}`)
          .header('cache-control', 'private, no-store')
          .send(Buffer.from(a.content));
      },
    });

    // ---- the one-stop desk ----

    app.get('/api/v1/desk/queue', {
      schema: {
        tags,
        security,
        summary: 'Official: applications waiting at my unit for my role, the most urgent first, and how many wait in each status',
        querystring: QueueQuery,
        response: { 200: z.object({ items: z.array(ApplicationSummary), counts: QueueCounts }) },
      },
      handler: async (req) => service.queue(actorOf(req), req.query),
    });

    app.post('/api/v1/desk/applications', {
      config: lookupLimit,
      schema: {
        tags,
        security,
        summary: 'Official: receive an application at the desk for a citizen identified by their ID card or e-ID QR (their data read for the procedure)',
        body: DeskSubmitBody,
        response: { 201: ApplicationDetailSchema },
      },
      handler: async (req, reply) => reply.status(201).send(await service.submit(actorOf(req), req.body)),
    });

    app.post('/api/v1/desk/applications/:id/result-revocation', {
      schema: {
        tags,
        security,
        summary: "Official of the unit: revoke a completed application's result document (verifiers see it revoked through the status list)",
        params: z.object({ id: Id }),
        body: z.object({ reason: z.string().trim().min(1).max(500) }),
        response: { 200: ApplicationDetailSchema },
      },
      handler: async (req) => service.revokeResult(actorOf(req), req.params.id, req.body.reason),
    });

    app.post('/api/v1/desk/certified-copies', {
      schema: {
        tags,
        security,
        summary: 'Official: certify an electronic copy of a paper original the citizen presented; it goes into their wallet',
        body: z.object({
          applicantPid: Pid,
          attachmentId: Id.describe('The scan, uploaded with POST /api/v1/attachments for the citizen'),
          kind: z.string().describe('What the original is: birth_medical_certificate, land_use_certificate, marital_status_certificate …'),
          note: z.string().trim().max(300).optional(),
        }),
        response: { 201: z.object({ walletDocumentId: z.string() }) },
      },
      handler: async (req, reply) => reply.status(201).send(await service.certifyCopy(actorOf(req), req.body)),
    });

    app.post('/api/v1/applications/:id/decision', {
      schema: {
        tags,
        security,
        summary: 'Official acting on the current step: approve (next step, or the result and its registry effects), refuse with reasons, or ask for a supplement',
        params: z.object({ id: Id }),
        body: DecisionBody,
        response: { 200: ApplicationDetailSchema },
      },
      handler: async (req) => service.decide(actorOf(req), req.params.id, req.body),
    });
  };
}

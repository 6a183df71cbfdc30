// HTTP for persons: validate → authorize (in the service) → present. Thin on purpose.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../../http/auth.ts';
import { HistoryEntry, IsoDay, Pid, PersonCreateBody, PersonGetQuery, PersonPatchBody, PersonSearchQuery, PersonSummary, PersonView, PurposeQuery } from './person.schema.ts';
import type { PersonService } from './person.service.ts';
import { PersonMergedError } from '../merge/merge.errors.ts';
import { lookupLimit, searchLimit } from '../../../http/lookup-limits.ts';

const tags = ['registry'];
const security = [{ bearer: [] }];

const AccessEntryView = z.object({
  seq: z.number(),
  at: z.string(),
  actor: z.string(),
  actorRole: z.string(),
  actorUnit: z.string().nullable(),
  purpose: z.string(),
  action: z.string(),
  fields: z.array(z.string()),
  outcome: z.string(),
});

/** A merged number's pointer carries the survivor's address for this same path and query. */
const atSurvivor = (url: string) => (err: unknown): never => {
  throw err instanceof PersonMergedError ? err.at(url) : err;
};

export function personRoutes(service: PersonService) {
  return async (root: FastifyInstance) => {
    const app = root.withTypeProvider<ZodTypeProvider>();

    app.get('/api/v1/persons/:pid', {
      config: lookupLimit,
      schema: {
        tags,
        security,
        summary: 'Get a person by personal ID (states a purpose; logged)',
        params: z.object({ pid: Pid }),
        querystring: PersonGetQuery,
        response: { 200: PersonView },
      },
      handler: async (req, reply) => {
        const view = await service
          .getPerson({ actor: actorOf(req), purpose: req.query.purpose, purposeRef: req.query.purposeRef, requestId: req.id }, req.params.pid, { asOf: req.query.asOf })
          .catch(atSurvivor(req.url));
        reply.header('etag', `"${view.version}"`);
        return view;
      },
    });

    app.get('/api/v1/persons', {
      config: searchLimit,
      schema: {
        tags,
        security,
        summary: 'Search persons by personal ID, old CMND number, or name (diacritics-insensitive, typo-tolerant)',
        querystring: PersonSearchQuery,
        response: { 200: z.object({ items: z.array(PersonSummary) }) },
      },
      handler: async (req) => {
        const { purpose, purposeRef, ...q } = req.query;
        return { items: await service.search({ actor: actorOf(req), purpose, purposeRef, requestId: req.id }, q) };
      },
    });

    app.post('/api/v1/persons', {
      schema: {
        tags,
        security,
        summary: 'Register a person (a new personal ID is allocated when none is given)',
        body: PersonCreateBody,
        response: { 201: PersonView },
      },
      handler: async (req, reply) => {
        const view = await service.create({ actor: actorOf(req), requestId: req.id }, req.body);
        reply.status(201).header('location', `/api/v1/persons/${view.pid}`);
        return view;
      },
    });

    app.patch('/api/v1/persons/:pid', {
      schema: {
        tags,
        security,
        summary: "Change a person's attributes (with reason and source; kept in the history)",
        params: z.object({ pid: Pid }),
        body: PersonPatchBody,
        response: { 200: PersonView },
      },
      handler: async (req) => service.update({ actor: actorOf(req), requestId: req.id }, req.params.pid, req.body),
    });

    app.get('/api/v1/persons/:pid/history', {
      config: lookupLimit,
      schema: {
        tags,
        security,
        summary: "A person's history: creation and every change, who, when, source and reason",
        params: z.object({ pid: Pid }),
        querystring: PurposeQuery,
        response: { 200: z.object({ items: z.array(HistoryEntry) }) },
      },
      handler: async (req) => ({
        items: await service
          .history({ actor: actorOf(req), purpose: req.query.purpose, purposeRef: req.query.purposeRef, requestId: req.id }, req.params.pid)
          .catch(atSurvivor(req.url)),
      }),
    });

    app.get('/api/v1/persons/:pid/access-log', {
      config: lookupLimit,
      schema: {
        tags,
        security,
        summary: "Who read or changed this person's data (citizens read their own)",
        params: z.object({ pid: Pid }),
        querystring: z.object({ beforeSeq: z.coerce.number().int().positive().optional(), limit: z.coerce.number().int().min(1).max(500).default(50) }),
        response: { 200: z.object({ items: z.array(AccessEntryView) }) },
      },
      handler: async (req) => {
        const rows = await service.accessHistory({ actor: actorOf(req), requestId: req.id }, req.params.pid, req.query);
        return { items: rows.map((r) => ({ ...r, at: r.at.toISOString() })) };
      },
    });

    app.post('/api/v1/persons/:pid/id-cards', {
      schema: {
        tags,
        security,
        summary: 'Record the issue of an ID card (CCCD / thẻ căn cước)',
        params: z.object({ pid: Pid }),
        body: z.object({ issuedOn: IsoDay, expiresOn: IsoDay.optional(), reason: z.string().trim().min(3).max(500) }),
      },
      handler: async (req, reply) => {
        await service.issueIdCard({ actor: actorOf(req), requestId: req.id }, req.params.pid, req.body);
        return reply.status(204).send();
      },
    });
  };
}

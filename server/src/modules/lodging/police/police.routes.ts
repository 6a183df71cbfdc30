// HTTP for the police console: the live feed (Server-Sent Events), search, statistics, alerts and
// the watchlist (under /api/v1/lodging). Thin: validate → service.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../../http/auth.ts';
import { AlertView, Id, IsoDay, Pid, StayView, WatchView } from '../lodging.schema.ts';
import { streamFeed, type FeedHub } from './feed.ts';
import type { PoliceService } from './police.service.ts';
import { lookupLimit } from '../../../http/lookup-limits.ts';

const tags = ['lodging'];
const security = [{ bearer: [] }];
const base = '/api/v1/lodging';
const Items = <T extends z.ZodType>(t: T) => z.object({ items: z.array(t) });
const Commune = z.string().regex(/^\d{5}$/);

export function policeRoutes(deps: { service: PoliceService; hub: FeedHub }) {
  const { service, hub } = deps;
  return async (root: FastifyInstance) => {
    const app = root.withTypeProvider<ZodTypeProvider>();
    app.addHook('onClose', async () => hub.closeAll());

    app.get(`${base}/feed`, {
      schema: {
        tags,
        security,
        summary: 'Police: live feed of notifications and watchlist alerts of my communes (text/event-stream)',
        description: 'Events `notification` (a stay; id = its seq), `alert`, and `ready` once the backlog is sent. Sends the 50 latest first, or everything after `after` / Last-Event-ID, then live. Read it with fetch (the Authorization header is needed).',
        querystring: z.object({ communeCode: Commune.optional(), after: z.coerce.number().int().min(0).optional() }),
      },
      handler: async (req, reply) => {
        const communes = service.communesOf(actorOf(req), req.query.communeCode);
        const lastId = Number(req.headers['last-event-id']);
        const after = req.query.after ?? (Number.isInteger(lastId) && lastId >= 0 ? lastId : undefined);
        await streamFeed(reply, hub, communes, () => service.feedCatchUp(communes, after));
      },
    });

    app.get(`${base}/notifications`, {
      config: lookupLimit,
      schema: {
        tags,
        security,
        summary: 'Police: search notifications by person (personal ID, passport or name), establishment and date — purpose required, in the access log',
        querystring: z.object({
          purpose: z.string().optional(),
          communeCode: Commune.optional(),
          q: z.string().trim().max(100).optional(),
          establishmentId: Id.optional(),
          from: IsoDay.optional(),
          to: IsoDay.optional(),
          late: z.enum(['true', 'false']).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: { 200: Items(StayView) },
      },
      handler: async (req) => ({ items: await service.search({ actor: actorOf(req), requestId: req.id }, { ...req.query, late: req.query.late === undefined ? undefined : req.query.late === 'true' }) }),
    });

    app.get(`${base}/stats`, {
      schema: {
        tags,
        security,
        summary: 'Police: notifications by day and type (Vietnam days; default the last 30)',
        querystring: z.object({ communeCode: Commune.optional(), from: IsoDay.optional(), to: IsoDay.optional() }),
        response: {
          200: z.object({
            from: z.string(),
            to: z.string(),
            total: z.number(),
            late: z.number(),
            foreign: z.number(),
            byDay: z.array(z.object({ day: z.string(), type: z.string(), count: z.number(), late: z.number() })),
            byType: z.array(z.object({ type: z.string(), count: z.number() })),
          }),
        },
      },
      handler: async (req) => service.stats(actorOf(req), req.query),
    });

    app.get(`${base}/alerts`, {
      schema: { tags, security, summary: 'Police: watchlist alerts of my communes', querystring: z.object({ communeCode: Commune.optional(), open: z.enum(['true', 'false']).optional() }), response: { 200: Items(AlertView) } },
      handler: async (req) => ({ items: await service.alerts(actorOf(req), { communeCode: req.query.communeCode, open: req.query.open === undefined ? undefined : req.query.open === 'true' }) }),
    });

    app.post(`${base}/alerts/:id/ack`, {
      schema: { tags, security, summary: 'Police: acknowledge an alert', params: z.object({ id: Id }), response: { 200: AlertView } },
      handler: async (req) => service.acknowledge(actorOf(req), req.params.id),
    });

    app.get(`${base}/watchlist`, {
      schema: { tags, security, summary: 'Police: the watchlist of my province (kept by the province police)', response: { 200: Items(WatchView) } },
      handler: async (req) => ({ items: await service.watchlist(actorOf(req)) }),
    });

    app.post(`${base}/watchlist`, {
      schema: {
        tags,
        security,
        summary: 'Province police: watch a person (by personal ID, or passport and nationality) — a check-in anywhere in the province raises an alert to its commune',
        body: z.object({ pid: Pid.optional(), passportNo: z.string().trim().regex(/^[A-Za-z0-9]{5,20}$/).optional(), nationality: z.string().regex(/^[A-Z]{3}$/).optional(), fullName: z.string().trim().min(2).max(200), reason: z.string().trim().min(3).max(500) }),
        response: { 201: WatchView },
      },
      handler: async (req, reply) => reply.status(201).send(await service.watch({ actor: actorOf(req), requestId: req.id }, req.body)),
    });

    app.patch(`${base}/watchlist/:id`, {
      schema: {
        tags,
        security,
        summary: 'Province police: change or end a watch',
        params: z.object({ id: Id }),
        body: z.object({ active: z.boolean().optional(), reason: z.string().trim().min(3).max(500).optional() }),
        response: { 200: WatchView },
      },
      handler: async (req) => service.changeWatch({ actor: actorOf(req), requestId: req.id }, req.params.id, req.body),
    });
  };
}

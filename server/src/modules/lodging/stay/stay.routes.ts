// HTTP for the front desk (scan, check in one guest or a group, the guest list, check out) and for
// citizens (declare a stay at home, my declarations, where I stayed). Thin: validate → service.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { startOfVnDay } from '@open06/kernel';
import { actorOf } from '../../../http/auth.ts';
import { DeclarationBody, Id, IsoDay, ScanView, StayBody, StayView } from '../lodging.schema.ts';
import type { StayService } from './stay.service.ts';

const tags = ['lodging'];
const security = [{ bearer: [] }];
const desk = '/api/v1/lodging/establishments/:id';
const Items = <T extends z.ZodType>(t: T) => z.object({ items: z.array(t) });
/** A desk at the 23:00 rush: a bus of 50 in a few minutes, per staff member. */
const deskLimit = { rateLimit: { max: 600, timeWindow: '1 minute' } };

export function stayRoutes(service: StayService) {
  return async (root: FastifyInstance) => {
    const app = root.withTypeProvider<ZodTypeProvider>();

    app.post(`${desk}/scan`, {
      config: deskLimit,
      schema: {
        tags,
        security,
        summary: 'Desk: read a guest’s ID-card QR or e-ID QR — their identity at once, and a ticket for the check-in',
        description: 'Verified as the establishment (purpose verification_lodging; in the guest’s access log). An unreadable QR answers 400 on body.qr.',
        params: z.object({ id: Id }),
        body: z.object({ qr: z.string().min(1).max(4000) }),
        response: { 200: ScanView },
      },
      handler: async (req) => service.scan({ actor: actorOf(req), requestId: req.id }, req.params.id, req.body.qr),
    });

    app.post(`${desk}/stays`, {
      config: deskLimit,
      schema: {
        tags,
        security,
        summary: 'Desk: check a guest in — the notification goes to the commune police at once',
        description: 'Guest by the ticket of a scan, typed (checked against the registry), or a foreign guest by passport. Deadline: 23:00 the same day, 08:00 next day after 23:00, 12 hours for foreigners (late ones are flagged).',
        params: z.object({ id: Id }),
        body: StayBody,
        response: { 201: StayView },
      },
      handler: async (req, reply) => reply.status(201).send(await service.checkIn({ actor: actorOf(req), requestId: req.id }, req.params.id, req.body)),
    });

    app.post(`${desk}/stays/batch`, {
      config: deskLimit,
      schema: {
        tags,
        security,
        summary: 'Desk: check in a group (a tour, a bus manifest) — all or none; every problem named as body.items.<n>.<field>',
        params: z.object({ id: Id }),
        body: z.object({ groupName: z.string().trim().max(200).optional(), items: z.array(StayBody).min(1).max(200) }),
        response: { 201: z.object({ groupId: z.string(), items: z.array(StayView) }) },
      },
      handler: async (req, reply) => reply.status(201).send(await service.checkInGroup({ actor: actorOf(req), requestId: req.id }, req.params.id, req.body.items, req.body.groupName)),
    });

    app.get(`${desk}/stays`, {
      schema: {
        tags,
        security,
        summary: 'Desk: the establishment’s guests, newest first',
        params: z.object({ id: Id }),
        querystring: z.object({ inHouse: z.enum(['true', 'false']).optional(), from: IsoDay.optional(), to: IsoDay.optional() }),
        response: { 200: Items(StayView) },
      },
      handler: async (req) => {
        const q = req.query;
        return {
          items: await service.deskStays(actorOf(req), req.params.id, {
            inHouse: q.inHouse === undefined ? undefined : q.inHouse === 'true',
            from: q.from ? startOfVnDay(q.from) : undefined,
            to: q.to ? new Date(startOfVnDay(q.to).getTime() + 86_400_000) : undefined,
          }),
        };
      },
    });

    app.post(`${desk}/stays/:stayId/checkout`, {
      schema: { tags, security, summary: 'Desk: check a guest out', params: z.object({ id: Id, stayId: Id }), body: z.object({ at: z.iso.datetime({ offset: true }).optional() }).optional(), response: { 200: StayView } },
      handler: async (req) => service.checkOut(actorOf(req), req.params.id, req.params.stayId, req.body?.at),
    });

    app.post('/api/v1/lodging/declarations', {
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags,
        security,
        summary: 'Citizen: declare someone staying at my home (a relative, a carer, a renter) — routed to my commune’s police',
        description: 'A relative already declared at this address in the last 12 months is notified once: the answer is 200 with alreadyNotified.',
        body: DeclarationBody,
        response: { 200: z.object({ stay: z.null(), alreadyNotified: z.object({ stayId: z.string(), at: z.string() }) }), 201: z.object({ stay: StayView, alreadyNotified: z.null() }) },
      },
      handler: async (req, reply) => {
        const r = await service.declare({ actor: actorOf(req), requestId: req.id }, req.body);
        if (r.stay) return reply.status(201).send({ stay: r.stay, alreadyNotified: null });
        return reply.status(200).send({ stay: null, alreadyNotified: r.alreadyNotified! });
      },
    });

    app.get('/api/v1/lodging/declarations/mine', {
      schema: { tags, security, summary: 'Citizen: stays I declared as host', response: { 200: Items(StayView) } },
      handler: async (req) => ({ items: await service.myDeclarations(actorOf(req)) }),
    });

    app.get('/api/v1/lodging/me/stays', {
      schema: { tags, security, summary: 'Citizen: where I stayed — which establishment recorded me, and when', response: { 200: Items(StayView) } },
      handler: async (req) => ({ items: await service.myStays(actorOf(req)) }),
    });
  };
}

// HTTP for establishments and their staff (under /api/v1/lodging/establishments). Thin: validate → service.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../../http/auth.ts';
import { EstablishmentBody, EstablishmentTypeSchema, EstablishmentView, Id, Pid, StaffView, StatusSchema } from '../lodging.schema.ts';
import type { EstablishmentService } from './establishment.service.ts';

const tags = ['lodging'];
const security = [{ bearer: [] }];
const base = '/api/v1/lodging/establishments';
const Items = <T extends z.ZodType>(t: T) => z.object({ items: z.array(t) });

export function establishmentRoutes(service: EstablishmentService) {
  return async (root: FastifyInstance) => {
    const app = root.withTypeProvider<ZodTypeProvider>();

    app.post(base, {
      schema: { tags, security, summary: 'Register the establishment I run (hotel, homestay, rental house …): pending until the commune police approve it', body: EstablishmentBody, response: { 201: EstablishmentView } },
      handler: async (req, reply) => reply.status(201).send(await service.register(actorOf(req), req.body)),
    });

    app.get(`${base}/mine`, {
      schema: { tags, security, summary: 'Establishments where I am owner or staff', response: { 200: Items(EstablishmentView) } },
      handler: async (req) => ({ items: await service.mine(actorOf(req)) }),
    });

    app.get(base, {
      schema: {
        tags,
        security,
        summary: 'Police: establishments of my jurisdiction, with their last week’s notifications (late, silent)',
        querystring: z.object({ status: StatusSchema.optional(), communeCode: z.string().regex(/^\d{5}$/).optional(), q: z.string().trim().max(100).optional() }),
        response: { 200: Items(EstablishmentView) },
      },
      handler: async (req) => ({ items: await service.list(actorOf(req), req.query) }),
    });

    app.get(`${base}/:id`, {
      schema: { tags, security, summary: 'One establishment (its staff, or the police of its commune and province)', params: z.object({ id: Id }), response: { 200: EstablishmentView } },
      handler: async (req) => service.get(actorOf(req), req.params.id),
    });

    app.get(`${base}/:id/public`, {
      config: { public: true, rateLimit: { max: 120, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Name, type and commune of an establishment (public: shown in the citizen’s access log)',
        params: z.object({ id: Id }),
        response: { 200: z.object({ id: z.string(), name: z.string(), type: EstablishmentTypeSchema, communeCode: z.string() }) },
      },
      handler: async (req) => service.publicView(req.params.id),
    });

    app.post(`${base}/:id/decision`, {
      schema: {
        tags,
        security,
        summary: 'Commune police: approve, reject, suspend or reinstate an establishment of the commune',
        params: z.object({ id: Id }),
        body: z.object({ decision: z.enum(['approve', 'reject', 'suspend', 'reinstate']), reason: z.string().trim().min(3).max(500).optional() }),
        response: { 200: EstablishmentView },
      },
      handler: async (req) => service.decide(actorOf(req), req.params.id, req.body.decision, req.body.reason),
    });

    app.get(`${base}/:id/staff`, {
      schema: { tags, security, summary: 'Staff of an establishment', params: z.object({ id: Id }), response: { 200: Items(StaffView) } },
      handler: async (req) => ({ items: await service.staff(actorOf(req), req.params.id) }),
    });

    app.post(`${base}/:id/staff`, {
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: { tags, security, summary: 'Owner: add a staff member by personal ID (they log in with their own e-ID)', params: z.object({ id: Id }), body: z.object({ pid: Pid }), response: { 200: Items(StaffView) } },
      handler: async (req) => ({ items: await service.addStaff(actorOf(req), req.params.id, req.body.pid) }),
    });

    app.delete(`${base}/:id/staff/:pid`, {
      schema: { tags, security, summary: 'Owner: remove a staff member', params: z.object({ id: Id, pid: Pid }), response: { 200: Items(StaffView) } },
      handler: async (req) => ({ items: await service.removeStaff(actorOf(req), req.params.id, req.params.pid) }),
    });
  };
}

// HTTP for households.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../../http/auth.ts';
import { Pid, PurposeQuery } from '../person/person.schema.ts';
import { RELATIONS, type HouseholdService } from './household.service.ts';

const Relation = z.enum(RELATIONS);
const tags = ['registry'];
const security = [{ bearer: [] }];
const Reason = z.string().trim().min(3).max(500);
const HouseholdView = z.object({
  id: z.number(),
  code: z.string(),
  headPid: z.string().nullable(),
  communeCode: z.string(),
  addressDetail: z.string().nullable(),
  members: z.array(z.object({ pid: z.string(), fullName: z.string(), relation: z.string(), joinedOn: z.string() })),
});
const Id = z.object({ id: z.coerce.number().int().positive() });

export function householdRoutes(service: HouseholdService) {
  return async (root: FastifyInstance) => {
    const app = root.withTypeProvider<ZodTypeProvider>();
    app.post('/api/v1/households', {
      schema: {
        tags,
        security,
        summary: 'Create a household with its head and members (members leave their previous household)',
        body: z.object({
          communeCode: z.string().regex(/^\d{5}$/),
          addressDetail: z.string().trim().min(1).max(300),
          headPid: Pid,
          members: z.array(z.object({ pid: Pid, relation: Relation })).max(50).default([]),
          reason: Reason,
        }),
        response: { 201: HouseholdView },
      },
      handler: async (req, reply) => reply.status(201).send(await service.create({ actor: actorOf(req), requestId: req.id }, req.body)),
    });
    app.get('/api/v1/households/:id', {
      schema: { tags, security, summary: 'A household and its members (states a purpose; logged per member)', params: Id, querystring: PurposeQuery, response: { 200: HouseholdView } },
      handler: async (req) => service.get({ actor: actorOf(req), purpose: req.query.purpose, purposeRef: req.query.purposeRef, requestId: req.id }, req.params.id),
    });
    app.post('/api/v1/households/:id/members', {
      schema: {
        tags,
        security,
        summary: 'Move a person into this household',
        params: Id,
        body: z.object({ pid: Pid, relation: Relation, reason: Reason }),
        response: { 200: HouseholdView },
      },
      handler: async (req) => service.addMember({ actor: actorOf(req), requestId: req.id }, req.params.id, req.body),
    });
    app.delete('/api/v1/households/:id/members/:pid', {
      schema: { tags, security, summary: 'A member leaves the household', params: Id.extend({ pid: Pid }), body: z.object({ reason: Reason }) },
      handler: async (req, reply) => {
        await service.removeMember({ actor: actorOf(req), requestId: req.id }, req.params.id, req.params.pid, req.body.reason);
        return reply.status(204).send();
      },
    });
    app.put('/api/v1/households/:id/head', {
      schema: {
        tags,
        security,
        summary: 'Change the head of the household',
        params: Id,
        body: z.object({ pid: Pid, formerHeadRelation: Relation.exclude(['head']), reason: Reason }),
        response: { 200: HouseholdView },
      },
      handler: async (req) => service.changeHead({ actor: actorOf(req), requestId: req.id }, req.params.id, req.body),
    });
  };
}

// HTTP for residence changes.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../../http/auth.ts';
import { IsoDay, Pid } from '../person/person.schema.ts';
import type { ResidenceService } from './residence.service.ts';

const Kind = z.enum(['permanent', 'temporary', 'current', 'absence']);
const tags = ['registry'];
const security = [{ bearer: [] }];

export function residenceRoutes(service: ResidenceService) {
  return async (root: FastifyInstance) => {
    const app = root.withTypeProvider<ZodTypeProvider>();
    app.post('/api/v1/persons/:pid/residences', {
      schema: {
        tags,
        security,
        summary: 'Register a residence (thường trú, tạm trú, nơi ở hiện tại) or a temporary absence (tạm vắng)',
        params: z.object({ pid: Pid }),
        body: z.object({
          kind: Kind,
          communeCode: z.string().regex(/^\d{5}$/).optional().describe('Current commune code; for an absence, where the person goes (optional)'),
          detail: z.string().trim().min(1).max(300).describe('House number, street, hamlet; for an absence, the destination'),
          legacyAddress: z.string().max(300).optional(),
          validFrom: IsoDay.optional(),
          reason: z.string().trim().min(3).max(500),
        }),
        response: {
          201: z.object({ pid: z.string(), kind: Kind, fromCommune: z.string().nullable(), toCommune: z.string().nullable(), validFrom: z.string() }),
        },
      },
      handler: async (req, reply) => {
        const moved = await service.register({ actor: actorOf(req), requestId: req.id }, req.params.pid, req.body);
        return reply.status(201).send(moved);
      },
    });
    app.delete('/api/v1/persons/:pid/residences/:kind', {
      schema: {
        tags,
        security,
        summary: 'End the active residence of a kind (e.g. remove a permanent residence registration)',
        params: z.object({ pid: Pid, kind: Kind }),
        body: z.object({ validTo: IsoDay.optional(), reason: z.string().trim().min(3).max(500) }),
      },
      handler: async (req, reply) => {
        await service.end({ actor: actorOf(req), requestId: req.id }, req.params.pid, req.params.kind, req.body);
        return reply.status(204).send();
      },
    });
  };
}

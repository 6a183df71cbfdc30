// HTTP for merging duplicates: POST /api/v1/persons/:pid/merge — :pid survives, body.retiredPid retires.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../../http/auth.ts';
import { EDITABLE_ATTR_NAMES } from '../person/person.model.ts';
import { Pid } from '../person/person.schema.ts';
import type { MergeService } from './merge.service.ts';

export const MergeBody = z.object({
  retiredPid: Pid.describe('The duplicate: its number will only point at the survivor'),
  reason: z.string().trim().min(3).max(500).describe('Why the two records are one person (kept in both histories)'),
  take: z
    .array(z.enum(EDITABLE_ATTR_NAMES as [string, ...string[]]))
    .max(EDITABLE_ATTR_NAMES.length)
    .optional()
    .describe('Attributes whose value the survivor takes from the retired record'),
  sourceRef: z.string().max(100).optional().describe('Case or finding the merge comes from'),
});

export const MergeResultView = z.object({
  survivorPid: z.string(),
  retiredPid: z.string(),
  mergedAt: z.string(),
  taken: z.array(z.string()),
  relinked: z.array(z.string()),
  residences: z.object({ moved: z.array(z.string()), ended: z.array(z.string()) }),
  household: z.enum(['moved', 'left']).nullable(),
  cardsRevoked: z.number(),
});

export function mergeRoutes(service: MergeService) {
  return async (root: FastifyInstance) => {
    const app = root.withTypeProvider<ZodTypeProvider>();
    app.post('/api/v1/persons/:pid/merge', {
      schema: {
        tags: ['registry'],
        security: [{ bearer: [] }],
        summary: 'Merge a duplicate record into this one (the retired number points here forever)',
        params: z.object({ pid: Pid }),
        body: MergeBody,
        response: { 200: MergeResultView },
      },
      handler: async (req) =>
        service.merge({ actor: actorOf(req), requestId: req.id }, req.params.pid, {
          retiredPid: req.body.retiredPid,
          reason: req.body.reason,
          take: req.body.take as never,
          sourceRef: req.body.sourceRef,
        }),
    });
  };
}

// Public reference data: health, the purposes catalogue, administrative units.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { loadAdminUnits } from '@open06/kernel/admin-units';
import { purposes } from './authz.ts';

export function referenceRoutes(health: () => Promise<{ database: string; people: number }>, version: string) {
  return async (root: FastifyInstance) => {
    const app = root.withTypeProvider<ZodTypeProvider>();
    const open = { public: true };

    app.get('/api/health', {
      config: open,
      schema: {
        tags: ['platform'],
        summary: 'Liveness and a count of people in the registry',
        response: { 200: z.object({ status: z.literal('ok'), version: z.string(), database: z.string(), people: z.number() }) },
      },
      handler: async () => ({ status: 'ok' as const, version, ...(await health()) }),
    });

    app.get('/api/v1/purposes', {
      config: open,
      schema: {
        tags: ['platform'],
        summary: 'Purposes that may be stated when reading personal data, and which roles may state them',
        response: { 200: z.object({ items: z.array(z.object({ code: z.string(), vi: z.string(), en: z.string(), roles: z.array(z.string()) })) }) },
      },
      handler: async () => ({ items: Object.entries(purposes()).map(([code, p]) => ({ code, vi: p.vi, en: p.en, roles: p.roles })) }),
    });

    app.get('/api/v1/units', {
      config: open,
      schema: {
        tags: ['platform'],
        summary: 'Find administrative units by name (diacritics optional), current and pre-2025',
        querystring: z.object({
          q: z.string().trim().min(1).max(100),
          era: z.enum(['current', 'legacy', 'both']).default('current'),
          level: z.enum(['province', 'district', 'commune']).optional(),
          province: z.string().regex(/^\d{2}$/).optional(),
          limit: z.coerce.number().int().min(1).max(100).default(20),
        }),
      },
      handler: async (req) => ({
        items: loadAdminUnits().searchUnits(req.query.q, {
          era: req.query.era,
          ...(req.query.level ? { level: req.query.level } : {}),
          ...(req.query.province ? { provinceCode: req.query.province } : {}),
          limit: req.query.limit,
        }),
      }),
    });
  };
}

// HTTP for the plans' figures (the dashboard issue charts them).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../../http/auth.ts';
import type { Figures } from './figures.ts';

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'yyyy-mm-dd');
const Share = z.number().nullable();
const Row = z.object({
  serviceId: z.string(),
  communeCode: z.string().nullable(),
  submitted: z.number(),
  online: z.number(),
  kiosk: z.number(),
  desk: z.number(),
  feeBearing: z.number(),
  paidOnline: z.number(),
  finished: z.number(),
  onTime: z.number(),
  completed: z.number(),
  resultsInWallet: z.number(),
  fieldsTotal: z.number(),
  fieldsPrefilled: z.number(),
  onlineShare: Share,
  paidOnlineShare: Share,
  onTimeShare: Share,
  walletShare: Share,
  prefilledShare: Share,
});

export function figuresRoutes(figures: Figures) {
  return async (root: FastifyInstance) => {
    const app = root.withTypeProvider<ZodTypeProvider>();
    app.get('/api/v1/services/figures', {
      schema: {
        tags: ['services'],
        security: [{ bearer: [] }],
        summary: 'Figures of the plans per service and commune, live: online share, paid online, on time, results in the wallet, fields prefilled (own unit)',
        querystring: z.object({ from: Day.optional(), to: Day.optional(), serviceId: z.string().optional(), communeCode: z.string().regex(/^\d{5}$/).optional() }),
        response: { 200: z.object({ rows: z.array(Row), total: Row }) },
      },
      handler: async (req) => figures.compute(actorOf(req), req.query),
    });
  };
}

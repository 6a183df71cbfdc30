// HTTP for metered use: an organisation reads its own; administrators read anyone's.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../../http/auth.ts';
import { can } from '../../../http/authz.ts';
import { ForbiddenError, ValidationError } from '../../../http/errors.ts';
import { vnDay, type Clock } from '../../../platform/clock.ts';
import type { Meter } from './meter.ts';

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'yyyy-mm-dd');

export function usageRoutes(deps: { meter: Meter; clock: Clock }) {
  return async (root: FastifyInstance) => {
    const app = root.withTypeProvider<ZodTypeProvider>();
    app.get('/api/v1/verification/usage', {
      schema: {
        tags: ['verification'],
        security: [{ bearer: [] }],
        summary: 'Verification checks counted per organisation, day, purpose and source (an organisation sees its own; administrators all)',
        querystring: z.object({
          from: Day.optional().describe('First day (default: the first of this month)'),
          to: Day.optional().describe('Last day (default: today)'),
          organisation: z.string().max(100).optional().describe('Administrators: one party only'),
        }),
        response: {
          200: z.object({
            from: z.string(),
            to: z.string(),
            total: z.number(),
            items: z.array(z.object({ party: z.string(), day: z.string(), purpose: z.string(), source: z.string(), checks: z.number() })),
          }),
        },
      },
      handler: async (req) => {
        const actor = actorOf(req);
        const today = vnDay(deps.clock.now());
        const from = req.query.from ?? `${today.slice(0, 8)}01`;
        const to = req.query.to ?? today;
        if (from > to) throw ValidationError.field('query.from', 'range_reversed', { vi: 'Ngày bắt đầu sau ngày kết thúc.', en: 'The first day is after the last.' });
        let party: string | undefined;
        if (can(actor, 'client.manage')) party = req.query.organisation;
        else if (actor.role === 'sector_system') {
          if (req.query.organisation && req.query.organisation !== actor.sub)
            throw new ForbiddenError({ vi: 'Tổ chức chỉ xem được số lượt của chính mình.', en: 'An organisation sees only its own usage.' });
          party = actor.sub;
        } else throw new ForbiddenError({ vi: 'Chỉ tổ chức đăng ký và quản trị viên xem được số lượt xác thực.', en: 'Only registered organisations and administrators read verification usage.' });
        const items = await deps.meter.usage({ party, from, to });
        return { from, to, total: items.reduce((s, r) => s + r.checks, 0), items };
      },
    });
  };
}

// Route options for guessable look-ups of personal data: rate-limited per actor by role
// (config/roles.json `lookupsPerMinute`); name searches at a fifth of that.
import type { FastifyRequest } from 'fastify';
import { lookupsPerMinute } from './authz.ts';

export const lookupLimit = { rateLimit: { max: (req: FastifyRequest) => lookupsPerMinute(req.actor), timeWindow: '1 minute' } };
export const searchLimit = { rateLimit: { max: (req: FastifyRequest) => Math.ceil(lookupsPerMinute(req.actor) / 5), timeWindow: '1 minute' } };

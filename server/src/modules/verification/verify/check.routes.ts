// HTTP for verification checks and the organisations registered to make them. Thin: validate →
// service (which authorizes) → answer.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../../http/auth.ts';
import { purposes, requirePermission } from '../../../http/authz.ts';
import { NotFoundError, ValidationError, type FieldProblem } from '../../../http/errors.ts';
import { CheckBody, CheckResponse, OrganisationBody, OrganisationId, OrganisationView } from './check.schema.ts';
import { verificationPurpose, type CheckService } from './check.service.ts';
import type { OrganisationStore } from './organisation.store.ts';

const tags = ['verification'];
const security = [{ bearer: [] }];

export function checkRoutes(deps: { checks: CheckService; organisations: OrganisationStore }) {
  return async (root: FastifyInstance) => {
    const app = root.withTypeProvider<ZodTypeProvider>();

    app.post('/api/v1/verification/checks', {
      // per organisation as registered; officials at their role's look-up rate
      config: { rateLimit: { max: (req: FastifyRequest) => deps.checks.perMinute(req.actor), timeWindow: '1 minute' } },
      schema: {
        tags,
        security,
        summary: 'Verify what a person presented (e-ID QR, ID-card QR, chip files or typed attributes) against signatures and the registry',
        description:
          'For registered organisations (service token or client credentials of role sector_system) and officials. States a verification purpose; metered per organisation and day; every check is in the citizen’s access log. The answer says match / no_match / not_checked per attribute presented and never returns data that was not presented.',
        body: CheckBody,
        response: { 200: CheckResponse },
      },
      handler: async (req) => deps.checks.check({ actor: actorOf(req), requestId: req.id }, req.body),
    });

    app.put('/api/v1/verification/organisations/:id', {
      schema: {
        tags,
        security,
        summary: 'Register or update an organisation allowed to verify identities (its purposes, rate and daily quota)',
        params: z.object({ id: OrganisationId.describe('The `sub` of its service token (e.g. org:khach-san-hoa-sen) or oidc:<client_id>') }),
        body: OrganisationBody,
        response: { 200: OrganisationView, 201: OrganisationView },
      },
      handler: async (req, reply) => {
        const actor = actorOf(req);
        requirePermission(actor, 'client.manage');
        const problems: FieldProblem[] = [];
        req.body.purposes.forEach((code, i) => {
          const def = purposes()[code];
          if (!def || !verificationPurpose(code))
            problems.push({ path: `body.purposes.${i}`, code: 'purpose_not_for_verification', message: { vi: `"${code}" không phải mục đích xác thực danh tính.`, en: `"${code}" is not an identity-verification purpose.` } });
          else if (!def.roles.includes('sector_system'))
            problems.push({ path: `body.purposes.${i}`, code: 'purpose_not_for_organisations', message: { vi: `Mục đích "${def.vi}" chỉ dành cho cơ quan nhà nước.`, en: `Purpose "${def.en}" is for public officials only.` } });
        });
        if (problems.length) throw new ValidationError(problems);
        const { org, created } = await deps.organisations.save(req.params.id, { ...req.body, purposes: [...new Set(req.body.purposes)] }, actor.sub);
        return reply.status(created ? 201 : 200).send(org);
      },
    });

    app.get('/api/v1/verification/organisations', {
      schema: { tags, security, summary: 'Organisations registered to verify identities', response: { 200: z.object({ items: z.array(OrganisationView) }) } },
      handler: async (req) => {
        requirePermission(actorOf(req), 'client.manage');
        return { items: await deps.organisations.list() };
      },
    });

    app.get('/api/v1/verification/organisations/:id', {
      schema: { tags, security, summary: 'One registered organisation (administrators, or the organisation itself)', params: z.object({ id: OrganisationId }), response: { 200: OrganisationView } },
      handler: async (req) => {
        const actor = actorOf(req);
        if (actor.sub !== req.params.id) requirePermission(actor, 'client.manage');
        const org = await deps.organisations.find(req.params.id);
        if (!org) throw new NotFoundError({ vi: 'Không có tổ chức này.', en: 'No such organisation.' });
        return org;
      },
    });
  };
}


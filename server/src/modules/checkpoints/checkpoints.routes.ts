// HTTP for checkpoints (all under /api/v1/checkpoints): sites and their staff (police of the
// jurisdiction), scans and counter presses (the site's staff), summaries (both), and a site's
// public name (anyone: the visitor's access log names the site by its id). Thin: validate → service.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/auth.ts';
import { roleDef } from '../../http/authz.ts';
import { ValidationError } from '../../http/errors.ts';
import { SITE_KINDS } from './checkpoints.tables.ts';
import { isDay } from './occupancy.ts';
import type { PassageService } from './passage.service.ts';
import type { Site, StaffMember } from './site.store.ts';
import type { SiteService } from './site.service.ts';

const tags = ['checkpoints'];
const security = [{ bearer: [] }];

const SiteId = z.uuid();
const Kind = z.enum(SITE_KINDS).describe('heritage (di tích), station (nhà ga, bến xe), temple (đền, chùa), other');
const SiteFields = {
  name: z.string().trim().min(2).max(200),
  kind: Kind,
  communeCode: z.string().regex(/^\d{5}$/).describe('Current commune (5 digits), in the officer’s jurisdiction'),
  capacity: z.number().int().min(1).max(1_000_000).describe('People the site holds at once'),
  retentionDays: z.number().int().min(1).max(365).describe('Days each passage is kept (default 30); hourly counts are kept for good'),
};
const SiteBody = z.object({ ...SiteFields, retentionDays: SiteFields.retentionDays.default(30) });
// no defaults here: what an edit leaves out stays as it is
const SitePatch = z.object(SiteFields).partial();
const AlertView = z.object({ level: z.enum(['warning', 'full']), since: z.string() }).nullable();
const Direction = z.enum(['in', 'out']);

const SiteView = z.object({
  id: z.string(),
  name: z.string(),
  kind: Kind,
  communeCode: z.string(),
  capacity: z.number(),
  retentionDays: z.number(),
  onSite: z.number(),
  alert: AlertView,
  createdAt: z.string(),
  updatedAt: z.string(),
  staff: z.array(z.object({ pid: z.string(), addedAt: z.string() })).optional().describe('Police of the jurisdiction only'),
});
const SiteRow = z.object({
  id: z.string(),
  name: z.string(),
  kind: Kind,
  communeCode: z.string(),
  capacity: z.number(),
  retentionDays: z.number(),
  onSite: z.number(),
  entriesToday: z.number(),
  exitsToday: z.number(),
  alert: AlertView,
  staffCount: z.number().optional(),
});
const PassageView = z.object({
  direction: Direction,
  count: z.number(),
  at: z.string(),
  method: z.enum(['eid_qr', 'id_card_qr', 'counter']),
  verification: z.enum(['green', 'amber']).optional(),
  matchedEntry: z.boolean().optional(),
  onSite: z.number(),
  capacity: z.number(),
  alert: AlertView,
});
const SummaryView = z.object({
  day: z.string(),
  onSite: z.number(),
  capacity: z.number(),
  entriesToday: z.number(),
  exitsToday: z.number(),
  byHour: z.array(z.object({ hour: z.number(), in: z.number(), out: z.number() })),
  byDay: z.array(z.object({ day: z.string(), in: z.number(), out: z.number() })),
  alert: AlertView,
});

function siteView(s: Site, staff?: StaffMember[]) {
  return {
    id: s.id,
    name: s.name,
    kind: s.kind,
    communeCode: s.communeCode,
    capacity: s.capacity,
    retentionDays: s.retentionDays,
    onSite: s.onSite,
    alert: s.alert ? { level: s.alert.level, since: s.alert.since.toISOString() } : null,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
    ...(staff ? { staff: staff.map((m) => ({ pid: m.pid, addedAt: m.addedAt.toISOString() })) } : {}),
  };
}

export function checkpointsRoutes(s: { sites: SiteService; passages: PassageService }) {
  return async (root: FastifyInstance) => {
    const app = root.withTypeProvider<ZodTypeProvider>();
    const params = z.object({ id: SiteId });

    app.post('/api/v1/checkpoints/sites', {
      schema: { tags, security, summary: 'Register a checkpoint site in your jurisdiction (commune or province police)', body: SiteBody, response: { 201: SiteView } },
      handler: async (req, reply) => reply.status(201).send(siteView(await s.sites.register({ actor: actorOf(req), requestId: req.id }, req.body), [])),
    });

    app.get('/api/v1/checkpoints/sites', {
      schema: {
        tags,
        security,
        summary: 'Sites you see, each with people on site, today’s entries and exits and its alert: police those of their jurisdiction, staff their own',
        response: { 200: z.object({ items: z.array(SiteRow) }) },
      },
      handler: async (req) => ({ items: await s.passages.list({ actor: actorOf(req), requestId: req.id }) }),
    });

    app.get('/api/v1/checkpoints/sites/:id', {
      schema: { tags, security, summary: 'One site (police of its jurisdiction: with its staff; its staff)', params, response: { 200: SiteView } },
      handler: async (req) => {
        const { site, as } = await s.sites.access.asViewer(actorOf(req), req.params.id);
        return siteView(site, as === 'manager' ? await s.sites.staff(site.id) : undefined);
      },
    });

    app.patch('/api/v1/checkpoints/sites/:id', {
      schema: { tags, security, summary: 'Edit a site (name, kind, commune, capacity, retention)', params, body: SitePatch, response: { 200: SiteView } },
      handler: async (req) => {
        const ctx = { actor: actorOf(req), requestId: req.id };
        const site = await s.sites.edit(ctx, req.params.id, req.body);
        return siteView(site, await s.sites.staff(site.id));
      },
    });

    app.get('/api/v1/checkpoints/sites/:id/public', {
      config: { public: true },
      schema: { tags, summary: 'A site’s name and kind, for anyone (the citizen’s access log shows checks by site:<id>)', params, response: { 200: z.object({ id: z.string(), name: z.string(), kind: Kind, communeCode: z.string() }) } },
      handler: async (req) => {
        const site = await s.sites.load(req.params.id);
        return { id: site.id, name: site.name, kind: site.kind, communeCode: site.communeCode };
      },
    });

    app.post('/api/v1/checkpoints/sites/:id/staff', {
      schema: { tags, security, summary: 'Add a staff member by personal ID (they log in with their e-ID as citizens)', params, body: z.object({ pid: z.string().trim().min(1).max(20) }), response: { 200: SiteView, 201: SiteView } },
      handler: async (req, reply) => {
        const ctx = { actor: actorOf(req), requestId: req.id };
        const { created } = await s.sites.addStaff(ctx, req.params.id, req.body.pid);
        const site = await s.sites.load(req.params.id);
        return reply.status(created ? 201 : 200).send(siteView(site, await s.sites.staff(site.id)));
      },
    });

    app.delete('/api/v1/checkpoints/sites/:id/staff/:pid', {
      schema: { tags, security, summary: 'Remove a staff member', params: z.object({ id: SiteId, pid: z.string().max(20) }) },
      handler: async (req, reply) => {
        await s.sites.removeStaff({ actor: actorOf(req), requestId: req.id }, req.params.id, req.params.pid);
        return reply.status(204).send();
      },
    });

    app.post('/api/v1/checkpoints/sites/:id/scans', {
      // a busy gate scans fast; the site's role sets the pace (config/roles.json, checkpoint_site)
      config: { rateLimit: { max: roleDef('checkpoint_site').lookupsPerMinute, timeWindow: '1 minute' } },
      schema: {
        tags,
        security,
        summary: 'Count an entry or exit by scanning the visitor’s e-ID QR or ID-card QR (verified first; a red or unreadable QR is refused and not counted)',
        description:
          'The QR is checked through the verification module as the site itself (actor site:<id>, purpose verification_checkpoint), so the visitor’s access log names the site. Only a keyed hash of the personal ID is stored with the passage. A second entry of a visitor already inside today is refused (409).',
        params,
        body: z.object({ direction: Direction, qr: z.string().min(1).max(4000).describe('The scanned text: "VN1:…" (e-ID QR) or the printed QR of an ID card') }),
        response: { 201: PassageView },
      },
      handler: async (req, reply) => {
        if (!req.body.qr.trim()) throw ValidationError.field('body.qr', 'required', { vi: 'Cần nội dung mã QR đã quét.', en: 'The scanned QR text is required.' });
        return reply.status(201).send(await s.passages.scan({ actor: actorOf(req), requestId: req.id }, req.params.id, req.body));
      },
    });

    app.post('/api/v1/checkpoints/sites/:id/counts', {
      schema: {
        tags,
        security,
        summary: 'Count people without a card (a clicker): entries or exits',
        params,
        body: z.object({ direction: Direction, count: z.number().int().min(1).max(500) }),
        response: { 201: PassageView },
      },
      handler: async (req, reply) => reply.status(201).send(await s.passages.count({ actor: actorOf(req), requestId: req.id }, req.params.id, req.body)),
    });

    app.get('/api/v1/checkpoints/sites/:id/summary', {
      schema: {
        tags,
        security,
        summary: 'People on site now, entries and exits by Vietnamese hour (UTC+7) of a day and over the 30 days up to it, and the capacity alert',
        params,
        querystring: z.object({ day: z.string().refine(isDay, { message: 'yyyy-mm-dd' }).optional().describe('yyyy-mm-dd (default: today in Vietnam)') }),
        response: { 200: SummaryView },
      },
      handler: async (req) => s.passages.summary({ actor: actorOf(req), requestId: req.id }, req.params.id, req.query.day),
    });
  };
}

// HTTP for data quality (all under /api/v1/quality, bearer token): the rules, the scorecard, the
// worklist and its resolutions, sector reports, the latest pass. Thin: validate → service.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/auth.ts';
import { requirePermission } from '../../http/authz.ts';
import { EDITABLE_ATTR_NAMES, PersonPatchBodySchema } from '../registry/index.ts';
import { FAMILIES, SEVERITIES, type RulesConfig } from './rules/rule-config.ts';
import type { ScorecardService } from './scorecard/scorecard.service.ts';
import type { SectorService } from './sector/sector.service.ts';
import type { WorklistService } from './worklist/worklist.service.ts';
import type { QualityChecker } from './pass/quality-checker.ts';
import { lookupLimit } from '../../http/lookup-limits.ts';

const tags = ['quality'];
const security = [{ bearer: [] }];
const Pid = z.string().regex(/^\d{12}$/);
const Unit = z.string().regex(/^(\d{2}|\d{5})$/).describe('Current province (2 digits) or commune (5 digits) code');
const Reason = z.string().trim().min(3).max(500).describe('Why (kept in the person’s history)');
const Text = z.object({ vi: z.string(), en: z.string() });
// Findings name people: reading them is rate-limited per actor like any personal-data look-up.

const ScoreRow = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(['national', 'province', 'commune']),
  persons: z.number(),
  correct: z.number(),
  complete: z.number(),
  clean: z.number(),
  alive: z.number(),
  overall: z.number(),
  completeness: z.number(),
  open: z.object({ high: z.number(), medium: z.number(), low: z.number(), total: z.number() }),
});

const FindingView = z.object({
  id: z.number(),
  rule: z.string(),
  family: z.enum(FAMILIES),
  severity: z.enum(SEVERITIES),
  pid: z.string(),
  key: z.string(),
  relatedPid: z.string().nullable(),
  subjectName: z.string(),
  subjectBirth: z.string(),
  communeCode: z.string().nullable(),
  communeName: z.string().nullable(),
  provinceCode: z.string().nullable(),
  fields: z.array(z.string()),
  evidence: z.record(z.string(), z.unknown()),
  fix: Text,
  status: z.enum(['open', 'resolved', 'dismissed']),
  firstSeenAt: z.string(),
  lastSeenAt: z.string(),
  resolvedAt: z.string().nullable(),
  resolvedBy: z.string().nullable(),
  resolution: z.enum(['corrected', 'merged', 'dismissed', 'rechecked']).nullable(),
  resolutionReason: z.string().nullable(),
});

const ResolveBody = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('correct'),
    reason: Reason,
    changes: PersonPatchBodySchema.shape.changes.optional(),
    residence: z
      .object({ kind: z.enum(['permanent', 'temporary', 'current']), communeCode: z.string().regex(/^\d{5}$/), detail: z.string().trim().min(1).max(300), legacyAddress: z.string().max(300).optional() })
      .optional(),
    version: z.number().int().positive().optional(),
  }),
  z.object({ action: z.literal('merge'), reason: Reason, survivorPid: Pid, take: z.array(z.enum(EDITABLE_ATTR_NAMES as [string, ...string[]])).optional() }),
  z.object({ action: z.literal('dismiss'), reason: Reason }),
]);

const SectorReport = z.object({
  kind: z.enum(['death', 'record']),
  pid: Pid,
  fullName: z.string().trim().min(1).max(150).nullish(),
  birthDate: z.string().min(4).max(10).nullish(),
  sex: z.enum(['M', 'F']).nullish(),
  deathDate: z.string().min(4).max(10).nullish(),
  reportedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});

export function qualityRoutes(s: { scorecard: ScorecardService; worklist: WorklistService; sector: SectorService; checker: QualityChecker; config: RulesConfig }) {
  return async (root: FastifyInstance) => {
    const app = root.withTypeProvider<ZodTypeProvider>();

    app.get('/api/v1/quality/rules', {
      schema: { tags, security, summary: 'The data-quality rules: families, what each rule checks, why, severity, parameters; completeness field groups' },
      handler: async (req) => {
        requirePermission(actorOf(req), 'quality.read');
        const c = s.config;
        return {
          families: c.families,
          fieldGroups: c.fieldGroups,
          rules: c.rules.map((r) => ({ id: r.id, label: r.label, kind: r.kind, family: r.family, severity: r.severity, enabled: r.enabled, fields: r.fields, params: r.params, checks: r.checks, why: r.why, sources: r.source.map((k) => ({ key: k, text: c.sources[k] })) })),
        };
      },
    });

    app.get('/api/v1/quality/scorecard', {
      schema: {
        tags,
        security,
        summary: 'Scorecard of a unit: % correct, complete, clean, alive and overall, with its communes (a province) — jurisdiction applies',
        querystring: z.object({ unit: Unit.optional() }),
        response: { 200: z.object({ unit: ScoreRow, children: z.array(ScoreRow), checkedAt: z.string().nullable() }) },
      },
      handler: async (req) => s.scorecard.scorecard(actorOf(req), req.query.unit),
    });

    app.get('/api/v1/quality/findings', {
      config: lookupLimit,
      schema: {
        tags,
        security,
        summary: 'The worklist: findings by unit, rule, family and severity (each person shown is logged)',
        querystring: z.object({
          unit: Unit.optional(),
          rule: z.string().max(60).optional(),
          family: z.enum(FAMILIES).optional(),
          severity: z.enum(SEVERITIES).optional(),
          status: z.enum(['open', 'resolved', 'dismissed']).default('open'),
          pid: Pid.optional(),
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(100).default(20),
        }),
        response: { 200: z.object({ items: z.array(FindingView), total: z.number(), page: z.number(), pageSize: z.number(), byRule: z.record(z.string(), z.number()) }) },
      },
      handler: async (req) => s.worklist.list({ actor: actorOf(req), requestId: req.id }, req.query),
    });

    app.get('/api/v1/quality/findings/:id', {
      config: lookupLimit,
      schema: { tags, security, summary: 'One finding with its evidence and suggested fix', params: z.object({ id: z.coerce.number().int().positive() }), response: { 200: FindingView } },
      handler: async (req) => s.worklist.get({ actor: actorOf(req), requestId: req.id }, req.params.id),
    });

    app.post('/api/v1/quality/findings/:id/resolve', {
      schema: {
        tags,
        security,
        summary: 'Resolve a finding: correct the record (registry update, source correction), merge the duplicates, or dismiss with a reason',
        params: z.object({ id: z.coerce.number().int().positive() }),
        body: ResolveBody,
        response: { 200: z.object({ finding: FindingView, fixed: z.boolean(), merge: z.record(z.string(), z.unknown()).optional() }) },
      },
      handler: async (req) => {
        const r = await s.worklist.resolve({ actor: actorOf(req), requestId: req.id }, req.params.id, req.body as never);
        return { finding: r.finding, fixed: r.fixed, ...(r.merge ? { merge: r.merge as unknown as Record<string, unknown> } : {}) };
      },
    });

    app.post('/api/v1/quality/sector-reports', {
      schema: {
        tags,
        security,
        summary: 'Reports from a sector system about people it matched to a personal ID: deaths, or the values it holds',
        body: z.object({ source: z.string().min(2).max(40), reports: z.array(SectorReport).min(1).max(5000) }),
        response: { 200: z.object({ accepted: z.number(), rejected: z.array(z.object({ index: z.number(), problems: z.array(z.object({ path: z.string(), code: z.string(), message: Text })) })), unmatched: z.array(z.string()) }) },
      },
      handler: async (req) => s.sector.receive({ actor: actorOf(req), requestId: req.id }, req.body.source, req.body.reports),
    });

    app.get('/api/v1/quality/passes/latest', {
      schema: { tags, security, summary: 'The latest full quality pass and its report' },
      handler: async (req, reply) => {
        requirePermission(actorOf(req), 'quality.read');
        const p = await s.checker.latestPass();
        if (!p) return reply.status(204).send();
        return { id: p.id, scope: p.scope, startedAt: p.startedAt.toISOString(), finishedAt: p.finishedAt?.toISOString() ?? null, status: p.status, report: p.report };
      },
    });
  };
}

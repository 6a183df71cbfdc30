// Public reference data: health, the purposes catalogue, administrative units.
import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { loadAdminUnits } from '@open06/kernel/admin-units';
import { purposes, roleDef, ROLE_NAMES } from './authz.ts';
import { NotFoundError } from './errors.ts';

const configDir = new URL('../../../config/', import.meta.url);
const codeLists = {
  ethnicities: (JSON.parse(fs.readFileSync(new URL('ethnicities.json', configDir), 'utf8')) as { ethnicities: unknown[] }).ethnicities,
  religions: (JSON.parse(fs.readFileSync(new URL('religions.json', configDir), 'utf8')) as { religions: unknown[] }).religions,
};

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

    app.get('/api/v1/roles', {
      config: open,
      schema: { tags: ['platform'], summary: 'Roles and their names (for showing who accessed data)', response: { 200: z.object({ items: z.array(z.object({ code: z.string(), vi: z.string(), en: z.string() })) }) } },
      handler: async () => ({ items: ROLE_NAMES.map((code) => ({ code, ...roleDef(code).label })) }),
    });

    app.get('/api/v1/code-lists', {
      config: open,
      schema: { tags: ['platform'], summary: 'Code lists used in person records: ethnic groups and religions' },
      handler: async () => codeLists,
    });

    app.get('/api/v1/units/:code', {
      config: open,
      schema: {
        tags: ['platform'],
        summary: 'A current province (2 digits) or commune (5 digits) by code',
        params: z.object({ code: z.string().regex(/^\d{2}(\d{3})?$/) }),
      },
      handler: async (req) => {
        const units = loadAdminUnits();
        const code = req.params.code;
        const unit = code.length === 2 ? units.province(code) : units.commune(code);
        if (!unit) throw new NotFoundError({ vi: `Không có đơn vị hành chính mã ${code}.`, en: `No administrative unit ${code}.` });
        const province = 'provinceCode' in unit ? units.province(unit.provinceCode) : undefined;
        return { ...unit, provinceName: province?.fullName ?? null };
      },
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

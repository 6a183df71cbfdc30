// The service catalogue, public (GET /api/v1/services): what a citizen can do online, with its
// agency, legal basis, fee, processing time and form — browsed and searched without logging in.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { fold } from '@open06/kernel';
import { NotFoundError } from '../../../http/errors.ts';
import type { Catalogue } from './catalogue.ts';
import { SECTORS, type Definition } from './catalogue.schema.ts';

const tags = ['services'];
const Text = z.object({ vi: z.string(), en: z.string() });
const Summary = z.object({
  id: z.string(),
  nationalCode: z.string().nullable(),
  essential: z.number().nullable(),
  kind: z.enum(['single', 'linked', 'module']),
  name: Text,
  sector: z.string(),
  agency: z.object({ name: Text, level: z.string() }),
  online: z.enum(['full', 'partial']),
  eidLevel: z.number(),
  workingDays: z.number(),
  free: z.boolean(),
});

function summary(d: Definition): z.infer<typeof Summary> {
  return {
    id: d.id,
    nationalCode: d.nationalCode,
    essential: d.essential,
    kind: d.kind,
    name: d.name,
    sector: d.sector,
    agency: d.agency,
    online: d.online,
    eidLevel: d.eidLevel,
    workingDays: d.processing.workingDays,
    free: d.fee.rule.kind === 'free',
  };
}

export function catalogueRoutes(catalogue: Catalogue) {
  // the name in both languages, folded, for searching without diacritics
  const index = [...catalogue.procedures.values()].map((d) => ({ d, text: fold(`${d.name.vi} ${d.name.en} ${d.nationalCode ?? ''}`) }));
  return async (root: FastifyInstance) => {
    const app = root.withTypeProvider<ZodTypeProvider>();
    app.get('/api/v1/services', {
      config: { public: true },
      schema: {
        tags,
        summary: 'The service catalogue: the 25 essential online services (Decision 06/QĐ-TTg) and the procedures linked ones chain',
        querystring: z.object({ q: z.string().trim().max(100).optional().describe('Words of the name (diacritics optional) or a national code'), sector: z.enum(SECTORS).optional(), essential: z.enum(['true', 'false']).optional() }),
        response: { 200: z.object({ items: z.array(Summary) }) },
      },
      handler: async (req) => {
        const words = fold(req.query.q ?? '').split(' ').filter(Boolean);
        const items = index
          .filter(({ d, text }) => words.every((w) => text.includes(w)) && (!req.query.sector || d.sector === req.query.sector) && (req.query.essential === undefined || (d.essential !== null) === (req.query.essential === 'true')))
          .map(({ d }) => d)
          .sort((a, b) => (a.essential ?? 99) - (b.essential ?? 99) || a.id.localeCompare(b.id));
        return { items: items.map(summary) };
      },
    });
    app.get('/api/v1/services/:id', {
      config: { public: true },
      schema: { tags, summary: 'One procedure’s whole definition (form, prefill bindings, documents, fee, workflow, result, registry effects)', params: z.object({ id: z.string().max(80) }) },
      handler: async (req) => {
        const d = catalogue.procedures.get(req.params.id);
        if (!d) throw new NotFoundError({ vi: 'Không có thủ tục này trong danh mục.', en: 'No such procedure in the catalogue.' });
        return d;
      },
    });
  };
}

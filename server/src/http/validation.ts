// Request validation with zod: failures become problem+json with field paths in both languages.
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { serializerCompiler } from 'fastify-type-provider-zod';
import { ValidationError } from './errors.ts';
import { zodFieldProblems } from './problem.ts';

const PART: Record<string, string> = { body: 'body', querystring: 'query', params: 'path', headers: 'header' };

export function installZod(app: FastifyInstance): void {
  app.setValidatorCompiler(({ schema, httpPart }) => (data) => {
    const r = (schema as z.ZodType).safeParse(data);
    if (r.success) return { value: r.data };
    return { error: new ValidationError(zodFieldProblems(PART[httpPart ?? 'body'] ?? 'body', r.error.issues)) };
  });
  app.setSerializerCompiler(serializerCompiler);
}

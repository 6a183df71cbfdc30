// Configuration from the environment, parsed once. Every setting has a default that needs no file.
import path from 'node:path';
import { z } from 'zod';

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  /** The address people and relying parties use (issuer of the OpenID Provider); default http://HOST:PORT. */
  PUBLIC_URL: z.string().url().optional(),
  /** Holds the embedded database (`db/`), signing keys (`keys/`) and files. */
  DATA_DIR: z.string().default('./var'),
  /** PostgreSQL connection string; absent → embedded PGlite in `${DATA_DIR}/db`. */
  DATABASE_URL: z.string().url().optional(),
  /** NATS server; present → outbox events are relayed to JetStream. */
  NATS_URL: z.string().optional(),
  /** Persons generated for the demo province on the first start of an empty database (0 = none). */
  SEED_PEOPLE: z.coerce.number().int().min(0).default(20_000),
  /** Current province code (2 digits) of the demo province. */
  SEED_PROVINCE: z.string().regex(/^\d{2}$/).default('31'),
  /** Person records kept in memory for reads (0 = off); see docs/OPERATIONS.md. */
  PERSON_CACHE_SIZE: z.coerce.number().int().min(0).default(50_000),
  /** SMTP server for e-mail (one-time codes, notices), e.g. smtps://user:pass@mail.example.vn:465; absent → messages stay in the outbox. */
  SMTP_URL: z.string().url().optional(),
  /** Sender address of that e-mail. */
  MAIL_FROM: z.string().default('open06 <no-reply@open06.local>'),
  /** The built-in bank simulator pays payment requests through the banks' notification endpoint (turn off in production). */
  PAYMENTS_SIMULATOR: z.enum(['on', 'off']).default('on'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = z.infer<typeof Env> & { dataDir: string; publicUrl: string };

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  const d = parsed.data;
  const host = d.HOST === '0.0.0.0' ? '127.0.0.1' : d.HOST;
  return { ...d, dataDir: path.resolve(d.DATA_DIR), publicUrl: (d.PUBLIC_URL ?? `http://${host}:${d.PORT}`).replace(/\/$/, '') };
}

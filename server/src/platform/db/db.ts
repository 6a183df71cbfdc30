// The database: PostgreSQL dialect only. Embedded PGlite when no DATABASE_URL is given, a `pg` pool
// otherwise. Everyday queries go through Kysely; bulk loading uses a raw session with COPY.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Mutex, PgliteDialect } from './pglite-dialect.ts';

// Types travel the same way from both engines: int8 as a JS number (counts and ids fit), `date`
// as its yyyy-mm-dd text (a JS Date would shift it by the time zone), timestamptz as a Date.
const INT8 = 20;
const DATE = 1082;
pg.types.setTypeParser(INT8, (v) => Number(v));
pg.types.setTypeParser(DATE, (v) => v);
const pgliteParsers = { [INT8]: (v: string) => Number(v), [DATE]: (v: string) => v };

export type DbKind = 'pglite' | 'postgres';

/** A raw connection inside one transaction, for bulk work (import, seeding). */
export interface BulkSession {
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<R[]>;
  /** Runs a script of several statements (no parameters). */
  exec(sql: string): Promise<void>;
  /** COPY rows (CSV text, no header) into `table(columns)`. */
  copyCsv(table: string, columns: readonly string[], csv: string): Promise<void>;
}

export interface Db {
  readonly kind: DbKind;
  // Each module narrows this to its own tables (`db.kysely as Kysely<RegistryTables>`).
  readonly kysely: Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Runs `fn` in one transaction on one connection; commits when it resolves, rolls back when it throws. */
  bulk<T>(fn: (s: BulkSession) => Promise<T>): Promise<T>;
  /** PGlite only: an image of the whole data directory (test templates, backups). */
  dumpDataDir?(): Promise<Blob>;
  close(): Promise<void>;
}

const extensions = { pg_trgm };

export type DbTarget =
  | { kind: 'pglite'; dataDir?: string; loadDataDir?: Blob | File }
  | { kind: 'postgres'; url: string; poolSize?: number };

export async function openDatabase(target: DbTarget): Promise<Db> {
  return target.kind === 'pglite' ? openPglite(target) : openPostgres(target.url, target.poolSize ?? 10);
}

/** Opens the database the configuration names: DATABASE_URL, or the embedded one in DATA_DIR/db. */
export function targetFromConfig(cfg: { DATABASE_URL?: string | undefined; dataDir: string }): DbTarget {
  return cfg.DATABASE_URL
    ? { kind: 'postgres', url: cfg.DATABASE_URL }
    : { kind: 'pglite', dataDir: path.join(cfg.dataDir, 'db') };
}

async function openPglite(t: { dataDir?: string; loadDataDir?: Blob | File }): Promise<Db> {
  if (t.dataDir) fs.mkdirSync(t.dataDir, { recursive: true });
  const lite = await PGlite.create({
    ...(t.dataDir ? { dataDir: t.dataDir } : {}),
    ...(t.loadDataDir ? { loadDataDir: t.loadDataDir } : {}),
    extensions,
    parsers: pgliteParsers,
  });
  const mutex = new Mutex();
  const kysely = new Kysely<any>({ dialect: new PgliteDialect(lite, mutex) }); // eslint-disable-line @typescript-eslint/no-explicit-any
  return {
    kind: 'pglite',
    kysely,
    async bulk(fn) {
      const release = await mutex.lock();
      try {
        await lite.query('begin');
        try {
          const result = await fn({
            async query(sql, params) {
              return (await lite.query(sql, params)).rows as never[];
            },
            async exec(sql) {
              await lite.exec(sql);
            },
            async copyCsv(table, columns, csv) {
              await lite.query(`copy ${table} (${columns.join(',')}) from '/dev/blob' with (format csv)`, [], {
                blob: new Blob([csv]),
              });
            },
          });
          await lite.query('commit');
          return result;
        } catch (err) {
          await lite.query('rollback');
          throw err;
        }
      } finally {
        release();
      }
    },
    async dumpDataDir() {
      const release = await mutex.lock();
      try {
        return await lite.dumpDataDir('none');
      } finally {
        release();
      }
    },
    async close() {
      await kysely.destroy();
      await lite.close();
    },
  };
}

/** A URL without a user name means the operating-system user, as psql does. */
export function withDefaultUser(url: string): string {
  const u = new URL(url);
  if (!u.username) u.username = os.userInfo().username;
  return u.toString();
}

async function openPostgres(url: string, max: number): Promise<Db> {
  const pool = new pg.Pool({ connectionString: withDefaultUser(url), max });
  pool.on('error', () => {}); // an idle client lost its connection; the pool replaces it
  const client = await pool.connect(); // fail fast with a clear error when the server is unreachable
  client.release();
  const kysely = new Kysely<any>({ dialect: new PostgresDialect({ pool }) }); // eslint-disable-line @typescript-eslint/no-explicit-any
  return {
    kind: 'postgres',
    kysely,
    async bulk(fn) {
      const conn = await pool.connect();
      try {
        await conn.query('begin');
        try {
          const result = await fn({
            async query(sql, params) {
              return (await conn.query(sql, params)).rows as never[];
            },
            async exec(sql) {
              await conn.query(sql);
            },
            async copyCsv(table, columns, csv) {
              const sink = conn.query(copyFrom(`copy ${table} (${columns.join(',')}) from stdin with (format csv)`));
              await pipeline(Readable.from([csv]), sink);
            },
          });
          await conn.query('commit');
          return result;
        } catch (err) {
          await conn.query('rollback').catch(() => {});
          throw err;
        }
      } finally {
        conn.release();
      }
    },
    async close() {
      await kysely.destroy(); // ends the pool
    },
  };
}

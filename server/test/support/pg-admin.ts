// Small helpers for tests and benchmarks that create and drop PostgreSQL databases.
import pg from 'pg';
import { withDefaultUser } from '../../src/platform/db/db.ts';

export async function pgClient(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: withDefaultUser(url) });
  await client.connect();
  return client;
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

// A fresh, migrated database for one integration test file: `const db = await freshDb()` in
// beforeAll and `await db.close()` in afterAll. The Vitest project chooses the engine
// (`int` → PGlite, `int-pg` → the PostgreSQL of TEST_DATABASE_URL).
import fs from 'node:fs';
import { inject } from 'vitest';
import { openDatabase, type Db } from '../../src/platform/db/db.ts';
import { pgClient, withDatabase } from './pg-admin.ts';

let counter = 0;

export async function freshDb(): Promise<Db> {
  if (process.env.OPEN06_TEST_DB === 'postgres') return freshPostgres();
  const file = inject('pgliteTemplate');
  return openDatabase({ kind: 'pglite', loadDataDir: new Blob([fs.readFileSync(file)]) });
}

async function freshPostgres(): Promise<Db> {
  const url = process.env.TEST_DATABASE_URL!;
  const name = `open06_t_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  const admin = await pgClient(url);
  try {
    await admin.query(`create database "${name}" template "${inject('pgTemplate')}"`);
  } finally {
    await admin.end();
  }
  const db = await openDatabase({ kind: 'postgres', url: withDatabase(url, name), poolSize: 4 });
  return {
    ...db,
    async close() {
      await db.close();
      const a = await pgClient(url);
      try {
        await a.query(`drop database if exists "${name}" with (force)`);
      } finally {
        await a.end();
      }
    },
  };
}

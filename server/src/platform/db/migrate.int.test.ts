import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb } from '../../../test/support/test-db.ts';
import type { Db } from './db.ts';
import { listMigrations, migrate } from './migrate.ts';

describe('migrations', () => {
  let db: Db;
  beforeAll(async () => {
    db = await freshDb();
  });
  afterAll(async () => db?.close());

  it('the fresh database has every migration applied, and migrating again applies nothing', async () => {
    const rows = await db.kysely.selectFrom('platform.schema_migration').select('name').orderBy('name').execute();
    expect(rows.map((r: { name: string }) => r.name)).toEqual(listMigrations().map((m) => m.name));
    expect(await migrate(db)).toEqual([]);
  });

  it('a bulk session that throws leaves nothing behind', async () => {
    await expect(
      db.bulk(async (s) => {
        await s.copyCsv('platform.inbox', ['consumer', 'event_id'], 'x,1\ny,2\n');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const n = await db.kysely.selectFrom('platform.inbox').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
    expect(Number(n?.n)).toBe(0);
  });
});

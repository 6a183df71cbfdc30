// Plain SQL migrations that run on PGlite and PostgreSQL alike. Files live beside their owner:
// `platform/migrations/*.sql` and `modules/<name>/migrations/*.sql`, named `<yyyymmddhhmm>_<what>.sql`
// and applied in name order, each once, each in its own transaction.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './db.ts';

const srcDir = fileURLToPath(new URL('../../', import.meta.url));

export interface Migration {
  name: string;
  file: string;
  sql: string;
  checksum: string;
}

export function listMigrations(): Migration[] {
  const dirs = [path.join(srcDir, 'platform', 'migrations')];
  const modulesDir = path.join(srcDir, 'modules');
  for (const m of fs.existsSync(modulesDir) ? fs.readdirSync(modulesDir) : []) {
    dirs.push(path.join(modulesDir, m, 'migrations'));
  }
  const all: Migration[] = [];
  for (const dir of dirs) {
    if (!fs.existsSync(dir)) continue;
    for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.sql'))) {
      const file = path.join(dir, f);
      const sql = fs.readFileSync(file, 'utf8');
      all.push({ name: f.replace(/\.sql$/, ''), file, sql, checksum: createHash('sha256').update(sql).digest('hex') });
    }
  }
  all.sort((a, b) => a.name.localeCompare(b.name));
  const seen = new Set<string>();
  for (const m of all) {
    if (seen.has(m.name)) throw new Error(`Two migrations are named ${m.name}`);
    seen.add(m.name);
  }
  return all;
}

/** A fingerprint of every migration: a migrated template database is reusable while it holds. */
export function migrationsFingerprint(): string {
  const h = createHash('sha256');
  for (const m of listMigrations()) h.update(m.name).update(m.checksum);
  return h.digest('hex').slice(0, 16);
}

/** Applies pending migrations; returns the names applied. Refuses if an applied file was edited. */
export async function migrate(db: Db): Promise<string[]> {
  const applied: string[] = [];
  await db.bulk(async (s) => {
    await s.exec(`create schema if not exists platform;
      create table if not exists platform.schema_migration (
        name text primary key, checksum text not null, applied_at timestamptz not null default now())`);
    await s.query('select pg_advisory_xact_lock(60606)');
  });
  const done = new Map(
    (await db.kysely.selectFrom('platform.schema_migration').select(['name', 'checksum']).execute()).map(
      (r: { name: string; checksum: string }) => [r.name, r.checksum],
    ),
  );
  for (const m of listMigrations()) {
    const prior = done.get(m.name);
    if (prior) {
      if (prior !== m.checksum) throw new Error(`Migration ${m.name} was changed after it was applied (${m.file})`);
      continue;
    }
    await db.bulk(async (s) => {
      await s.query('select pg_advisory_xact_lock(60606)');
      const again = await s.query('select 1 from platform.schema_migration where name = $1', [m.name]);
      if (again.length) return;
      await s.exec(m.sql);
      await s.query('insert into platform.schema_migration (name, checksum) values ($1, $2)', [m.name, m.checksum]);
      applied.push(m.name);
    });
  }
  return applied;
}

// Builds a migrated template database once per test run; every integration test file then gets a
// fresh copy of it (a PGlite data-dir image, or CREATE DATABASE … TEMPLATE on PostgreSQL).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/platform/db/db.ts';
import { migrate, migrationsFingerprint } from '../../src/platform/db/migrate.ts';
import { pgClient, withDatabase } from './pg-admin.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    pgTemplate: string;
  }
}

export default async function setup(project: TestProject): Promise<void> {
  const fingerprint = migrationsFingerprint();
  if (project.name === 'int-pg') {
    project.provide('pgTemplate', await pgTemplate(process.env.TEST_DATABASE_URL!, `open06_tpl_${fingerprint}`));
  } else {
    project.provide('pgliteTemplate', await pgliteTemplate(path.join(os.tmpdir(), `open06-tpl-${fingerprint}.tar`)));
  }
}

async function pgliteTemplate(file: string): Promise<string> {
  if (fs.existsSync(file)) return file;
  const db = await openDatabase({ kind: 'pglite' });
  try {
    await migrate(db);
    const blob = await db.dumpDataDir!();
    const tmp = `${file}.${process.pid}`;
    fs.writeFileSync(tmp, Buffer.from(await blob.arrayBuffer()));
    fs.renameSync(tmp, file);
  } finally {
    await db.close();
  }
  return file;
}

async function pgTemplate(url: string, name: string): Promise<string> {
  let admin;
  try {
    admin = await pgClient(url);
  } catch (err) {
    throw new Error(`TEST_DATABASE_URL=${url} is unreachable: ${(err as Error).message}`);
  }
  try {
    const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (exists.rowCount) return name;
    // Templates of earlier migrations are dropped so they do not pile up.
    const old = await admin.query("select datname from pg_database where datname like 'open06_tpl_%'");
    for (const r of old.rows as { datname: string }[]) await admin.query(`drop database if exists "${r.datname}"`);
    const building = `${name}_building_${process.pid}`;
    await admin.query(`create database "${building}"`);
    const db = await openDatabase({ kind: 'postgres', url: withDatabase(url, building), poolSize: 2 });
    try {
      await migrate(db);
    } finally {
      await db.close();
    }
    await admin.query(`alter database "${building}" rename to "${name}"`);
    return name;
  } finally {
    await admin.end();
  }
}

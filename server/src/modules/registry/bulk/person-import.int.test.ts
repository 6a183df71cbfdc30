// Bulk import and export: row-level rejects with reasons, all-or-nothing batches, resuming after
// a crash without writing anything twice, and a lossless round trip.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb } from '../../../../test/support/test-db.ts';
import type { Db } from '../../../platform/db/db.ts';
import { writePopulationFile } from '../seed/seed.service.ts';
import { exportPersons } from './person-export.ts';
import { importPersons } from './person-import.ts';
import { RECORD_FIELDS } from './person-record.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'open06-import-'));
const count = async (db: Db, table: string) => Number((await db.kysely.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('import and export', () => {
  let db: Db;
  const population = path.join(dir, 'people.csv');
  beforeAll(async () => {
    db = await freshDb();
    await writePopulationFile({ seed: 42, people: 1200, communes: ['10507', '10525'], asOf: '2026-06-30' }, population, 'csv');
  });
  afterAll(async () => {
    await db?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('rejects bad rows with the field and reason, and imports the rest', async () => {
    const file = path.join(dir, 'mixed.ndjson');
    const good = { pid: '030085001234', fullName: 'Nguyễn Văn Hùng', birthDate: '12/04/1985', sex: 'Nam', communeCode: '10507', addressDetail: 'Số 1' };
    const rows = [
      good,
      { ...good, pid: '030085001235', birthDate: '31/02/1985' },
      { ...good, pid: '003085001236' },
      { ...good, pid: '030085001237', sex: 'X' },
      { ...good, pid: '030085001238', communeCode: '99999' },
      { ...good, fullName: 'Trùng số' },
    ];
    fs.writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n') + '\n{not json\n');
    const report = await importPersons(db, { file, actor: 'tester', batchSize: 3 });
    expect(report).toMatchObject({ status: 'done', rows: 7, accepted: 1, rejected: 6 });
    const rejects = fs.readFileSync(report.rejectsFile!, 'utf8');
    expect(rejects).toContain('birthDate');
    expect(rejects).toContain('pid_province_unknown');
    expect(rejects).toContain('sex_invalid');
    expect(rejects).toContain('commune_unknown');
    expect(rejects).toContain('pid_taken'); // the repeat falls in a later batch than the first
    expect(rejects).toContain('json_invalid');
    const p = await db.kysely.selectFrom('registry.person').selectAll().where('pid', '=', '030085001234').executeTakeFirstOrThrow();
    expect(p).toMatchObject({ birth_date: '1985-04-12', sex: 'M', created_by: 'tester' });
    expect(p.source).toMatch(/^import:/);
  });

  it('resumes after a crash without duplicating anything, and a second run does nothing', async () => {
    let batches = 0;
    await expect(
      importPersons(db, {
        file: population,
        actor: 'tester',
        batchSize: 250,
        onProgress: () => {
          if (++batches === 2) throw new Error('power cut');
        },
      }),
    ).rejects.toThrow('power cut');
    // the crash came after the second batch committed
    expect(await count(db, 'registry.person')).toBe(1 + 500);
    const resumed = await importPersons(db, { file: population, actor: 'tester', batchSize: 250 });
    expect(resumed).toMatchObject({ status: 'done', resumedFrom: 500, rows: 1200, accepted: 1200, rejected: 0 });
    expect(await count(db, 'registry.person')).toBe(1 + 1200);
    const again = await importPersons(db, { file: population, actor: 'tester' });
    expect(again.status).toBe('already_done');
    expect(await count(db, 'registry.person')).toBe(1 + 1200);
    const households = await count(db, 'registry.household');
    expect(households).toBeGreaterThan(250);
    expect(await count(db, 'registry.household_member')).toBeGreaterThan(1100);
  });

  it('exports what it imported, in the same shape', async () => {
    const out = path.join(dir, 'export.csv');
    const r = await exportPersons(db, { file: out, commune: '10525' });
    const original = fs.readFileSync(population, 'utf8').trim().split('\n');
    const exported = fs.readFileSync(out, 'utf8').trim().split('\n');
    expect(exported[0]).toBe(RECORD_FIELDS.join(','));
    const inCommune = original.slice(1).filter((l) => l.includes(',10525,'));
    expect(r.rows).toBe(inCommune.length);
    expect(new Set(exported.slice(1))).toEqual(new Set(inCommune));
  });

  it('never gives a retired number again: a cancelled registration or a record merged into another', async () => {
    await db.kysely.insertInto('registry.retired_pid').values({ pid: '030085009991', reason: 'birth cancelled', retired_by: 'tester' }).execute();
    await db.kysely.insertInto('registry.person_merge' as never).values({ retired_pid: '030085009992', survivor_pid: '030085001234', actor: 'tester', reason: 'duplicate', retired_record: '{}' } as never).execute();
    const file = path.join(dir, 'retired.ndjson');
    const good = { fullName: 'Lê Văn Tám', birthDate: '01/01/1985', sex: 'Nam', communeCode: '10507', addressDetail: 'Số 2' };
    fs.writeFileSync(file, ['030085009991', '030085009992', '030085009993'].map((pid) => JSON.stringify({ ...good, pid })).join('\n'));
    const report = await importPersons(db, { file, actor: 'tester' });
    expect(report).toMatchObject({ accepted: 1, rejected: 2 });
    const rejects = fs.readFileSync(report.rejectsFile!, 'utf8');
    expect(rejects.match(/pid_taken/g)).toHaveLength(2);
    expect(rejects).toContain('030085009991');
    expect(rejects).toContain('030085009992');
  });
});

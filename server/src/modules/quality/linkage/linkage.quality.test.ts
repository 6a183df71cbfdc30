// Quality on the registry's own synthetic population: 20,000 people with injected defects (among
// them duplicate persons with varied names and dates, listed in the ground truth), deduplicated;
// then an outside list made from them (and from people the registry does not have) linked back.
// The same measurement at 1,000,000 people is in `npm run bench -- --only linkage`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { writePopulationFile, type TruthEntry } from '../../registry/index.ts';
import { readCsvInto } from './csv.ts';
import { RecordTable, runLinkage } from './engine.ts';
import { clusterIdPairs, pairQuality } from './evaluate.ts';
import { parseFieldSpecs } from './fields.ts';
import { makeOutsideList, OUTSIDE_FIELDS, REGISTRY_COLUMNS, type SourcePerson } from './fixtures/outside-list.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'open06-linkage-quality-'));
const REGISTRY_FIELDS = 'full_name=fullName,dob=birthDate,sex=sex,id_number=oldId,phone=phone,commune=communeCode,address=addressDetail';

async function population(people: number, seed: number, noise: number): Promise<{ file: string; truth: TruthEntry[] }> {
  const file = path.join(dir, `people-${seed}.csv`);
  const truth: TruthEntry[] = [];
  await writePopulationFile({ seed, people, provinces: ['31'], asOf: '2026-11-01', noise }, file, 'csv', undefined, (t) => truth.push(...t));
  return { file, truth };
}

const readPeople = (file: string) => Papa.parse<SourcePerson>(fs.readFileSync(file, 'utf8'), { header: true, skipEmptyLines: true }).data;

describe('linkage quality on 20,000 generated people', () => {
  it('finds the injected duplicate persons (precision ≥ 0.995, recall ≥ 0.98) and links an outside list', { timeout: 120_000 }, async () => {
    const { file, truth } = await population(20_000, 2026, 0.1);
    const dupPairs = truth.filter((t) => t.kind === 'duplicate').map((t) => [t.pid, t.duplicateOf!] as const);
    expect(dupPairs.length).toBeGreaterThan(150);

    const table = new RecordTable(parseFieldSpecs(REGISTRY_FIELDS));
    await readCsvInto(table, file, { idColumn: 'pid' });
    const run = runLinkage(table);
    const q = pairQuality(clusterIdPairs(run.ids, run.clusters!.of), dupPairs);
    expect(q.precision).toBeGreaterThanOrEqual(0.995);
    expect(q.recall).toBeGreaterThanOrEqual(0.98);
    // blocking compares a tiny share of all pairs
    expect(run.stats.comparisons).toBeLessThan(run.stats.possiblePairs / 1000);

    // An outside list: 2,000 rows, 80% from the registry (people with no duplicate, so each has
    // one right answer), 20% people it does not have.
    const inDups = new Set(dupPairs.flat());
    const registry = readPeople(file).filter((p) => !inDups.has(p.pid));
    const strangers = readPeople((await population(3_000, 77, 0)).file);
    const { rows, truth: listTruth } = makeOutsideList(registry, strangers, { rows: 2_000, seed: 3 });
    const link = new RecordTable(parseFieldSpecs(OUTSIDE_FIELDS));
    for (const r of rows) link.add(r.ma, r as unknown as Record<string, unknown>);
    link.startRight();
    await readCsvInto(link, file, { idColumn: 'pid', columns: REGISTRY_COLUMNS.split(',').map((c) => c.split('=')[1]!) });
    const lrun = runLinkage(link);
    const best = lrun.best!;
    const known = best.filter((b) => listTruth.get(b.leftId));
    const matched = best.filter((b) => b.status === 'matched');
    const correct = matched.filter((b) => b.rightId === listTruth.get(b.leftId));
    expect(correct.length / matched.length).toBeGreaterThanOrEqual(0.995);
    expect(correct.length / known.length).toBeGreaterThanOrEqual(0.95);
    // what is left for people to decide stays small
    expect(best.filter((b) => b.status === 'review').length / best.length).toBeLessThan(0.05);
    // people the registry does not have are not matched
    expect(best.filter((b) => listTruth.get(b.leftId) === null && b.status === 'matched').length).toBeLessThanOrEqual(2);
  });
});

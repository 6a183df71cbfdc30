// `open06 link` as a data officer runs it: a CSV in, pairs (and clusters or best matches) out.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { stringify } from 'csv-stringify/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { writePopulationFile, type TruthEntry } from '../modules/registry/index.ts';
import { makeOutsideList, OUTSIDE_COLUMNS, OUTSIDE_FIELDS, REGISTRY_COLUMNS, type SourcePerson } from '../modules/quality/linkage/fixtures/outside-list.ts';

const root = new URL('../../../', import.meta.url).pathname;
const node = path.join(root, 'node_modules/.bin/node');
const cli = path.join(root, 'server/src/cli/open06.ts');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'open06-link-cli-'));
const run = (args: string[]) => spawnSync(node, [cli, 'link', ...args], { encoding: 'utf8', cwd: dir });
const csv = (file: string) => Papa.parse<Record<string, string>>(fs.readFileSync(file, 'utf8'), { header: true, skipEmptyLines: true }).data;
const FIELDS = 'full_name=fullName,dob=birthDate,sex=sex,id_number=oldId,phone=phone,commune=communeCode,address=addressDetail';

const people = path.join(dir, 'people.csv');
const truth: TruthEntry[] = [];

beforeAll(async () => {
  await writePopulationFile({ seed: 3, people: 3000, provinces: ['31'], asOf: '2026-11-01', noise: 0.15 }, people, 'csv', undefined, (t) => truth.push(...t));
}, 60_000);

describe('open06 link', () => {
  it('deduplicates one file: pairs, explanations and clusters', { timeout: 60_000 }, () => {
    const r = run([people, '--id', 'pid', '--fields', FIELDS, '--out', 'pairs.csv', '--clusters', 'clusters.csv', '--explain']);
    expect(r.status, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
    expect(summary).toMatchObject({ mode: 'dedupe', leftRows: 3000 + truth.filter((t) => t.kind === 'duplicate').length, threshold: 0.95 });
    expect(summary.comparisons as number).toBeLessThan((summary.possiblePairs as number) / 100);
    const pairs = csv(path.join(dir, 'pairs.csv'));
    expect(Object.keys(pairs[0]!).slice(0, 5)).toEqual(['left_id', 'right_id', 'match_probability', 'match_weight', 'prior_weight']);
    expect(Object.keys(pairs[0]!)).toContain('name_level');
    const dups = new Set(truth.filter((t) => t.kind === 'duplicate').map((t) => [t.pid, t.duplicateOf].sort().join('|')));
    const found = pairs.map((p) => [p.left_id, p.right_id].sort().join('|'));
    expect(found.filter((f) => dups.has(f)).length).toBeGreaterThanOrEqual(dups.size * 0.98);
    expect(found.filter((f) => !dups.has(f)).length).toBeLessThanOrEqual(1);
    for (const p of pairs) {
      expect(Number(p.match_probability)).toBeGreaterThanOrEqual(0.95);
      // the explanation adds up: prior + Σ comparison weights = match weight
      const sum = Number(p.prior_weight) + Object.entries(p).filter(([k]) => k.endsWith('_weight') && k !== 'match_weight' && k !== 'prior_weight').reduce((a, [, v]) => a + Number(v), 0);
      expect(sum).toBeCloseTo(Number(p.match_weight), 1);
    }
    const clusters = csv(path.join(dir, 'clusters.csv'));
    expect(clusters.length).toBeGreaterThanOrEqual(2 * dups.size * 0.98);
  });

  it('links an outside list to the registry file: best match per row with a review band', { timeout: 60_000 }, () => {
    const registry = csv(people) as unknown as SourcePerson[];
    const inDups = new Set(truth.filter((t) => t.kind === 'duplicate').flatMap((t) => [t.pid, t.duplicateOf!]));
    const { rows, truth: listTruth } = makeOutsideList(
      registry.filter((p) => !inDups.has(p.pid)),
      registry.slice(0, 0),
      { rows: 300, seed: 9 },
    );
    fs.writeFileSync(path.join(dir, 'list.csv'), stringify([[...OUTSIDE_COLUMNS], ...rows.map((x) => OUTSIDE_COLUMNS.map((c) => x[c]))]));
    const r = run(['list.csv', people, '--id', 'ma', '--right-id', 'pid', '--fields', OUTSIDE_FIELDS, '--right-columns', REGISTRY_COLUMNS, '--best', 'best.csv', '--out', 'links.csv', '--save-model', 'model.json']);
    expect(r.status, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as Record<string, number>;
    expect(summary).toMatchObject({ mode: 'link', leftRows: rows.length });
    expect(summary.matched! + summary.review! + summary.unmatched!).toBe(rows.length);
    const best = csv(path.join(dir, 'best.csv'));
    expect(best).toHaveLength(rows.length);
    const matched = best.filter((b) => b.status === 'matched');
    expect(matched.filter((b) => b.right_id === listTruth.get(b.left_id!)).length).toBeGreaterThanOrEqual(matched.length - 1);
    expect(matched.length).toBeGreaterThanOrEqual(rows.length * 0.9);
    const links = csv(path.join(dir, 'links.csv'));
    expect(links.every((l) => l.left_id!.startsWith('R') && /^\d{12}$/.test(l.right_id!))).toBe(true);
    // the saved model scores a second run without training
    const again = run(['list.csv', people, '--id', 'ma', '--right-id', 'pid', '--fields', OUTSIDE_FIELDS, '--right-columns', REGISTRY_COLUMNS, '--model', 'model.json', '--out', 'links2.csv']);
    expect(again.status, again.stderr).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'links2.csv'), 'utf8')).toBe(fs.readFileSync(path.join(dir, 'links.csv'), 'utf8'));
  });

  it('names the field or column that is wrong', { timeout: 60_000 }, () => {
    const bad = run([people, '--id', 'pid', '--fields', 'fullname=fullName']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('fields: Unknown field kind "fullname"');
    const missing = run([people, '--id', 'pid', '--fields', 'full_name=hoTen']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('left.hoTen');
    expect(run([people, '--id', 'pid', '--fields', 'full_name=fullName', '--threshold', '2']).status).toBe(2);
  });
});

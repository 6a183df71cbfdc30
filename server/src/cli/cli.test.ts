// The open06 command as data officers and scripts use it: JSON out, one object per value.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../../../', import.meta.url).pathname;
const node = path.join(root, 'node_modules/.bin/node');
const cli = path.join(root, 'server/src/cli/open06.ts');
const run = (args: string[], input?: string, env: Record<string, string> = {}) =>
  spawnSync(node, [cli, ...args], { input, encoding: 'utf8', cwd: root, env: { ...process.env, ...env } });
const json = (out: string) => out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

describe('open06 pid / name / unit', () => {
  it('decodes a personal ID and checks it against a date of birth and sex', () => {
    const [ok] = json(run(['pid', '031215000111']).stdout);
    expect(ok).toMatchObject({ valid: true, provinceCode: '031', province: 'Thành phố Hải Phòng', sex: 'M', birthYear: 2015, errors: [] });
    const [bad] = json(run(['pid', '031215000111', '--dob', '12/03/2016', '--sex', 'F']).stdout);
    expect(bad!.valid).toBe(false);
    expect((bad!.errors as { code: string }[]).map((e) => e.code)).toEqual(['sex_mismatch', 'birth_year_mismatch']);
  });

  it('reads one value per line from standard input', () => {
    const lines = json(run(['pid'], '001185012345\n12345\n\n003085001234\n').stdout);
    expect(lines.map((l) => l.valid)).toEqual([true, false, false]);
    expect(lines.map((l) => l.input)).toEqual(['001185012345', '12345', '003085001234']);
  });

  it('splits and folds names', () => {
    expect(json(run(['name', 'Ðặng  Thị Thu   Hà']).stdout)[0]).toEqual({ nfc: 'Ðặng Thị Thu Hà', folded: 'dang thi thu ha', family: 'Ðặng', middle: 'Thị Thu', given: 'Hà' });
  });

  it('maps a legacy commune to the current ones and back', () => {
    const [legacy] = json(run(['unit', '00007']).stdout);
    expect(legacy!.legacy).toMatchObject({ fullName: 'Phường Cống Vị', district: 'Quận Ba Đình', divided: true });
    const [current] = json(run(['unit', '00004']).stdout);
    expect((current!.current as { fullName: string }).fullName).toBe('Phường Ba Đình');
    const [byName] = json(run(['unit', 'phuong ba dinh']).stdout);
    expect((byName!.matches as { code: string }[])[0]!.code).toBe('00004');
  });
});

describe('open06 token and seed', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'open06-cli-'));

  it('issues a token only for a role and unit that exist', () => {
    const r = run(['token', 'issue', '--role', 'commune_police', '--unit', '10507', '--json'], undefined, { DATA_DIR: dataDir });
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { token: string; actor: { role: string; unit: string } };
    expect(out.token.split('.')).toHaveLength(3);
    expect(out.actor).toMatchObject({ role: 'commune_police', unit: '10507' });
    const bad = run(['token', 'issue', '--role', 'commune_police', '--unit', '31'], undefined, { DATA_DIR: dataDir });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('commune code');
    expect(run(['token', 'issue', '--role', 'king'], undefined, { DATA_DIR: dataDir }).status).toBe(2);
  });

  it('writes a population file with its ground truth', () => {
    const out = path.join(dataDir, 'people.ndjson');
    const truth = path.join(dataDir, 'truth.ndjson');
    const stdout = execFileSync(node, [cli, 'seed', '--commune', '10507', '--people', '300', '--seed', '3', '--noise', '0.2', '--out', out, '--truth', truth], { cwd: root, encoding: 'utf8' });
    const report = JSON.parse(stdout) as { people: number; defects: number };
    const lines = fs.readFileSync(out, 'utf8').trim().split('\n');
    expect(lines.length).toBe(report.people);
    expect(report.people).toBeGreaterThanOrEqual(300);
    expect(fs.readFileSync(truth, 'utf8').trim().split('\n')).toHaveLength(report.defects);
    expect(run(['seed', '--people', 'lots'], undefined, { DATA_DIR: dataDir }).status).toBe(2);
  });
});

// `open06 card …` and `open06 mrz` as integrators call them: JSON out, exit 0 when the input was
// understood (whatever the verdict), 2 with a reason when it was not.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildMasterList, createChipFactory, issueCertificate, issueChip, tamper, type ChipFactory, type SyntheticChip } from '../../test/support/chip-factory.ts';

const root = new URL('../../../', import.meta.url).pathname;
const node = path.join(root, 'node_modules/.bin/node');
const cli = path.join(root, 'server/src/cli/open06.ts');
const run = (args: string[], input?: string, env: Record<string, string> = {}) => spawnSync(node, [cli, ...args], { input, encoding: 'utf8', cwd: root, env: { ...process.env, ...env } });
const json = (out: string) => JSON.parse(out) as Record<string, unknown>;

describe('open06 card qr', { timeout: 60_000 }, () => {
  const payload = '001085012345|013456789|Nguyễn Văn An|14031985|Nam|Số 12, Phường Cống Vị, Quận Ba Đình, Hà Nội|10052021';

  it('prints the fields, warnings and a commune suggestion, never verified', () => {
    const r = run(['card', 'qr', payload]);
    expect(r.status).toBe(0);
    const out = json(r.stdout);
    expect(out).toMatchObject({ pid: '001085012345', oldId: '013456789', fullName: 'Nguyễn Văn An', dob: '1985-03-14', sex: 'M', issueDate: '2021-05-10', warnings: [], verified: false });
    expect(out.addressSuggestion).toMatchObject({ via: 'legacy', divided: true });
  });

  it('reads a keyboard-wedge scan from stdin, repeated and ending in CR', () => {
    const r = run(['card', 'qr'], `${payload}\r${payload}\r`);
    expect(r.status).toBe(0);
    expect(json(r.stdout).pid).toBe('001085012345');
  });

  it('exits 2 with the reason for what is not an ID-card QR', () => {
    const r = run(['card', 'qr', 'https://example.vn']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('qr_not_id_card');
    expect(r.stderr).toContain('thẻ căn cước');
    expect(r.stdout).toBe('');
  });
});

describe('open06 mrz and open06 card bac-keys', { timeout: 60_000 }, () => {
  it('parses a TD1 MRZ and lists each check digit', () => {
    const r = run(['mrz', 'I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<']);
    expect(r.status).toBe(0);
    const out = json(r.stdout);
    expect(out).toMatchObject({ documentNumber: 'D23145890', dateOfBirthIso: '1974-08-12', sex: 'F', valid: true });
    expect((out.checks as { field: string; valid: boolean }[]).map((c) => [c.field, c.valid])).toEqual([['documentNumber', true], ['dateOfBirth', true], ['dateOfExpiry', true], ['composite', true]]);
    const bad = json(run(['mrz', 'I<UTOD231458908<<<<<<<<<<<<<<<', '7408122F1204159UTO<<<<<<<<<<<6', 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<']).stdout);
    expect(bad.valid).toBe(false);
    const r2 = run(['mrz', 'not an mrz']);
    expect(r2.status).toBe(2);
    expect(r2.stderr).toContain('mrz_shape');
  });

  it('derives the BAC keys of ICAO Doc 9303 Part 11 Appendix D', () => {
    const r = run(['card', 'bac-keys', '--document', 'L898902C<', '--dob', '690806', '--expiry', '940623']);
    expect(json(r.stdout)).toEqual({ mrzInformation: 'L898902C<369080619406236', kSeed: '239AB9CB282DAF66231DC5A4DF6BFBAE', kEnc: 'AB94FDECF2674FDFB9B391F85D7F76F2', kMac: '7962D9ECE03D1ACD4C76089DCE131543' });
    const bad = run(['card', 'bac-keys', '--document', 'L898902C', '--dob', '1969-08-06', '--expiry', '940623']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('yymmdd');
  });
});

describe('open06 card verify', { timeout: 60_000 }, () => {
  let f: ChipFactory;
  let dir: string;
  let trustDir: string;
  const write = (name: string, bytes: Uint8Array) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, bytes);
    return p;
  };
  const args = (chip: SyntheticChip, prefix: string) => ['--sod', write(`${prefix}.sod`, chip.sod), ...(['dg1', 'dg2', 'dg13', 'dg14', 'dg15'] as const).flatMap((g) => (chip[g] ? [`--${g}`, write(`${prefix}.${g}`, chip[g]!)] : []))];

  beforeAll(async () => {
    f = await createChipFactory();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'open06-card-'));
    trustDir = path.join(dir, 'trust');
    fs.mkdirSync(trustDir);
    fs.writeFileSync(path.join(trustDir, 'VN.ml'), await buildMasterList(await issueCertificate(f.csca, { name: 'C=VN, CN=Master List Signer TEST' }), [f.csca, f.cscaRsa]));
  });

  it('reports a genuine chip with its data and photo', async () => {
    const r = run(['card', 'verify', ...args(await issueChip(f.ds.ec), 'good'), '--trust', trustDir, '--at', '2026-06-01']);
    expect(r.status).toBe(0);
    const out = json(r.stdout);
    expect(out.verdict).toBe('genuine');
    expect(out.at).toBe('2026-06-01T00:00:00.000Z');
    expect((out.checks as { id: string; status: string }[]).every((c) => c.status === 'passed')).toBe(true);
    expect(out.personal).toMatchObject({ pid: '001085012345', fullName: 'Nguyễn Văn An' });
    expect(out.photo).toMatchObject({ mime: 'image/jpeg', width: 90, height: 120 });
  });

  it('exits 0 with the verdict for a bad chip, and says not_possible without a trust store', async () => {
    const chip = await issueChip(f.ds.rsa);
    const forged = json(run(['card', 'verify', ...args({ ...chip, dg13: tamper(chip.dg13!) }, 'forged'), '--trust', trustDir]).stdout);
    expect(forged.verdict).toBe('forged');
    expect((forged.checks as { id: string; status: string }[]).find((c) => c.id === 'dg13_hash')!.status).toBe('failed');
    const r = run(['card', 'verify', ...args(chip, 'untrusted')]);
    expect(r.status).toBe(0);
    const out = json(r.stdout);
    expect(out.verdict).toBe('unverified');
    expect((out.checks as { id: string; status: string }[]).find((c) => c.id === 'csca_chain')!.status).toBe('not_possible');
  });

  it('exits 2 for files it cannot use', async () => {
    const missing = run(['card', 'verify', '--sod', path.join(dir, 'nope.sod')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('cannot read');
    const notSod = run(['card', 'verify', '--sod', write('x.sod', Uint8Array.of(0x61, 0x01, 0x00))]);
    expect(notSod.status).toBe(2);
    expect(notSod.stderr).toContain('--sod sod_unreadable');
    const chip = await issueChip(f.ds.ec);
    const badDate = run(['card', 'verify', '--sod', write('y.sod', chip.sod), '--at', 'yesterday']);
    expect(badDate.status).toBe(2);
    const badTrust = run(['card', 'verify', '--sod', write('z.sod', chip.sod), '--trust', path.join(dir, 'nowhere')]);
    expect(badTrust.status).toBe(2);
  });

  it('imports a master list into the server’s trust store, lists it, and verifies against it', async () => {
    const env = { DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'open06-card-db-')) };
    const imported = run(['card', 'trust', 'import', path.join(trustDir, 'VN.ml'), '--by', 'test-admin'], undefined, env);
    expect(imported.status, imported.stderr).toBe(0);
    expect(json(imported.stdout)).toEqual({ files: [{ file: path.join(trustDir, 'VN.ml'), certificates: 2 }], read: 2, added: 2 });
    const listed = run(['card', 'trust', 'list'], undefined, env).stdout.trim().split('\n').map((l) => json(l));
    expect(listed.map((l) => [l.subject, l.addedBy]).sort()).toEqual([[f.csca.name, 'test-admin'], [f.cscaRsa.name, 'test-admin']].sort());
    const r = run(['card', 'verify', ...args(await issueChip(f.ds.ec), 'db'), '--trust-db'], undefined, env);
    expect(json(r.stdout).verdict).toBe('genuine');
    const bad = run(['card', 'trust', 'import', path.join(dir, 'db.dg1')], undefined, env);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('trust store');
  });
});

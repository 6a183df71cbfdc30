import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildMasterList, createChipFactory, issueCertificate, issueChip, tamper, type Authority, type ChipFactory } from '../../../../test/support/chip-factory.ts';
import { passiveAuthenticate } from './passive-auth.ts';
import { TrustStore, TrustStoreError } from './trust-store.ts';

let f: ChipFactory;
let mlSigner: Authority;
let masterList: Uint8Array;
const pem = (der: Uint8Array) => `-----BEGIN CERTIFICATE-----\n${Buffer.from(der).toString('base64').replace(/(.{64})/g, '$1\n')}\n-----END CERTIFICATE-----\n`;

beforeAll(async () => {
  f = await createChipFactory();
  mlSigner = await issueCertificate(f.csca, { name: 'C=VN, O=Bo Cong an TEST, CN=Master List Signer TEST' });
  masterList = await buildMasterList(mlSigner, [f.csca, f.cscaRsa, f.cscaPss]);
});

describe('the CSCA trust store', () => {
  it('imports an ICAO master list, reports its signer, and then verifies chips', async () => {
    const store = new TrustStore();
    const r = store.importMasterList(masterList, 'VN.ml');
    expect(r.added.map((a) => a.subject)).toEqual([f.csca, f.cscaRsa, f.cscaPss].map((c) => c.name));
    expect(r.added.every((a) => a.isCa && a.source === 'master list VN.ml')).toBe(true);
    expect(r.signer).toEqual({ subject: 'C=VN, O=Bo Cong an TEST, CN=Master List Signer TEST', signature: 'passed', issuedByListedCsca: true });
    expect(store.importMasterList(masterList, 'again.ml')).toMatchObject({ added: [], known: 3 });
    const chip = await issueChip(f.ds.rsa);
    expect((await passiveAuthenticate(chip, { trust: store, at: new Date('2026-06-01') })).verdict).toBe('genuine');
  });

  it('refuses a master list altered after it was signed', () => {
    expect(() => new TrustStore().importMasterList(tamper(masterList, 200), 'bad.ml')).toThrow(TrustStoreError);
  });

  it('reads single certificates as DER or PEM (several per file), ignoring duplicates', () => {
    const store = new TrustStore();
    expect(store.addFile(f.csca.der, 'a.der').map((c) => c.subject)).toEqual([f.csca.name]);
    expect(store.addFile(new TextEncoder().encode(pem(f.csca.der) + pem(f.cscaRsa.der)), 'b.pem').map((c) => c.subject)).toEqual([f.cscaRsa.name]);
    expect(store.size).toBe(2);
    expect(() => store.addFile(new TextEncoder().encode('hello'), 'c.pem')).toThrow(TrustStoreError);
    expect(() => store.addFile(Uint8Array.of(0x30, 0x03, 2, 1, 1), 'd.der')).toThrowError(/not an X.509 certificate/);
  });

  it('loads a directory of master lists and certificates', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'open06-trust-'));
    fs.writeFileSync(path.join(dir, 'VN.ml'), masterList);
    fs.writeFileSync(path.join(dir, 'extra.pem'), pem(f.rogueCsca.der));
    fs.writeFileSync(path.join(dir, 'README.txt'), 'not read');
    const store = await TrustStore.fromDirectory(dir);
    expect(store.size).toBe(4);
    expect(store.list().map((c) => c.source).sort()).toEqual(['extra.pem', 'master list VN.ml', 'master list VN.ml', 'master list VN.ml']);
  });

  it('finds issuers by key identifier, else by name', () => {
    const store = TrustStore.of(f.trusted.map((der) => ({ der, source: 't' })));
    // Document-signer certificates may sit in the store too (published apart from chips); they are not anchors.
    const addDs = (d: Uint8Array) => store.addCertificate(d, 'ds').entry.certificate;
    expect(store.issuersOf(addDs(f.ds.ec.der))).toMatchObject({ by: 'key_id', entries: [{ subject: f.csca.name }] });
    expect(store.issuersOf(addDs(f.ds.noKeyIds.der))).toMatchObject({ by: 'name', entries: [{ subject: f.csca.name }] });
    expect(store.issuersOf(addDs(f.ds.rogue.der)).entries).toEqual([]);
    expect(store.documentSignerCertificates()).toHaveLength(3);
  });
});

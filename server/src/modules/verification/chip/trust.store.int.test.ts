import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../platform/db/db.ts';
import { freshDb } from '../../../../test/support/test-db.ts';
import { buildMasterList, createChipFactory, issueCertificate, issueChip, type ChipFactory } from '../../../../test/support/chip-factory.ts';
import { passiveAuthenticate } from './passive-auth.ts';
import { cachedTrustStore, createTrustedCertificateStore, type TrustTables } from './trust.store.ts';
import { TrustStore } from './trust-store.ts';

let db: Db;
let f: ChipFactory;

beforeAll(async () => {
  db = await freshDb();
  f = await createChipFactory();
});
afterAll(async () => db?.close());

describe('the trust store in the database', () => {
  it('keeps imported CSCAs once, lists them, and loads them for verification', async () => {
    const store = createTrustedCertificateStore(db.kysely as Kysely<TrustTables>);
    const imported = new TrustStore();
    imported.importMasterList(await buildMasterList(await issueCertificate(f.csca, { name: 'C=VN, CN=Master List Signer TEST' }), [f.csca, f.cscaRsa]), 'VN.ml');
    expect(await store.save(imported.list(), 'admin@test')).toBe(2);
    expect(await store.save(imported.list(), 'admin@test')).toBe(0);

    const rows = await store.list();
    expect(rows.map((r) => [r.subject, r.isCa, r.source, r.addedBy]).sort()).toEqual([
      [f.cscaRsa.name, true, 'master list VN.ml', 'admin@test'],
      [f.csca.name, true, 'master list VN.ml', 'admin@test'],
    ].sort());
    expect(rows[0]!.notAfter.toISOString()).toBe('2045-01-01T00:00:00.000Z');
    const ec = rows.find((r) => r.subject === f.csca.name)!;

    const trust = await store.load();
    expect(trust.size).toBe(2);
    const r = await passiveAuthenticate(await issueChip(f.ds.ec), { trust, at: new Date('2026-06-01') });
    expect(r.verdict).toBe('genuine');
    expect(r.csca!.source).toBe('master list VN.ml');

    expect(await store.remove(ec.fingerprint)).toBe(true);
    expect(await store.remove(ec.fingerprint)).toBe(false);
    const after = await passiveAuthenticate(await issueChip(f.ds.ec), { trust: await store.load(), at: new Date('2026-06-01') });
    expect(after.verdict).toBe('unverified');
  });

  it('reloads for a server process when another process changed the certificates', async () => {
    const store = createTrustedCertificateStore(db.kysely as Kysely<TrustTables>);
    let clock = 0;
    const trust = cachedTrustStore(store, { checkEveryMs: 1000, now: () => clock });
    const before = (await trust()).size;
    const again = await trust();
    expect(again.size).toBe(before);
    const other = new TrustStore();
    other.addCertificate(f.cscaPss.der, 'pss.der');
    await store.save(other.list(), 'other-process');
    expect((await trust()).size).toBe(before); // not looked at again yet
    clock += 1001;
    expect((await trust()).size).toBe(before + 1);
    expect(await trust()).toBe(await trust()); // the same loaded store while nothing changes
  });
});

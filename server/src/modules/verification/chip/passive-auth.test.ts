// Passive authentication against synthetic chips from server/test/support/chip-factory.ts:
// every algorithm and quirk the verifier must accept, and every way a chip can be bad.
import crypto from 'node:crypto';
import * as asn1js from 'asn1js';
import { beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '../../../http/errors.ts';
import { createChipFactory, issueChip, SILHOUETTE_JPEG, syntheticPerson, tamper, type ChipFactory, type SyntheticChip } from '../../../../test/support/chip-factory.ts';
import { passiveAuthenticate, type ChipFiles, type PassiveAuthReport } from './passive-auth.ts';
import { TrustStore } from './trust-store.ts';
import { parseCertificate } from './certificate.ts';

const at = new Date('2026-06-01T00:00:00Z');
let f: ChipFactory;
let trust: TrustStore;
let good: SyntheticChip;

beforeAll(async () => {
  f = await createChipFactory();
  trust = TrustStore.of(f.trusted.map((der) => ({ der, source: 'test' })));
  good = await issueChip(f.ds.ec, f.person);
});

const status = (r: PassiveAuthReport) => Object.fromEntries(r.checks.map((c) => [c.id, c.status]));
const verify = (files: ChipFiles, store: TrustStore = trust, when: Date = at) => passiveAuthenticate(files, { trust: store, at: when });
const ALL_PASSED = {
  signer_certificate: 'passed', sod_signature: 'passed', ds_validity: 'passed', csca_chain: 'passed', csca_validity: 'passed',
  dg1_hash: 'passed', dg2_hash: 'passed', dg13_hash: 'passed', dg14_hash: 'passed', dg15_hash: 'passed',
  mrz_check_digits: 'passed', dg13_matches_dg1: 'passed',
};

describe('a genuine chip', () => {
  it('passes every check and yields the MRZ, the personal data and the photo', async () => {
    const r = await verify(good);
    expect(r.verdict).toBe('genuine');
    expect(status(r)).toEqual(ALL_PASSED);
    expect(r.dataGroups).toEqual([1, 2, 13, 14, 15]);
    expect(r.mrz).toMatchObject({ documentCode: 'ID', issuingState: 'VNM', documentNumber: '085012345', optionalData1: '001085012345', dateOfBirthIso: '1985-03-14', sex: 'M', surname: 'NGUYEN', givenNames: 'VAN AN', valid: true });
    expect(r.personal).toMatchObject({ pid: '001085012345', fullName: 'Nguyễn Văn An', dateOfBirth: '1985-03-14', sex: 'M', residence: f.person.residence, fatherName: 'Nguyễn Văn Bình', motherName: 'Lê Thị Cúc', oldId: '013456789', expiryDate: '2045-03-14' });
    expect(r.photo).toEqual({ mime: 'image/jpeg', bytes: SILHOUETTE_JPEG, width: 90, height: 120 });
    expect(r.documentSigner).toMatchObject({ identifiedBy: 'issuer_serial', notAfter: '2036-01-01' });
    expect(r.documentSigner!.issuer).toContain('CN=CSCA Viet Nam TEST');
    expect(r.csca).toMatchObject({ source: 'test', subject: expect.stringContaining('CSCA Viet Nam TEST') });
    expect(r.algorithms).toEqual({ dataGroupHash: 'sha256', signature: 'ECDSA with SHA-256' });
    for (const c of r.checks) expect(c.detail.vi.length && c.detail.en.length).toBeTruthy();
  });

  it('accepts RSA PKCS#1 v1.5', async () => {
    const r = await verify(await issueChip(f.ds.rsa));
    expect([r.verdict, r.algorithms!.signature]).toEqual(['genuine', 'RSA PKCS#1 v1.5 with SHA-256']);
  });

  it('accepts RSASSA-PSS, on the SOD and on the certificate chain', async () => {
    expect(parseCertificate(f.ds.pss.der).signatureAlgorithm.algorithmId).toBe('1.2.840.113549.1.1.10');
    const r = await verify(await issueChip(f.ds.pss));
    expect([r.verdict, r.algorithms!.signature]).toEqual(['genuine', 'RSASSA-PSS with SHA-256']);
    expect(r.csca!.subject).toContain('PSS');
  });

  it('accepts a document signer key with explicit EC domain parameters (brainpoolP256r1)', async () => {
    const spkiParams = parseCertificate(f.ds.explicit.der).subjectPublicKeyInfo.algorithm.algorithmParams;
    expect(spkiParams).toBeInstanceOf(asn1js.Sequence); // SpecifiedECDomain, not a named-curve OID
    const r = await verify(await issueChip(f.ds.explicit));
    expect(r.verdict).toBe('genuine');
    expect(status(r)).toEqual(ALL_PASSED);
  });

  it('finds the signer by subject key identifier as well as by issuer and serial number', async () => {
    const r = await verify(await issueChip(f.ds.ec, f.person, { signerId: 'subject_key_id' }));
    expect(r.verdict).toBe('genuine');
    expect(r.documentSigner!.identifiedBy).toBe('subject_key_id');
  });

  it('builds the chain by issuer name when the certificates carry no key identifiers', async () => {
    expect((await verify(await issueChip(f.ds.noKeyIds))).verdict).toBe('genuine');
  });

  it('accepts SHA-1 data-group hashes (older chips)', async () => {
    const r = await verify(await issueChip(f.ds.ec, f.person, { hash: 'sha1' }));
    expect([r.verdict, r.algorithms!.dataGroupHash]).toEqual(['genuine', 'sha1']);
  });

  it('stays genuine when the reader leaves out optional groups, which are then not possible but not required', async () => {
    const r = await verify({ sod: good.sod, dg1: good.dg1!, dg13: good.dg13! });
    expect(r.verdict).toBe('genuine');
    expect(r.checks.filter((c) => c.status === 'not_possible').map((c) => [c.id, c.required])).toEqual([['dg2_hash', false], ['dg14_hash', false], ['dg15_hash', false]]);
    expect(r.photo).toBeUndefined();
  });

  it('reads a chip that holds only DG1 and DG13, and a DG13 with fields absent', async () => {
    const chip = await issueChip(f.ds.ec, syntheticPerson({ spouseName: 'Trần Thị Mai' }), { groups: [1, 13], omitDg13Fields: [7, 10, 15] });
    const r = await verify(chip);
    expect(r.verdict).toBe('genuine');
    expect(r.dataGroups).toEqual([1, 13]);
    expect(r.personal).toMatchObject({ spouseName: 'Trần Thị Mai', ethnicity: 'Kinh' });
    expect(r.personal!.religion).toBeUndefined();
    expect(r.personal!.oldId).toBeUndefined();
  });

  it('uses a document signer certificate from the trust store when EF.SOD carries none', async () => {
    const chip = await issueChip(f.ds.ec, f.person, { includeCertificate: false });
    expect((await verify(chip)).checks.find((c) => c.id === 'signer_certificate')!.status).toBe('not_possible');
    const withDs = TrustStore.of([...f.trusted.map((der) => ({ der, source: 'test' })), { der: f.ds.ec.der, source: 'pkd' }]);
    const r = await verify(chip, withDs);
    expect(r.verdict).toBe('genuine');
    expect(r.checks[0]!.detail.en).toContain('trust store');
  });
});

describe('a bad chip', () => {
  it('is forged when a data group was altered after signing (DG1, DG2 or DG13)', async () => {
    for (const dg of ['dg1', 'dg2', 'dg13'] as const) {
      const r = await verify({ ...good, [dg]: tamper(good[dg]!) });
      expect(r.verdict, dg).toBe('forged');
      expect(r.checks.filter((c) => c.status === 'failed').map((c) => c.id)).toContain(`${dg}_hash`);
      expect(status(r).sod_signature).toBe('passed');
    }
  });

  it('is forged when EF.SOD itself was altered (a signed hash, or the signature)', async () => {
    const sod = good.sod;
    // The last bytes of EF.SOD are the signature; a byte in the middle lies in the signed hashes.
    const r1 = await verify({ ...good, sod: tamper(sod, sod.length - 5) });
    expect(r1.verdict).toBe('forged');
    expect(status(r1).sod_signature).toBe('failed');
    const hashAt = Buffer.from(sod).indexOf(crypto.createHash('sha256').update(good.dg15!).digest());
    expect(hashAt).toBeGreaterThan(0);
    const r2 = await verify({ ...good, sod: tamper(sod, hashAt + 2) });
    expect(r2.verdict).toBe('forged');
    expect(r2.checks.find((c) => c.id === 'sod_signature')!.detail.en).toMatch(/message-digest/);
  });

  it('is unverified when its document signer has expired, and genuine at a time it was valid', async () => {
    const chip = await issueChip(f.ds.expired);
    const r = await verify(chip);
    expect(r.verdict).toBe('unverified');
    expect(status(r)).toMatchObject({ ds_validity: 'failed', sod_signature: 'passed', csca_chain: 'passed' });
    expect(r.checks.find((c) => c.id === 'ds_validity')!.detail.vi).toContain('01/01/2020');
    expect((await verify(chip, trust, new Date('2019-06-01T00:00:00Z'))).verdict).toBe('genuine');
  });

  it('never passes a chain it cannot build: a CSCA missing from the store is not possible', async () => {
    const r = await verify(await issueChip(f.ds.rogue));
    expect(r.verdict).toBe('unverified');
    expect(status(r)).toMatchObject({ sod_signature: 'passed', csca_chain: 'not_possible', csca_validity: 'not_possible' });
    const empty = await verify(good, new TrustStore());
    expect(empty.verdict).toBe('unverified');
    expect(status(empty).csca_chain).toBe('not_possible');
    expect(empty.checks.find((c) => c.id === 'csca_chain')!.detail.vi).toContain('Kho tin cậy không có CSCA');
  });

  it('is forged when its signer claims the trusted CSCA’s name and key identifier but was signed by another key', async () => {
    const r = await verify(await issueChip(f.ds.forged));
    expect(r.verdict).toBe('forged');
    expect(status(r).csca_chain).toBe('failed');
  });

  it('is unverified without DG1, which identity checks need', async () => {
    const r = await verify({ sod: good.sod, dg13: good.dg13! });
    expect(r.verdict).toBe('unverified');
    expect(r.checks.find((c) => c.id === 'dg1_hash')).toMatchObject({ status: 'not_possible', required: true });
  });

  it('is forged when a data group the SOD does not cover is presented', async () => {
    const chip = await issueChip(f.ds.ec, f.person, { groups: [1, 13] });
    const r = await verify({ ...chip, dg2: good.dg2! });
    expect(r.verdict).toBe('forged');
    expect(r.checks.find((c) => c.id === 'dg2_hash')!.detail.en).toContain('not covered');
  });

  it('refuses an unreadable EF.SOD as bad input naming the field', async () => {
    for (const sod of [new Uint8Array(), Uint8Array.of(0x77, 0x03, 1, 2), Uint8Array.of(0x61, 0x01, 0), good.dg1!]) {
      const err = await verify({ ...good, sod }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ValidationError);
      expect((err as ValidationError).fields[0]!.path).toBe('body.sod');
    }
  });
});

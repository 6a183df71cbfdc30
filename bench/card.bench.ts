// Passive authentication of chip ID cards (server/src/modules/verification/chip): verifications
// per second on one core, for an ECDSA P-256 chip and an RSA-2048 chip from the test chip factory
// (EF.SOD + DG1, DG2, DG13, DG14, DG15; DS → CSCA chain from the trust store), against the raw
// verification of the SOD's signature with the same algorithm, timed in the same run.
import crypto from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { readTlv } from '@open06/kernel/card';
import { passiveAuthenticate, TrustStore } from '../server/src/modules/verification/index.ts';
import { createChipFactory, issueCertificate, issueChip, type SyntheticChip } from '../server/test/support/chip-factory.ts';
import { log, median, type Row } from './lib.ts';

/** Calls per second of `fn` over `ms` milliseconds after a warm-up. */
async function rate(fn: () => unknown, ms: number): Promise<number> {
  const warm = performance.now();
  while (performance.now() - warm < ms / 4) await fn();
  let n = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    await fn();
    n++;
    now = performance.now();
  }
  return (n * 1000) / (now - start);
}

/** The SOD's own signature check, nothing else: signed attributes, signature, the DS public key. */
function rawVerifier(chip: SyntheticChip, dsDer: Uint8Array, kind: 'ecdsa' | 'rsa'): () => boolean {
  const ci = new pkijs.ContentInfo({ schema: asn1js.fromBER(readTlv(chip.sod).value).result });
  const si = new pkijs.SignedData({ schema: ci.content }).signerInfos[0]!;
  const signed = new Uint8Array(si.signedAttrs!.encodedValue.slice(0));
  signed[0] = 0x31;
  const signature = si.signature.valueBlock.valueHexView;
  const key = crypto.createPublicKey({ key: Buffer.from(new crypto.X509Certificate(dsDer).publicKey.export({ type: 'spki', format: 'der' })), format: 'der', type: 'spki' });
  const opts = kind === 'ecdsa' ? { key, dsaEncoding: 'der' as const } : { key, padding: crypto.constants.RSA_PKCS1_PADDING };
  return () => {
    if (!crypto.verify('sha256', signed, opts, signature)) throw new Error('raw signature does not verify');
    return true;
  };
}

export async function cardBench(seconds = 3): Promise<Row[]> {
  const f = await createChipFactory();
  const trust = TrustStore.of(f.trusted.map((der) => ({ der, source: 'bench' })));
  const at = new Date('2026-06-01T00:00:00Z');
  const rows: Row[] = [];
  for (const [label, ds, kind] of [['ECDSA P-256', f.ds.ec, 'ecdsa'], ['RSA-2048', f.ds.rsa, 'rsa']] as const) {
    const chip = await issueChip(ds);
    const check = await passiveAuthenticate(chip, { trust, at });
    if (check.verdict !== 'genuine') throw new Error(`bench chip is ${check.verdict}`);
    log(`passive authentication, ${label}: ${seconds} s each for the full check and the raw signature`);
    const full = await rate(async () => {
      const r = await passiveAuthenticate(chip, { trust, at });
      if (r.verdict !== 'genuine') throw new Error('verdict changed');
    }, seconds * 1000);
    const raw = await rate(rawVerifier(chip, ds.der, kind), seconds * 1000);
    // The figure above meets the same document signer again and again, as a verifier does (one
    // signer signs many thousands of cards): its certificate is parsed and its chain verified once.
    // The first card of a signer not seen before costs more:
    const cold: number[] = [];
    for (let i = 0; i < 20; i++) {
      const fresh = await issueChip(await issueCertificate(kind === 'ecdsa' ? f.csca : f.cscaRsa, { kind: kind === 'ecdsa' ? 'ecdsa-p256' : 'rsa' }));
      const t = performance.now();
      const r = await passiveAuthenticate(fresh, { trust, at });
      cold.push(performance.now() - t);
      if (r.verdict !== 'genuine') throw new Error(`cold chip is ${r.verdict}`);
    }
    rows.push({
      figure: `chip passive authentication, ${label} (EF.SOD + 5 data groups, chain to CSCA)`,
      engine: '—',
      value: Math.round(full),
      unit: 'verifications/s per core',
      baseline: { what: `raw ${label} verification of the SOD signature`, value: Math.round(raw), unit: 'verifications/s' },
      ratio: Number((full / raw).toFixed(3)),
      target: 'measured (issue 5 names no target)',
      pass: null,
      extra: { firstCardOfNewSignerMs: Number(median(cold).toFixed(2)) },
      notes: `a document signer's certificate is parsed and its chain to the CSCA verified once, then remembered (a signer signs many cards); the first card of a new signer takes ${median(cold).toFixed(1)} ms (median of 20). Each check verifies the EF.SOD signature, parses the CMS structure and three data groups, and hashes ${[chip.dg1, chip.dg2, chip.dg13, chip.dg14, chip.dg15].reduce((s, d) => s + d!.length, 0)} bytes`,
    });
  }
  return rows;
}

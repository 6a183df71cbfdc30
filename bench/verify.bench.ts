// Identity verification (issue 5):
//  - e-ID QR verification offline (kernel: prefix, Base45, zlib, COSE/CWT, ES256, checks) against
//    the bare ES256 verification of the same signed bytes, in the same process and run;
//  - the verification API over HTTP at 50 connections (autocannon, server in its own process):
//    typed attributes (registry match, metering, access log) and e-ID QRs (signature, replay
//    table, account, registry match, metering, access log), each request a different person or QR.
// Run as `node bench/verify.bench.ts serve <pglite|postgres-url> <people>` it is that server.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { generateEidQrKey, importEidQrKeys, importEidQrSigner, newEidQrNonce, signEidQr, verifyEidQr, type EidQrKeySet } from '../kernel/src/eid-qr/index.ts';
import { decodeBase45 } from '../kernel/src/eid-qr/base45.ts';
import { encodeCbor } from '../kernel/src/eid-qr/cbor.ts';
import { parseSign1 } from '../kernel/src/eid-qr/cose.ts';
import { inflateZlib } from '../kernel/src/eid-qr/zlib.ts';
import { log, median, scratchDatabase, startServer, type Row } from './lib.ts';

const ISSUER = 'http://127.0.0.1';

/**
 * Operations per second of `a` and of `b`, measured in alternating slices of 200 for `ms` in all,
 * so that both see the same machine (other processes, CPU frequency) at the same moments.
 */
async function interleaved(a: () => Promise<unknown>, b: () => Promise<unknown>, ms: number): Promise<[number, number]> {
  for (let i = 0; i < 500; i++) {
    await a();
    await b();
  }
  const spent = [0, 0];
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < ms) {
    for (const [k, op] of [a, b].entries()) {
      const t0 = performance.now();
      for (let i = 0; i < 200; i++) await op();
      spent[k]! += performance.now() - t0;
    }
    n += 200;
  }
  return [(n / spent[0]!) * 1000, (n / spent[1]!) * 1000];
}

export async function eidQrKernelBench(seconds = 3, rounds = 3): Promise<Row> {
  const key = await generateEidQrKey();
  const signer = await importEidQrSigner(key.kid, key.privateJwk);
  const iat = Math.floor(Date.now() / 1000);
  const set: EidQrKeySet = { issuer: ISSUER, keys: [{ kid: key.kid, kty: 'EC', crv: 'P-256', x: String(key.publicJwk.x), y: String(key.publicJwk.y), alg: 'ES256', nbf: iat - 60 }] };
  const ring = await importEidQrKeys(set);
  const qr = await signEidQr({ iss: ISSUER, pid: '031190004321', fullName: 'Trần Thị Thu Hà', birthDate: '1990-11-02', sex: 'F', level: 2, iat, exp: iat + 3600, nonce: newEidQrNonce() }, signer);
  // the raw baseline: ES256 over exactly the bytes the QR's signature covers
  const s1 = parseSign1(inflateZlib(decodeBase45(qr.slice(4))));
  const toBeSigned = encodeCbor(['Signature1', s1.protectedBytes, new Uint8Array(0), s1.payload]) as Uint8Array<ArrayBuffer>;
  const publicKey = ring.keys.get(key.kid)!.key;
  const alg = { name: 'ECDSA', hash: 'SHA-256' } as const;
  const sig = s1.signature as Uint8Array<ArrayBuffer>;
  if (!(await crypto.subtle.verify(alg, publicKey, sig, toBeSigned)) || !(await verifyEidQr(qr, ring, { now: Date.now() })).valid) throw new Error('bench QR does not verify');
  const qrRates: number[] = [];
  const rawRates: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const [q, raw] = await interleaved(() => verifyEidQr(qr, ring, { now: Date.now() }), () => crypto.subtle.verify(alg, publicKey, sig, toBeSigned), seconds * 1000);
    qrRates.push(q);
    rawRates.push(raw);
  }
  const value = median(qrRates);
  const raw = median(rawRates);
  return {
    figure: 'e-ID QR verification offline (kernel: Base45, zlib, COSE_Sign1/CWT, ES256, checks), one at a time',
    engine: '—',
    value: Math.round(value),
    unit: 'ops/s',
    baseline: { what: 'WebCrypto ES256 verify of the same signed bytes', value: Math.round(raw), unit: 'ops/s' },
    ratio: value / raw,
    target: '≥ 0.5 of raw verification',
    pass: value / raw >= 0.5,
    extra: { qrChars: qr.length },
    notes: `QR of ${qr.length} characters; median of ${rounds} rounds of ${seconds} s, the QR and the baseline measured in alternating slices of 200`,
  };
}

interface ServerInfo {
  url: string;
  token: string;
  typed: string;
  eidQr: string;
  pids: string;
}

async function loadBodies(url: string, token: string, bodies: string[], seconds: number, warmup: number) {
  let i = 0;
  const run = (duration: number) =>
    autocannon({
      url,
      connections: 50,
      duration,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      requests: [{ method: 'POST', setupRequest: (req) => ({ ...req, path: '/api/v1/verification/checks', body: bodies[i++ % bodies.length]! }) }],
    });
  if (warmup) await run(warmup);
  const r = await run(seconds);
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors, sent: i };
}

async function loadPaths(url: string, token: string, paths: string[], seconds: number, warmup: number) {
  let i = 0;
  const run = (duration: number) =>
    autocannon({ url, connections: 50, duration, headers: { authorization: `Bearer ${token}` }, requests: [{ setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length]! }) }] });
  if (warmup) await run(warmup);
  const r = await run(seconds);
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors };
}

export async function verifyApiBench(targets: { engine: 'pglite' | 'postgres'; arg: string }[], people: number, rounds = 3): Promise<Row[]> {
  const rows: Row[] = [];
  for (const t of targets) {
    log(`verification API on ${t.engine} (${people} people)`);
    const server = await startServer<ServerInfo>('bench/verify.bench.ts', ['serve', t.arg, String(people)]);
    try {
      const typed = JSON.parse(fs.readFileSync(server.info.typed, 'utf8')) as string[];
      const qrs = JSON.parse(fs.readFileSync(server.info.eidQr, 'utf8')) as string[];
      const pids = JSON.parse(fs.readFileSync(server.info.pids, 'utf8')) as string[];
      // the baseline: reading the same people's records (GET person), same server, same order
      const paths = pids.map((p) => `/api/v1/persons/${p}?purpose=verification_lodging`);
      const base: Awaited<ReturnType<typeof loadPaths>>[] = [];
      const runs: Awaited<ReturnType<typeof loadBodies>>[] = [];
      for (let r = 0; r < rounds; r++) {
        base.push(await loadPaths(server.info.url, server.info.token, paths, 10, r === 0 ? 3 : 1));
        runs.push(await loadBodies(server.info.url, server.info.token, typed, 10, 1));
      }
      const b = base.find((x) => x.rps === median(base.map((y) => y.rps))) ?? base[0]!;
      const mid = runs.find((x) => x.rps === median(runs.map((y) => y.rps))) ?? runs[0]!;
      const baseline = { what: `GET person by personal ID, the same ${pids.length} people in turn (p99 ${b.p99} ms)`, value: Math.round(b.rps), unit: 'req/s' };
      rows.push({
        figure: 'typed-attribute check, POST /api/v1/verification/checks (HTTP, 50 connections)',
        engine: t.engine,
        value: Math.round(mid.rps),
        unit: 'req/s',
        baseline,
        ratio: mid.rps / b.rps,
        target: 'measured (no target set)',
        pass: runs.every((x) => x.non2xx === 0 && x.errors === 0) ? null : false,
        extra: { p50ms: mid.p50, p99ms: mid.p99, non2xx: runs.reduce((a, x) => a + x.non2xx, 0) },
        notes: `p50 ${mid.p50} ms, p99 ${mid.p99} ms; a different person per request (${typed.length} in turn): registry read as the organisation, metering, access log before the answer`,
      });
      // each QR is good once: one round, from a pool larger than the requests it can serve
      const q = await loadBodies(server.info.url, server.info.token, qrs, 10, 2);
      rows.push({
        figure: 'e-ID-QR check, POST /api/v1/verification/checks (HTTP, 50 connections)',
        engine: t.engine,
        value: Math.round(q.rps),
        unit: 'req/s',
        baseline,
        ratio: q.rps / b.rps,
        target: 'measured (no target set)',
        pass: q.non2xx === 0 && q.errors === 0 && q.sent <= qrs.length ? null : false,
        extra: { p50ms: q.p50, p99ms: q.p99, qrsUsed: q.sent, qrPool: qrs.length },
        notes: `p50 ${q.p50} ms, p99 ${q.p99} ms; every request a fresh QR (signature, nonce stored against replay, account, registry, metering, access log)`,
      });
    } finally {
      await server.stop();
    }
  }
  return rows;
}

/** Both parts, on PGlite and on PostgreSQL. */
export async function verifyBench(people: number, rounds: number): Promise<Row[]> {
  const rows: Row[] = [await eidQrKernelBench()];
  const pg = await scratchDatabase('open06_bench_verify');
  try {
    rows.push(...(await verifyApiBench([{ engine: 'pglite', arg: 'pglite' }, { engine: 'postgres', arg: pg.url }], people, rounds)));
  } finally {
    await pg.drop();
  }
  return rows;
}

// ---- the server process ----

async function serve(target: string, people: number): Promise<void> {
  const { buildApp } = await import('../server/src/app.ts');
  const { loadTokenService } = await import('../server/src/http/service-token.ts');
  const { openDatabase } = await import('../server/src/platform/db/db.ts');
  const { migrate } = await import('../server/src/platform/db/migrate.ts');
  const { seedDatabase } = await import('../server/src/modules/registry/index.ts');
  const { loadEidQrKeys } = await import('../server/src/modules/verification/index.ts');
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'open06-bench-verify-'));
  const db = target === 'pglite' ? await openDatabase({ kind: 'pglite', dataDir: path.join(scratch, 'db') }) : await openDatabase({ kind: 'postgres', url: target });
  await migrate(db);
  if (!(await db.kysely.selectFrom('registry.person').select('pid').limit(1).executeTakeFirst())) await seedDatabase(db, { seed: 2026, people, provinces: ['31'] });
  const persons = (await db.kysely
    .selectFrom('registry.person')
    .select(['pid', 'full_name', 'birth_date', 'sex'])
    .where('life_status', '=', 'alive')
    .orderBy('pid')
    .limit(5000)
    .execute()) as { pid: string; full_name: string; birth_date: string; sex: 'M' | 'F' }[];
  // e-ID accounts for them (the e-ID QR check asks whether the account is active)
  await db.kysely
    .insertInto('identity.account')
    .values(persons.map((p) => ({ id: randomUUID(), pid: p.pid, level: 2 })))
    .onConflict((oc) => oc.column('pid').doNothing())
    .execute();
  await db.kysely
    .insertInto('verification.organisation')
    .values({ id: 'org:bench-hotel', name: 'Khách sạn đo hiệu năng', purposes: ['verification_lodging'], per_minute: 100_000_000, daily_quota: null, updated_by: 'bench' })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  const keysDir = path.join(scratch, 'keys');
  const tokens = await loadTokenService(keysDir);
  const token = await tokens.issue({ sub: 'org:bench-hotel', role: 'sector_system', name: 'Khách sạn đo hiệu năng' }, 3600);
  const purpose = 'verification_lodging';
  const typed = persons.map((p) => JSON.stringify({ purpose, source: 'typed', attributes: { pid: p.pid, fullName: p.full_name, birthDate: p.birth_date } }));
  // fresh QRs signed with the key the app will verify against (the same key file)
  const keys = loadEidQrKeys(keysDir, { issuer: ISSUER });
  const signer = await keys.signer(new Date());
  const iat = Math.floor(Date.now() / 1000);
  const qrs: string[] = [];
  const POOL = 120_000;
  for (let i = 0; i < POOL; i += 500) {
    const batch = await Promise.all(
      Array.from({ length: 500 }, (_, j) => {
        const p = persons[(i + j) % persons.length]!;
        return signEidQr({ iss: ISSUER, pid: p.pid, fullName: p.full_name, birthDate: p.birth_date, sex: p.sex, level: 2, iat, exp: iat + 600, nonce: newEidQrNonce() }, signer);
      }),
    );
    for (const qr of batch) qrs.push(JSON.stringify({ purpose, source: 'eid_qr', qr }));
  }
  fs.writeFileSync(path.join(scratch, 'typed.json'), JSON.stringify(typed));
  fs.writeFileSync(path.join(scratch, 'eid-qr.json'), JSON.stringify(qrs));
  fs.writeFileSync(path.join(scratch, 'pids.json'), JSON.stringify(persons.map((p) => p.pid)));
  // QRs live 10 minutes here so that the pool outlasts the run; the app's own lifetime is 3
  const app = await buildApp({ db, tokens, publicUrl: ISSUER, keysDir, filesDir: path.join(scratch, 'files'), logLevel: 'warn', serveWeb: false });
  const url = await app.http.listen({ port: 0, host: '127.0.0.1' });
  console.log(JSON.stringify({ url, token, typed: path.join(scratch, 'typed.json'), eidQr: path.join(scratch, 'eid-qr.json'), pids: path.join(scratch, 'pids.json') } satisfies ServerInfo));
  process.on('SIGTERM', () =>
    void app
      .close()
      .then(() => db.close())
      .then(() => fs.rmSync(scratch, { recursive: true, force: true }))
      .then(() => process.exit(0)),
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv[2] === 'serve') await serve(process.argv[3] ?? 'pglite', Number(process.argv[4] ?? 20_000));
  else {
    // standalone: node bench/verify.bench.ts [--kernel-only]
    const rows = process.argv.includes('--kernel-only') ? [await eidQrKernelBench()] : await verifyBench(20_000, 1);
    console.table(rows.map((r) => ({ figure: r.figure, engine: r.engine, value: `${r.value} ${r.unit}`, ratio: r.ratio?.toFixed(2) ?? '', extra: JSON.stringify(r.extra ?? {}) })));
  }
}

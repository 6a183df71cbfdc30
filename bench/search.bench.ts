// Name search at N persons: 200 realistic queries (names from the data, typed with and without
// diacritics, with a typo, narrowed by birth year) through the API, one at a time.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fold } from '../kernel/src/index.ts';
import { buildApp } from '../server/src/app.ts';
import { loadTokenService } from '../server/src/http/service-token.ts';
import { openDatabase } from '../server/src/platform/db/db.ts';
import { log, percentile, type Row } from './lib.ts';

export async function searchBench(url: string, people: number): Promise<Row[]> {
  const db = await openDatabase({ kind: 'postgres', url, poolSize: 4 });
  const keysDir = fs.mkdtempSync(path.join(os.tmpdir(), 'open06-bench-keys-'));
  const tokens = await loadTokenService(keysDir);
  const app = await buildApp({ db, tokens, publicUrl: 'http://127.0.0.1', keysDir, filesDir: path.join(keysDir, 'files'), logLevel: 'warn', serveWeb: false, personCacheSize: 0 });
  const headers = { authorization: `Bearer ${await tokens.issue({ sub: 'bench-ca-hp', role: 'province_police', unit: '31' }, 3600)}` };
  const step = Math.max(1, Math.floor(people / 200));
  const sample = (await db.kysely.selectFrom('registry.person').select(['pid', 'full_name', 'birth_year']).orderBy('pid').execute()).filter((_: unknown, i: number) => i % step === 0).slice(0, 200) as { pid: string; full_name: string; birth_year: number }[];
  const queries = sample.map((p, i) => {
    const words = p.full_name.split(' ');
    const given = words.at(-1)!;
    const typo = [...words.slice(0, -1), given.length > 2 ? given.slice(0, 1) + given.slice(2) : given + 'h'].join(' ');
    const kind = i % 4;
    const name = kind === 0 ? fold(p.full_name) : kind === 1 ? p.full_name : kind === 2 ? fold(typo) : fold(p.full_name);
    const q = `name=${encodeURIComponent(name)}${kind === 3 ? `&birthDate=${p.birth_year}` : ''}`;
    return { pid: p.pid, kind, url: `/api/v1/persons?purpose=investigation&limit=20&${q}` };
  });
  log(`name search: ${queries.length} queries on ${people} persons`);
  for (const q of queries.slice(0, 10)) await app.http.inject({ method: 'GET', url: q.url, headers }); // warm-up
  const times: number[] = [];
  const byKind: number[][] = [[], [], [], []];
  let found = 0;
  for (const q of queries) {
    const t = performance.now();
    const res = await app.http.inject({ method: 'GET', url: q.url, headers });
    times.push(performance.now() - t);
    byKind[q.kind]!.push(times.at(-1)!);
    if (res.statusCode !== 200) throw new Error(`search answered ${res.statusCode}: ${res.body.slice(0, 200)}`);
    if ((res.json() as { items: { pid: string }[] }).items.some((i) => i.pid === q.pid)) found++;
  }
  await app.close();
  await db.close();
  const p50 = percentile(times, 50);
  const p95 = percentile(times, 95);
  return [
    {
      figure: `name search at ${people.toLocaleString('en')} persons (HTTP API, one at a time)`,
      engine: 'postgres',
      value: Number(p95.toFixed(1)),
      unit: 'ms p95',
      target: 'p95 < 50 ms',
      pass: p95 < 50,
      extra: {
        p50ms: Number(p50.toFixed(1)),
        p95ms: Number(p95.toFixed(1)),
        maxMs: Number(Math.max(...times).toFixed(1)),
        foundShare: Number((found / queries.length).toFixed(3)),
        ...Object.fromEntries(['withoutDiacritics', 'asWritten', 'typo', 'withBirthYear'].map((k, i) => [`p95ms_${k}`, Number(percentile(byKind[i]!, 95).toFixed(1))])),
      },
      notes: `p50 ${p50.toFixed(1)} ms; the sought person is among the results for ${((100 * found) / queries.length).toFixed(0)}% of queries (a quarter carry a typo)`,
    },
  ];
}

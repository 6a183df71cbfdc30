// GET person by personal ID over HTTP (autocannon, 50 connections, server in its own process)
// against a bare Fastify route returning a constant, on the same machine in the same run.
import { load, log, median, startServer, type LoadResult, type Row } from './lib.ts';

async function measure(base: string, paths: string[], headers: Record<string, string>, rounds: number): Promise<LoadResult> {
  const results: LoadResult[] = [];
  for (let i = 0; i < rounds; i++) results.push(await load(base, paths, headers, { connections: 50, seconds: 10, warmup: i === 0 ? 3 : 1 }));
  const best = results.map((r) => r.rps);
  const mid = results.find((r) => r.rps === median(best)) ?? results[0]!;
  return { ...mid, rps: median(best), non2xx: results.reduce((a, r) => a + r.non2xx, 0), errors: results.reduce((a, r) => a + r.errors, 0) };
}

export async function httpBench(targets: { engine: 'pglite' | 'postgres'; arg: string }[], people: number, rounds = 3): Promise<Row[]> {
  const rows: Row[] = [];
  log('bare Fastify baseline');
  const bare = await startServer<{ url: string }>('bench/servers/bare-server.ts');
  const base = await measure(bare.info.url, ['/constant'], {}, rounds);
  await bare.stop();
  for (const t of targets) {
    log(`GET person on ${t.engine} (${people} people)`);
    const app = await startServer<{ url: string; token: string; pids: string[] }>('bench/servers/app-server.ts', [t.arg, String(people)]);
    const paths = app.info.pids.slice(0, 2000).map((p) => `/api/v1/persons/${p}?purpose=social_insurance`);
    const r = await measure(app.info.url, paths, { authorization: `Bearer ${app.info.token}` }, rounds);
    await app.stop();
    rows.push({
      figure: 'GET person by personal ID (HTTP, 50 connections)',
      engine: t.engine,
      value: Math.round(r.rps),
      unit: 'req/s',
      baseline: { what: 'bare Fastify route returning a constant', value: Math.round(base.rps), unit: 'req/s' },
      ratio: r.rps / base.rps,
      target: '≥ 0.5 of the bare route',
      pass: r.rps / base.rps >= 0.5 && r.non2xx === 0 && r.errors === 0,
      extra: { p50ms: r.p50, p99ms: r.p99, non2xx: r.non2xx, errors: r.errors, bareP50ms: base.p50, bareP99ms: base.p99 },
      notes: `p50 ${r.p50} ms, p99 ${r.p99} ms; every request written to the access log before the answer; ${r.non2xx} non-2xx`,
    });
  }
  return rows;
}

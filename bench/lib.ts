// Shared by the benchmarks: child-process servers, autocannon, PostgreSQL scratch databases,
// medians, and the shape of a result row.
import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import readline from 'node:readline';
import autocannon from 'autocannon';
import { pgClient, withDatabase } from '../server/test/support/pg-admin.ts';

export const ROOT = new URL('../', import.meta.url).pathname;
export const NODE = process.execPath;
export const PG_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://127.0.0.1:5432/test';

export interface Row {
  figure: string;
  engine: 'postgres' | 'pglite' | '—';
  value: number;
  unit: string;
  baseline?: { what: string; value: number; unit: string };
  ratio?: number;
  target: string;
  pass: boolean | null;
  notes?: string;
  extra?: Record<string, number | string>;
}

export function log(msg: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

export function machine() {
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
    date: new Date().toISOString(),
  };
}

/** Starts a server script in its own process and waits for its one-line JSON hello. */
export async function startServer<T>(script: string, args: string[] = [], env: Record<string, string> = {}): Promise<{ info: T; proc: ChildProcess; stop(): Promise<void> }> {
  const proc = spawn(NODE, [script, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const info = await new Promise<T>((resolve, reject) => {
    const rl = readline.createInterface({ input: proc.stdout! });
    rl.once('line', (line) => resolve(JSON.parse(line) as T));
    proc.once('exit', (code) => reject(new Error(`${script} exited with ${code} before it was ready`)));
  });
  return {
    info,
    proc,
    async stop() {
      if (proc.exitCode !== null) return;
      proc.kill('SIGTERM');
      await new Promise((r) => proc.once('exit', r));
    },
  };
}

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

/** autocannon: `connections` clients for `seconds` after a warm-up; paths cycle through `paths`. */
export async function load(base: string, paths: string[], headers: Record<string, string>, opts: { connections?: number; seconds?: number; warmup?: number } = {}): Promise<LoadResult> {
  let i = 0;
  const run = (duration: number) =>
    autocannon({
      url: base,
      connections: opts.connections ?? 50,
      duration,
      headers,
      requests: [{ setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length]! }) }],
    });
  if (opts.warmup ?? 3) await run(opts.warmup ?? 3);
  const r = await run(opts.seconds ?? 10);
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors };
}

/** A fresh scratch database on the PostgreSQL server; dropped by the returned function. */
export async function scratchDatabase(name: string): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = await pgClient(PG_URL);
  try {
    await admin.query(`drop database if exists "${name}" with (force)`);
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  return {
    url: withDatabase(PG_URL, name),
    async drop() {
      const a = await pgClient(PG_URL);
      try {
        await a.query(`drop database if exists "${name}" with (force)`);
      } finally {
        await a.end();
      }
    },
  };
}

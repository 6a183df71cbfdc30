// Memory: RSS of the server (npm start's entry point) in embedded mode with the demo province,
// after it has served a mix of requests.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import readline from 'node:readline';
import { log, NODE, ROOT, type Row } from './lib.ts';

function status(pid: number): { rss: number; hwm: number } {
  const s = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(s)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
}

export async function memoryBench(people: number): Promise<Row[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'open06-bench-mem-'));
  const port = 3900 + Math.floor(Math.random() * 90);
  log(`memory: starting the server with ${people} demo people`);
  const proc = spawn(NODE, ['server/src/main.ts'], { cwd: ROOT, env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), SEED_PEOPLE: String(people), LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'ignore'] });
  const lines: string[] = [];
  await new Promise<void>((resolve, reject) => {
    readline.createInterface({ input: proc.stdout! }).on('line', (l) => {
      lines.push(l);
      if (l.startsWith('  npx open06 token issue --role province_police')) resolve();
    });
    proc.once('exit', (c) => reject(new Error(`server exited with ${c}`)));
  });
  const token = lines[lines.findIndex((l) => l.startsWith('An officer token')) + 1]!.trim();
  const base = `http://127.0.0.1:${port}`;
  const headers = { authorization: `Bearer ${token}` };
  const search = (await (await fetch(`${base}/api/v1/persons?purpose=residence_management&name=nguyen&limit=50`, { headers })).json()) as { items: { pid: string }[] };
  for (let round = 0; round < 20; round++) {
    await Promise.all(search.items.map((i) => fetch(`${base}/api/v1/persons/${i.pid}?purpose=residence_management`, { headers }).then((r) => r.arrayBuffer())));
    await fetch(`${base}/api/v1/persons?purpose=residence_management&name=tran%20thi&limit=20`, { headers }).then((r) => r.arrayBuffer());
  }
  const m = status(proc.pid!);
  proc.kill('SIGTERM');
  await new Promise((r) => proc.once('exit', r));
  fs.rmSync(dataDir, { recursive: true, force: true });
  return [
    {
      figure: `server memory, embedded database, demo province of ${people.toLocaleString('en')} people`,
      engine: 'pglite',
      value: Math.round(m.rss),
      unit: 'MB RSS',
      target: '< 800 MB',
      pass: m.rss < 800,
      extra: { rssMB: Math.round(m.rss), peakMB: Math.round(m.hwm) },
      notes: `peak (VmHWM) ${Math.round(m.hwm)} MB, reached while PGlite starts (WebAssembly instantiation), before any data is loaded`,
    },
  ];
}

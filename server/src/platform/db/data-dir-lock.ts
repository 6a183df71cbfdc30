// The embedded database belongs to one process at a time. A lock file in DATA_DIR says which, so
// a second process (the CLI while the server runs) stops with a clear message instead of
// corrupting the database.
import fs from 'node:fs';
import path from 'node:path';

export function lockDataDir(dataDir: string, what: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'db.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, JSON.stringify({ pid: process.pid, what, since: new Date().toISOString() }), { flag: 'wx' });
      const release = () => {
        try {
          const held = JSON.parse(fs.readFileSync(file, 'utf8')) as { pid: number };
          if (held.pid === process.pid) fs.unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
      process.once('exit', release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const held = readLock(file);
      if (held && isAlive(held.pid))
        throw new Error(
          `The embedded database in ${dataDir} is in use by process ${held.pid} (${held.what}, since ${held.since}). ` +
            'Stop it first, or point DATABASE_URL at a PostgreSQL server to share one database between processes.',
        );
      fs.rmSync(file, { force: true }); // left behind by a process that died
    }
  }
  throw new Error(`could not lock ${dataDir}`);
}

function readLock(file: string): { pid: number; what: string; since: string } | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as { pid: number; what: string; since: string };
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

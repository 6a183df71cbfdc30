// Opens the database the configuration names, migrated, for one process (server or command).
import path from 'node:path';
import type { Config } from '../config.ts';
import { lockDataDir } from './data-dir-lock.ts';
import { openDatabase, targetFromConfig, type Db } from './db.ts';
import { migrate } from './migrate.ts';

export async function openConfiguredDatabase(cfg: Config, what: string): Promise<Db> {
  const release = cfg.DATABASE_URL ? () => {} : lockDataDir(cfg.dataDir, what);
  try {
    const db = await openDatabase(targetFromConfig(cfg));
    await migrate(db);
    return {
      ...db,
      async close() {
        await db.close();
        release();
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}

export function keysDir(cfg: Config): string {
  return path.join(cfg.dataDir, 'keys');
}

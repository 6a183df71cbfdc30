// Start the platform: load config → open (and migrate) the database → seed the demo province on
// the first start → build the app → listen, and tell the user where to log in.
import path from 'node:path';
import { loadAdminUnits } from '@open06/kernel/admin-units';
import { buildApp } from './app.ts';
import { loadConfig } from './platform/config.ts';
import { progress, type Progress } from './platform/progress.ts';
import { keysDir, openConfiguredDatabase } from './platform/db/open.ts';
import { loadTokenService } from './http/service-token.ts';
import { DEMO_PASSWORD } from './modules/identity/index.ts';
import { seedDemoIfEmpty } from './modules/registry/index.ts';

const cfg = loadConfig();
const db = await openConfiguredDatabase(cfg, 'open06 server');
let bar: Progress | undefined; // shown only when the database is empty and gets seeded
// 2% of the demo people carry the defects real registers have (typos, duplicates, stale
// addresses …), so that the data-quality screens have something to show
const demo = await seedDemoIfEmpty(db, { province: cfg.SEED_PROVINCE, people: cfg.SEED_PEOPLE, noise: 0.02 }, (done, total) =>
  (bar ??= progress('Seeding the demo province', total, ' people')).update(done),
);
bar?.stop();
const tokens = await loadTokenService(keysDir(cfg));
const app = await buildApp({
  db,
  tokens,
  publicUrl: cfg.publicUrl,
  keysDir: keysDir(cfg),
  filesDir: path.join(cfg.dataDir, 'files'),
  natsUrl: cfg.NATS_URL,
  logLevel: cfg.LOG_LEVEL,
  personCacheSize: cfg.PERSON_CACHE_SIZE,
  smtp: cfg.SMTP_URL ? { url: cfg.SMTP_URL, from: cfg.MAIL_FROM } : undefined,
  paymentsSimulator: cfg.PAYMENTS_SIMULATOR === 'on',
});
// a freshly seeded demo province gets its first data-quality pass, so the scorecard has figures
if (demo.seeded) await app.quality.runPass({ startedBy: 'open06 start' });
await app.http.listen({ port: cfg.PORT, host: cfg.HOST });

const url = cfg.publicUrl;
const units = loadAdminUnits();
const commune = demo.busiestCommune ? units.commune(demo.busiestCommune) : undefined;
const lines = [
  '',
  `open06 is running at ${url}  (database: ${db.kind === 'pglite' ? `embedded, ${cfg.dataDir}/db` : 'PostgreSQL'})`,
  `  web app:  ${url}/`,
  `  API docs: ${url}/docs`,
];
const [officerPid, adminPid, citizenPid, provinceOfficerPid] = demo.residents;
if (commune && officerPid && adminPid && citizenPid && provinceOfficerPid) {
  await app.identity.seedDemoAccounts([
    // one demo official of the commune who can switch between the roles a procedure passes through
    {
      pid: officerPid,
      level: 2,
      roles: (['commune_police', 'one_stop_officer', 'civil_status_officer', 'commune_chairman'] as const).map((role) => ({ role, unit: commune.code })),
    },
    { pid: adminPid, level: 2, roles: [{ role: 'admin', unit: null }] },
    // level 2 (as if verified at the commune police): every online procedure of the catalogue needs it
    { pid: citizenPid, level: 2, roles: [] },
    { pid: provinceOfficerPid, level: 2, roles: (['province_police', 'social_insurance_officer'] as const).map((role) => ({ role, unit: commune.provinceCode })) },
  ]);
  const hotel = await app.lodging.seedDemo(citizenPid, commune.code);
  lines.push(
    '',
    `Log in to the web app (demo accounts, password ${DEMO_PASSWORD}):`,
    `  ${officerPid}  official of ${commune.fullName}: commune police, one-stop desk, civil status, chairperson (switch role in the menu)`,
    `  ${provinceOfficerPid}  province police (the lodging watchlist), social insurance office`,
    `  ${adminPid}  administrator`,
    `  ${citizenPid}  citizen (e-ID level 2: applies online for any procedure)${hotel ? `, runs the demo hotel "${hotel.name}"` : ', runs the demo hotel'}`,
  );
}
if (commune) {
  const officer = await tokens.issue({ sub: `demo-officer@${commune.code}`, role: 'commune_police', unit: commune.code, name: 'Cán bộ demo' }, 8 * 3600);
  lines.push(
    '',
    `An officer token (commune police of ${commune.fullName}, valid 8 hours):`,
    `  ${officer}`,
    'Try it:',
    `  curl -H "Authorization: Bearer <token>" "${url}/api/v1/persons?name=nguyen%20van&purpose=residence_management"`,
    'Issue other tokens with:',
    `  npx open06 token issue --role commune_police --unit ${commune.code}`,
    `  npx open06 token issue --role province_police --unit ${commune.provinceCode}`,
  );
}
console.log(lines.join('\n'));

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void (async () => {
      await app.close();
      await db.close();
      process.exit(0);
    })();
  });
}

// docs/PERFORMANCE.md from bench results.
import fs from 'node:fs';
import path from 'node:path';
import type { Row } from './lib.ts';

interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  platform: string;
  date: string;
}
interface Result {
  machine: Machine;
  postgres: string;
  seconds: number;
  rows: (Row & { date?: string; machineKey?: string })[];
  /** The machine each shown row was measured on, by key (runs move between machines, even within a day). */
  machines?: Record<string, Machine>;
}

/** The newest row of each figure (by its name and engine) across all saved results. */
export function latestOfEach(dir: string): Result {
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  const latest = new Map<string, Row & { date: string; machineKey: string }>();
  const machines: Record<string, Machine> = {};
  let newest: Result | undefined;
  for (const f of files) {
    const r = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as Result;
    newest = r;
    // the newest measurement of each figure on each engine; a figure keeps its place of first appearance
    const machineKey = `${r.machine.cpu}, ${r.machine.cores} cores, ${r.machine.memoryGiB} GiB RAM, ${r.machine.platform}`;
    for (const row of r.rows) latest.set(`${row.figure}|${row.engine}`, { ...row, date: r.machine.date.slice(0, 10), machineKey });
    machines[machineKey] = r.machine;
  }
  if (!newest) throw new Error(`no results in ${dir}`);
  const rows = [...latest.values()];
  return { ...newest, rows, machines };
}

// shares and scores keep four decimals (0.9998 is not 1), small figures one, the rest none
const fmt = (n: number) => n.toLocaleString('en', { maximumFractionDigits: Math.abs(n) < 1 ? 4 : Math.abs(n) < 100 ? 1 : 0 });

export function renderPerformance(r: Result): string {
  const m = r.machine;
  const keyOf = (x: { machineKey?: string }) => x.machineKey ?? `${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB RAM, ${m.platform}`;
  // machines named A, B … in the order the table first uses them
  const letters = new Map<string, string>();
  for (const x of r.rows) if (!letters.has(keyOf(x))) letters.set(keyOf(x), String.fromCharCode(65 + letters.size));
  const lines = [
    '# Performance',
    '',
    'Measured by `npm run bench` (never by a timed test). Each figure is compared with its baseline',
    'in the same run on the same machine; these machines are noisy, so read the ratios.',
    '',
    ...[...letters].map(([key, letter]) => `- **Machine ${letter}:** ${key}`),
    `- **Node:** ${m.node}; PostgreSQL 15 on the same machine (${r.postgres}); PGlite on local disk`,
    `- **Date:** ${m.date.slice(0, 10)} (the newest run; each row gives the date and machine it was measured on)`,
    '',
    '| figure | engine | measured | value | baseline (same run) | ratio | target | met |',
    '|---|---|---|---|---|---|---|---|',
    ...r.rows.map(
      (x) =>
        `| ${x.figure} | ${x.engine} | ${x.date ?? m.date.slice(0, 10)} (${letters.get(keyOf(x))}) | ${fmt(x.value)} ${x.unit} | ${x.baseline ? `${fmt(x.baseline.value)} ${x.baseline.unit} (${x.baseline.what})` : '—'} | ${x.ratio !== undefined ? x.ratio.toFixed(2) : '—'} | ${x.target} | ${x.pass === null ? '—' : x.pass ? 'yes' : '**no**'} |`,
    ),
    '',
    '## Notes per figure',
    '',
    ...r.rows.map((x) => `- **${x.figure} (${x.engine})**: ${x.notes ?? ''}${x.extra ? ` — ${Object.entries(x.extra).map(([k, v]) => `${k} ${typeof v === 'number' ? fmt(v) : v}`).join(', ')}` : ''}`),
    '',
    '## How each figure is measured',
    '',
    '- **Import**: a CSV of generated persons (`open06 seed --out`, seed 2026, Hải Phòng) imported by',
    '  `importPersons` into a freshly migrated database: file hash, CSV parsing (papaparse), row',
    '  validation, a check of which personal IDs are already registered, then COPY into person,',
    '  residence, id_card and household_member (households first), progress committed with each',
    '  5,000-row batch, VACUUM ANALYZE at the end. Baseline: `COPY` of the same file into a table of',
    "  the file's columns with no indexes; the notes give a second baseline with three search",
    '  indexes (primary key, trigram GIN, name + birth date).',
    '- **GET person**: the app in its own process (`bench/servers/app-server.ts`) on a database seeded',
    '  with the demo population; autocannon with 50 connections, 10 s after a warm-up, cycling',
    '  through 2,000 personal IDs with a sector-system token (a purpose on every request, every',
    '  read written to the access log before the answer). Baseline: a bare Fastify route returning',
    '  a constant, in its own process, same settings. Median of the rounds.',
    '- **Name search**: 200 names sampled from the database, a quarter each typed without diacritics,',
    '  as written, with a typo in the given name, and without diacritics narrowed by birth year;',
    '  through the HTTP API (in-process inject) with a province-police token, one at a time, cache off.',
    '- **Memory**: `server/src/main.ts` started on an empty data directory (it seeds the demo province),',
    '  then served 1,000 reads and 20 searches; VmRSS and VmHWM from /proc.',
    '- **Duplicate detection and linking** (`bench/linkage.bench.ts`): `open06 seed --out` with noise',
    "  0.1 (its ground truth lists every injected duplicate), then `open06 link` in its own process on",
    "  the CSV; precision and recall count the pairs inside the clusters against the ground truth. The",
    '  outside list is 10,000 rows made like real lists (names without diacritics, telex leftovers,',
    '  five date formats, legacy commune codes, 20% people the registry does not have).',
    '- **OpenID Provider** (`bench/identity.bench.ts`): the app on PostgreSQL in its own process',
    '  (`bench/servers/identity-server.ts`) with 60 citizens registered through the real flow and a',
    '  confidential relying party. Grants: autocannon, 50 connections, 10 s after a 2 s warm-up; "per',
    '  vCPU" divides the grants by the CPU seconds the server process used (/proc), as Keycloak sizes',
    '  its pods without the database. Logins: 50 virtual users in this process, each logging in again',
    '  and again for 20 s through every redirect (authorize, login page, password, code, token',
    '  exchange with PKCE); "SSO" users already hold a provider session. "Arriving at 30/s": an open',
    '  loop that starts a password login every 33 ms for 20 s with whichever of the 50 users is free,',
    '  latency counted from the planned start. Baselines: raw ES256',
    '  signing and argon2id verification (the accounts\' parameters) on one thread, same run.',
    '- **Verification** (`bench/verify.bench.ts`): the e-ID QR verified by the kernel against a bare',
    '  WebCrypto ES256 verification of the same bytes; the checks API with autocannon, 50 connections,',
    '  against GET person on the same server and people.',
    '- **Passive authentication** (`bench/card.bench.ts`): synthetic chips from the test factory,',
    '  one thread, for 3 s each, against the raw verification of the SOD signature alone.',
    '- **Data quality** (`bench/quality.bench.ts`): 1,000,000 generated persons with 5% injected',
    '  defects and simulated sector datasets on PostgreSQL; `open06 quality run` in its own process;',
    '  precision and recall of each rule family against the injected defects.',
    '- **Lodging spike** (`bench/lodging.bench.ts`): the app in its own process with 20,000 people and',
    '  80 approved establishments (made through the API); 80 desk clerks scan guests\' ID-card QRs and',
    '  check them in, a new guest every 5 ms whatever the server\'s pace (open loop), for 60 s per',
    '  round, 3 rounds; the province police\'s console holds the live feed open in the load generator.',
    '  Latency: sending the check-in → its notification read from the feed. Lost: accepted check-ins',
    '  never seen in the feed; the store is counted through the police statistics.',
    '- **Online services** (`bench/services.bench.ts`): the app on PostgreSQL in its own process with',
    '  20,000 people and 1,000,000 applications bulk-inserted by SQL across the procedures, the',
    '  communes of Hải Phòng, their first steps and the statuses of a running service (10 % waiting at a',
    '  desk), submitted over two years. Per round: 32 citizens submit a temporary-absence declaration',
    '  back to back for 20 s (each a prefill read, form check, fee, and one transaction writing the',
    '  application, its event and its outbox row); then 50 one-stop officers of the communes read their',
    '  queues (50 rows and the counts per status) back to back for 20 s, closed loop, while the server',
    '  also delivers the submissions\' events. Then 60 linked birth chains: submitted by a mother,',
    '  each of the six approvals sent as soon as the saga has opened the step (the load generator polls',
    '  the application every 5 ms); time from submission to the chain completed. 3 rounds, medians.',
    '  Two things the first runs found and that are fixed: the outbox was delivered event by event',
    '  (six queries each), so after 36,000 submissions a chain waited minutes for its next step and the',
    '  backlog shared the server with the queue readers; and each queue row counted the working days',
    '  left by walking the calendar (0.05 ms for a two-year-old deadline) — now batched per consumer,',
    '  and running sums per year. The queue\'s SQL takes under 1 ms (index on unit, role, status, due',
    '  date); its p95 at 850 queries a second is the server\'s one core: 50 officials with no think time.',
    '',
    '## Where the time goes (figures that missed or miss their target)',
    '',
    '- **Lodging spike on PGlite** (met since 24/11/2026). The embedded database runs inside the',
    '  server\'s one thread. Until the access log wrote a batch in one statement (five round trips and',
    '  a COPY before), 400 requests a second left it no slack and p99 climbed to seconds (7,751 ms);',
    '  the same bench now keeps p99 near 10 ms on PGlite and 6 ms on PostgreSQL.',
    '',
    '- **Import vs raw COPY.** One person is written to four tables (person, residence, id_card,',
    '  household_member; households besides) with eleven indexes between them, after parsing and',
    '  validating the row in JavaScript (~35 µs a row: papaparse, personal-ID and date checks, name',
    '  folding). Per 100,000 rows on PostgreSQL the COPYs take 2.4 s (person), 1.8 s (residence), 1.6 s',
    '  (household_member), 0.8 s (id_card). A raw COPY writes one unindexed table. Foreign keys between',
    '  registry tables were removed (they halved the speed); the import validates the next batch while',
    '  the previous one is written. Deferring the ten non-unique secondary indexes of an empty',
    '  registry to the end of a first load (dropped, loaded, rebuilt with 512 MB maintenance memory:',
    '  5 s for 1M) was tried by hand on 1,000,000 rows on PostgreSQL: 11,878 rows/s with the indexes,',
    '  15,359 deferred (1.3×; not built: a crash in the middle would leave the registry without its',
    '  search indexes). Half of raw COPY is out of reach here: the raw COPY takes 3-4 µs a row, the',
    '  validation alone takes 35 µs a row in JavaScript, and the database\'s share of writing four',
    '  tables and their keys is 50-65 µs a row; two cores shared by both give at most 20,000-',
    '  23,000 rows/s (0.1 of raw COPY), whatever the overlap.',
    '- **GET person vs a bare route.** Each request verifies the token (cached), checks role, purpose',
    '  and jurisdiction, reads the record (cached), filters fields, hashes and appends an access-log',
    '  entry and waits until it is durable, then serialises ~1.5 KB through the zod response schema.',
    '  With the access log\'s batch down to one statement (five before) PostgreSQL went from 0.13 to',
    '  0.17 of the bare route in the bench (14,000-14,800 req/s in separate probes of the same',
    '  session, 0.26). A profile of the server at 14,000 req/s shows its main thread idle half the',
    '  time: with 50 connections all waiting on the same batch, the server and the database take',
    '  turns (about 1.6 ms of JavaScript for 50 requests, then about 1 ms to write their 50 entries),',
    '  so throughput is near 50 / (2.6 ms + round trips). Sending the next batch while one is being',
    '  written (the database orders them under its lock) measured slower. Answering without waiting',
    '  for the entry (an experiment, not shipped: a read that cannot be logged is not shown) gave',
    '  17,000-17,800 req/s with the machine 85 % busy (vmstat): the server, the load generator and',
    '  PostgreSQL share two cores, and half of the bare route (27,000-31,000 req/s here) is out of reach',
    '  for any request that writes a durable, hash-chained entry.',
    '- **Code + PKCE login p95 at 50 concurrent users.** 50 users who log in again the moment they',
    '  are in (no think time) ask for 333 logins/s to keep p95 under 150 ms (Little\'s law). A CPU',
    '  profile of the provider put 26-37 % of its time in `writev`: the socket writes of database round',
    '  trips are what a login costs on this machine. An SSO login made 16 round trips; now about 6: the',
    '  authorization code and the grant are kept in memory where they are written (write-through; the',
    '  code\'s consumption stays a conditional UPDATE in the database, which also closed a race: on',
    '  PostgreSQL two simultaneous exchanges of one code both got tokens), the session is remembered',
    '  5 s (read at /auth by id and at /token by uid), the account 2 s (read at /auth and at /token), and',
    '  the access log appends a batch in one statement instead of five. SSO p95 went 213 → 169 → 104 ms',
    '  over three sessions (same bench). What is left per login: saving the session and the code,',
    '  storing the opaque access token for userinfo, consuming the code, and the claims release in the',
    '  access log (shared by the logins of the same moment). With a password, argon2id (19 MiB, t=2,',
    '  7-11 ms a hash, four libuv threads over two cores) bounds the rate near 60 logins/s per vCPU:',
    '  50 users arriving together wait their turn, so the saturated p95 is the hash queue, not the',
    '  flow. At the rate Keycloak sizes two vCPUs for (30 logins/s, arriving on a clock whatever the',
    '  others do), the same password login has p95 34 ms.',
    '- **Access log writes.** A batch is one `select audit.append(text[])`: under an advisory lock it',
    '  reads the chain\'s head, chains the hashes in PL/pgSQL exactly as `entryHash` does (a test feeds',
    '  it Vietnamese, quotes, control characters and emoji and verifies the chain in TypeScript) and',
    '  writes the rows with one INSERT: 0.4 ms for one entry, about 18 µs an entry in batches of 50-200',
    '  (five round trips and a COPY before). Two batches in flight at once (the second waiting on the',
    '  lock) measured slower than one at a time.',
    '',
  ];
  return lines.join('\n');
}

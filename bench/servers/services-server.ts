// A bench target for online public services: the open06 app on PostgreSQL in its own process, a
// synthetic Hải Phòng population, and N applications already in the database (bulk-inserted by SQL,
// spread over the procedures, the communes, the steps of their workflows and the statuses an
// application goes through), so that submissions and desk queues are measured against a full table.
// Prints one JSON line. Usage: node bench/servers/services-server.ts <postgres-url> <people> <applications>
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { loadAdminUnits } from '../../kernel/src/admin-units/index.ts';
import { buildApp } from '../../server/src/app.ts';
import { loadTokenService } from '../../server/src/http/service-token.ts';
import { openDatabase } from '../../server/src/platform/db/db.ts';
import { migrate } from '../../server/src/platform/db/migrate.ts';
import { seedDatabase } from '../../server/src/modules/registry/index.ts';
import { loadCatalogue } from '../../server/src/modules/services/index.ts';

export interface ServicesBenchHello {
  url: string;
  /** Citizens of the province (tokens), each with their own personal ID. */
  citizens: { pid: string; token: string }[];
  /** Mothers married to a resident head of household: applicants of the linked birth chain. */
  parents: { pid: string; token: string }[];
  /** Officials by `${role}@${unit}`. */
  officials: Record<string, string>;
  /** One-stop desks of the communes (for the queue benchmark). */
  desks: string[];
  applications: number;
}

const [target, peopleArg = '20000', appsArg = '1000000'] = process.argv.slice(2);
if (!target) throw new Error('usage: services-server.ts <postgres-url> <people> <applications>');
const db = await openDatabase({ kind: 'postgres', url: target });
await migrate(db);
if (!(await db.kysely.selectFrom('registry.person').select('pid').limit(1).executeTakeFirst())) await seedDatabase(db, { seed: 2026, people: Number(peopleArg), provinces: ['31'] });
const communes = loadAdminUnits()
  .communesOf('31')
  .map((c) => c.code);

// the applications already there: each procedure's first step (a realistic queue mix), statuses in
// the shares a running service would have, submitted over the last two years
const existing = Number((await sql<{ n: string }>`select count(*) as n from services.application`.execute(db.kysely)).rows[0]!.n);
const wanted = Number(appsArg);
if (existing < wanted) {
  const catalogue = loadCatalogue();
  const procs = [...catalogue.procedures.values()].flatMap((d) => (d.kind === 'single' ? [{ id: d.id, role: d.workflow.steps[0]!.role, unit: d.workflow.steps[0]!.unit, step: d.workflow.steps[0]!.id }] : []));
  const procJson = JSON.stringify(procs);
  const pids = (await db.kysely.selectFrom('registry.person').select('pid').orderBy('pid').limit(20000).execute()).map((p) => p.pid);
  const batch = 100_000;
  for (let done = existing; done < wanted; done += batch) {
    const n = Math.min(batch, wanted - done);
    await sql`
      with p as (select row_number() over () - 1 as i, value as proc from jsonb_array_elements(${procJson}::jsonb)),
      c as (select row_number() over () - 1 as i, code from unnest(${communes}::text[]) as code),
      who as (select row_number() over () - 1 as i, pid from unnest(${pids}::text[]) as pid),
      g as (
        select s, (s * 7919) % ${procs.length} as pi, (s * 104729) % ${communes.length} as ci, (s * 31) % ${pids.length} as wi, (s * 13) % 100 as roll,
               now() - ((s % 730) || ' days')::interval as at
        from generate_series(${done + 1}::bigint, ${done + n}::bigint) as s
      )
      insert into services.application (id, code, service_id, applicant_pid, submitted_by, channel, commune_code, province_code, status,
        step_id, step_role, queue_unit, data, documents, prefilled, fields_total, fields_prefilled, fee_amount, fee_paid, submitted_at,
        received_on, due_on, completed_at, result)
      select gen_random_uuid(), 'BENCH-' || g.s, p.proc->>'id', who.pid, 'bench', case when g.roll < 70 then 'online' when g.roll < 75 then 'kiosk' else 'desk' end,
        c.code, '31',
        case when g.roll % 10 < 7 then 'completed' when g.roll % 10 = 7 then 'in_progress' when g.roll % 10 = 8 then 'refused' else 'supplement_requested' end,
        case when g.roll % 10 = 7 then p.proc->>'step' end,
        case when g.roll % 10 = 7 then p.proc->>'role' end,
        case when g.roll % 10 = 7 then (case when p.proc->>'unit' = 'commune' then c.code else '31' end) end,
        '{}'::jsonb, '{}'::jsonb, '{}'::jsonb, 12, 9, 0, null, g.at,
        (g.at at time zone 'Asia/Ho_Chi_Minh')::date, (g.at at time zone 'Asia/Ho_Chi_Minh')::date + (g.s % 15)::int,
        case when g.roll % 10 in (0, 1, 2, 3, 4, 5, 6, 8) then g.at + interval '3 days' end,
        case when g.roll % 10 in (0, 1, 2, 3, 4, 5, 6) then '{"outcome":"approved"}'::jsonb end
      from g join p on p.i = g.pi join c on c.i = g.ci join who on who.i = g.wi`.execute(db.kysely);
    process.stderr.write(`[services-server] ${done + n} applications\n`);
  }
  await sql`analyze services.application`.execute(db.kysely);
}

const keysDir = fs.mkdtempSync(path.join(os.tmpdir(), 'open06-bench-keys-'));
const tokens = await loadTokenService(keysDir);
const app = await buildApp({ db, tokens, publicUrl: 'http://127.0.0.1', keysDir, filesDir: path.join(keysDir, 'files'), logLevel: 'warn', serveWeb: false });

const adults = await db.kysely
  .selectFrom('registry.person as p')
  .innerJoin('registry.residence as r', (j) => j.onRef('r.pid', '=', 'p.pid').on('r.kind', '=', 'permanent').on('r.valid_to', 'is', null))
  .select(['p.pid'])
  .where('p.life_status', '=', 'alive')
  .where('p.birth_date', '<', '2006')
  .where('p.birth_date', '>', '1950')
  .orderBy('p.pid')
  .limit(2000)
  .execute();
const citizens = await Promise.all(adults.map(async (p) => ({ pid: p.pid, token: await tokens.issue({ sub: `bench-citizen-${p.pid}`, role: 'citizen', pid: p.pid }, 7200) })));
// mothers whose husband heads their household: the birth chain joins the child to it
const mothers = await sql<{ pid: string }>`
  select m.pid from registry.person m
  join registry.person f on f.pid = m.spouse_pid
  join registry.household_member hm on hm.pid = m.pid and hm.left_on is null
  join registry.household h on h.id = hm.household_id and h.head_pid = f.pid
  join registry.residence r on r.pid = m.pid and r.kind = 'permanent' and r.valid_to is null
  join registry.residence rf on rf.pid = f.pid and rf.kind = 'permanent' and rf.valid_to is null
  where m.sex = 'F' and m.life_status = 'alive' and f.life_status = 'alive' and m.birth_date between '1985' and '2004'
  order by m.pid limit 200`.execute(db.kysely);
const parents = await Promise.all(mothers.rows.map(async (p) => ({ pid: p.pid, token: await tokens.issue({ sub: `bench-mother-${p.pid}`, role: 'citizen', pid: p.pid }, 7200) })));
const officials: Record<string, string> = {};
for (const code of communes)
  for (const role of ['one_stop_officer', 'civil_status_officer', 'commune_chairman', 'commune_police'] as const)
    officials[`${role}@${code}`] = await tokens.issue({ sub: `bench-${role}-${code}`, role, unit: code }, 7200);
officials['social_insurance_officer@31'] = await tokens.issue({ sub: 'bench-bhxh-31', role: 'social_insurance_officer', unit: '31' }, 7200);
const url = await app.http.listen({ port: 0, host: '127.0.0.1' });
const hello: ServicesBenchHello = { url, citizens, parents, officials, desks: communes.map((c) => officials[`one_stop_officer@${c}`]!), applications: wanted };
console.log(JSON.stringify(hello));
process.on('SIGTERM', () => void app.close().then(() => db.close()).then(() => process.exit(0)));

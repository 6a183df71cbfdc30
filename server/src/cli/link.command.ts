// `open06 link`: duplicate detection in one CSV file, or linkage of two (an outside list to the
// registry). Pairs at or above the threshold go to --out (or stdout) as
// left_id,right_id,match_probability[,explanation columns]; the summary is one JSON line on stdout
// (on stderr when the pairs themselves go to stdout). Progress on stderr.
import fs from 'node:fs';
import { once } from 'node:events';
import type { Command } from 'commander';
import { stringify } from 'csv-stringify/sync';
import { AppError } from '../http/errors.ts';
import { LINKAGE_DEFAULTS, parseFieldSpecs, readCsvInto, RecordTable, runLinkage, type FieldSpec, type LinkageModel, type LinkageProgress, type LinkageRun } from '../modules/quality/index.ts';
import { progress, type Progress } from '../platform/progress.ts';

interface LinkOptions {
  id: string;
  rightId?: string;
  fields: string;
  rightColumns?: string;
  threshold: string;
  review: string;
  out?: string;
  best?: string;
  clusters?: string;
  explain?: boolean;
  blocking?: string;
  maxBlockPairs?: string;
  model?: string;
  saveModel?: string;
  termFrequency: boolean;
}

const PHASES: Record<LinkageProgress['phase'], string> = {
  blocking: 'blocking rules',
  comparing: 'comparing pairs',
  sampling: 'random pairs (u)',
  training: 'EM sessions (m)',
  scoring: 'scoring pairs',
  clustering: 'clustering',
};

export function registerLinkCommand(program: Command): void {
  program
    .command('link <left> [right]')
    .description('Find duplicate persons in one CSV file, or link the rows of a second file to the first (probabilistic record linkage, Fellegi–Sunter with EM)')
    .requiredOption('--id <column>', 'column holding each row’s id')
    .requiredOption('--fields <specs>', 'kind=column,… with kinds full_name, family_name, middle_name, given_name, dob, sex, id_number, phone, address, commune, text:<name>, exact:<name>')
    .option('--right-id <column>', 'id column of the right file (default: --id)')
    .option('--right-columns <specs>', 'name=column,… where the right file names a field’s column differently')
    .option('--threshold <p>', 'report pairs with match probability ≥ p', String(LINKAGE_DEFAULTS.threshold))
    .option('--review <p>', 'linking: best matches between this and the threshold go to review', String(LINKAGE_DEFAULTS.reviewThreshold))
    .option('--out <file>', 'pairs CSV (default: standard output)')
    .option('--best <file>', 'linking: the best right-hand row for every left row, with status matched / review / none')
    .option('--clusters <file>', 'deduplication: id,cluster_id for every row in a cluster of two or more')
    .option('--explain', 'add the match weight and, per comparison, level, m, u and weight to every pair')
    .option('--blocking <rules>', 'blocking rules, comma-separated, keys joined by + (e.g. name+dob.year,phone)')
    .option('--max-block-pairs <n>', 'skip (and report) blocks with more pairs than this', String(LINKAGE_DEFAULTS.maxBlockPairs))
    .option('--model <file>', 'score with this saved model instead of training one')
    .option('--save-model <file>', 'write the trained model (JSON)')
    .option('--no-term-frequency', 'no term-frequency adjustments')
    .action(async (left: string, right: string | undefined, o: LinkOptions) => {
      try {
        await link(left, right, o);
      } catch (err) {
        fail(err);
      }
    });
}

async function link(leftFile: string, rightFile: string | undefined, o: LinkOptions): Promise<void> {
  const started = performance.now();
  const threshold = Number(o.threshold);
  const review = Number(o.review);
  const maxBlockPairs = Number(o.maxBlockPairs);
  if (!(threshold > 0 && threshold < 1)) throw new UsageError('--threshold must be a probability between 0 and 1');
  if (!(review > 0 && review <= threshold)) throw new UsageError('--review must be between 0 and the threshold');
  if (!(Number.isInteger(maxBlockPairs) && maxBlockPairs > 0)) throw new UsageError('--max-block-pairs must be a positive whole number');
  const fields = parseFieldSpecs(o.fields);
  const rightFields = rightFile ? withRightColumns(fields, o.rightColumns) : null;
  let model: LinkageModel | undefined;
  if (o.model) {
    try {
      model = JSON.parse(fs.readFileSync(o.model, 'utf8')) as LinkageModel;
    } catch {
      throw new UsageError(`cannot read the model ${o.model}`);
    }
  }

  const table = new RecordTable(fields);
  const files = [leftFile, ...(rightFile ? [rightFile] : [])];
  const totalKiB = files.reduce((a, f) => a + (fs.existsSync(f) ? Math.ceil(fs.statSync(f).size / 1024) : 0), 0);
  let bar: Progress = progress('reading', Math.max(1, totalKiB), ' KiB');
  let readBefore = 0;
  const onBytes = (b: number) => bar.update(readBefore + Math.round(b / 1024), `${table.rows} rows`);
  await readCsvInto(table, leftFile, { idColumn: o.id, path: 'left', onBytes });
  if (rightFile) {
    readBefore = Math.ceil(fs.statSync(leftFile).size / 1024);
    table.startRight();
    await readCsvInto(table, rightFile, { idColumn: o.rightId ?? o.id, columns: rightFields!.map((f) => f.column), path: 'right', onBytes });
  }
  bar.stop();
  const readSeconds = (performance.now() - started) / 1000;

  let phase: LinkageProgress['phase'] | null = null;
  const run = runLinkage(table, {
    threshold,
    reviewThreshold: review,
    maxBlockPairs,
    termFrequency: o.termFrequency,
    ...(o.blocking ? { blocking: o.blocking.split(',').map((r) => r.trim()).filter(Boolean) } : {}),
    ...(model ? { model } : {}),
    onProgress: (p) => {
      if (p.phase !== phase) {
        bar.stop();
        phase = p.phase;
        bar = progress(PHASES[p.phase], Math.max(1, p.total));
      }
      bar.update(p.done);
    },
  });
  bar.stop();

  const pairs = run.pairsAbove(threshold);
  const toStdout = !o.out;
  await writeCsv(o.out ?? null, pairHeader(run, !!o.explain), pairs.map((p) => pairRow(run, p, !!o.explain)));
  if (o.best && run.best) await writeCsv(o.best, ['left_id', 'right_id', 'match_probability', 'status', 'reason', 'second_id', 'second_probability'], run.best.map((b) => [b.leftId, b.rightId ?? '', fmt(b.matchProbability), b.status, b.reason ?? '', b.secondId ?? '', b.secondProbability === undefined ? '' : fmt(b.secondProbability)]));
  if (o.clusters && run.clusters) {
    const of = run.clusters.of;
    const size = new Map<number, number>();
    for (let i = 0; i < of.length; i++) size.set(of[i]!, (size.get(of[i]!) ?? 0) + 1);
    const rows: string[][] = [];
    for (let i = 0; i < of.length; i++) if (size.get(of[i]!)! > 1) rows.push([run.ids[i]!, run.ids[of[i]!]!]);
    await writeCsv(o.clusters, ['id', 'cluster_id'], rows);
  }
  if (o.saveModel) fs.writeFileSync(o.saveModel, JSON.stringify(run.model, null, 2) + '\n');

  const best = run.best;
  const summary = {
    mode: run.stats.mode,
    leftRows: run.stats.leftRows,
    rightRows: run.stats.rightRows,
    possiblePairs: run.stats.possiblePairs,
    comparisons: run.stats.comparisons,
    threshold,
    pairs: pairs.length,
    ...(run.clusters ? { clusters: run.clusters.count, clusterMergesRefused: run.clusters.refused } : {}),
    ...(best ? { matched: best.filter((b) => b.status === 'matched').length, review: best.filter((b) => b.status === 'review').length, unmatched: best.filter((b) => b.status === 'none').length } : {}),
    expectedMatches: run.stats.expectedMatches,
    lambda: run.model.lambda,
    blocking: run.stats.blocking,
    seconds: { read: Math.round(readSeconds * 1000) / 1000, ...run.stats.seconds, total: Math.round(performance.now() - started) / 1000 },
    peakRssMB: peakRssMB(),
    ...(o.out ? { out: o.out } : {}),
  };
  (toStdout ? process.stderr : process.stdout).write(JSON.stringify(summary) + '\n');
}

function withRightColumns(fields: FieldSpec[], text: string | undefined): FieldSpec[] {
  const out = fields.map((f) => ({ ...f }));
  for (const part of (text ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    const eq = part.indexOf('=');
    const name = part.slice(0, eq).trim();
    const column = part.slice(eq + 1).trim();
    const f = out.find((x) => x.name === name);
    if (eq < 0 || !f || !column) throw new UsageError(`--right-columns: "${part}" must be <field name>=<column> for one of ${fields.map((x) => x.name).join(', ')}`);
    f.column = column;
  }
  return out;
}

function pairHeader(run: LinkageRun, explain: boolean): string[] {
  const h = ['left_id', 'right_id', 'match_probability'];
  if (!explain) return h;
  h.push('match_weight', 'prior_weight');
  for (const c of run.model.comparisons) h.push(`${c.name}_level`, `${c.name}_m`, `${c.name}_u`, `${c.name}_weight`);
  return h;
}

function pairRow(run: LinkageRun, p: { left: number; right: number; probability: number }, explain: boolean): string[] {
  const row = [run.ids[p.left]!, run.ids[p.right]!, fmt(p.probability)];
  if (!explain) return row;
  const e = run.explain(p.left, p.right);
  row.push(e.matchWeight.toFixed(3), e.priorWeight.toFixed(3));
  for (const c of e.contributions) row.push(c.level, sig(c.m), sig(c.u), c.weight.toFixed(3));
  return row;
}

const fmt = (p: number) => (p >= 0.999999 ? '1' : p.toFixed(6));
const sig = (x: number) => Number(x.toPrecision(4)).toString();

async function writeCsv(file: string | null, header: string[], rows: string[][]): Promise<void> {
  const out = file ? fs.createWriteStream(file) : process.stdout;
  const write = async (s: string) => {
    if (!out.write(s)) await once(out, 'drain');
  };
  await write(stringify([header]));
  for (let k = 0; k < rows.length; k += 5000) await write(stringify(rows.slice(k, k + 5000)));
  if (file) {
    (out as fs.WriteStream).end();
    await once(out, 'finish');
  }
}

function peakRssMB(): number | null {
  try {
    const s = fs.readFileSync('/proc/self/status', 'utf8');
    const kb = Number(/VmHWM:\s+(\d+)/.exec(s)?.[1]);
    return Number.isFinite(kb) ? Math.round(kb / 1024) : null;
  } catch {
    return null;
  }
}

class UsageError extends Error {}

function fail(err: unknown): void {
  if (err instanceof AppError) {
    for (const f of err.fields) console.error(`${f.path}: ${f.message.en} / ${f.message.vi}`);
    if (!err.fields.length) console.error(err.detail?.en ?? err.title.en);
  } else if (err instanceof UsageError) console.error(err.message);
  else throw err;
  process.exitCode = 2;
}

// `open06 import`: persons from CSV or NDJSON. Each row is validated; rejected rows are kept with
// their reason; accepted rows are committed in all-or-nothing batches together with the job's
// progress, so a re-run after a crash resumes after the last committed batch and writes nothing twice.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import Papa from 'papaparse';
import { stringify } from 'csv-stringify/sync';
import type { BulkSession, Db } from '../../../platform/db/db.ts';
import { copyCsv } from '../../../platform/db/copy-csv.ts';
import { vnDay } from '../../../platform/clock.ts';
import { parsePersonRow } from './person-record.parse.ts';
import { afterBulkLoad, writePersonBatch } from './person-bulk.writer.ts';
import type { PersonRecord } from './person-record.ts';

export interface ImportOptions {
  file: string;
  format?: 'csv' | 'ndjson';
  /** Who runs the import (kept as the creator of every record). */
  actor: string;
  batchSize?: number;
  /** Where rejected rows are written (CSV); default `<file>.rejects.csv`. */
  rejectsFile?: string;
  /** Called after each committed batch. */
  onProgress?: (p: ImportProgress) => void;
}

export interface ImportProgress {
  rows: number;
  accepted: number;
  rejected: number;
  bytes: number;
  totalBytes: number;
}

export interface ImportReport extends ImportProgress {
  job: string;
  resumedFrom: number;
  status: 'done' | 'already_done';
  rejectsFile: string | null;
  seconds: number;
}

interface RawRow {
  rowNo: number;
  /** The row as it was in the file (for the reject file). */
  raw: () => string;
  value: Record<string, unknown> | null;
}

type Prepared = { rowNo: number; raw: () => string } & ({ ok: true; record: PersonRecord } | { ok: false; field: string | null; reason: string });

export function formatOf(file: string, format?: string): 'csv' | 'ndjson' {
  if (format === 'csv' || format === 'ndjson') return format;
  return /\.(nd)?jsonl?$/i.test(file) || /\.ndjson$/i.test(file) ? 'ndjson' : 'csv';
}

async function fileHash(file: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) h.update(chunk as Buffer);
  return h.digest('hex');
}

async function* readRows(file: string, format: 'csv' | 'ndjson', counter: { bytes: number }): AsyncGenerator<RawRow> {
  // Decoded as UTF-8 by the stream, so a character split between two chunks stays whole.
  const input = fs.createReadStream(file, { encoding: 'utf8' });
  input.on('data', (c) => (counter.bytes += Buffer.byteLength(c as string)));
  if (format === 'ndjson') {
    let rowNo = 0;
    for await (const line of readline.createInterface({ input, crlfDelay: Infinity })) {
      if (!line.trim()) continue;
      rowNo += 1;
      let value: Record<string, unknown> | null = null;
      try {
        const v = JSON.parse(line) as unknown;
        value = v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
      } catch {
        value = null;
      }
      yield { rowNo, raw: () => line, value };
    }
    return;
  }
  // papaparse: about three times faster than csv-parse on these files (bench/import.bench.ts)
  const rows = input.pipe(Papa.parse(Papa.NODE_STREAM_INPUT, { skipEmptyLines: 'greedy' })) as AsyncIterable<string[]>;
  let header: string[] | null = null;
  let rowNo = 0;
  for await (const cells of rows) {
    if (!header) {
      header = cells.map((h) => h.replace(/^\uFEFF/, '').trim());
      continue;
    }
    rowNo += 1;
    const value: Record<string, string> = {};
    for (let i = 0; i < header.length; i++) value[header[i]!] = cells[i] ?? '';
    if (cells.length > header.length) value['(extra columns)'] = cells.slice(header.length).join(',');
    yield { rowNo, raw: () => Papa.unparse([cells]), value };
  }
}

function prepare(row: RawRow, today: string): Prepared {
  if (!row.value) return { rowNo: row.rowNo, raw: row.raw, ok: false, field: null, reason: '[json_invalid] Dòng không phải một đối tượng JSON / not a JSON object' };
  const r = parsePersonRow(row.value, today);
  if (r.ok) return { rowNo: row.rowNo, raw: row.raw, ok: true, record: r.record };
  return { rowNo: row.rowNo, raw: row.raw, ok: false, field: r.problems[0]!.path, reason: r.problems.map((x) => `[${x.code}] ${x.message.vi}`).join('; ') };
}

export async function importPersons(db: Db, opts: ImportOptions): Promise<ImportReport> {
  const started = Date.now();
  const format = formatOf(opts.file, opts.format);
  const batchSize = opts.batchSize ?? 5000;
  const totalBytes = fs.statSync(opts.file).size;
  const job = (await fileHash(opts.file)).slice(0, 32);
  const rejectsFile = opts.rejectsFile ?? `${opts.file}.rejects.csv`;
  const source = `import:${job.slice(0, 12)}`;
  const today = vnDay(new Date());

  const existing = await db.kysely.selectFrom('registry.import_job').selectAll().where('id', '=', job).executeTakeFirst();
  if (existing?.status === 'done') {
    return { job, resumedFrom: Number(existing.rows_done), status: 'already_done', rows: Number(existing.rows_done), accepted: Number(existing.accepted), rejected: Number(existing.rejected), bytes: totalBytes, totalBytes, rejectsFile: null, seconds: 0 };
  }
  if (!existing)
    await db.kysely.insertInto('registry.import_job').values({ id: job, file_name: path.basename(opts.file), format }).execute();
  const resumedFrom = Number(existing?.rows_done ?? 0);
  const progress: ImportProgress = { rows: resumedFrom, accepted: Number(existing?.accepted ?? 0), rejected: Number(existing?.rejected ?? 0), bytes: 0, totalBytes };
  const counter = { bytes: 0 };

  async function commit(batch: Prepared[]): Promise<void> {
    const good: { rowNo: number; record: PersonRecord }[] = [];
    const rejects: (string | number | null)[][] = [];
    const seen = new Set<string>();
    for (const row of batch) {
      if (!row.ok) rejects.push([job, row.rowNo, row.field, row.reason, row.raw()]);
      else if (seen.has(row.record.pid))
        rejects.push([job, row.rowNo, 'pid', '[pid_duplicate_in_file] Số định danh lặp lại trong tệp / repeated in the file', row.raw()]);
      else {
        seen.add(row.record.pid);
        good.push({ rowNo: row.rowNo, record: row.record });
      }
    }
    await db.bulk(async (s: BulkSession) => {
      const result = await writePersonBatch(s, good, { source, actor: opts.actor, today });
      const raws = new Map(batch.map((b) => [b.rowNo, b.raw]));
      for (const d of result.alreadyRegistered)
        rejects.push([job, d.rowNo, 'pid', '[pid_taken] Số định danh đã có trong CSDL hoặc đã bị hủy vĩnh viễn / already registered or retired', raws.get(d.rowNo)?.() ?? '']);
      if (rejects.length) await s.copyCsv('registry.import_reject', ['job_id', 'row_no', 'field', 'reason', 'raw'], copyCsv(rejects));
      progress.rows += batch.length;
      progress.accepted += result.inserted;
      progress.rejected += rejects.length;
      await s.query('update registry.import_job set rows_done = $2, accepted = $3, rejected = $4 where id = $1', [job, progress.rows, progress.accepted, progress.rejected]);
    });
    progress.bytes = counter.bytes;
    opts.onProgress?.({ ...progress });
  }

  // The next batch is read and validated while the previous one is being written (in order:
  // a batch starts only after the one before it committed, so progress stays exact).
  let batch: Prepared[] = [];
  let writing: Promise<void> | null = null;
  for await (const row of readRows(opts.file, format, counter)) {
    if (row.rowNo <= resumedFrom) continue;
    batch.push(prepare(row, today));
    if (batch.length >= batchSize) {
      await writing;
      writing = commit(batch);
      writing.catch(() => {}); // awaited (and rethrown) before the next batch
      batch = [];
    }
  }
  await writing;
  if (batch.length) await commit(batch);
  await db.kysely.updateTable('registry.import_job').set({ status: 'done', finished_at: new Date() }).where('id', '=', job).execute();
  await afterBulkLoad(db);

  let written: string | null = null;
  if (progress.rejected > 0) {
    const rows = await db.kysely.selectFrom('registry.import_reject').select(['row_no', 'field', 'reason', 'raw']).where('job_id', '=', job).orderBy('row_no').execute();
    fs.writeFileSync(rejectsFile, stringify(rows.map((r) => [r.row_no, r.field, r.reason, r.raw]), { header: true, columns: ['row', 'field', 'reason', 'raw'] }));
    written = rejectsFile;
  }
  return { job, resumedFrom, status: 'done', ...progress, bytes: totalBytes, rejectsFile: written, seconds: (Date.now() - started) / 1000 };
}

// Streams a CSV file into a RecordTable: only the id and field columns are kept, row by row, so a
// file of a million rows never sits in memory as text.
import fs from 'node:fs';
import Papa from 'papaparse';
import { ValidationError } from '../../../http/errors.ts';
import type { RecordTable } from './engine.ts';

export interface CsvReadOptions {
  idColumn: string;
  /** The file's column for each of the table's fields, when it names them differently (default: each field's `column`). */
  columns?: readonly string[];
  /** Which argument the file came from, for error paths (`left`, `right`). */
  path?: string;
  onBytes?: (bytes: number, total: number) => void;
}

/** Adds every row of `file` to `table`; returns the number of rows read. */
export async function readCsvInto(table: RecordTable, file: string, opts: CsvReadOptions): Promise<number> {
  const path = opts.path ?? 'file';
  let total: number;
  try {
    total = fs.statSync(file).size;
  } catch {
    throw ValidationError.field(path, 'file_not_found', { vi: `Không đọc được tệp ${file}.`, en: `Cannot read the file ${file}.` });
  }
  const input = fs.createReadStream(file, { encoding: 'utf8' });
  let bytes = 0;
  input.on('data', (c) => {
    bytes += Buffer.byteLength(c as string);
    opts.onBytes?.(bytes, total);
  });
  const rows = input.pipe(Papa.parse(Papa.NODE_STREAM_INPUT, { skipEmptyLines: 'greedy' })) as AsyncIterable<string[]>;
  let idAt = -1;
  let at: number[] | null = null;
  const values = new Array<string>(table.fields.length).fill('');
  let n = 0;
  for await (const cells of rows) {
    if (!at) {
      const header = cells.map((h) => h.replace(/^\uFEFF/, '').trim());
      const find = (col: string) => {
        const k = header.indexOf(col);
        if (k < 0)
          throw ValidationError.field(`${path}.${col}`, 'column_missing', {
            vi: `Tệp ${file} không có cột "${col}" (có: ${header.join(', ')}).`,
            en: `The file ${file} has no column "${col}" (it has: ${header.join(', ')}).`,
          });
        return k;
      };
      idAt = find(opts.idColumn);
      at = (opts.columns ?? table.fields.map((f) => f.column)).map(find);
      continue;
    }
    for (let f = 0; f < at.length; f++) values[f] = cells[at[f]!] ?? '';
    table.add(cells[idAt] ?? '', values);
    n++;
  }
  if (!at) throw ValidationError.field(path, 'file_empty', { vi: `Tệp ${file} rỗng (không có dòng tiêu đề).`, en: `The file ${file} is empty (no header line).` });
  opts.onBytes?.(total, total);
  return n;
}

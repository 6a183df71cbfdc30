// Rows → CSV text for COPY … WITH (FORMAT csv): null is an empty unquoted field, an empty string
// is "" and anything with a comma, quote or line break is quoted.
export function copyCsv(rows: readonly (readonly unknown[])[]): string {
  let out = '';
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) {
      if (i) out += ',';
      const v = row[i];
      if (v === null || v === undefined) continue;
      const s = typeof v === 'string' ? v : v instanceof Date ? v.toISOString() : typeof v === 'object' ? JSON.stringify(v) : String(v);
      out += s === '' || /[",\n\r\\]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    }
    out += '\n';
  }
  return out;
}

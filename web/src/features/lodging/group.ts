// A group's list (a tour group, a bus manifest) pasted or uploaded as CSV: split into rows, the
// columns recognised by their headers in Vietnamese or English (diacritics optional), each row made a
// guest — a citizen by personal ID, a foreigner by passport. Pure; the server checks every row again.
import { fold } from '@open06/kernel';
import type { CitizenGuest, ForeignGuest, Sex } from './lodging.ts';
import { isoDate } from './time.ts';

const COLUMNS = ['pid', 'fullName', 'birthDate', 'sex', 'nationality', 'passportNo', 'visaNo', 'entryDate', 'entryPurpose', 'room'] as const;
type Column = (typeof COLUMNS)[number];

const HEADERS: Record<Column, string[]> = {
  pid: ['pid', 'sodinhdanh', 'sodinhdanhcanhan', 'socancuoc', 'cccd', 'socccd', 'personalid', 'idnumber'],
  fullName: ['fullname', 'hovaten', 'hoten', 'name'],
  birthDate: ['birthdate', 'ngaysinh', 'dateofbirth', 'dob'],
  sex: ['sex', 'gioitinh', 'gender'],
  nationality: ['nationality', 'quoctich'],
  passportNo: ['passportno', 'passport', 'sohochieu', 'hochieu'],
  visaNo: ['visano', 'visa', 'sothithuc', 'thithuc'],
  entryDate: ['entrydate', 'ngaynhapcanh'],
  entryPurpose: ['entrypurpose', 'mucdichnhapcanh'],
  room: ['room', 'phong', 'sophong', 'seat', 'ghe', 'soghe'],
};

/** The header line of the template offered for download. */
export const TEMPLATE_HEADER = 'Số định danh,Họ và tên,Ngày sinh,Giới tính,Quốc tịch,Số hộ chiếu,Số thị thực,Ngày nhập cảnh,Mục đích nhập cảnh,Phòng';

/** CSV as spreadsheets write it: comma, semicolon or tab separated (guessed from the first line), quoted fields with "" inside. */
function parseCsv(text: string): string[][] {
  const src = text.replace(/^\uFEFF/, '');
  const firstLine = src.split(/\r?\n/, 1)[0] ?? '';
  const sep = ['\t', ';', ','].reduce((best, s) => (firstLine.split(s).length > firstLine.split(best).length ? s : best), ',');
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === sep) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((f) => f.trim() !== ''));
}

/** Which column a header names, if any. */
function columnOf(header: string): Column | undefined {
  const key = fold(header).replace(/[^a-z0-9]/g, '');
  return COLUMNS.find((c) => HEADERS[c].includes(key));
}

function sexOf(text: string): Sex | undefined {
  const s = fold(text);
  if (['m', 'nam', 'male'].includes(s)) return 'M';
  if (['f', 'nu', 'female'].includes(s)) return 'F';
  return undefined;
}

/** A problem found before sending, as an i18n key under `lodging.group.problem`. */
export type RowProblem = 'noName' | 'noDocument' | 'pidFormat' | 'noBirthDate' | 'noSex' | 'noNationality' | 'noEntryDate';

export interface GroupRow {
  /** 1 for the first guest (the line after the header). */
  row: number;
  guest: CitizenGuest | ForeignGuest;
  room?: string;
  problems: RowProblem[];
}

export interface ParsedGroup {
  rows: GroupRow[];
  /** Headers that name no known column (their values are ignored). */
  unknownHeaders: string[];
  /** No column for a name or a document: probably not a list of guests. */
  missingColumns: boolean;
}

/** The rows of a list; `entryPurpose` is a foreign guest's purpose when the list has none. */
export function readGroup(text: string, defaults: { entryPurpose: string }): ParsedGroup {
  const [header = [], ...lines] = parseCsv(text);
  const columns = header.map(columnOf);
  const unknownHeaders = header.filter((h, i) => !columns[i] && h.trim() !== '');
  const missingColumns = !columns.includes('fullName') || !(columns.includes('pid') || columns.includes('passportNo'));
  const rows = lines.map((cells, i): GroupRow => {
    const v: Partial<Record<Column, string>> = {};
    columns.forEach((c, j) => {
      const cell = cells[j]?.trim();
      if (c && cell) v[c] = cell;
    });
    const problems: RowProblem[] = [];
    if (!v.fullName) problems.push('noName');
    if (!v.birthDate) problems.push('noBirthDate');
    const sex = v.sex ? sexOf(v.sex) : undefined;
    let guest: CitizenGuest | ForeignGuest;
    if (v.passportNo && !v.pid) {
      if (!sex) problems.push('noSex');
      if (!v.nationality) problems.push('noNationality');
      if (!v.entryDate) problems.push('noEntryDate');
      guest = {
        kind: 'foreign',
        fullName: v.fullName ?? '',
        sex: sex ?? 'M',
        birthDate: isoDate(v.birthDate ?? ''),
        nationality: (v.nationality ?? '').toUpperCase(),
        passportNo: v.passportNo.toUpperCase(),
        ...(v.visaNo ? { visaNo: v.visaNo } : {}),
        entryDate: isoDate(v.entryDate ?? ''),
        entryPurpose: v.entryPurpose ?? defaults.entryPurpose,
      };
    } else {
      const pid = (v.pid ?? '').replace(/\s+/g, '');
      if (!pid) problems.push('noDocument');
      else if (!/^\d{12}$/.test(pid)) problems.push('pidFormat');
      guest = { kind: 'citizen', pid, fullName: v.fullName ?? '', birthDate: isoDate(v.birthDate ?? ''), ...(sex ? { sex } : {}) };
    }
    return { row: i + 1, guest, ...(v.room ? { room: v.room } : {}), problems };
  });
  return { rows, unknownHeaders, missingColumns };
}

/** The row and field a batch error names: `body.items.3.guest.pid` → row 4, field `pid`. */
export function batchErrorPlace(path: string): { row: number; field: string } | null {
  const m = /^body\.items\.(\d+)(?:\.(.+))?$/.exec(path);
  if (!m) return null;
  const field = (m[2] ?? '').replace(/^guest\./, '');
  return { row: Number(m[1]) + 1, field };
}

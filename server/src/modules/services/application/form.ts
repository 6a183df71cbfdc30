// A form's values checked against its definition (config/services/<id>.json `form`): which fields are
// shown (conditions), required, well-typed and in range. Pure: the registry and the clock are passed
// in. Every problem names its field as `body.values.<section>.<field>`, in Vietnamese and English.
import fs from 'node:fs';
import { parsePartialDate, parsePersonalId, toIsoPartial } from '@open06/kernel';
import { loadAdminUnits } from '@open06/kernel/admin-units';
import type { FieldProblem as Problem } from '../../../http/errors.ts';
import type { Condition, Field, SingleDefinition, LinkedDefinition } from '../catalogue/catalogue.schema.ts';

export type FormDefinition = SingleDefinition | LinkedDefinition;
export type Values = Record<string, unknown>;

const configDir = new URL('../../../../../config/', import.meta.url);
function codes(file: string, key: string): ReadonlySet<string> {
  const list = (JSON.parse(fs.readFileSync(new URL(file, configDir), 'utf8')) as Record<string, { code: string }[]>)[key]!;
  return new Set(list.map((e) => e.code));
}
let lists: { ethnicities: ReadonlySet<string>; religions: ReadonlySet<string> } | undefined;
function optionLists() {
  return (lists ??= { ethnicities: codes('ethnicities.json', 'ethnicities'), religions: codes('religions.json', 'religions') });
}

/** Is the condition met by these values? A condition on a field that is itself hidden is not met. */
export function holds(c: Condition | undefined, values: Values): boolean {
  if (!c) return true;
  const v = values[c.field];
  return c.equals !== undefined ? v === c.equals : c.in!.includes(v as string | number | boolean);
}

/** Every field of the form with its id (`section.field`) and whether it is shown for these values. */
export function fieldsOf(def: FormDefinition): { id: string; field: Field }[] {
  return def.form.sections.flatMap((s) => s.fields.map((field) => ({ id: `${s.id}.${field.name}`, field })));
}

/** `today`, `today-18y`, `2000-01-01` → an ISO day. */
export function dateBound(bound: string, today: string): string {
  if (!bound.startsWith('today')) return bound;
  const m = /^today([+-])(\d+)([dmy])$/.exec(bound);
  if (!m) return today;
  const n = Number(m[2]) * (m[1] === '-' ? -1 : 1);
  const d = new Date(`${today}T00:00:00Z`);
  if (m[3] === 'd') d.setUTCDate(d.getUTCDate() + n);
  if (m[3] === 'm') d.setUTCMonth(d.getUTCMonth() + n);
  if (m[3] === 'y') d.setUTCFullYear(d.getUTCFullYear() + n);
  return d.toISOString().slice(0, 10);
}

const msg = (vi: string, en: string) => ({ vi, en });

function problem(id: string, code: string, vi: string, en: string): Problem {
  return { path: `body.values.${id}`, code, message: msg(vi, en) };
}

/** Checks one value; returns the normalised value (dates as ISO, numbers as numbers) or a problem. */
function checkValue(id: string, f: Field, raw: unknown, today: string): { value: unknown } | { problem: Problem } {
  const label = f.label.vi;
  const bad = (code: string, vi: string, en: string) => ({ problem: problem(id, code, `${label}: ${vi}`, `${f.label.en}: ${en}`) });
  switch (f.type) {
    case 'text': {
      if (typeof raw !== 'string') return bad('type', 'cần là chữ.', 'expected text.');
      const v = raw.normalize('NFC').trim();
      if (f.minLength !== undefined && v.length < f.minLength) return bad('too_short', `cần ít nhất ${f.minLength} ký tự.`, `at least ${f.minLength} characters.`);
      if (f.maxLength !== undefined && v.length > f.maxLength) return bad('too_long', `tối đa ${f.maxLength} ký tự.`, `at most ${f.maxLength} characters.`);
      if (f.pattern && !new RegExp(f.pattern, 'u').test(v)) return bad('pattern', 'không đúng định dạng.', 'not in the expected format.');
      return { value: v };
    }
    case 'date': {
      if (typeof raw !== 'string') return bad('type', 'cần là ngày (dd/mm/yyyy).', 'expected a date (dd/mm/yyyy).');
      const p = parsePartialDate(raw);
      if (!p.ok) return bad('date', p.error.vi, p.error.en);
      if (p.value.day === undefined && !f.partial) return bad('date_incomplete', 'cần đủ ngày, tháng, năm.', 'a full day, month and year is needed.');
      const iso = toIsoPartial(p.value);
      const fmt = (d: string) => d.split('-').reverse().join('/');
      if (f.min) {
        const min = dateBound(f.min, today);
        if (iso < min.slice(0, iso.length)) return bad('date_too_early', `không được trước ${fmt(min)}.`, `must not be before ${min}.`);
      }
      if (f.max) {
        const max = dateBound(f.max, today);
        if (iso > max.slice(0, iso.length)) return bad('date_too_late', `không được sau ${fmt(max)}.`, `must not be after ${max}.`);
      }
      return { value: iso };
    }
    case 'select': {
      if (typeof raw !== 'string') return bad('type', 'cần chọn một giá trị.', 'choose a value.');
      const allowed = f.options ? f.options.some((o) => o.value === raw) : optionLists()[f.optionsFrom!].has(raw);
      if (!allowed) return bad('option', `"${raw}" không có trong danh sách.`, `"${raw}" is not one of the options.`);
      return { value: raw };
    }
    case 'pid': {
      if (typeof raw !== 'string') return bad('type', 'cần số định danh cá nhân 12 chữ số.', 'expected a 12-digit personal ID.');
      const p = parsePersonalId(raw.trim());
      if (!p.valid) return bad('pid', 'số định danh cá nhân không hợp lệ.', 'not a valid personal ID.');
      return { value: raw.trim() };
    }
    case 'commune': {
      if (typeof raw !== 'string' || !loadAdminUnits().commune(raw)) return bad('commune', 'cần mã xã, phường hiện hành.', 'expected a current commune code.');
      return { value: raw };
    }
    case 'number': {
      const n = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
      if (typeof n !== 'number' || !Number.isFinite(n)) return bad('type', 'cần là số.', 'expected a number.');
      if (f.integer && !Number.isInteger(n)) return bad('integer', 'cần là số nguyên.', 'expected a whole number.');
      if (f.min !== undefined && n < f.min) return bad('too_small', `không nhỏ hơn ${f.min}.`, `at least ${f.min}.`);
      if (f.max !== undefined && n > f.max) return bad('too_large', `không lớn hơn ${f.max}.`, `at most ${f.max}.`);
      return { value: n };
    }
    case 'boolean':
      if (typeof raw !== 'boolean') return bad('type', 'cần chọn có hoặc không.', 'expected yes or no.');
      return { value: raw };
    case 'file':
      if (typeof raw !== 'string' || !/^[0-9a-f-]{36}$/.test(raw)) return bad('type', 'cần tệp đã tải lên.', 'expected an uploaded file.');
      return { value: raw };
  }
}

const empty = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/**
 * The values the form keeps (shown fields only, normalised) and every problem. Unknown field ids are
 * problems too, so a typo in a client never passes silently.
 */
export function checkForm(def: FormDefinition, input: Values, today: string): { values: Values; problems: Problem[] } {
  const fields = fieldsOf(def);
  const known = new Set(fields.map((f) => f.id));
  const problems: Problem[] = [];
  for (const id of Object.keys(input))
    if (!known.has(id)) problems.push(problem(id, 'unknown_field', `Biểu mẫu không có trường ${id}.`, `The form has no field ${id}.`));
  // every value given, normalised; then which fields are shown, until that settles (a condition may
  // name a field that is itself hidden, and then it does not hold)
  const checked = new Map<string, { value: unknown } | { problem: Problem }>();
  for (const { id, field } of fields) if (!empty(input[id])) checked.set(id, checkValue(id, field, input[id], today));
  let values: Values = {};
  for (const [id, r] of checked) if ('value' in r) values[id] = r.value;
  let shown = fields;
  for (let round = 0; round < 4; round++) {
    const next = fields.filter((f) => holds(f.field.when, values));
    const kept: Values = {};
    for (const f of next) if (f.id in values) kept[f.id] = values[f.id];
    const settled = next.length === shown.length;
    shown = next;
    values = kept;
    if (settled) break;
  }
  for (const { id, field } of shown) {
    const r = checked.get(id);
    if (!r) {
      if (field.required) problems.push(problem(id, 'required', `${field.label.vi}: bắt buộc.`, `${field.label.en}: required.`));
    } else if ('problem' in r) problems.push(r.problem);
  }
  return { values, problems };
}

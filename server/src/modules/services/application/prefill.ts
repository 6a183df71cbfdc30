// Prefill: the values of a form the registry already holds, each with where it came from (source and
// date), read from the applicant's record, their linked relatives, or a person a pid field of the
// form names. Bindings depend on each other (the mother's name needs the mother's ID, which depends
// on who applies), so they are resolved in rounds until nothing new appears. Pure apart from `read`.
import type { FieldProblem } from '../../../http/errors.ts';
import type { PersonView } from '../../registry/index.ts';
import type { Prefill } from '../catalogue/catalogue.schema.ts';
import { holds, type FormDefinition, type Values } from './form.ts';

export interface PrefillEntry {
  value: string | number | boolean;
  /** Where the registry got the value (`import`, `procedure:birth-registration:…`, `residence` …) and when. */
  source: string;
  updatedAt: string;
  /** Whose record: `applicant`, a relative, or the pid field that named the person. */
  of: string;
  /** The applicant may change it (a choice, e.g. where to register), not a registry fact. */
  editable: boolean;
}

/**
 * Reads a person for the form. `null` when the reader may not or cannot (not linked to the applicant,
 * not in the registry, outside an official's jurisdiction): the caller decides the message.
 */
export type PersonReader = (pid: string, via: { of: string; relative: boolean }) => Promise<PersonView | null>;

export interface PrefillResult {
  entries: Record<string, PrefillEntry>;
  /** Pid fields whose person could not be read, with the reader's reason. */
  unreadable: string[];
}

const RELATIVE_PID: Record<string, (p: PersonView) => string | null | undefined> = {
  spouse: (p) => p.spousePid,
  father: (p) => p.fatherPid,
  mother: (p) => p.motherPid,
  householdHead: (p) => p.household?.headPid,
};

type Scalar = string | number | boolean;
interface Found {
  value: Scalar;
  source: string;
  updatedAt: string;
}

/** The value at a registry path (catalogue vocabulary.ts REGISTRY_PATHS) with its provenance. */
export function valueAt(p: PersonView, from: string): Found | null {
  const record = p.sources?.record ?? { source: 'registry', updatedAt: '' };
  const scalar = (v: unknown, prov: { source: string; updatedAt: string }): Found | null =>
    v === null || v === undefined || v === '' ? null : { value: v as Scalar, source: prov.source, updatedAt: prov.updatedAt };
  let m: RegExpExecArray | null;
  if ((m = /^person\.residences\[kind=(\w+)\]\.(\w+)$/.exec(from))) {
    const r = p.residences?.find((x) => x.kind === m![1] && x.validTo === null);
    return r ? scalar((r as Record<string, unknown>)[m[2]!], { source: 'residence', updatedAt: r.validFrom }) : null;
  }
  if ((m = /^person\.idCards\[status=valid\]\.(\w+)$/.exec(from))) {
    const c = p.idCards?.find((x) => x.status === 'valid');
    return c ? scalar((c as Record<string, unknown>)[m[1]!], { source: 'id_card', updatedAt: c.issuedOn }) : null;
  }
  if ((m = /^person\.household\.(\w+)$/.exec(from))) {
    return p.household ? scalar((p.household as Record<string, unknown>)[m[1]!], { source: 'household', updatedAt: record.updatedAt }) : null;
  }
  if ((m = /^person\.(\w+)$/.exec(from))) {
    const attr = m[1]!;
    return scalar((p as Record<string, unknown>)[attr], p.sources?.changed[attr] ?? record);
  }
  return null;
}

/**
 * Resolves every binding that applies to these values. `typed` holds what the applicant entered so
 * far (it decides conditions and names the people of pid fields the registry does not fill).
 */
export async function prefillForm(def: FormDefinition, applicant: PersonView, typed: Values, read: PersonReader): Promise<PrefillResult> {
  const entries: Record<string, PrefillEntry> = {};
  const people = new Map<string, Promise<PersonView | null>>([[applicant.pid, Promise.resolve(applicant)]]);
  const unreadable = new Set<string>();
  const current = (): Values => {
    const v: Values = { ...typed };
    for (const [field, e] of Object.entries(entries)) if (!e.editable || v[field] === undefined || v[field] === '') v[field] = e.value;
    return v;
  };

  async function personFor(b: Prefill, values: Values): Promise<PersonView | null> {
    if (b.of === 'applicant') return applicant;
    let pid: string | null | undefined;
    const relative = b.of in RELATIVE_PID;
    if (relative) pid = RELATIVE_PID[b.of]!(applicant);
    else {
      const v = values[b.of];
      pid = typeof v === 'string' && /^\d{12}$/.test(v) ? v : null;
    }
    if (!pid) return null;
    if (!people.has(pid)) people.set(pid, read(pid, { of: b.of, relative }));
    const p = await people.get(pid)!;
    if (!p && !relative) unreadable.add(b.of);
    return p;
  }

  for (let round = 0; round < 4; round++) {
    let added = 0;
    const values = current();
    for (const b of def.prefill) {
      if (entries[b.field] || !holds(b.when, values)) continue;
      const person = await personFor(b, values);
      if (!person) continue;
      const found = valueAt(person, b.from);
      if (!found) continue;
      entries[b.field] = { ...found, of: b.of, editable: b.editable };
      added++;
    }
    if (!added) break;
  }
  return { entries, unreadable: [...unreadable] };
}

/** Applies prefilled values over what was typed and reports typed values that contradict the registry. */
export function mergePrefill(typed: Values, entries: Record<string, PrefillEntry>): { values: Values; problems: FieldProblem[] } {
  const values: Values = { ...typed };
  const problems: FieldProblem[] = [];
  for (const [field, e] of Object.entries(entries)) {
    const given = typed[field];
    if (e.editable) {
      if (given === undefined || given === '' || given === null) values[field] = e.value;
      continue;
    }
    if (given !== undefined && given !== '' && given !== null && String(given).normalize('NFC').trim() !== String(e.value))
      problems.push({
        path: `body.values.${field}`,
        code: 'registry_value',
        message: {
          vi: 'Giá trị này lấy từ Cơ sở dữ liệu quốc gia về dân cư và không sửa được ở đây. Nếu sai, hãy làm thủ tục điều chỉnh thông tin.',
          en: 'This value comes from the population registry and cannot be changed here. If it is wrong, apply for a correction.',
        },
      });
    values[field] = e.value;
  }
  return { values, problems };
}

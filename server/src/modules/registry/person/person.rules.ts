// The registry's rules for person data, shared by the API and bulk import: normalise what can be
// normalised (NFC names, partial dates), refuse what is impossible, and name the field each time.
// `strict` (API entry by officials) also refuses a personal ID that disagrees with sex or birth
// year; bulk import of legacy data accepts those and leaves them to the data-quality rules.
import fs from 'node:fs';
import { checkPersonalIdConsistency, comparePartial, fold, legacyProvinceName, nfc, parsePartialDate, parsePersonalId, splitFullName, toIsoPartial } from '@open06/kernel';
import { loadAdminUnits } from '@open06/kernel/admin-units';
import type { FieldProblem, Text } from '../../../http/errors.ts';
import type { PersonAttrs } from './person.model.ts';

const configDir = new URL('../../../../../config/', import.meta.url);
const ETHNICITIES = new Set(
  (JSON.parse(fs.readFileSync(new URL('ethnicities.json', configDir), 'utf8')) as { ethnicities: { code: string }[] }).ethnicities.map((e) => e.code),
);
const RELIGIONS = new Set(
  (JSON.parse(fs.readFileSync(new URL('religions.json', configDir), 'utf8')) as { religions: { code: string }[] }).religions.map((r) => r.code),
);

export type Problems = FieldProblem[];

function problem(problems: Problems, path: string, code: string, message: Text): void {
  problems.push({ path, code, message });
}

/** A full name as the registry stores it: NFC, single spaces. */
export function normaliseName(name: string): string {
  return nfc(name).replace(/\s+/g, ' ').trim();
}

export function nameColumns(fullName: string) {
  const n = normaliseName(fullName);
  const parts = splitFullName(n);
  return { full_name: n, name_folded: fold(n), family_name: parts.family, middle_name: parts.middle, given_name: parts.given };
}

/** Normalises a partial date to yyyy[-mm[-dd]]; null and a problem when it is not a possible date. */
export function partialDate(problems: Problems, path: string, text: string, today: string): string | null {
  const parsed = parsePartialDate(text);
  if (!parsed.ok) {
    problem(problems, path, 'date_invalid', { vi: `Ngày "${text}" không hợp lệ.`, en: `"${text}" is not a valid date.` });
    return null;
  }
  const iso = toIsoPartial(parsed.value);
  if (iso.localeCompare(today.slice(0, iso.length)) > 0) {
    problem(problems, path, 'date_in_future', { vi: `Ngày ${text} ở tương lai.`, en: `${text} is in the future.` });
    return null;
  }
  return iso;
}

export function checkPid(problems: Problems, path: string, pid: string): boolean {
  const parsed = parsePersonalId(pid);
  if (!parsed.valid) {
    for (const e of parsed.errors) problem(problems, path, `pid_${e.code}`, e.message);
    return false;
  }
  return true;
}

export function checkCommune(problems: Problems, path: string, code: string): boolean {
  if (loadAdminUnits().commune(code)) return true;
  problem(problems, path, 'commune_unknown', {
    vi: `Mã xã/phường ${code} không có trong danh mục đơn vị hành chính hiện hành.`,
    en: `Commune code ${code} is not a current administrative unit.`,
  });
  return false;
}

/**
 * Checks a complete set of attributes (after applying a change, or for a new person). Returns the
 * attributes normalised; problems are appended with paths under `prefix`.
 */
export function checkAttrs(
  attrs: PersonAttrs,
  problems: Problems,
  opts: { prefix: string; strict: boolean; today: string; /** a number is yet to be allocated: skip pid checks */ noPid?: boolean },
): PersonAttrs {
  const p = (f: string) => `${opts.prefix}${f}`;
  const out = { ...attrs, fullName: normaliseName(attrs.fullName) };
  if (!out.fullName || !/\p{L}/u.test(out.fullName))
    problem(problems, p('fullName'), 'name_invalid', { vi: 'Họ và tên phải có chữ cái.', en: 'The full name must contain letters.' });
  const pidOk = !opts.noPid && checkPid(problems, p('pid'), attrs.pid);
  const birth = partialDate(problems, p('birthDate'), attrs.birthDate, opts.today);
  if (birth) out.birthDate = birth;
  if (attrs.deathDate) {
    const death = partialDate(problems, p('deathDate'), attrs.deathDate, opts.today);
    if (death) {
      out.deathDate = death;
      if (birth && comparePartial(parsePartialDateOk(death), parsePartialDateOk(birth)) < 0)
        problem(problems, p('deathDate'), 'death_before_birth', { vi: 'Ngày mất trước ngày sinh.', en: 'Death date is before the birth date.' });
    }
  }
  if (out.lifeStatus !== 'deceased' && out.deathDate)
    problem(problems, p('lifeStatus'), 'death_date_but_alive', {
      vi: 'Có ngày mất nhưng tình trạng không phải "đã mất".',
      en: 'A death date is given but the life status is not "deceased".',
    });
  if (pidOk && birth && opts.strict) {
    for (const e of checkPersonalIdConsistency(attrs.pid, { sex: attrs.sex, birthDate: parsePartialDateOk(birth) }))
      problem(problems, p('pid'), `pid_${e.code}`, e.message);
  }
  if (out.ethnicity && !ETHNICITIES.has(out.ethnicity))
    problem(problems, p('ethnicity'), 'ethnicity_unknown', { vi: `Mã dân tộc ${out.ethnicity} không tồn tại.`, en: `Unknown ethnicity code ${out.ethnicity}.` });
  if (out.religion && !RELIGIONS.has(out.religion))
    problem(problems, p('religion'), 'religion_unknown', { vi: `Mã tôn giáo ${out.religion} không tồn tại.`, en: `Unknown religion code ${out.religion}.` });
  if (out.birthRegProvince && !legacyProvinceName(out.birthRegProvince))
    problem(problems, p('birthRegProvince'), 'province_unknown', {
      vi: `Mã tỉnh ${out.birthRegProvince} không có trong danh mục 63 tỉnh.`,
      en: `Province code ${out.birthRegProvince} is not one of the 63 province codes.`,
    });
  for (const rel of ['fatherPid', 'motherPid', 'spousePid'] as const) {
    const v = out[rel];
    if (v && !opts.noPid && v === attrs.pid) problem(problems, p(rel), 'self_reference', { vi: 'Không thể liên kết với chính mình.', en: 'A person cannot be linked to themself.' });
    else if (v) checkPid(problems, p(rel), v);
  }
  return out;
}

function parsePartialDateOk(iso: string) {
  const r = parsePartialDate(iso);
  if (!r.ok) throw new Error(`not a partial date: ${iso}`);
  return r.value;
}

// One raw row of a bulk file (CSV or NDJSON, keys as in RECORD_FIELDS) → a validated, normalised
// PersonRecord, or the problems that reject it. Lenient where legacy data needs it (a personal ID
// that disagrees with sex or birth year is kept for the data-quality rules), strict on form.
import type { FieldProblem } from '../../../http/errors.ts';
import { checkAttrs, checkCommune } from '../person/person.rules.ts';
import type { PersonAttrs } from '../person/person.model.ts';
import { RECORD_FIELDS, type PersonRecord } from './person-record.ts';

export type ParseResult = { ok: true; record: PersonRecord } | { ok: false; problems: FieldProblem[] };

const SEX: Record<string, 'M' | 'F'> = { m: 'M', nam: 'M', male: 'M', f: 'F', 'nữ': 'F', nu: 'F', female: 'F' };
const LIFE = new Set(['alive', 'deceased', 'missing']);
const MARITAL = new Set(['single', 'married', 'divorced', 'widowed']);
const RELATIONS = new Set(['head', 'spouse', 'child', 'parent', 'grandchild', 'grandparent', 'sibling', 'child_in_law', 'other_relative', 'other']);

function text(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  const s = String(v).trim();
  return s === '' ? null : s;
}

function bad(path: string, code: string, vi: string, en: string): FieldProblem {
  return { path, code, message: { vi, en } };
}

export function parsePersonRow(raw: Record<string, unknown>, today: string): ParseResult {
  const problems: FieldProblem[] = [];
  const unknown = Object.keys(raw).filter((k) => !(RECORD_FIELDS as readonly string[]).includes(k));
  if (unknown.length) problems.push(bad(unknown[0]!, 'unknown_column', `Cột không được hỗ trợ: ${unknown.join(', ')}.`, `Unsupported column(s): ${unknown.join(', ')}.`));
  const v = Object.fromEntries(RECORD_FIELDS.map((f) => [f, text(raw[f])])) as Record<(typeof RECORD_FIELDS)[number], string | null>;
  for (const f of ['pid', 'fullName', 'birthDate', 'sex'] as const)
    if (!v[f]) problems.push(bad(f, 'required', `Thiếu ${f}.`, `${f} is required.`));
  const sex = v.sex ? SEX[v.sex.normalize('NFC').toLowerCase()] : undefined;
  if (v.sex && !sex) problems.push(bad('sex', 'sex_invalid', `Giới tính "${v.sex}" không hợp lệ (M/F, Nam/Nữ).`, `Sex "${v.sex}" is not M/F or Nam/Nữ.`));
  const lifeStatus = v.lifeStatus ?? 'alive';
  if (!LIFE.has(lifeStatus)) problems.push(bad('lifeStatus', 'enum', `Tình trạng "${lifeStatus}" không hợp lệ.`, `Unknown life status "${lifeStatus}".`));
  if (v.maritalStatus && !MARITAL.has(v.maritalStatus)) problems.push(bad('maritalStatus', 'enum', `Tình trạng hôn nhân "${v.maritalStatus}" không hợp lệ.`, `Unknown marital status "${v.maritalStatus}".`));
  if (v.householdRelation && !RELATIONS.has(v.householdRelation)) problems.push(bad('householdRelation', 'enum', `Quan hệ với chủ hộ "${v.householdRelation}" không hợp lệ.`, `Unknown household relation "${v.householdRelation}".`));
  if (v.oldId && !/^\d{9}$/.test(v.oldId)) problems.push(bad('oldId', 'old_id_invalid', 'Số CMND cũ phải có 9 chữ số.', 'An old ID number has 9 digits.'));
  if (v.communeCode) checkCommune(problems, 'communeCode', v.communeCode);
  else if (v.householdCode) problems.push(bad('communeCode', 'required', 'Hộ cần mã xã/phường nơi thường trú.', 'A household member needs the commune code.'));
  if (v.communeCode && !v.addressDetail) problems.push(bad('addressDetail', 'required', 'Thiếu địa chỉ chi tiết nơi thường trú.', 'The address line is required with a commune.'));
  for (const f of ['residentSince', 'idCardIssuedOn', 'idCardExpiresOn'] as const) {
    if (v[f] && !/^\d{4}-\d{2}-\d{2}$/.test(v[f]!)) problems.push(bad(f, 'date_invalid', `${f} phải theo dạng yyyy-mm-dd.`, `${f} must be yyyy-mm-dd.`));
  }
  if (v.idCardIssuedOn && v.idCardIssuedOn > today) problems.push(bad('idCardIssuedOn', 'date_in_future', 'Ngày cấp thẻ ở tương lai.', 'Card issue date in the future.'));
  if (problems.length || !sex) return { ok: false, problems };

  const attrs: PersonAttrs = {
    pid: v.pid!,
    fullName: v.fullName!,
    familyName: '',
    middleName: '',
    givenName: '',
    birthDate: v.birthDate!,
    sex,
    ethnicity: v.ethnicity,
    religion: v.religion,
    nationality: v.nationality ?? 'VN',
    birthRegProvince: v.birthRegProvince ?? v.pid!.slice(0, 3),
    birthPlace: v.birthPlace,
    hometown: v.hometown,
    oldId: v.oldId,
    lifeStatus: lifeStatus as PersonAttrs['lifeStatus'],
    deathDate: v.deathDate,
    maritalStatus: v.maritalStatus as PersonAttrs['maritalStatus'],
    fatherPid: v.fatherPid,
    motherPid: v.motherPid,
    spousePid: v.spousePid,
    phone: v.phone,
    email: v.email,
  };
  const { familyName: _f, middleName: _m, givenName: _g, ...checked } = checkAttrs(attrs, problems, { prefix: '', strict: false, today });
  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    record: {
      ...checked,
      communeCode: v.communeCode,
      addressDetail: v.addressDetail,
      legacyAddress: v.legacyAddress,
      residentSince: v.residentSince,
      householdCode: v.householdCode,
      householdRelation: v.householdRelation,
      idCardIssuedOn: v.idCardIssuedOn,
      idCardExpiresOn: v.idCardExpiresOn,
    },
  };
}

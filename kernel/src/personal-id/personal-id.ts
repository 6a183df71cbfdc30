// The 12-digit personal identification number (số định danh cá nhân): PPP G YY RRRRRR.
// PPP = legacy province code where the birth was registered, G = century and sex
// (0/1 1900s male/female, 2/3 2000s, 4/5 2100s, 6/7 2200s, 8/9 2300s), YY = birth year's last two
// digits, RRRRRR = random. There is no check digit.
import type { PartialDate } from '../dates/partial-date.ts';
import { LEGACY_PROVINCES } from './legacy-provinces.ts';

export type Sex = 'M' | 'F';
export interface Message {
  vi: string;
  en: string;
}
export interface PidProblem {
  code: 'format' | 'length' | 'province_unknown' | 'sex_mismatch' | 'birth_year_mismatch';
  message: Message;
}

export interface ParsedPersonalId {
  valid: boolean;
  normalized?: string;
  provinceCode?: string;
  province?: string;
  sex?: Sex;
  century?: number;
  birthYear?: number;
  errors: PidProblem[];
}

export function legacyProvinceName(code: string): string | undefined {
  return LEGACY_PROVINCES[code];
}

export function parsePersonalId(input: string): ParsedPersonalId {
  const s = String(input ?? '').trim();
  if (!/^\d+$/.test(s))
    return { valid: false, errors: [{ code: 'format', message: { vi: 'Số định danh chỉ gồm chữ số.', en: 'A personal ID has digits only.' } }] };
  if (s.length !== 12)
    return {
      valid: false,
      errors: [{ code: 'length', message: { vi: `Số định danh có 12 chữ số (nhận được ${s.length}).`, en: `A personal ID has 12 digits (got ${s.length}).` } }],
    };
  const provinceCode = s.slice(0, 3);
  const g = Number(s[3]);
  const century = 1900 + Math.floor(g / 2) * 100;
  const sex: Sex = g % 2 === 0 ? 'M' : 'F';
  const birthYear = century + Number(s.slice(4, 6));
  const province = LEGACY_PROVINCES[provinceCode];
  const errors: PidProblem[] = [];
  if (!province)
    errors.push({
      code: 'province_unknown',
      message: { vi: `Mã tỉnh ${provinceCode} không thuộc 63 tỉnh, thành phố.`, en: `Province code ${provinceCode} is not one of the 63 provinces.` },
    });
  return { valid: errors.length === 0, normalized: s, provinceCode, ...(province ? { province } : {}), sex, century, birthYear, errors };
}

/** Disagreements between a personal ID and a record's sex and date of birth (empty when consistent). */
export function checkPersonalIdConsistency(pid: string, rec: { sex?: Sex | undefined; birthDate?: PartialDate | undefined }): PidProblem[] {
  const p = parsePersonalId(pid);
  if (p.sex === undefined) return [];
  const out: PidProblem[] = [];
  if (rec.sex && rec.sex !== p.sex)
    out.push({
      code: 'sex_mismatch',
      message: {
        vi: `Số định danh ghi giới tính ${p.sex === 'M' ? 'nam' : 'nữ'}, hồ sơ ghi ${rec.sex === 'M' ? 'nam' : 'nữ'}.`,
        en: `The personal ID encodes ${p.sex === 'M' ? 'male' : 'female'}, the record says ${rec.sex === 'M' ? 'male' : 'female'}.`,
      },
    });
  if (rec.birthDate && rec.birthDate.year !== p.birthYear)
    out.push({
      code: 'birth_year_mismatch',
      message: {
        vi: `Số định danh ghi năm sinh ${p.birthYear}, hồ sơ ghi ${rec.birthDate.year}.`,
        en: `The personal ID encodes birth year ${p.birthYear}, the record says ${rec.birthDate.year}.`,
      },
    });
  return out;
}

/** Builds the number for a birth: province of registration, sex/century, year, 6 random digits. */
export function makePersonalId(p: { provinceCode: string; sex: Sex; birthYear: number }, random6: string): string {
  if (!LEGACY_PROVINCES[p.provinceCode]) throw new RangeError(`unknown province code ${p.provinceCode}`);
  if (!Number.isInteger(p.birthYear) || p.birthYear < 1900 || p.birthYear > 2399) throw new RangeError(`birth year ${p.birthYear} out of range`);
  if (!/^\d{6}$/.test(random6)) throw new RangeError('random6 must be 6 digits');
  const g = Math.floor((p.birthYear - 1900) / 100) * 2 + (p.sex === 'F' ? 1 : 0);
  return `${p.provinceCode}${g}${String(p.birthYear % 100).padStart(2, '0')}${random6}`;
}

/**
 * The old identity-card number (chứng minh nhân dân, CMND) as it appears on records: 9 digits.
 * (12-digit CMND cards issued 2012–2016 carry what became the personal ID, so they are read as such.)
 */
export function isOldCmnd(s: string): boolean {
  return /^\d{9}$/.test(String(s ?? '').trim());
}

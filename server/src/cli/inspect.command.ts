// Inspection commands for data officers and scripts: `open06 pid`, `open06 name`, `open06 unit`.
// Each prints one JSON object per value; with no argument, values are read one per line from stdin.
import readline from 'node:readline';
import type { Command } from 'commander';
import { checkPersonalIdConsistency, fold, nfc, parsePartialDate, parsePersonalId, splitFullName, type PidProblem } from '@open06/kernel';
import { loadAdminUnits } from '@open06/kernel/admin-units';

export function inspectPid(value: string, opts: { dob?: string; sex?: string } = {}) {
  const p = parsePersonalId(value);
  const errors: { code: string; message: string }[] = p.errors.map(asError);
  if (p.valid) {
    const dob = opts.dob ? parsePartialDate(opts.dob) : undefined;
    if (dob && !dob.ok) errors.push({ code: 'dob_invalid', message: dob.error.en });
    const sex = opts.sex?.toUpperCase();
    if (sex && sex !== 'M' && sex !== 'F') errors.push({ code: 'sex_invalid', message: 'sex must be M or F' });
    for (const e of checkPersonalIdConsistency(p.normalized!, {
      sex: sex === 'M' || sex === 'F' ? sex : undefined,
      birthDate: dob?.ok ? dob.value : undefined,
    }))
      errors.push(asError(e));
  }
  return {
    input: value,
    valid: errors.length === 0,
    provinceCode: p.provinceCode ?? null,
    province: p.province ?? null,
    sex: p.sex ?? null,
    birthYear: p.birthYear ?? null,
    errors,
  };
}

function asError(e: PidProblem) {
  return { code: e.code, message: e.message.en, messageVi: e.message.vi };
}

export function inspectName(value: string) {
  const parts = splitFullName(value);
  return { nfc: nfc(value).replace(/\s+/g, ' ').trim(), folded: fold(value), family: parts.family, middle: parts.middle, given: parts.given };
}

export function inspectUnit(value: string) {
  const units = loadAdminUnits();
  const v = value.trim();
  if (/^\d{5}$/.test(v)) {
    const current = units.commune(v);
    const legacy = units.legacyCommune(v);
    const becameOf = legacy ? units.currentOfLegacyCommune(v) : undefined;
    return {
      input: v,
      current: current ? { ...current, province: units.province(current.provinceCode)?.fullName ?? null, formedFrom: units.legacyOfCurrentCommune(v).map((l) => ({ code: l.code, fullName: l.fullName, district: units.legacyDistrict(l.districtCode)?.fullName ?? null, province: units.legacyProvince(l.provinceCode)?.fullName ?? null })) } : null,
      legacy: legacy ? { ...legacy, district: units.legacyDistrict(legacy.districtCode)?.fullName ?? null, province: units.legacyProvince(legacy.provinceCode)?.fullName ?? null, becameCurrent: becameOf!.communes.map((c) => ({ code: c.code, fullName: c.fullName })), divided: becameOf!.divided } : null,
    };
  }
  if (/^\d{3}$/.test(v)) {
    const legacy = units.legacyDistrict(v);
    return { input: v, current: null, legacy: legacy ? { level: 'district', ...legacy, province: units.legacyProvince(legacy.provinceCode)?.fullName ?? null } : null };
  }
  if (/^\d{2}$/.test(v)) {
    const current = units.province(v);
    const legacy = units.legacyProvince(v);
    return {
      input: v,
      current: current ? { level: 'province', ...current, communes: units.communesOf(v).length, formedFrom: units.legacyProvincesOf(v).map((p) => ({ code: p.code, fullName: p.fullName })) } : null,
      legacy: legacy ? { level: 'province', ...legacy } : null,
    };
  }
  return { input: v, matches: units.searchUnits(v, { limit: 20 }) };
}

async function each(arg: string | undefined, fn: (v: string) => unknown): Promise<void> {
  if (arg !== undefined) {
    console.log(JSON.stringify(fn(arg)));
    return;
  }
  for await (const line of readline.createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    if (line.trim()) console.log(JSON.stringify(fn(line.trim())));
  }
}

export function registerInspectCommands(program: Command): void {
  program
    .command('pid [number]')
    .description('Decode and check a personal ID number (12 digits)')
    .option('--dob <date>', 'date of birth to check against (yyyy, yyyy-mm-dd, dd/mm/yyyy …)')
    .option('--sex <sex>', 'M or F, to check against')
    .action((n: string | undefined, o: { dob?: string; sex?: string }) => each(n, (v) => inspectPid(v, o)));
  program
    .command('name [text]')
    .description('Normalise a Vietnamese full name and split it into family, middle and given name')
    .action((t: string | undefined) => each(t, inspectName));
  program
    .command('unit [codeOrName]')
    .description('Look up an administrative unit, current or pre-2025, by code or name, and how they map')
    .action((t: string | undefined) => each(t, inspectUnit));
}

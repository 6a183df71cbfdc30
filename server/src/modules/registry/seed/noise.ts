// Data-quality defects injected on purpose, each written down in a ground truth so the quality
// engine can be measured: missing diacritics, typos, swapped day/month, duplicate persons with
// variants, missing fields, dead people still marked alive, stale addresses, sex or birth year
// that disagree with the personal ID.
import { stripDiacritics, TELEX_LEFTOVERS } from '@open06/kernel';
import type { AdminUnits } from '@open06/kernel/admin-units';
import type { PersonRecord } from '../bulk/person-record.ts';
import type { Rng } from './random.ts';

export type DefectKind =
  | 'missing_diacritics'
  | 'typo'
  | 'swapped_day_month'
  | 'duplicate'
  | 'missing_fields'
  | 'dead_marked_alive'
  | 'stale_address'
  | 'sex_mismatch'
  | 'birth_year_mismatch';

export interface TruthEntry {
  kind: DefectKind;
  pid: string;
  duplicateOf?: string;
  field?: string;
  original?: unknown;
  injected?: unknown;
}

export const DEFECT_KINDS: readonly DefectKind[] = [
  'missing_diacritics',
  'typo',
  'swapped_day_month',
  'duplicate',
  'missing_fields',
  'dead_marked_alive',
  'stale_address',
  'sex_mismatch',
  'birth_year_mismatch',
];

export function typo(rng: Rng, name: string): string {
  const words = name.split(' ');
  const i = rng.int(0, words.length - 1);
  const w = words[i]!;
  const telex = TELEX_LEFTOVERS.filter(([re]) => re.test(w));
  if (telex.length && rng.chance(0.5)) {
    const [re, rep] = rng.pick(telex);
    words[i] = w.replace(re, rep);
  } else if (w.length >= 3) {
    const j = rng.int(0, w.length - 2);
    words[i] = rng.chance(0.5) ? w.slice(0, j) + w[j + 1] + w[j] + w.slice(j + 2) : w.slice(0, j) + w.slice(j + 1);
  } else {
    words[i] = w + w.at(-1);
  }
  return words.join(' ');
}

/**
 * Gives a share `rate` of the records one defect each (duplicates are appended to `records`).
 * Returns the ground truth.
 */
export function injectNoise(
  rng: Rng,
  records: PersonRecord[],
  rate: number,
  newPid: (sex: 'M' | 'F', birthYear: number, provinceCode: string) => string,
  units: AdminUnits,
): TruthEntry[] {
  const truth: TruthEntry[] = [];
  const originals = records.length;
  for (let i = 0; i < originals; i++) {
    if (!rng.chance(rate)) continue;
    const r = records[i]!;
    const kind = rng.pick(DEFECT_KINDS);
    switch (kind) {
      case 'missing_diacritics': {
        const injected = stripDiacritics(r.fullName);
        if (injected === r.fullName) continue;
        truth.push({ kind, pid: r.pid, field: 'fullName', original: r.fullName, injected });
        r.fullName = injected;
        break;
      }
      case 'typo': {
        const injected = typo(rng, r.fullName);
        truth.push({ kind, pid: r.pid, field: 'fullName', original: r.fullName, injected });
        r.fullName = injected;
        break;
      }
      case 'swapped_day_month': {
        const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(r.birthDate);
        if (!m || m[2] === m[3] || Number(m[3]) > 12) continue;
        const injected = `${m[1]}-${m[3]}-${m[2]}`;
        truth.push({ kind, pid: r.pid, field: 'birthDate', original: r.birthDate, injected });
        r.birthDate = injected;
        break;
      }
      case 'duplicate': {
        const year = Number(r.birthDate.slice(0, 4));
        const pid = newPid(r.sex, year, r.birthRegProvince ?? r.pid.slice(0, 3));
        const variant = rng.pick(['diacritics', 'typo', 'middle', 'year_only', 'same'] as const);
        const parts = r.fullName.split(' ');
        const fullName =
          variant === 'diacritics' ? stripDiacritics(r.fullName) : variant === 'typo' ? typo(rng, r.fullName) : variant === 'middle' && parts.length > 2 ? [parts[0], parts.at(-1)].join(' ') : r.fullName;
        records.push({
          ...r,
          pid,
          fullName,
          birthDate: variant === 'year_only' ? r.birthDate.slice(0, 4) : r.birthDate,
          householdCode: null,
          householdRelation: null,
          idCardIssuedOn: null,
          idCardExpiresOn: null,
          spousePid: null,
          oldId: rng.chance(0.5) ? r.oldId : null,
          phone: rng.chance(0.5) ? r.phone : null,
        });
        truth.push({ kind, pid, duplicateOf: r.pid, injected: variant });
        break;
      }
      case 'missing_fields': {
        const fields = (['ethnicity', 'religion', 'hometown', 'birthPlace'] as const).filter((f) => r[f] !== null);
        if (!fields.length) continue;
        const f = rng.pick(fields);
        truth.push({ kind, pid: r.pid, field: f, original: r[f] });
        r[f] = null;
        break;
      }
      case 'dead_marked_alive': {
        // Died (a sector source would know) but still alive in the registry.
        if (r.lifeStatus !== 'alive') continue;
        truth.push({ kind, pid: r.pid, field: 'lifeStatus', original: 'deceased', injected: 'alive' });
        r.lifeStatus = 'alive';
        r.deathDate = null;
        break;
      }
      case 'stale_address': {
        if (!r.communeCode) continue;
        const legacy = units.legacyOfCurrentCommune(r.communeCode);
        const old = legacy.length ? rng.pick(legacy) : undefined;
        const injected = old ? `${r.addressDetail ?? ''}, ${old.fullName}, ${units.legacyDistrict(old.districtCode)?.fullName ?? ''}` : r.addressDetail;
        truth.push({ kind, pid: r.pid, field: 'communeCode', original: r.communeCode, injected });
        r.communeCode = null;
        r.legacyAddress = injected;
        r.householdCode = null;
        r.householdRelation = null;
        break;
      }
      case 'sex_mismatch': {
        const injected = r.sex === 'M' ? 'F' : 'M';
        truth.push({ kind, pid: r.pid, field: 'sex', original: r.sex, injected });
        r.sex = injected;
        break;
      }
      case 'birth_year_mismatch': {
        const y = Number(r.birthDate.slice(0, 4)) + (rng.chance(0.5) ? 1 : -1) * rng.int(1, 3);
        const injected = `${y}${r.birthDate.slice(4)}`.replace(/-02-29$/, '-02-28');
        truth.push({ kind, pid: r.pid, field: 'birthDate', original: r.birthDate, injected });
        r.birthDate = injected;
        break;
      }
    }
  }
  return truth;
}

// Vietnam's administrative units: the current two levels (34 provinces, 3,321 communes since
// 1/7/2025) and the legacy three levels (63 provinces, 696 districts, 10,035 communes), with the
// legacy → current commune mapping. Keyed by official GSO codes; names found without diacritics.
import { fold } from '../text/vietnamese.ts';

export type CommuneKind = 'xa' | 'phuong' | 'dac_khu';
export interface Province {
  code: string;
  name: string;
  fullName: string;
  nameEn: string;
}
export interface Commune {
  code: string;
  name: string;
  fullName: string;
  kind: CommuneKind;
  provinceCode: string;
  population?: number;
}
export interface LegacyProvince {
  code: string;
  name: string;
  fullName: string;
}
export interface LegacyDistrict {
  code: string;
  name: string;
  fullName: string;
  provinceCode: string;
}
export interface LegacyCommune {
  code: string;
  name: string;
  fullName: string;
  districtCode: string;
  provinceCode: string;
}

export interface UnitMatch {
  era: 'current' | 'legacy';
  level: 'province' | 'district' | 'commune';
  code: string;
  name: string;
  fullName: string;
  /** The province (current or legacy, per era) the unit belongs to. */
  provinceCode: string;
  path: string;
}

export interface SearchOptions {
  era?: 'current' | 'legacy' | 'both';
  level?: 'province' | 'district' | 'commune';
  provinceCode?: string;
  limit?: number;
}

/** The compact file written by scripts/build-admin-units.ts. */
export interface UnitsData {
  provinces: [string, string, string, string][];
  communes: [string, string, string, CommuneKind, string, number | null][];
  legacyProvinces: [string, string, string][];
  legacyDistricts: [string, string, string, string][];
  legacyCommunes: [string, string, string, string, string][];
  mapping: [string, string, 0 | 1][];
}

// Prefixes people write before a unit's name (folded): removed before comparing names.
const PREFIX = /^(thanh pho|thu do|tinh|tp\.?|t\.|quan|huyen|thi xa|thi tran|tt\.?|q\.|h\.|tx\.?|xa|phuong|p\.|x\.|dac khu)\s+/;

export function bareName(s: string): string {
  let f = fold(s).replace(/\s*\.\s*/g, '. ').trim();
  for (let i = 0; i < 2; i++) f = f.replace(PREFIX, '');
  return f.replace(/\.\s*/g, ' ').replace(/\s+/g, ' ').trim();
}

export class AdminUnits {
  readonly #provinces = new Map<string, Province>();
  readonly #communes = new Map<string, Commune>();
  readonly #byProvince = new Map<string, Commune[]>();
  readonly #legacyProvinces = new Map<string, LegacyProvince>();
  readonly #legacyDistricts = new Map<string, LegacyDistrict>();
  readonly #legacyCommunes = new Map<string, LegacyCommune>();
  readonly #toCurrent = new Map<string, { codes: string[]; divided: boolean }>();
  readonly #toLegacy = new Map<string, string[]>();
  readonly #index: { key: string; match: UnitMatch }[] = [];
  /** The same units by their bare name, for exact look-ups without a scan. */
  readonly #byName = new Map<string, UnitMatch[]>();

  constructor(d: UnitsData) {
    for (const [code, name, fullName, nameEn] of d.provinces) this.#provinces.set(code, { code, name, fullName, nameEn });
    for (const [code, name, fullName, kind, provinceCode, pop] of d.communes) {
      const c: Commune = { code, name, fullName, kind, provinceCode, ...(pop !== null ? { population: pop } : {}) };
      this.#communes.set(code, c);
      let list = this.#byProvince.get(provinceCode);
      if (!list) this.#byProvince.set(provinceCode, (list = []));
      list.push(c);
    }
    for (const [code, name, fullName] of d.legacyProvinces) this.#legacyProvinces.set(code, { code, name, fullName });
    for (const [code, name, fullName, provinceCode] of d.legacyDistricts) this.#legacyDistricts.set(code, { code, name, fullName, provinceCode });
    for (const [code, name, fullName, districtCode, provinceCode] of d.legacyCommunes)
      this.#legacyCommunes.set(code, { code, name, fullName, districtCode, provinceCode });
    for (const [from, to, divided] of d.mapping) {
      const m = this.#toCurrent.get(from) ?? { codes: [], divided: false };
      if (!m.codes.includes(to)) m.codes.push(to);
      m.divided ||= divided === 1 || m.codes.length > 1;
      this.#toCurrent.set(from, m);
      const back = this.#toLegacy.get(to) ?? [];
      back.push(from);
      this.#toLegacy.set(to, back);
    }
    const add = (m: UnitMatch) => {
      const key = bareName(m.name);
      this.#index.push({ key, match: m });
      const same = this.#byName.get(key);
      if (same) same.push(m);
      else this.#byName.set(key, [m]);
    };
    for (const p of this.#provinces.values()) add({ era: 'current', level: 'province', code: p.code, name: p.name, fullName: p.fullName, provinceCode: p.code, path: p.fullName });
    for (const c of this.#communes.values())
      add({ era: 'current', level: 'commune', code: c.code, name: c.name, fullName: c.fullName, provinceCode: c.provinceCode, path: `${c.fullName}, ${this.#provinces.get(c.provinceCode)?.fullName ?? ''}` });
    for (const p of this.#legacyProvinces.values()) add({ era: 'legacy', level: 'province', code: p.code, name: p.name, fullName: p.fullName, provinceCode: p.code, path: p.fullName });
    for (const x of this.#legacyDistricts.values())
      add({ era: 'legacy', level: 'district', code: x.code, name: x.name, fullName: x.fullName, provinceCode: x.provinceCode, path: `${x.fullName}, ${this.#legacyProvinces.get(x.provinceCode)?.fullName ?? ''}` });
    for (const c of this.#legacyCommunes.values()) {
      const dist = this.#legacyDistricts.get(c.districtCode);
      add({ era: 'legacy', level: 'commune', code: c.code, name: c.name, fullName: c.fullName, provinceCode: c.provinceCode, path: `${c.fullName}, ${dist?.fullName ?? ''}, ${this.#legacyProvinces.get(c.provinceCode)?.fullName ?? ''}` });
    }
  }

  /** A current province by its 2-digit code (a 3-digit zero-padded code is accepted too). */
  province(code: string): Province | undefined {
    return this.#provinces.get(code.length === 3 && code.startsWith('0') ? code.slice(1) : code);
  }
  provinces(): Province[] {
    return [...this.#provinces.values()];
  }
  commune(code: string): Commune | undefined {
    return this.#communes.get(code);
  }
  communesOf(provinceCode: string): Commune[] {
    return this.#byProvince.get(provinceCode) ?? [];
  }
  population(communeCode: string): number | undefined {
    return this.#communes.get(communeCode)?.population;
  }
  legacyProvince(code: string): LegacyProvince | undefined {
    return this.#legacyProvinces.get(code.length === 3 && code.startsWith('0') ? code.slice(1) : code);
  }
  legacyProvinces(): LegacyProvince[] {
    return [...this.#legacyProvinces.values()];
  }
  legacyDistrict(code: string): LegacyDistrict | undefined {
    return this.#legacyDistricts.get(code);
  }
  legacyCommune(code: string): LegacyCommune | undefined {
    return this.#legacyCommunes.get(code);
  }
  legacyCommunes(): LegacyCommune[] {
    return [...this.#legacyCommunes.values()];
  }
  /** The current commune(s) a legacy commune became; `divided` when it was split between several. */
  currentOfLegacyCommune(code: string): { communes: Commune[]; divided: boolean } {
    const m = this.#toCurrent.get(code);
    if (!m) return { communes: [], divided: false };
    return { communes: m.codes.map((c) => this.#communes.get(c)).filter((c): c is Commune => !!c), divided: m.divided };
  }
  /** The legacy communes (or parts of them) that formed a current commune. */
  legacyOfCurrentCommune(code: string): LegacyCommune[] {
    return (this.#toLegacy.get(code) ?? []).map((c) => this.#legacyCommunes.get(c)).filter((c): c is LegacyCommune => !!c);
  }
  /** The legacy provinces whose communes flowed into a current province. */
  legacyProvincesOf(provinceCode: string): LegacyProvince[] {
    const codes = new Set<string>();
    for (const c of this.communesOf(provinceCode)) for (const l of this.legacyOfCurrentCommune(c.code)) codes.add(l.provinceCode);
    return [...codes].sort().map((c) => this.#legacyProvinces.get(c)!).filter(Boolean);
  }

  /** Units named exactly `text` (diacritics, case and prefixes like "Xã", "P.", "TP" ignored), by index. */
  unitsNamed(text: string, opts: Omit<SearchOptions, 'limit'> = {}): UnitMatch[] {
    const era = opts.era ?? 'both';
    return (this.#byName.get(bareName(text)) ?? []).filter(
      (m) => (era === 'both' || m.era === era) && (!opts.level || m.level === opts.level) && (!opts.provinceCode || m.provinceCode === opts.provinceCode),
    );
  }

  /** Units whose name matches `text` (diacritics, case and prefixes like "Xã", "P.", "TP" ignored). */
  searchUnits(text: string, opts: SearchOptions = {}): UnitMatch[] {
    const q = bareName(text);
    if (!q) return [];
    const era = opts.era ?? 'both';
    const exact: UnitMatch[] = [];
    const prefix: UnitMatch[] = [];
    const contains: UnitMatch[] = [];
    for (const { key, match } of this.#index) {
      if (era !== 'both' && match.era !== era) continue;
      if (opts.level && match.level !== opts.level) continue;
      if (opts.provinceCode && match.provinceCode !== opts.provinceCode) continue;
      if (key === q) exact.push(match);
      else if (key.startsWith(q)) prefix.push(match);
      else if (key.includes(q)) contains.push(match);
    }
    return [...exact, ...prefix, ...contains].slice(0, opts.limit ?? 20);
  }
}

// Finds the pre-2025 commune an address written on old units names ("…, Phường Máy Tơ, Quận Ngô
// Quyền, Thành phố Hải Phòng"), and the current commune(s) it became. Parts are read from the
// right: province, then district within it, then commune within the district; without a province
// the district is looked up across the country (district names repeat, so it must be unique).
import { bareName, type AdminUnits, type Commune, type LegacyCommune } from '@open06/kernel/admin-units';

export interface LegacyResolution {
  legacy: LegacyCommune;
  current: Commune[];
  divided: boolean;
}

export function createLegacyAddressResolver(units: AdminUnits) {
  const cache = new Map<string, LegacyResolution | null>();
  const exact = (part: string, level: 'province' | 'district' | 'commune', provinceCode?: string) => {
    const key = bareName(part);
    if (!key) return [];
    return units.searchUnits(part, { era: 'legacy', level, ...(provinceCode ? { provinceCode } : {}), limit: 50 }).filter((m) => bareName(m.fullName) === key || bareName(m.name) === key);
  };

  /** The last part as province (when it is one), else as district: "Thành phố Hải Dương" is both. */
  function resolveParts(parts: string[], hints: readonly string[]): LegacyResolution | null {
    const p = exact(parts.at(-1) ?? '', 'province');
    if (p.length === 1) {
      const r = resolveFrom(parts.slice(0, -1), p[0]!.code, hints);
      if (r) return r;
    }
    return resolveFrom(parts, undefined, hints);
  }

  function resolveFrom(parts: string[], province: string | undefined, hints: readonly string[]): LegacyResolution | null {
    let districts = exact(parts.at(-1) ?? '', 'district', province);
    // a district name used in several provinces: the one in a province the person is tied to
    if (districts.length > 1 && hints.length) districts = districts.filter((d) => hints.includes(d.provinceCode));
    if (districts.length !== 1) return null;
    const district = districts[0]!.code;
    const communes = exact(parts.at(-2) ?? '', 'commune', districts[0]!.provinceCode).filter((m) => units.legacyCommune(m.code)?.districtCode === district);
    if (communes.length !== 1) return null;
    const legacy = units.legacyCommune(communes[0]!.code)!;
    const cur = units.currentOfLegacyCommune(legacy.code);
    return cur.communes.length ? { legacy, current: cur.communes, divided: cur.divided } : null;
  }

  /** `hints`: legacy province codes (2 digits) the person is tied to, used only when a district name is ambiguous. */
  return (text: string | null | undefined, hints: readonly string[] = []): LegacyResolution | null => {
    if (!text) return null;
    const parts = text.split(',').map((s) => s.trim()).filter(Boolean);
    // the street part never matters: key the cache on the last three parts
    const key = `${parts.slice(-3).join('|')}#${hints.join(',')}`;
    if (cache.has(key)) return cache.get(key)!;
    const r = resolveParts(parts.slice(-3), hints);
    if (cache.size > 50_000) cache.clear();
    cache.set(key, r);
    return r;
  };
}

export type LegacyAddressResolver = ReturnType<typeof createLegacyAddressResolver>;

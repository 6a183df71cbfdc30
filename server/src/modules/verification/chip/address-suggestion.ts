// The address printed in an ID-card QR is free text written when the card was issued, often
// naming the units of before 1/7/2025 (commune, district, province). This maps it to the current
// commune(s) it most likely lies in — a suggestion to offer the clerk, never a fact: a legacy
// commune that was divided maps to several current ones.
import type { Message } from '@open06/kernel';
import { bareName, loadAdminUnits, type AdminUnits, type Commune } from '@open06/kernel/admin-units';

export interface CommuneSuggestion {
  code: string;
  fullName: string;
  province: string;
}

export interface AddressSuggestion {
  /** "current" when the address names a current commune, "legacy" when it names a pre-2025 one. */
  via: 'current' | 'legacy';
  communes: CommuneSuggestion[];
  /** The legacy commune the address names (via "legacy"). */
  legacy?: { code: string; fullName: string; district: string | null; province: string | null };
  /** The legacy commune was split between several current communes: the clerk must choose. */
  divided: boolean;
  note: Message;
}

const exact = (units: AdminUnits, text: string, o: Parameters<AdminUnits['unitsNamed']>[1]) => (bareName(text) ? units.unitsNamed(text, o) : []);

function describe(units: AdminUnits, c: Commune): CommuneSuggestion {
  return { code: c.code, fullName: c.fullName, province: units.province(c.provinceCode)?.fullName ?? '' };
}

/** Suggests the current commune(s) of a free-text address, or null when no unit in it is recognised. */
export function suggestCurrentCommune(address: string, units: AdminUnits = loadAdminUnits()): AddressSuggestion | null {
  const parts = address.split(/[,;]|\s+-\s+/).map((p) => p.trim()).filter(Boolean);
  if (parts.length < 2) return null;
  const provincePart = parts.at(-1)!;
  const legacyProvinces = exact(units, provincePart, { era: 'legacy', level: 'province' }).map((m) => m.code);
  const currentProvinces = exact(units, provincePart, { era: 'current', level: 'province' }).map((m) => m.code);

  // Pre-2025 shape: …, commune, district, province.
  if (parts.length >= 3 && legacyProvinces.length) {
    const districts = legacyProvinces.flatMap((p) => exact(units, parts.at(-2)!, { era: 'legacy', level: 'district', provinceCode: p }));
    if (districts.length) {
      const communes = legacyProvinces
        .flatMap((p) => exact(units, parts.at(-3)!, { era: 'legacy', level: 'commune', provinceCode: p }))
        .map((m) => units.legacyCommune(m.code)!)
        .filter((c) => districts.some((d) => d.code === c.districtCode));
      if (communes.length === 1) {
        const legacy = communes[0]!;
        const now = units.currentOfLegacyCommune(legacy.code);
        if (now.communes.length)
          return {
            via: 'legacy',
            communes: now.communes.map((c) => describe(units, c)),
            legacy: { code: legacy.code, fullName: legacy.fullName, district: units.legacyDistrict(legacy.districtCode)?.fullName ?? null, province: units.legacyProvince(legacy.provinceCode)?.fullName ?? null },
            divided: now.divided,
            note: now.divided
              ? { vi: `${legacy.fullName} cũ nay thuộc nhiều xã, phường: cần chọn đúng nơi.`, en: `The former ${legacy.fullName} now lies in several communes: choose the right one.` }
              : { vi: `${legacy.fullName} cũ nay thuộc ${now.communes[0]!.fullName}.`, en: `The former ${legacy.fullName} is now part of ${now.communes[0]!.fullName}.` },
          };
      }
    }
  }
  // Current shape: …, commune, province.
  const current = currentProvinces.flatMap((p) => exact(units, parts.at(-2)!, { era: 'current', level: 'commune', provinceCode: p }));
  if (current.length === 1) {
    const c = units.commune(current[0]!.code)!;
    return { via: 'current', communes: [describe(units, c)], divided: false, note: { vi: `Địa chỉ ghi ${c.fullName}.`, en: `The address names ${c.fullName}.` } };
  }
  return null;
}

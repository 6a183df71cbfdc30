import { describe, expect, it } from 'vitest';
import { bareName, loadAdminUnits } from './index.ts';

describe('administrative units', () => {
  const units = loadAdminUnits();

  // 1/7/2025: 2,621 xã, 687 phường, 13 đặc khu; in 2026 ten xã became phường (the data is the
  // newest list; see config/admin-units/README.md).
  it('holds the current two levels: 34 provinces, 3,321 communes', () => {
    expect(units.provinces()).toHaveLength(34);
    const all = units.provinces().flatMap((p) => units.communesOf(p.code));
    expect(all).toHaveLength(3321);
    const kinds = Object.fromEntries(['xa', 'phuong', 'dac_khu'].map((k) => [k, all.filter((c) => c.kind === k).length]));
    expect(kinds).toEqual({ xa: 2611, phuong: 697, dac_khu: 13 });
  });

  it('holds the legacy three levels: 63 provinces, 696 districts, 10,035 communes', () => {
    expect(units.legacyProvinces()).toHaveLength(63);
    expect(units.legacyDistrict('001')?.fullName).toBe('Quận Ba Đình');
    expect(units.legacyCommune('00001')?.fullName).toBe('Phường Phúc Xá');
  });

  it('maps a legacy commune split between several new ones', () => {
    const m = units.currentOfLegacyCommune('00007'); // Phường Cống Vị, Ba Đình
    expect(m.divided).toBe(true);
    expect(m.communes.map((c) => c.fullName).sort()).toEqual(['Phường Giảng Võ', 'Phường Ngọc Hà']);
    expect(units.legacyOfCurrentCommune('00004').map((c) => c.name)).toContain('Trúc Bạch');
  });

  it('maps every one of the 10,035 legacy communes to current communes that exist', () => {
    const legacy = units.legacyCommunes();
    expect(legacy).toHaveLength(10_035);
    const unmapped = legacy.filter((c) => units.currentOfLegacyCommune(c.code).communes.length === 0);
    expect(unmapped.map((c) => c.code)).toEqual([]);
  });

  it('finds units by name without diacritics or prefixes', () => {
    expect(units.searchUnits('phuong ba dinh', { era: 'current' })[0]).toMatchObject({ code: '00004', fullName: 'Phường Ba Đình', provinceCode: '01' });
    expect(units.searchUnits('TP Hai Phong', { era: 'current', level: 'province' })[0]?.code).toBe('31');
    expect(units.searchUnits('Q. Ba Đình', { era: 'legacy', level: 'district' })[0]?.code).toBe('001');
  });

  it('finds units named exactly, by index, as the scan does', () => {
    for (const [text, opts] of [
      ['Phường Thành Đông', { era: 'current' }],
      ['ba dinh', { era: 'legacy', level: 'district' }],
      ['Hải Dương', { level: 'province' }],
      ['TP Hai Phong', {}],
    ] as const) {
      const key = bareName(text);
      const scanned = units.searchUnits(text, { ...opts, limit: 10_000 }).filter((m) => bareName(m.name) === key);
      expect(units.unitsNamed(text, opts)).toEqual(scanned);
      expect(scanned.length).toBeGreaterThan(0);
    }
    expect(units.unitsNamed('Thành Đông', { era: 'current', provinceCode: '31' }).map((m) => m.code)).toEqual(['10507']);
  });

  it('knows the population of most current communes', () => {
    expect(units.population('00004')).toBeGreaterThan(10_000);
    expect(units.commune('10507')?.provinceCode).toBe('31');
  });
});

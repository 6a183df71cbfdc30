import { describe, expect, it } from 'vitest';
import { loadAdminUnits } from '@open06/kernel/admin-units';
import { suggestCurrentCommune } from './address-suggestion.ts';

const units = loadAdminUnits();

describe('current commune suggested for an ID-card address', () => {
  it('maps a pre-2025 address (commune, district, province) through the legacy → current table', () => {
    const s = suggestCurrentCommune('Số 12, Ngõ 34 Phố Đội Cấn, Phường Cống Vị, Quận Ba Đình, Hà Nội', units)!;
    expect(s.via).toBe('legacy');
    expect(s.legacy).toMatchObject({ code: '00007', fullName: 'Phường Cống Vị', district: 'Quận Ba Đình' });
    // Cống Vị was divided: more than one current commune, and the note says to choose.
    expect(s.divided).toBe(true);
    expect(s.communes.length).toBeGreaterThan(1);
    expect(s.communes.map((c) => c.code)).toEqual(units.currentOfLegacyCommune('00007').communes.map((c) => c.code));
    expect(s.note.vi).toContain('cần chọn');
  });

  it('maps an undivided legacy commune to its one current commune, whatever the diacritics', () => {
    const lc = units.legacyCommunes().find((l) => l.provinceCode === '31' && !units.currentOfLegacyCommune(l.code).divided && units.currentOfLegacyCommune(l.code).communes.length === 1)!;
    const district = units.legacyDistrict(lc.districtCode)!.fullName;
    const s = suggestCurrentCommune(`Thôn 1, ${lc.fullName}, ${district}, Thành phố Hải Phòng`.normalize('NFD'), units)!;
    expect(s).toMatchObject({ via: 'legacy', divided: false, communes: [{ code: units.currentOfLegacyCommune(lc.code).communes[0]!.code }] });
  });

  it('reads an address written with the current two levels', () => {
    const c = units.communesOf('31')[3]!;
    const s = suggestCurrentCommune(`Tổ 5, ${c.fullName}, Thành phố Hải Phòng`, units)!;
    expect(s).toMatchObject({ via: 'current', communes: [{ code: c.code, province: 'Thành phố Hải Phòng' }], divided: false });
  });

  it('suggests nothing when it recognises no unit', () => {
    expect(suggestCurrentCommune('Số 5, Đường Không Tên, Nơi Nào Đó', units)).toBeNull();
    expect(suggestCurrentCommune('Hà Nội', units)).toBeNull();
  });
});

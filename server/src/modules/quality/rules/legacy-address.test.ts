import { describe, expect, it } from 'vitest';
import { loadAdminUnits } from '@open06/kernel/admin-units';
import { createLegacyAddressResolver } from './legacy-address.ts';

describe('addresses written on pre-2025 units', () => {
  const units = loadAdminUnits();
  const resolve = createLegacyAddressResolver(units);

  it('maps every old commune of Hải Phòng to the current commune it became, with or without the province', () => {
    let n = 0;
    for (const c of units.communesOf('31'))
      for (const old of units.legacyOfCurrentCommune(c.code)) {
        const district = units.legacyDistrict(old.districtCode)!.fullName;
        for (const text of [`Số 3, ${old.fullName}, ${district}`, `Thôn Đông, ${old.fullName}, ${district}, ${units.legacyProvince(old.provinceCode)!.fullName}`]) {
          const r = resolve(text, [old.provinceCode]);
          expect(r?.legacy.code, text).toBe(old.code);
          expect(r!.current.map((x) => x.code)).toContain(c.code);
          n++;
        }
      }
    expect(n).toBeGreaterThan(800);
  });

  it('needs the person’s province when a district name exists in two provinces', () => {
    expect(resolve('Số 3, Xã An Tiến, Huyện An Lão')).toBeNull();
    expect(resolve('Số 3, Xã An Tiến, Huyện An Lão', ['31'])?.current[0]?.provinceCode).toBe('31');
  });

  it('reads diacritics-free and abbreviated addresses, and gives up on what is not an address', () => {
    expect(resolve('So 2, Phuong May Chai, Quan Ngo Quyen')?.current[0]?.fullName).toBe('Phường Ngô Quyền');
    expect(resolve('không rõ')).toBeNull();
    expect(resolve(null)).toBeNull();
  });
});

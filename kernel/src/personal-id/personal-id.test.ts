import fs from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPersonalIdConsistency, isOldCmnd, makePersonalId, parsePersonalId } from './personal-id.ts';
import { LEGACY_PROVINCES } from './legacy-provinces.ts';

describe('personal ID number', () => {
  it('decodes province, sex and birth year', () => {
    expect(parsePersonalId('001185012345')).toMatchObject({ valid: true, provinceCode: '001', province: 'Thành phố Hà Nội', sex: 'F', birthYear: 1985, errors: [] });
    expect(parsePersonalId(' 031215000111 ')).toMatchObject({ valid: true, provinceCode: '031', sex: 'M', birthYear: 2015 });
    expect(parsePersonalId('096521000001')).toMatchObject({ valid: true, sex: 'F', birthYear: 2121 });
  });

  it('refuses wrong length, non-digits and unknown province codes, saying why', () => {
    expect(parsePersonalId('12345').errors[0]?.code).toBe('length');
    expect(parsePersonalId('03108500123A').errors[0]?.code).toBe('format');
    const p = parsePersonalId('003085001234'); // 003 is not a province code
    expect(p.valid).toBe(false);
    expect(p.errors[0]).toMatchObject({ code: 'province_unknown', message: { vi: expect.stringContaining('003') } });
  });

  it('checks sex and birth year against a record', () => {
    expect(checkPersonalIdConsistency('030085001234', { sex: 'M', birthDate: { year: 1985, month: 4 } })).toEqual([]);
    expect(checkPersonalIdConsistency('030085001234', { sex: 'F', birthDate: { year: 1986 } }).map((e) => e.code)).toEqual(['sex_mismatch', 'birth_year_mismatch']);
  });

  it('allocates numbers that decode to what they were made from', () => {
    const provinces = Object.keys(LEGACY_PROVINCES);
    fc.assert(
      fc.property(fc.constantFrom(...provinces), fc.constantFrom('M' as const, 'F' as const), fc.integer({ min: 1900, max: 2399 }), fc.integer({ min: 0, max: 999_999 }), (provinceCode, sex, birthYear, r) => {
        const pid = makePersonalId({ provinceCode, sex, birthYear }, String(r).padStart(6, '0'));
        const p = parsePersonalId(pid);
        return p.valid && p.provinceCode === provinceCode && p.sex === sex && p.birthYear === birthYear;
      }),
    );
    expect(() => makePersonalId({ provinceCode: '003', sex: 'M', birthYear: 2000 }, '000000')).toThrow();
  });

  it('tells the old 9-digit CMND number apart', () => {
    expect(isOldCmnd('141234567')).toBe(true);
    expect(isOldCmnd('030085001234')).toBe(false);
  });

  it('knows exactly the 63 legacy provinces of the administrative-unit data', () => {
    const units = JSON.parse(fs.readFileSync(new URL('../../../config/admin-units/units.json', import.meta.url), 'utf8')) as { legacyProvinces: [string, string, string][] };
    expect(Object.keys(LEGACY_PROVINCES)).toHaveLength(63);
    expect(Object.fromEntries(units.legacyProvinces.map(([c, , full]) => [c.padStart(3, '0'), full]))).toEqual(LEGACY_PROVINCES);
  });
});

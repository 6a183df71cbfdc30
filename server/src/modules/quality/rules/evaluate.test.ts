// Each rule catches the defect it is written for and says nothing about a clean record.
import { describe, expect, it } from 'vitest';
import type { PersonScanRecord } from '../../registry/index.ts';
import { evaluate, unitOf, type SectorRecord } from './evaluate.ts';
import { loadRulesConfig, parseRulesConfig } from './rule-config.ts';
import { ruleContext } from './rule-context.ts';

const TODAY = '2026-11-20';
const THANH_DONG = '10507';

/** A married father of a household in Thành Đông, everything in order. */
function clean(over: Partial<PersonScanRecord> = {}): PersonScanRecord {
  return {
    pid: '030085001234',
    fullName: 'Nguyễn Văn Hùng',
    familyName: 'Nguyễn',
    middleName: 'Văn',
    givenName: 'Hùng',
    birthDate: '1985-04-12',
    sex: 'M',
    ethnicity: '01',
    religion: '00',
    nationality: 'VN',
    birthRegProvince: '030',
    birthPlace: 'Tỉnh Hải Dương',
    hometown: 'Xã An Bình, Huyện Nam Sách, Tỉnh Hải Dương',
    oldId: '141234567',
    lifeStatus: 'alive',
    deathDate: null,
    maritalStatus: 'married',
    fatherPid: '030055000001',
    motherPid: '030158000002',
    spousePid: '030190004321',
    phone: '+84912345678',
    email: null,
    createdAt: '2020-01-01T00:00:00.000Z',
    updatedAt: '2020-01-01T00:00:00.000Z',
    residences: [{ kind: 'permanent', communeCode: THANH_DONG, detail: 'Số 1, phố Trần Hưng Đạo', legacyAddress: null, validFrom: '2015-03-01' }],
    idCards: [{ kind: 'cccd', issuedOn: '2021-05-10', status: 'valid' }],
    household: { id: 1, code: `${THANH_DONG}-0000001`, relation: 'head', headPid: '030085001234', communeCode: THANH_DONG, heads: 1, members: 3, firstMember: '030085001234' },
    father: { pid: '030055000001', birthDate: '1955-02-02', sex: 'M', lifeStatus: 'alive', spousePid: '030158000002', maritalStatus: 'married' },
    mother: { pid: '030158000002', birthDate: '1958-03-03', sex: 'F', lifeStatus: 'alive', spousePid: '030055000001', maritalStatus: 'married' },
    spouse: { pid: '030190004321', birthDate: '1990-11-02', sex: 'F', lifeStatus: 'alive', spousePid: '030085001234', maritalStatus: 'married' },
    lastConfirmedOn: '2021-05-10',
    ...over,
  };
}

const run = (r: PersonScanRecord, sector: SectorRecord[] = []) => evaluate(r, ruleContext(TODAY, sector));
const rules = (r: PersonScanRecord, sector: SectorRecord[] = []) => run(r, sector).defects.map((d) => d.rule);
const only = (r: PersonScanRecord, rule: string, sector: SectorRecord[] = []) => run(r, sector).defects.filter((d) => d.rule === rule);

describe('a clean record', () => {
  it('has no findings, full completeness and its commune', () => {
    const e = run(clean());
    expect(e.defects).toEqual([]);
    expect(e.completeness).toBe(1);
    expect(e.communeCode).toBe(THANH_DONG);
    expect(e.provinceCode).toBe('31');
  });
});

describe('đúng (correct)', () => {
  it('pid_consistent: sex and birth year that disagree with the personal ID', () => {
    const [d] = only(clean({ sex: 'F' }), 'pid_consistent');
    expect(d!.fields).toEqual(['pid', 'sex']);
    expect(d!.fix.vi).toContain('số định danh ghi nam');
    expect(d!.fix.en).toContain('the record says female');
    expect(only(clean({ birthDate: '1987-04-12' }), 'pid_consistent')[0]!.evidence.problems).toEqual(['birth_year_mismatch']);
  });

  it('dates_possible: future, too early, death before birth, alive with a death date', () => {
    expect(only(clean({ birthDate: '1850-01-01', pid: '030850001234' }), 'dates_possible')[0]!.evidence.problem).toBe('too_early');
    expect(only(clean({ lifeStatus: 'deceased', deathDate: '1980-01-01' }), 'dates_possible')[0]!.evidence.problem).toBe('before_birth');
    expect(only(clean({ deathDate: '2020-01-01' }), 'dates_possible')[0]!.evidence.problem).toBe('alive_with_death_date');
    expect(only(clean({ idCards: [{ kind: 'can_cuoc', issuedOn: '2027-01-01', status: 'valid' }] }), 'dates_possible')[0]!.key).toBe('idCards');
  });

  it('admin_codes_exist: a commune code that is no unit at all, an unknown ethnicity', () => {
    const d = only(clean({ residences: [{ kind: 'permanent', communeCode: '99999', detail: 'x', legacyAddress: null, validFrom: '2015-03-01' }], ethnicity: '77' }), 'admin_codes_exist');
    expect(d.map((x) => x.key).sort()).toEqual(['ethnicity', 'residence:permanent']);
  });

  it('parent_age_gap: a parent less than 12 years older, a father who is a woman, a link to nobody', () => {
    const young = only(clean({ father: { ...clean().father!, birthDate: '1976-01-01' } }), 'parent_age_gap');
    expect(young).toHaveLength(1);
    expect(young[0]!.evidence.gapYears).toBe(9);
    expect(young[0]!.relatedPid).toBe('030055000001');
    expect(only(clean({ mother: { ...clean().mother!, sex: 'M' } }), 'parent_age_gap')[0]!.key).toBe('motherPid:sex');
    expect(only(clean({ father: null }), 'parent_age_gap')[0]!.evidence.problem).toBe('not_found');
    // exactly 12 years (the youngest the configured gap allows) passes
    expect(only(clean({ father: { ...clean().father!, birthDate: '1973-04-12' } }), 'parent_age_gap')).toEqual([]);
  });

  it('household_one_head: two heads, no head', () => {
    expect(rules(clean({ household: { ...clean().household!, heads: 2 } }))).toContain('household_one_head');
    expect(rules(clean({ household: { ...clean().household!, relation: 'child', heads: 0, headPid: null, firstMember: '030085001234' } }))).toContain('household_one_head');
    // another member of the headless household is not flagged a second time
    expect(rules(clean({ household: { ...clean().household!, relation: 'child', heads: 0, headPid: null, firstMember: '030000000001' } }))).not.toContain('household_one_head');
  });

  it('spouse_symmetric: one-way link, same sex, married status missing', () => {
    expect(only(clean({ spouse: { ...clean().spouse!, spousePid: '030199999999' } }), 'spouse_symmetric')[0]!.key).toBe('one_way');
    expect(only(clean({ spouse: { ...clean().spouse!, sex: 'M' } }), 'spouse_symmetric')[0]!.key).toBe('same_sex');
    expect(only(clean({ maritalStatus: 'single' }), 'spouse_symmetric')[0]!.key).toBe('status');
    // widowed with a dead spouse is right
    expect(only(clean({ maritalStatus: 'widowed', spouse: { ...clean().spouse!, lifeStatus: 'deceased' } }), 'spouse_symmetric')).toEqual([]);
  });

  it('id_card_min_age: a CCCD at 12, but a thẻ căn cước at 12 since 1/7/2024 is lawful', () => {
    const child = { pid: '031212001234', birthDate: '2012-03-01', fatherPid: null, motherPid: null, father: null, mother: null, spousePid: null, spouse: null, maritalStatus: null, household: null, phone: null };
    const early = only(clean({ ...child, idCards: [{ kind: 'cccd', issuedOn: '2024-05-01', status: 'valid' }] }), 'id_card_min_age');
    expect(early[0]!.evidence.ageAtIssue).toBe(12);
    expect(only(clean({ ...child, idCards: [{ kind: 'can_cuoc', issuedOn: '2024-08-01', status: 'valid' }] }), 'id_card_min_age')).toEqual([]);
  });

  it('nothing_after_death: a card issued after the death', () => {
    const d = only(clean({ lifeStatus: 'deceased', deathDate: '2019-06-01', idCards: [{ kind: 'cccd', issuedOn: '2021-05-10', status: 'valid' }] }), 'nothing_after_death');
    expect(d).toHaveLength(1);
    expect(d[0]!.fix.vi).toContain('10/05/2021');
  });
});

describe('đủ (complete)', () => {
  it('required_fields: missing ethnicity and hometown lower completeness and name the fields', () => {
    const e = run(clean({ ethnicity: null, hometown: null }));
    const d = e.defects.find((x) => x.rule === 'required_fields')!;
    expect(d.fields).toEqual(['ethnicity', 'hometown']);
    expect(d.fix.vi).toContain('dân tộc, quê quán');
    expect(e.completeness).toBeCloseTo(1 - (2 * 0.5) / 9, 5);
  });
  it('optional groups weigh in completeness without a finding', () => {
    const e = run(clean({ phone: null }));
    expect(e.defects).toEqual([]);
    expect(e.completeness).toBeCloseTo(8 / 9, 5);
  });
});

describe('sạch (clean)', () => {
  it('name_diacritics: a name typed without marks, but not a real unmarked name', () => {
    const d = only(clean({ fullName: 'Nguyen Van Hung' }), 'name_diacritics');
    expect(d[0]!.evidence.suggestion).toBe('Nguyễn Văn Hùng');
    expect(only(clean({ fullName: 'Mai Lan Anh' }), 'name_diacritics')).toEqual([]);
    expect(only(clean({ fullName: 'Nguyễn  Văn Hùng' }), 'name_diacritics')[0]!.key).toBe('form');
  });
  it('name_spelling: Telex leftovers and slips, with a suggestion', () => {
    const d = only(clean({ fullName: 'Nguyeexn Văn Hùng' }), 'name_spelling');
    expect(d[0]!.evidence.word).toBe('Nguyeexn');
    expect(d[0]!.evidence.suggestion).toBe('Nguyễn');
    expect(only(clean({ fullName: 'Nguyễn Văn Hùg' }), 'name_spelling')[0]!.evidence.suggestion).toBe('Hùng');
    // a name typed without marks is the diacritics rule's, not this one's
    expect(only(clean({ fullName: 'Nguyen Van Hung' }), 'name_spelling')).toEqual([]);
  });
  it('phone_e164: a national format number and a number that is none', () => {
    expect(only(clean({ phone: '0912 345 678' }), 'phone_e164')[0]!.evidence.suggestion).toBe('+84912345678');
    expect(only(clean({ phone: '12345' }), 'phone_e164')[0]!.key).toBe('invalid');
  });
  it('address_current_units: an address line that still names a district', () => {
    const d = only(clean({ residences: [{ kind: 'permanent', communeCode: THANH_DONG, detail: 'Số 5, phố Lê Lợi, thành phố Hải Dương, Quận Ngô Quyền', legacyAddress: null, validFrom: '2015-03-01' }] }), 'address_current_units');
    expect(d[0]!.evidence.word).toBe('quận');
    // "Quán Thánh" is a street, not a district
    expect(only(clean({ residences: [{ kind: 'permanent', communeCode: THANH_DONG, detail: 'Số 3, phố Quán Thánh', legacyAddress: null, validFrom: '2015-03-01' }] }), 'address_current_units')).toEqual([]);
  });
  it('sector_conflict: a sector record that disagrees on the birth date, not one that is only less precise', () => {
    const rec = (birthDate: string): SectorRecord => ({ source: 'social_insurance', kind: 'record', fullName: 'Nguyễn Văn Hùng', birthDate, sex: 'M', deathDate: null, reportedOn: '2026-10-01' });
    const d = only(clean(), 'sector_conflict', [rec('1985-12-04')]);
    expect(d.map((x) => x.key)).toEqual(['social_insurance:birthDate']);
    expect(only(clean(), 'sector_conflict', [rec('1985')])).toEqual([]);
  });
});

describe('sống (alive)', () => {
  it('implausible_age_alive: 120 years old and alive', () => {
    expect(rules(clean({ pid: '030906001234', birthDate: '1906-01-01', fatherPid: null, motherPid: null, father: null, mother: null }))).toContain('implausible_age_alive');
  });
  it('not_confirmed: nothing about the record confirmed for more than 10 years', () => {
    const d = only(clean({ lastConfirmedOn: '2012-01-01' }), 'not_confirmed');
    expect(d[0]!.evidence.lastConfirmed).toBe('01/01/2012');
  });
  it('reported_dead_elsewhere: a death reported by civil status for a person alive here', () => {
    const death: SectorRecord = { source: 'civil_status', kind: 'death', fullName: 'Nguyễn Văn Hùng', birthDate: '1985-04-12', sex: 'M', deathDate: '2026-09-01', reportedOn: '2026-09-02' };
    const d = only(clean(), 'reported_dead_elsewhere', [death]);
    expect(d[0]!.severity).toBe('high');
    expect(d[0]!.fix.vi).toContain('01/09/2026');
    // a report about someone else entirely is a lesser finding
    expect(only(clean(), 'reported_dead_elsewhere', [{ ...death, fullName: 'Lê Thị Mai', birthDate: '1950' }])[0]!.severity).toBe('medium');
    expect(only(clean({ lifeStatus: 'deceased', deathDate: '2026-09-01' }), 'reported_dead_elsewhere', [death])).toEqual([]);
  });
  it('commune_abolished: a residence written on a pre-2025 commune, with the current one suggested', () => {
    const r = clean({ household: null, residences: [{ kind: 'permanent', communeCode: null, detail: 'Số 1, phố Lê Lợi', legacyAddress: 'Số 1, phố Lê Lợi, Phường Máy Chai, Quận Ngô Quyền', validFrom: '2015-03-01' }] });
    const [d] = only(r, 'commune_abolished');
    expect(d!.evidence.suggestedCommunes).toHaveLength(1);
    expect(unitOf(r, ruleContext(TODAY))).toBe((d!.evidence.suggestedCommunes as string[])[0]);
    expect(d!.evidence.suggestion).toBe('Phường Ngô Quyền');
  });
});

describe('the rules file', () => {
  it('is valid and every rule kind it names is implemented', () => {
    const cfg = loadRulesConfig();
    expect(cfg.rules.length).toBeGreaterThanOrEqual(19);
    for (const fam of ['correct', 'complete', 'clean', 'alive']) expect(cfg.rules.some((r) => r.family === fam)).toBe(true);
  });
  it('refuses bad parameters and unknown sources with the path of the mistake', () => {
    const raw = JSON.parse(JSON.stringify(loadRulesConfig()));
    raw.rules.find((r: { id: string }) => r.id === 'parent_age_gap').params = { minGapYears: 'twelve' };
    expect(() => parseRulesConfig(raw)).toThrow(/rules\.\d+\.params: parent_age_gap: minGapYears/);
  });
  it('a parameter changes what a rule finds (minimum parent–child gap 16)', () => {
    const cfg = JSON.parse(JSON.stringify(loadRulesConfig()));
    cfg.rules.find((r: { id: string }) => r.id === 'parent_age_gap').params.minGapYears = 16;
    const r = clean({ father: { ...clean().father!, birthDate: '1971-01-01' } });
    expect(evaluate(r, ruleContext(TODAY, [], parseRulesConfig(cfg))).defects.map((d) => d.rule)).toContain('parent_age_gap');
    expect(run(r).defects.map((d) => d.rule)).not.toContain('parent_age_gap');
  });
});

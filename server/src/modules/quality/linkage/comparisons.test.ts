import { describe, expect, it } from 'vitest';
import type { Comparison } from './comparisons.ts';
import { RecordTable } from './engine.ts';
import { parseFieldSpecs } from './fields.ts';

/** Builds the comparisons over the given rows (one list) and returns a "level id of rows a and b" helper. */
function levels(fields: string, rows: Record<string, string>[]): { comp: (name: string) => Comparison; level: (name: string, a: number, b: number) => string } {
  const t = new RecordTable(parseFieldSpecs(fields));
  rows.forEach((r, i) => t.add(String(i), r));
  const comps = t.comparisons();
  const comp = (name: string) => comps.find((c) => c.name === name)!;
  return { comp, level: (name, a, b) => comp(name).levels[comp(name).level(a, b)]!.id };
}

describe('name comparison', () => {
  const names = [
    'Nguyễn Văn Hoàng', // 0
    'Nguyễn Văn Hoàng', // 1 exact
    'Nguyen Van Hoang', // 2 diacritics dropped
    'Nguyễn Văn Hoáng', // 3 other diacritics
    'Nguyeexn Vawn Hoafng', // 4 telex leftovers
    'Hoàng Văn Nguyễn', // 5 family and given swapped
    'Nguyễn Hoàng', // 6 middle dropped
    'Nguyễn Văn Hoàn', // 7 one letter
    'Nguyễn Đức Hoàng', // 8 other middle name
    'Nguyễn Văn Hoànhh', // 9 close
    'Trần Thị Mai', // 10 different
    '', // 11 missing
  ];
  const { level } = levels('full_name=n', names.map((n) => ({ n })));

  it('names the way two spellings agree', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 10].map((j) => level('name', 0, j))).toEqual(['exact', 'folded', 'accents_differ', 'telex', 'reordered', 'middle_dropped', 'one_edit', 'middle_differs', 'else']);
    expect(level('name', 0, 9)).toMatch(/^jw_parts_/);
    expect(level('name', 0, 11)).toBe('null');
  });

  it('is symmetric', () => {
    for (let i = 0; i < names.length; i++) for (let j = 0; j < names.length; j++) expect(level('name', i, j)).toBe(level('name', j, i));
  });

  it('reads family, middle and given names from separate columns the same way', () => {
    const { level: l } = levels('family_name=h,middle_name=d,given_name=t', [
      { h: 'Lê', d: 'Thị Thu', t: 'Hà' },
      { h: 'Le', d: 'Thi Thu', t: 'Ha' },
      { h: 'Lê', d: '', t: 'Hà' },
    ]);
    expect(l('name', 0, 1)).toBe('folded');
    expect(l('name', 0, 2)).toBe('middle_dropped');
  });
});

describe('date of birth comparison', () => {
  const dates = ['1990-05-12', '12/05/1990', '1990', '05/1990', '1990-12-05', '1990-05-13', '1991-05-12', '1990-08-01', '1985-01-01', '', '1990-06-12'];
  const { level } = levels('dob=d', dates.map((d) => ({ d })));
  it('knows exact, partial, swapped, one digit and same-year dates', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9].map((j) => level('dob', 0, j))).toEqual(['exact', 'partial_agrees', 'partial_agrees', 'day_month_swapped', 'one_digit', 'one_digit', 'same_year', 'else', 'null']);
    expect(level('dob', 3, 10)).toBe('else'); // 05/1990 vs June: month disagrees
  });
});

describe('number, sex, commune, address and text comparisons', () => {
  it('compares 12-digit IDs with 12-digit IDs only, and phones in any writing', () => {
    const { level } = levels('id_number=i,phone=p,sex=s', [
      { i: '001085012345', p: '0912 345 678', s: 'Nam' },
      { i: '001085012345', p: '+84912345678', s: 'M' },
      { i: '001085012354', p: '0912345679', s: 'Nữ' },
      { i: '123456789', p: '', s: '' },
      { i: '001099999999', p: '0988000111', s: 'nam' },
    ]);
    expect([1, 2, 3, 4].map((j) => level('id_number', 0, j))).toEqual(['exact', 'one_digit', 'null', 'else']);
    expect([1, 2, 3, 4].map((j) => level('phone', 0, j))).toEqual(['exact', 'one_digit', 'null', 'else']);
    expect([1, 2, 3].map((j) => level('sex', 0, j))).toEqual(['same', 'else', 'null']);
  });

  it('maps legacy commune codes to the current communes they became, divided ones included', () => {
    // 10867 (legacy) became 10813; 11521 (legacy) was divided between 11506 and 11557; 11533 is a
    // current code that was also a legacy commune divided between 11533 and 11560.
    const { level, comp } = levels('commune=c', [{ c: '10813' }, { c: '10867' }, { c: '11557' }, { c: '11521' }, { c: '11506' }, { c: '11560' }, { c: '11533' }, { c: '00004' }, { c: '' }]);
    expect(level('commune', 0, 1)).toBe('same_current');
    expect(level('commune', 2, 3)).toBe('same_current');
    expect(level('commune', 4, 3)).toBe('same_current');
    // the list holds legacy-only codes, so 11533 may also mean 11560
    expect(level('commune', 5, 6)).toBe('same_current');
    expect(level('commune', 0, 2)).toBe('same_province');
    expect(level('commune', 0, 7)).toBe('else');
    expect(level('commune', 0, 8)).toBe('null');
    // blocking sees a divided legacy commune in each of the communes it became
    const extra = comp('commune').extraKeys!.get('commune')!;
    expect([...extra.rows]).toContain(3);
  });

  it('reads a list of current codes as current', () => {
    const { level } = levels('commune=c', [{ c: '11560' }, { c: '11533' }]);
    expect(level('commune', 0, 1)).toBe('same_province');
  });

  it('compares addresses by their words and house numbers', () => {
    const { level } = levels('address=a', [
      { a: 'Số 12, ngõ 5, phố Lê Lợi' },
      { a: 'so 12 ngo 5 pho le loi' },
      { a: 'Số 12, ngõ 5, phố Lê Lợi, Phường Hồng Bàng, TP Hải Phòng' },
      { a: 'Số 14, ngõ 5, phố Lê Lợi' },
      { a: 'Thôn Đông' },
      { a: '' },
    ]);
    expect([1, 2, 3, 4, 5].map((j) => level('address', 0, j))).toEqual(['exact', 'same_numbers', 'shares_words', 'else', 'null']);
  });

  it('compares any text by Jaro–Winkler and any code exactly', () => {
    const { level } = levels('text:hometown=h,exact:ethnic=e', [
      { h: 'Xã Đông Sơn, Huyện Thủy Nguyên', e: '01' },
      { h: 'xa dong son huyen thuy nguyen', e: '01' },
      { h: 'Xã Đông Sơn, Huyện Thủy Nguyen', e: '02' },
      { h: 'Phường Cầu Đất', e: '' },
    ]);
    expect([1, 2, 3].map((j) => level('hometown', 0, j))).toEqual(['exact', 'exact', 'else']);
    expect([1, 2, 3].map((j) => level('ethnic', 0, j))).toEqual(['exact', 'else', 'null']);
  });
});

describe('u of exact-value levels from value frequencies', () => {
  it('is the chance two random records share the value', () => {
    // 6 M and 4 F: ordered pairs of different rows 90, equal sex 6·5 + 4·3 = 42
    const rows = [...Array(6).fill('M'), ...Array(4).fill('F')].map((s) => ({ s }));
    const { comp } = levels('sex=s', rows);
    expect(comp('sex').exactU[1]).toBeCloseTo(42 / 90, 12);
  });

  it('splits names equal once folded into "one without diacritics" and "other diacritics"', () => {
    const { comp } = levels('full_name=n', [{ n: 'Lê Thủy' }, { n: 'Lê Thủy' }, { n: 'Le Thuy' }, { n: 'Lê Thúy' }]);
    const u = comp('name').exactU;
    // 12 ordered pairs: exact 2 (rows 0,1), folded with one side bare 6 (row 2 with 0, 1, 3), other diacritics 4 (row 3 with 0, 1)
    expect([u[1], u[2], u[3]]).toEqual([2 / 12, 6 / 12, 4 / 12]);
  });
});

import { describe, expect, it } from 'vitest';
import { siblings, type LinkRow } from './duplicates.ts';

const row = (over: Partial<LinkRow>): LinkRow => ({
  pid: '030219270155',
  fullName: 'Nguyễn Minh Hải',
  birthDate: '2019-05-13',
  sex: 'M',
  oldId: null,
  phone: null,
  commune: '10507',
  address: 'Số 1, phố Lê Lợi',
  fatherPid: '030095125609',
  motherPid: '030301969946',
  substance: 4,
  createdAt: '2020-01-01T00:00:00.000Z',
  ...over,
});

describe('siblings are not duplicates', () => {
  it('two children of one parent with birth dates that cannot be one date mistyped', () => {
    expect(siblings(row({}), row({ pid: '030219886229', birthDate: '2019-11-20' }))).toBe(true);
  });
  it('but the same date, day and month swapped, or one digit off may be one person', () => {
    expect(siblings(row({}), row({ pid: '030219886229' }))).toBe(false);
    expect(siblings(row({ birthDate: '2019-05-11' }), row({ pid: '030219886229', birthDate: '2019-11-05' }))).toBe(false);
    expect(siblings(row({}), row({ pid: '030219886229', birthDate: '2019-05-18' }))).toBe(false);
  });
  it('and without a shared parent, or with a year only, nothing is decided here', () => {
    expect(siblings(row({}), row({ pid: '030219886229', birthDate: '2019-11-20', fatherPid: null, motherPid: null }))).toBe(false);
    expect(siblings(row({}), row({ pid: '030219886229', birthDate: '2019' }))).toBe(false);
  });
});

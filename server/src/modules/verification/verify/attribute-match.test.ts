// Comparing presented attributes with a registry record, and the colour of a check.
import { describe, expect, it } from 'vitest';
import { colourOf, matchAttributes, sameBirthDate, sameNameForVerification } from './attribute-match.ts';

const record = { pid: '030190004321', fullName: 'Trần Thị Thu Hà', birthDate: '1990-11-02', sex: 'F' as const, oldId: null, idCards: [{ issuedOn: '2021-05-10' }] };

describe('names', () => {
  it.each([
    ['Trần Thị Thu Hà', true],
    ['TRẦN THỊ THU HÀ', true],
    ['  Trần  Thị Thu   Hà ', true],
    ['Trần Thị Thu Hà'.normalize('NFD'), true],
    ['Tran Thi Thu Ha', true], // typed with no Vietnamese keyboard
    ['tran thi thu ha', true],
    ['Trần Thị Thu Hằng', false], // a different name
    ['Trần Thị Thu Hạ', false], // one wrong tone is a different name
    ['Tran Thi Thu Hang', false],
    ['Trần Thị Hà', false],
  ])('%j against "Trần Thị Thu Hà" → %s', (typed, same) => {
    expect(sameNameForVerification(typed, 'Trần Thị Thu Hà')).toBe(same);
  });

  it('takes the Icelandic Ð some keyboards type for Đ', () => {
    expect(sameNameForVerification('Ðỗ Minh Tuấn', 'Đỗ Minh Tuấn')).toBe(true);
    expect(sameNameForVerification('Do Minh Tuan', 'Đỗ Minh Tuấn')).toBe(true);
  });
});

describe('birth dates', () => {
  it.each([
    ['1990-11-02', '1990-11-02', true],
    ['1990-11-03', '1990-11-02', false],
    ['1975-06-01', '1975', true], // the registry knows only the year
    ['1976-06-01', '1975', false],
    ['1980-02-14', '1980-02', true],
    ['1980-03-14', '1980-02', false],
    ['1990', '1990-11-02', true],
  ])('%s vs registry %s → %s', (p, r, same) => expect(sameBirthDate(p, r)).toBe(same));
});

describe('matchAttributes', () => {
  it('answers only for what was presented', () => {
    expect(matchAttributes({ pid: record.pid, fullName: 'Tran Thi Thu Ha' }, record)).toEqual({ pid: 'match', fullName: 'match' });
  });

  it('an absent record: the personal ID does not match, the rest is not checked', () => {
    expect(matchAttributes({ pid: record.pid, fullName: 'X', sex: 'F' }, undefined)).toEqual({ pid: 'no_match', fullName: 'not_checked', sex: 'not_checked' });
  });

  it('what the reader may not see is not checked; a value the registry lacks does not match', () => {
    const hidden = { pid: record.pid, fullName: record.fullName };
    expect(matchAttributes({ pid: record.pid, oldId: '141234567', issueDate: '2021-05-10' }, hidden)).toEqual({ pid: 'match', oldId: 'not_checked', issueDate: 'not_checked' });
    expect(matchAttributes({ pid: record.pid, oldId: '141234567', issueDate: '2021-05-10', sex: 'M' }, record)).toEqual({ pid: 'match', oldId: 'no_match', issueDate: 'match', sex: 'no_match' });
  });
});

describe('colour', () => {
  const passed = [{ name: 'registry', status: 'passed' as const }];
  it('green when everything checked passed', () => {
    expect(colourOf(passed, { pid: 'match', fullName: 'match', oldId: 'not_checked' })).toBe('green');
  });
  it('red on any failed check or mismatch', () => {
    expect(colourOf([...passed, { name: 'replay', status: 'failed' }], { pid: 'match' })).toBe('red');
    expect(colourOf(passed, { pid: 'match', fullName: 'no_match' })).toBe('red');
  });
  it('amber when something that matters could not be checked', () => {
    expect(colourOf([{ name: 'registry', status: 'not_possible' }], { pid: 'not_checked' })).toBe('amber');
    expect(colourOf(passed, { pid: 'match', fullName: 'not_checked' })).toBe('amber');
    expect(colourOf([...passed, { name: 'chip.csca', status: 'not_possible' }], { pid: 'match' })).toBe('amber');
  });
});

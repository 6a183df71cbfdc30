// Checking form values against a definition: conditions, required fields, types and ranges, dates
// typed as people type them, unknown fields; and prefill bindings resolved in rounds with sources.
import { describe, expect, it } from 'vitest';
import type { PersonView } from '../../registry/index.ts';
import { loadCatalogue } from '../catalogue/catalogue.ts';
import type { SingleDefinition } from '../catalogue/catalogue.schema.ts';
import { checkForm, dateBound } from './form.ts';
import { mergePrefill, prefillForm, valueAt } from './prefill.ts';

const catalogue = loadCatalogue();
const birth = catalogue.get('birth-registration') as SingleDefinition;
const TODAY = '2026-11-24';
const paths = (ps: { path: string; code: string }[]) => ps.map((p) => `${p.path}:${p.code}`);

describe('checkForm', () => {
  it('normalises what people type and keeps only shown fields', () => {
    const { values, problems } = checkForm(
      birth,
      { 'child.birthDate': '20/11/2026', 'registration.copies': '2', 'paternity.fatherKnown': false, 'father.fullName': 'Ai đó', 'child.fullName': '  Nguyễn  An ' },
      TODAY,
    );
    expect(values['child.birthDate']).toBe('2026-11-20');
    expect(values['registration.copies']).toBe(2);
    expect(values['child.fullName']).toBe('Nguyễn  An');
    expect(values['father.fullName']).toBeUndefined(); // hidden: the father is not known
    expect(paths(problems)).not.toContain('body.values.father.pid:required');
    expect(paths(problems)).toContain('body.values.mother.pid:required');
  });

  it('names every bad value: date out of range, impossible date, option, pattern, number range, unknown field', () => {
    const { problems } = checkForm(
      birth,
      { 'child.birthDate': '2026-12-01', 'mother.birthDate': '31/02/1990', 'child.sex': 'X', 'child.fullName': 'An 2', 'registration.copies': 11, 'child.colour': 'red', 'paternity.fatherKnown': true, 'father.pid': '123' },
      TODAY,
    );
    expect(paths(problems)).toEqual(
      expect.arrayContaining([
        'body.values.child.birthDate:date_too_late',
        'body.values.mother.birthDate:date',
        'body.values.child.sex:option',
        'body.values.child.fullName:pattern',
        'body.values.registration.copies:too_large',
        'body.values.child.colour:unknown_field',
        'body.values.father.pid:pid',
      ]),
    );
    expect(problems.find((p) => p.path === 'body.values.child.sex')!.message.vi).toContain('Giới tính');
  });

  it('reads date bounds relative to today', () => {
    expect(dateBound('today-18y', TODAY)).toBe('2008-11-24');
    expect(dateBound('today+30d', TODAY)).toBe('2026-12-24');
    expect(dateBound('2000-01-01', TODAY)).toBe('2000-01-01');
  });
});

describe('prefill', () => {
  const person = (p: Partial<PersonView> & { pid: string }): PersonView => ({ sources: { record: { source: 'import', updatedAt: '2015-01-01T00:00:00Z' }, changed: {} }, residences: [], ...p }) as PersonView;
  const father = person({ pid: '030085001234', fullName: 'Nguyễn Văn Hùng', spousePid: '030190004321', sources: { record: { source: 'import', updatedAt: '2015-01-01T00:00:00Z' }, changed: { fullName: { source: 'correction', updatedAt: '2024-03-01T00:00:00Z' } } } });
  const mother = person({
    pid: '030190004321',
    fullName: 'Trần Thị Thu Hà',
    spousePid: father.pid,
    residences: [{ kind: 'permanent', communeCode: '10507', communeName: null, provinceName: null, detail: 'Số 1', legacyAddress: null, validFrom: '2015-03-01', validTo: null }],
  });
  const people = new Map([father, mother].map((p) => [p.pid, p]));

  it('follows who applies, reads the people pid fields name, and keeps each value’s source', async () => {
    const read = async (pid: string) => people.get(pid) ?? null;
    const { entries, unreadable } = await prefillForm(birth, mother, { 'applicant.relationToChild': 'mother' }, read);
    expect(entries['mother.pid']!.value).toBe(mother.pid);
    expect(entries['father.pid']!.value).toBe(father.pid);
    expect(entries['father.fullName']).toMatchObject({ value: 'Nguyễn Văn Hùng', source: 'correction', updatedAt: '2024-03-01T00:00:00Z', of: 'father.pid' });
    expect(entries['registration.commune']).toMatchObject({ value: '10507', source: 'residence', updatedAt: '2015-03-01', editable: true });
    expect(unreadable).toEqual([]);
    const asFather = await prefillForm(birth, father, { 'applicant.relationToChild': 'father' }, read);
    expect(asFather.entries['mother.pid']!.value).toBe(mother.pid);
  });

  it('a pid field whose person cannot be read is reported, not filled', async () => {
    const { entries, unreadable } = await prefillForm(catalogue.get('death-registration') as SingleDefinition, mother, { 'deceased.pid': '001180002468' }, async () => null);
    expect(entries['deceased.fullName']).toBeUndefined();
    expect(unreadable).toEqual(['deceased.pid']);
  });

  it('registry facts override what was typed (a different value is a problem); editable ones are defaults', () => {
    const entries = {
      'mother.fullName': { value: 'Trần Thị Thu Hà', source: 'import', updatedAt: '', of: 'mother.pid', editable: false },
      'registration.commune': { value: '10507', source: 'residence', updatedAt: '', of: 'applicant', editable: true },
    };
    const same = mergePrefill({ 'mother.fullName': 'Trần Thị Thu Hà', 'registration.commune': '10525' }, entries);
    expect(same.problems).toEqual([]);
    expect(same.values['registration.commune']).toBe('10525');
    const other = mergePrefill({ 'mother.fullName': 'Trần Thị Hà' }, entries);
    expect(paths(other.problems)).toEqual(['body.values.mother.fullName:registry_value']);
    expect(other.values['mother.fullName']).toBe('Trần Thị Thu Hà');
  });

  it('reads values at registry paths', () => {
    expect(valueAt(mother, 'person.residences[kind=permanent].detail')).toMatchObject({ value: 'Số 1', source: 'residence' });
    expect(valueAt(mother, 'person.residences[kind=temporary].detail')).toBeNull();
    expect(valueAt(mother, 'person.household.code')).toBeNull();
  });
});

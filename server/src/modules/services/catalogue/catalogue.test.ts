// The real catalogue loads with its 25 essential services; each kind of mistake in a definition is
// refused with the file, the JSON path and what is wrong — checked on copies in a temporary folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CatalogueError, DEFAULT_DIR, formatPath, loadCatalogue } from './catalogue.ts';

type Json = Record<string | number, unknown>;
const tokens = (p: string) => [...p.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : (m[1] as string)));

/** The value at a path like `form.sections[0].fields[1]`. */
function at(obj: unknown, p: string): unknown {
  return tokens(p).reduce<unknown>((o, k) => (o as Json)[k], obj);
}
function set(obj: unknown, p: string, value: unknown): void {
  const ks = tokens(p);
  const last = ks.pop() as string | number;
  (at(obj, ks.map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`)).join('').replace(/^\./, '')) as Json)[last] = value;
}
function del(obj: unknown, p: string): void {
  const ks = tokens(p);
  const last = ks.pop() as string | number;
  const parent = ks.length ? (at(obj, ks.map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`)).join('').replace(/^\./, '')) as Json) : (obj as Json);
  if (Array.isArray(parent) && typeof last === 'number') parent.splice(last, 1);
  else delete parent[last];
}
/** `form.sections[i].fields[j]` of a field id. */
function fieldPath(def: unknown, id: string): string {
  const [section, name] = id.split('.');
  const sections = at(def, 'form.sections') as { id: string; fields: { name: string }[] }[];
  const si = sections.findIndex((s) => s.id === section);
  const fi = sections[si]?.fields.findIndex((f) => f.name === name) ?? -1;
  if (si < 0 || fi < 0) throw new Error(`no field ${id}`);
  return `form.sections[${si}].fields[${fi}]`;
}
function bindingIndex(def: unknown, field: string, from?: string): number {
  const i = (at(def, 'prefill') as { field: string; from: string }[]).findIndex((b) => b.field === field && (from === undefined || b.from === from));
  if (i < 0) throw new Error(`no binding of ${field}`);
  return i;
}

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  dirs = [];
});

/** A copy of the real catalogue with `edit` applied to one file's JSON. */
function copy(edits: Record<string, (def: Json) => void> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'open06-catalogue-'));
  dirs.push(dir);
  fs.cpSync(DEFAULT_DIR, dir, { recursive: true });
  for (const [file, edit] of Object.entries(edits)) {
    const def = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Json;
    edit(def);
    fs.writeFileSync(path.join(dir, file), JSON.stringify(def, null, 2));
  }
  return dir;
}

function problemsOf(dir: string): string[] {
  try {
    loadCatalogue(dir);
  } catch (e) {
    expect(e).toBeInstanceOf(CatalogueError);
    return [...(e as CatalogueError).problems];
  }
  throw new Error('the catalogue loaded');
}

/** Loads a copy with one file edited and expects the problem `<file>: <path>: …message…`. */
function refuses(file: string, edit: (def: Json) => void, problemPath: string | ((def: Json) => string), message: string | RegExp): void {
  let p = '';
  const dir = copy({
    [file]: (def) => {
      p = typeof problemPath === 'string' ? problemPath : problemPath(def);
      edit(def);
    },
  });
  const problems = problemsOf(dir);
  const prefix = `${file}: ${p}: `;
  const hit = problems.find((x) => x.startsWith(prefix) && (typeof message === 'string' ? x.includes(message) : message.test(x)));
  expect(hit, `expected "${prefix}…${message}" among:\n${problems.join('\n')}`).toBeDefined();
}

describe('the real catalogue', () => {
  const catalogue = loadCatalogue();

  it('holds the 25 essential services of Decision 06, in order, and the procedures the linked ones chain', () => {
    expect(catalogue.essential.map((d) => d.essential)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect([...catalogue.procedures.values()].filter((d) => d.essential === null).map((d) => d.id).sort()).toEqual([
      'child-health-insurance-card',
      'funeral-allowance',
      'permanent-residence-removal',
    ]);
    expect(catalogue.essential[8]?.id).toBe('birth-registration');
    expect(catalogue.findByCode('1.001193')?.id).toBe('birth-registration');
    expect(() => catalogue.get('no-such-procedure')).toThrow(/no-such-procedure/);
  });

  it('runs 15 and 16 as linked procedures and sends 6 to the lodging module', () => {
    const birth = catalogue.get('birth-residence-health-insurance');
    const death = catalogue.get('death-residence-funeral');
    expect(birth.kind === 'linked' && birth.steps.map((s) => [s.procedure, s.owner.role])).toEqual([
      ['birth-registration', 'civil_status_officer'],
      ['permanent-residence-registration', 'commune_police'],
      ['child-health-insurance-card', 'social_insurance_officer'],
    ]);
    expect(birth.kind === 'linked' && birth.steps[0]?.compensation.effects).toContain('revokePid');
    expect(death.kind === 'linked' && death.steps.map((s) => s.procedure)).toEqual(['death-registration', 'permanent-residence-removal', 'funeral-allowance']);
    expect(death.kind === 'linked' && death.steps[1]?.compensation.effects).toEqual(['restorePermanentResidence']);
    const lodging = catalogue.essential[5];
    expect(lodging?.kind === 'module' && lodging.handledBy).toBe('lodging');
  });

  it('lets nobody type what the registry knows: the applicant of a birth registration is prefilled', () => {
    const birth = catalogue.get('birth-registration');
    const bound = birth.kind === 'single' ? birth.prefill.filter((b) => b.field.startsWith('applicant.')).map((b) => [b.field, b.from]) : [];
    expect(bound).toEqual([
      ['applicant.pid', 'person.pid'],
      ['applicant.fullName', 'person.fullName'],
      ['applicant.phone', 'person.phone'],
      ['applicant.email', 'person.email'],
    ]);
  });

  it('formats paths as the problems name them', () => {
    expect(formatPath([])).toBe('(root)');
    expect(formatPath(['form', 'sections', 0, 'fields', 2, 'type'])).toBe('form.sections[0].fields[2].type');
  });
});

describe('a broken definition is refused with its file and path', () => {
  it('not JSON', () => {
    const dir = copy();
    fs.writeFileSync(path.join(dir, 'tax-registration.json'), '{ "id": "tax-registration", ');
    expect(problemsOf(dir).some((p) => p.startsWith('tax-registration.json: (root): not valid JSON'))).toBe(true);
  });

  it('a broken procedure does not make the linked ones that run it fail as well', () => {
    const problems = problemsOf(copy({ 'birth-registration.json': (d) => set(d, 'online', 'yes') }));
    expect(problems).toEqual([expect.stringMatching(/^birth-registration\.json: online: /)]);
  });

  it('a misspelt key', () => {
    refuses('birth-registration.json', (d) => set(d, `${fieldPath(d, 'child.sex')}.requird`, true), (d) => fieldPath(d, 'child.sex'), 'requird');
  });

  it('a missing English text', () => refuses('death-registration.json', (d) => del(d, 'name.en'), 'name.en', ''));

  it('a file named after another id', () => {
    const dir = copy();
    fs.renameSync(path.join(dir, 'tax-registration.json'), path.join(dir, 'tax.json'));
    expect(problemsOf(dir)).toContain('tax.json: id: the file of tax-registration must be named tax-registration.json');
  });

  it('a national code in the wrong format, or taken twice', () => {
    refuses('marriage-registration.json', (d) => set(d, 'nationalCode', '1000894'), 'nationalCode', 'expected the national portal code');
    refuses('marriage-registration.json', (d) => set(d, 'nationalCode', '1.001193'), 'nationalCode', '1.001193 is also the code of birth-registration.json');
  });

  it('an essential service numbered twice, or missing', () => {
    refuses('tax-registration.json', (d) => set(d, 'essential', 17), 'essential', 'essential service 17 is also household-health-insurance-renewal.json');
    const dir = copy();
    fs.rmSync(path.join(dir, 'criminal-record-certificate.json'));
    expect(problemsOf(dir).some((p) => p.endsWith('essential: no definition for essential service(s) 22 of Decision 06/QĐ-TTg'))).toBe(true);
  });

  it('an invalid pattern or date bound', () => {
    refuses('birth-registration.json', (d) => set(d, `${fieldPath(d, 'child.fullName')}.pattern`, '^[\\p{L}+$'), (d) => `${fieldPath(d, 'child.fullName')}.pattern`, 'not a valid regular expression');
    refuses('birth-registration.json', (d) => set(d, `${fieldPath(d, 'child.birthDate')}.max`, 'tomorrow'), (d) => `${fieldPath(d, 'child.birthDate')}.max`, 'expected yyyy-mm-dd');
  });

  describe('prefill', () => {
    it('from a path the registry does not have', () => {
      refuses('tax-registration.json', (d) => set(d, `prefill[${bindingIndex(d, 'taxpayer.birthDate')}].from`, 'person.dob'), (d) => `prefill[${bindingIndex(d, 'taxpayer.birthDate')}].from`, 'person.dob is not a registry path');
    });

    it('into a field the form does not have', () => {
      refuses('tax-registration.json', (d) => (at(d, 'prefill') as unknown[]).push({ field: 'taxpayer.nickname', from: 'person.givenName' }), (d) => `prefill[${(at(d, 'prefill') as unknown[]).length}].field`, 'no field taxpayer.nickname');
    });

    it('into a field of another type', () => {
      refuses(
        'birth-registration.json',
        (d) => {
          set(d, `${fieldPath(d, 'mother.birthDate')}.type`, 'text');
          del(d, `${fieldPath(d, 'mother.birthDate')}.partial`);
        },
        (d) => `prefill[${bindingIndex(d, 'mother.birthDate')}].from`,
        'person.birthDate fills a date field, not a text field',
      );
    });

    it('a partial registry date into a field that takes only full dates', () => {
      refuses('birth-registration.json', (d) => set(d, `${fieldPath(d, 'mother.birthDate')}.partial`, false), (d) => `prefill[${bindingIndex(d, 'mother.birthDate')}].from`, 'set partial: true');
    });

    it('a select that cannot show every registry value', () => {
      refuses('id-card-reissue.json', (d) => (at(d, `${fieldPath(d, 'applicant.sex')}.options`) as unknown[]).pop(), (d) => `prefill[${bindingIndex(d, 'applicant.sex')}].from`, 'missing F');
    });

    it('a field about the mother read from the father’s record', () => {
      refuses('birth-registration.json', (d) => set(d, `prefill[${bindingIndex(d, 'mother.fullName')}].of`, 'father.pid'), (d) => `prefill[${bindingIndex(d, 'mother.fullName')}].of`, "read mother.pid's record");
    });

    it('a known field left for the citizen to type', () => {
      refuses('birth-registration.json', (d) => del(d, `prefill[${bindingIndex(d, 'applicant.fullName')}]`), (d) => `${fieldPath(d, 'applicant.fullName')}.name`, 'the registry knows applicant.fullName: add a prefill binding from person.fullName');
    });

    it('a known field bound from another attribute', () => {
      refuses('marriage-registration.json', (d) => set(d, `prefill[${bindingIndex(d, 'applicant.fullName')}].from`, 'person.givenName'), (d) => `prefill[${bindingIndex(d, 'applicant.fullName')}].from`, 'bound from person.fullName by convention');
    });

    it('bindings that read each other in a circle', () => {
      refuses(
        'birth-registration.json',
        (d) => {
          (at(d, 'prefill') as unknown[]).push({ field: 'mother.pid', from: 'person.spousePid', of: 'father.pid', when: { field: 'applicant.relationToChild', equals: 'grandparent' } });
          (at(d, 'prefill') as unknown[]).push({ field: 'father.pid', from: 'person.spousePid', of: 'mother.pid', when: { field: 'applicant.relationToChild', equals: 'grandparent' } });
        },
        'prefill',
        'in a circle',
      );
    });
  });

  describe('conditions and routing', () => {
    it('a condition on a field that does not exist', () => {
      refuses('birth-registration.json', (d) => set(d, `${fieldPath(d, 'father.pid')}.when.field`, 'paternity.known'), (d) => `${fieldPath(d, 'father.pid')}.when.field`, 'no field paternity.known');
    });

    it('a condition on a value the select does not offer', () => {
      refuses('permanent-residence-registration.json', (d) => set(d, 'documents[1].when.equals', 'leased'), 'documents[1].when', '"leased" is not an option of residence.basis');
    });

    it('routing to a field that is not a commune', () => {
      refuses('tax-registration.json', (d) => set(d, 'routing.commune', 'taxpayer.fullName'), 'routing.commune', 'taxpayer.fullName is not a commune field');
    });
  });

  describe('documents and fees', () => {
    it('a document reused from a credential nobody issues', () => {
      refuses('death-registration.json', (d) => set(d, 'documents[0].credential', 'death_paper'), 'documents[0].credential', 'no procedure issues death_paper');
    });

    it('a wallet document without its credential kind', () => {
      refuses('death-registration.json', (d) => del(d, 'documents[0].credential'), 'documents[0].credential', 'names its credential kind');
    });

    it('a fee case missing for a value of its field', () => {
      refuses('id-card-reissue.json', (d) => del(d, 'fee.rule.cases.lost'), 'fee.rule.cases', 'no case for request.reason = lost');
    });

    it('a fee per unit of a field that is not a number', () => {
      refuses('birth-registration.json', (d) => set(d, 'fee.rule.parts[1].rule.field', 'child.fullName'), 'fee.rule.parts[1].rule.field', 'child.fullName is a text field; expected number');
    });

    it('an amount that is not whole đồng', () => {
      refuses('ordinary-passport.json', (d) => set(d, 'fee.rule.cases.first.amount', 199999.5), 'fee.rule.cases.first.amount', 'whole đồng');
    });
  });

  describe('workflow', () => {
    it('an unknown role', () => {
      refuses('birth-registration.json', (d) => set(d, 'workflow.steps[1].role', 'civil_registrar'), 'workflow.steps[1].role', 'unknown role civil_registrar');
    });

    it('a role at a level where it does not sit', () => {
      refuses('temporary-residence-registration.json', (d) => set(d, 'workflow.steps[0].unit', 'province'), 'workflow.steps[0].unit', 'commune_police acts at commune level, not province');
    });

    it('a step that cannot approve', () => {
      refuses('ordinary-passport.json', (d) => set(d, 'workflow.steps[1].outcomes', ['refuse']), 'workflow.steps[1].outcomes', 'every step can approve');
    });

    it('a citizen acting in a workflow', () => {
      refuses('tax-registration.json', (d) => set(d, 'workflow.steps[0].role', 'citizen'), 'workflow.steps[0].role', 'unknown role citizen');
    });
  });

  describe('effects', () => {
    it('an effect outside the vocabulary', () => {
      refuses('death-registration.json', (d) => set(d, 'effects[0].effect', 'buryPerson'), 'effects[0].effect', '');
    });

    it('an argument naming no field, or a field of the wrong type', () => {
      refuses('birth-registration.json', (d) => set(d, 'effects[0].args.fullName', 'child.name'), 'effects[0].args.fullName', 'no field child.name');
      refuses('death-registration.json', (d) => set(d, 'effects[0].args.person', 'deceased.fullName'), 'effects[0].args.person', 'deceased.fullName is a text field; person needs pid');
    });

    it('an argument the effect does not take, or a missing one', () => {
      refuses('death-registration.json', (d) => set(d, 'effects[0].args.colour', 'death.place'), 'effects[0].args.colour', 'recordDeath takes no argument colour');
      refuses('death-registration.json', (d) => del(d, 'effects[0].args.deathDate'), 'effects[0].args', 'recordDeath needs deathDate');
    });

    it('a personal ID allocated with no birth registered before it', () => {
      const dir = copy({ 'birth-registration.json': (d) => del(d, 'effects[0]') });
      const problems = problemsOf(dir);
      expect(problems).toContain('birth-registration.json: effects[0].effect: allocatePid needs a registerBirth before it');
      expect(problems).toContain('birth-registration.json: effects[0].args.person: $new is the person a registerBirth earlier in the list creates');
    });

    it('none next to a registry effect, and none without saying where the effect lands', () => {
      refuses('death-registration.json', (d) => (at(d, 'effects') as unknown[]).push({ effect: 'none', args: {} }), 'effects[1].effect', 'none stands alone');
      refuses('tax-registration.json', (d) => del(d, 'effects[0].note'), 'effects[0].note', 'say where the effect');
    });

    it('a household relation the registry does not know', () => {
      refuses(
        'permanent-residence-registration.json',
        (d) => (at(d, `${fieldPath(d, 'household.relationToHead')}.options`) as unknown[]).push({ value: 'cousin', label: { vi: 'Anh chị em họ', en: 'Cousin' } }),
        'effects[1].args.relation',
        'no relation for: cousin',
      );
    });
  });

  describe('linked procedures', () => {
    const LINKED = 'birth-residence-health-insurance.json';

    it('a step running a procedure that does not exist, or one that is not single', () => {
      refuses(LINKED, (d) => set(d, 'steps[1].procedure', 'permanent-residence'), 'steps[1].procedure', 'no procedure permanent-residence in the catalogue');
      refuses(LINKED, (d) => set(d, 'steps[1].procedure', 'lodging-notification'), 'steps[1].procedure', 'is not a single procedure');
    });

    it('an owner who does not act in the step’s procedure', () => {
      refuses(LINKED, (d) => set(d, 'steps[2].owner.role', 'tax_officer'), 'steps[2].owner', 'tax_officer at province level acts in no step of child-health-insurance-card');
    });

    it('a compensation that undoes something else, or leaves an effect in place', () => {
      refuses(LINKED, (d) => set(d, 'steps[1].compensation.effects[0]', 'revokePid'), 'steps[1].compensation.effects[0]', 'revokePid undoes none of permanent-residence-registration');
      refuses(LINKED, (d) => set(d, 'steps[1].compensation.effects', ['removePermanentResidence']), 'steps[1].compensation.effects', 'leaveHousehold is missing');
      refuses('death-residence-funeral.json', (d) => set(d, 'steps[1].compensation.effects', ['restoreResidence']), 'steps[1].compensation.effects[0]', 'unknown compensation restoreResidence');
    });

    it('a required field of a step that nothing fills', () => {
      refuses(LINKED, (d) => delete (at(d, 'steps[1].inputs') as Json)['residence.detail'], 'steps[1].inputs', 'permanent-residence-registration requires residence.detail');
    });

    it('an input into a field the step’s procedure lacks, from a field the form lacks, or of another type', () => {
      refuses(LINKED, (d) => ((at(d, 'steps[2].inputs') as Json)['child.name'] = 'child.fullName'), 'steps[2].inputs.child.name', 'child-health-insurance-card has no field child.name');
      refuses(LINKED, (d) => ((at(d, 'steps[2].inputs') as Json)['care.facility'] = 'care.clinic'), 'steps[2].inputs.care.facility', 'no field care.clinic in the form');
      refuses(LINKED, (d) => ((at(d, 'steps[2].inputs') as Json)['care.facility'] = 'residence.communeCode'), 'steps[2].inputs.care.facility', 'residence.communeCode is a commune field; care.facility is a text field');
    });

    it('an output taken from a later step or one the step does not produce', () => {
      refuses(LINKED, (d) => ((at(d, 'steps[1].inputs') as Json)['registrant.pid'] = '$insurance.newPid'), 'steps[1].inputs.registrant.pid', 'expected $<earlier step>.<output>');
      refuses(LINKED, (d) => ((at(d, 'steps[2].inputs') as Json)['child.pid'] = '$residence.newPid'), 'steps[2].inputs.child.pid', 'step residence has no output newPid');
    });

    it('a choice of the form that the step’s field does not offer', () => {
      refuses(
        'death-residence-funeral.json',
        (d) => (at(d, `${fieldPath(d, 'funeral.method')}.options`) as unknown[]).push({ value: 'post_office', label: { vi: 'Qua bưu điện', en: 'At the post office' } }),
        'steps[2].inputs.payment.method',
        "funeral.method offers values funeral-allowance's payment.method does not take: post_office",
      );
    });

    it('a fixed value the field does not take', () => {
      refuses(LINKED, (d) => ((at(d, 'steps[1].inputs') as Json)['residence.basis'] = { value: 'relatives' }), 'steps[1].inputs.residence.basis', '"relatives" is not a value of permanent-residence-registration');
    });

    it('a total time that is not the sum of its steps', () => {
      refuses(LINKED, (d) => set(d, 'processing.workingDays', 10), 'processing.workingDays', 'the steps take 12 working days in all, not 10');
    });
  });

  it('an unverified note pointing at nothing', () => {
    refuses('tax-registration.json', (d) => (at(d, 'unverified') as unknown[]).push({ path: 'fee.amount', note: 'check it' }), (d) => `unverified[${(at(d, 'unverified') as unknown[]).length}].path`, 'fee.amount is not a key');
  });

  it('lists every problem of every file in one error', () => {
    const dir = copy({
      'tax-registration.json': (d) => set(d, 'workflow.steps[0].role', 'tax_inspector'),
      'death-registration.json': (d) => set(d, 'documents[0].credential', 'death_paper'),
    });
    let error: unknown;
    try {
      loadCatalogue(dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CatalogueError);
    const message = (error as Error).message;
    expect(message).toMatch(/^service catalogue .*: 2 problem\(s\)\n/);
    expect(message).toContain('tax-registration.json: workflow.steps[0].role: unknown role tax_inspector');
    expect(message).toContain('death-registration.json: documents[0].credential: no procedure issues death_paper');
  });
});

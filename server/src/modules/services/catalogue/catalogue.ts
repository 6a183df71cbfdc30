// The service catalogue: reads every definition in config/services, validates each against its
// schema, then checks what spans keys and files — fields that bindings, conditions, fees and effects
// name; registry paths; roles and where they sit; linked steps, their inputs and compensations;
// credentials; unique codes; the 25 essential services. Every problem is collected and thrown at once
// as `<file>: <json path>: <message>`, so a broken definition stops the server at start-up.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { Definition, type Condition, type FeeRule, type Field, type LinkedDefinition, type Section, type SingleDefinition } from './catalogue.schema.ts';
import { COMPENSATIONS, EFFECTS, EXTERNAL_CREDENTIALS, HOUSEHOLD_RELATIONS, KNOWN_FIELDS, REGISTRY_PATHS, RELATIVES, STEP_OUTPUTS, type Unit } from './vocabulary.ts';

export const DEFAULT_DIR = fileURLToPath(new URL('../../../../../config/services/', import.meta.url));
const DEFAULT_ROLES = fileURLToPath(new URL('../../../../../config/roles.json', import.meta.url));
const ESSENTIAL_COUNT = 25;

export interface Catalogue {
  /** Every procedure by id: the 25 essential services and the procedures linked ones chain. */
  readonly procedures: ReadonlyMap<string, Definition>;
  /** The 25 essential services, in the order of Decision 06/QĐ-TTg. */
  readonly essential: readonly Definition[];
  /** The procedure with this id; throws when there is none. */
  get(id: string): Definition;
  /** The procedure with this national portal code, if any. */
  findByCode(code: string): Definition | undefined;
}

export class CatalogueError extends Error {
  readonly problems: readonly string[];
  constructor(dir: string, problems: string[]) {
    super(`service catalogue ${dir}: ${problems.length} problem(s)\n${problems.join('\n')}`);
    this.name = 'CatalogueError';
    this.problems = problems;
  }
}

type Path = readonly (string | number)[];
type Add = (p: Path, message: string) => void;

/** `form.sections[0].fields[2].type`; `(root)` for the file itself. */
export function formatPath(p: Path): string {
  if (p.length === 0) return '(root)';
  return p.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

const RolesFile = z.object({ roles: z.record(z.string(), z.object({ scope: z.string(), permissions: z.array(z.string()) })) });

/** Roles that may act in a workflow (config/roles.json: application.process), with the level their jurisdiction lies at. */
function actorRoles(rolesFile: string): Map<string, Unit> {
  const parsed = RolesFile.parse(JSON.parse(fs.readFileSync(rolesFile, 'utf8')));
  const m = new Map<string, Unit>();
  for (const [name, r] of Object.entries(parsed.roles))
    if ((r.scope === 'commune' || r.scope === 'province') && r.permissions.includes('application.process')) m.set(name, r.scope);
  return m;
}

interface FieldEntry {
  field: Field;
  section: Section;
  path: Path;
}
type FormDef = SingleDefinition | LinkedDefinition;

function indexForm(def: FormDef, add: Add): Map<string, FieldEntry> {
  const fields = new Map<string, FieldEntry>();
  const sectionIds = new Set<string>();
  def.form.sections.forEach((section, si) => {
    if (sectionIds.has(section.id)) add(['form', 'sections', si, 'id'], `section ${section.id} appears twice`);
    sectionIds.add(section.id);
    section.fields.forEach((field, fi) => {
      const id = `${section.id}.${field.name}`;
      const p = ['form', 'sections', si, 'fields', fi];
      if (fields.has(id)) add([...p, 'name'], `field ${id} appears twice`);
      else fields.set(id, { field, section, path: p });
    });
  });
  return fields;
}

const optionValues = (f: Field): string[] | null => (f.type === 'select' && f.options ? f.options.map((o) => o.value) : null);

function checkCondition(c: Condition, p: Path, fields: Map<string, FieldEntry>, add: Add, self?: string): void {
  const target = fields.get(c.field);
  if (!target) return add([...p, 'field'], `no field ${c.field} in the form`);
  if (c.field === self) return add([...p, 'field'], 'a field cannot depend on itself');
  const values = c.in ?? [c.equals];
  const options = optionValues(target.field);
  if (options) {
    for (const v of values) if (typeof v !== 'string' || !options.includes(v)) add(p, `${JSON.stringify(v)} is not an option of ${c.field} (${options.join(', ')})`);
  } else if (target.field.type === 'boolean') {
    for (const v of values) if (typeof v !== 'boolean') add(p, `${c.field} is a boolean: compare it with true or false`);
  }
}

function checkFields(fields: Map<string, FieldEntry>, add: Add): void {
  for (const [id, { field, path: p }] of fields) {
    if (field.when) checkCondition(field.when, [...p, 'when'], fields, add, id);
    const options = optionValues(field);
    if (options && new Set(options).size !== options.length) add([...p, 'options'], 'option values must be unique');
    if (field.type === 'text' && field.minLength !== undefined && field.maxLength !== undefined && field.minLength > field.maxLength) add([...p, 'minLength'], 'minLength is above maxLength');
    if (field.type === 'number' && field.min !== undefined && field.max !== undefined && field.min > field.max) add([...p, 'min'], 'min is above max');
  }
}

function checkSubjects(def: FormDef, fields: Map<string, FieldEntry>, add: Add): void {
  def.form.sections.forEach((s, si) => {
    if (s.subject === undefined) return;
    if ((RELATIVES as readonly string[]).includes(s.subject)) return;
    const f = fields.get(s.subject);
    if (!f || f.field.type !== 'pid') add(['form', 'sections', si, 'subject'], `expected ${RELATIVES.join(', ')} or a pid field of the form, got ${s.subject}`);
  });
}

function bindingProblem(field: Field, from: string): string | null {
  const spec = REGISTRY_PATHS.get(from);
  if (!spec) return `${from} is not a registry path (config/services/README.md#prefill)`;
  if (field.type !== spec.type) return `${from} fills a ${spec.type} field, not a ${field.type} field`;
  if (field.type === 'select') {
    if (spec.optionsFrom && field.optionsFrom !== spec.optionsFrom) return `${from} needs optionsFrom: ${spec.optionsFrom}`;
    const missing = (spec.options ?? []).filter((v) => !(optionValues(field) ?? []).includes(v));
    if (missing.length) return `the field must offer every value of ${from}; missing ${missing.join(', ')}`;
  }
  if (field.type === 'date' && spec.partial && !field.partial) return `${from} may be a partial date (yyyy, yyyy-mm): set partial: true`;
  return null;
}

function checkPrefill(def: FormDef, fields: Map<string, FieldEntry>, add: Add): void {
  const byField = new Map<string, number[]>();
  def.prefill.forEach((b, i) => {
    const p = ['prefill', i];
    const entry = fields.get(b.field);
    if (!entry) return add([...p, 'field'], `no field ${b.field} in the form`);
    byField.set(b.field, [...(byField.get(b.field) ?? []), i]);
    const problem = bindingProblem(entry.field, b.from);
    if (problem) add([...p, 'from'], problem);
    if (!(RELATIVES as readonly string[]).includes(b.of)) {
      const whose = fields.get(b.of);
      if (!whose || whose.field.type !== 'pid') add([...p, 'of'], `expected ${RELATIVES.join(', ')} or a pid field of the form, got ${b.of}`);
      else if (b.of === b.field) add([...p, 'of'], 'a field cannot be prefilled from the record it names');
    }
    const subject = entry.section.subject;
    if (subject !== undefined && subject !== b.field && b.of !== subject) add([...p, 'of'], `${b.field} is in a section about ${subject}: read ${subject}'s record, not ${b.of}'s`);
    if (b.when) checkCondition(b.when, [...p, 'when'], fields, add, b.field);
  });
  for (const [field, idx] of byField) {
    if (idx.length > 1 && idx.some((i) => !def.prefill[i]?.when)) add(['prefill', idx[1] ?? 0, 'field'], `${field} is bound more than once: several bindings must each have a when`);
  }
  // What the registry knows is never typed: conventional fields of a section about a person are bound, to their path.
  for (const [id, { field, section, path: p }] of fields) {
    if (section.subject === undefined || section.subject === id) continue;
    const expected = KNOWN_FIELDS[field.name];
    if (!expected) continue;
    const bound = byField.get(id) ?? [];
    if (!bound.length) add([...p, 'name'], `the registry knows ${id}: add a prefill binding from ${expected}`);
    for (const i of bound) if (def.prefill[i]?.from !== expected) add(['prefill', i, 'from'], `${id} is bound from ${expected} by convention`);
  }
  // Bindings that read a pid field of the form must not go round in a circle.
  const edges = new Map(def.prefill.filter((b) => fields.has(b.of)).map((b) => [b.field, b.of]));
  for (const start of edges.keys()) {
    const seen = new Set<string>();
    for (let at: string | undefined = start; at !== undefined; at = edges.get(at)) {
      if (seen.has(at)) {
        add(['prefill'], `bindings read each other in a circle through ${start}`);
        break;
      }
      seen.add(at);
    }
  }
}

function checkFee(rule: FeeRule, p: Path, fields: Map<string, FieldEntry>, add: Add): void {
  const fieldOf = (id: string, types: Field['type'][]) => {
    const e = fields.get(id);
    if (!e) add([...p, 'field'], `no field ${id} in the form`);
    else if (!types.includes(e.field.type)) add([...p, 'field'], `${id} is a ${e.field.type} field; expected ${types.join(' or ')}`);
    return e?.field;
  };
  switch (rule.kind) {
    case 'per_unit':
      fieldOf(rule.field, ['number']);
      return checkFee(rule.rule, [...p, 'rule'], fields, add);
    case 'from_field':
      fieldOf(rule.field, ['number']);
      return;
    case 'sum':
      return rule.parts.forEach((part, i) => checkFee(part.rule, [...p, 'parts', i, 'rule'], fields, add));
    case 'by_field': {
      const f = fieldOf(rule.field, ['select', 'boolean']);
      const keys = Object.keys(rule.cases);
      const wanted = f?.type === 'boolean' ? ['true', 'false'] : f ? optionValues(f) : null;
      if (f && !wanted) add([...p, 'field'], `${rule.field} takes its options from a list: a fee cannot have a case for each`);
      if (wanted) {
        for (const w of wanted) if (!keys.includes(w)) add([...p, 'cases'], `no case for ${rule.field} = ${w}`);
        for (const k of keys) if (!wanted.includes(k)) add([...p, 'cases', k], `${k} is not a value of ${rule.field}`);
      }
      for (const k of keys) checkFee(rule.cases[k] as FeeRule, [...p, 'cases', k], fields, add);
      return;
    }
    default:
      return;
  }
}

function checkDocuments(def: FormDef, fields: Map<string, FieldEntry>, credentials: ReadonlySet<string>, add: Add): void {
  const ids = new Set<string>();
  def.documents.forEach((d, i) => {
    if (ids.has(d.id)) add(['documents', i, 'id'], `document ${d.id} appears twice`);
    ids.add(d.id);
    if (d.when) checkCondition(d.when, ['documents', i, 'when'], fields, add);
    if (d.credential && !credentials.has(d.credential)) add(['documents', i, 'credential'], `no procedure issues ${d.credential} and it is not an external credential (vocabulary.ts EXTERNAL_CREDENTIALS)`);
  });
}

function checkWorkflow(def: SingleDefinition, fields: Map<string, FieldEntry>, roles: Map<string, Unit>, add: Add): void {
  const ids = new Set<string>();
  def.workflow.steps.forEach((s, i) => {
    const p = ['workflow', 'steps', i];
    if (ids.has(s.id)) add([...p, 'id'], `step ${s.id} appears twice`);
    ids.add(s.id);
    const unit = roles.get(s.role);
    if (!unit) add([...p, 'role'], `unknown role ${s.role}: expected a role of config/roles.json with the permission application.process (${[...roles.keys()].join(', ')})`);
    else if (unit !== s.unit) add([...p, 'unit'], `${s.role} acts at ${unit} level, not ${s.unit}`);
    if (!s.outcomes.includes('approve')) add([...p, 'outcomes'], 'every step can approve, or the application never moves on');
    if (s.when) checkCondition(s.when, [...p, 'when'], fields, add);
  });
}

function checkEffects(def: SingleDefinition, fields: Map<string, FieldEntry>, add: Add): void {
  def.effects.forEach((e, i) => {
    const p = ['effects', i];
    const spec = EFFECTS[e.effect];
    if (!spec) return;
    if (e.effect === 'none') {
      if (def.effects.length > 1) add([...p, 'effect'], 'none stands alone: a procedure with registry effects lists only them');
      if (!e.note) add([...p, 'note'], 'say where the effect of the procedure lands instead of the registry');
    }
    const earlier = def.effects.slice(0, i).map((x) => x.effect);
    if (spec.after && !earlier.includes(spec.after)) add([...p, 'effect'], `${e.effect} needs a ${spec.after} before it`);
    for (const arg of Object.keys(e.args)) if (!(arg in spec.args)) add([...p, 'args', arg], `${e.effect} takes no argument ${arg} (it takes ${Object.keys(spec.args).join(', ') || 'none'})`);
    for (const [arg, a] of Object.entries(spec.args)) {
      const v = e.args[arg];
      const ap = [...p, 'args', arg];
      if (v === undefined) {
        if (a.required) add([...p, 'args'], `${e.effect} needs ${arg}`);
        continue;
      }
      if (a.kind === 'person') {
        if (v === '$applicant') continue;
        if (v === '$new') {
          if (!earlier.includes('registerBirth')) add(ap, '$new is the person a registerBirth earlier in the list creates');
          continue;
        }
      }
      if (a.kind === 'relation' && (HOUSEHOLD_RELATIONS as readonly string[]).includes(v)) continue;
      const target = fields.get(v);
      const types = a.kind === 'person' ? ['pid'] : a.kind === 'relation' ? ['select'] : a.types;
      if (!target) add(ap, `no field ${v} in the form${a.kind === 'person' ? ' (or use $applicant, $new)' : a.kind === 'relation' ? ` (or a relation: ${HOUSEHOLD_RELATIONS.join(', ')})` : ''}`);
      else if (!types.includes(target.field.type)) add(ap, `${v} is a ${target.field.type} field; ${arg} needs ${types.join(' or ')}`);
      else if (a.kind === 'relation') {
        const bad = (optionValues(target.field) ?? []).filter((o) => !(HOUSEHOLD_RELATIONS as readonly string[]).includes(o));
        if (bad.length) add(ap, `${v} offers values the registry has no relation for: ${bad.join(', ')}`);
      }
    }
    if (e.effect === 'linkParents' && !e.args.father && !e.args.mother) add([...p, 'args'], 'linkParents needs father or mother');
    if (e.effect === 'joinHousehold' && (e.args.head === undefined) !== (e.args.relation === undefined)) add([...p, 'args'], 'joinHousehold takes head and relation together (neither: the person heads a new household)');
    if (e.when) checkCondition(e.when, [...p, 'when'], fields, add);
  });
}

/** Fields of `target` filled without the citizen: inputs, and bindings whose record is known (fixed point). */
function coveredFields(target: SingleDefinition, inputs: Iterable<string>): Set<string> {
  const done = new Set(inputs);
  for (let changed = true; changed; ) {
    changed = false;
    for (const b of target.prefill) {
      if (b.when || done.has(b.field)) continue;
      if ((RELATIVES as readonly string[]).includes(b.of) || done.has(b.of)) {
        done.add(b.field);
        changed = true;
      }
    }
  }
  return done;
}

function checkLinked(def: LinkedDefinition, fields: Map<string, FieldEntry>, all: ReadonlyMap<string, Definition>, broken: ReadonlySet<string>, add: Add): void {
  const seen: { id: string; target: SingleDefinition | null }[] = [];
  def.steps.forEach((s, i) => {
    const p = ['steps', i];
    if (seen.some((x) => x.id === s.id)) add([...p, 'id'], `step ${s.id} appears twice`);
    const found = all.get(s.procedure);
    const target = found?.kind === 'single' ? found : null;
    if (!found && !broken.has(s.procedure)) add([...p, 'procedure'], `no procedure ${s.procedure} in the catalogue`);
    else if (!target && found) add([...p, 'procedure'], `${s.procedure} is not a single procedure: a linked step runs one`);
    seen.push({ id: s.id, target });
    if (!target) return;
    if (!target.workflow.steps.some((w) => w.role === s.owner.role && w.unit === s.owner.unit)) add([...p, 'owner'], `${s.owner.role} at ${s.owner.unit} level acts in no step of ${s.procedure}`);
    // compensation: exactly the inverses of the step's registry effects
    const inverses = target.effects.flatMap((e) => EFFECTS[e.effect]?.inverse ?? []);
    s.compensation.effects.forEach((c, ci) => {
      if (!COMPENSATIONS.has(c)) add([...p, 'compensation', 'effects', ci], `unknown compensation ${c}`);
      else if (!inverses.includes(c)) add([...p, 'compensation', 'effects', ci], `${c} undoes none of ${s.procedure}'s effects (${target.effects.map((e) => e.effect).join(', ')})`);
    });
    for (const inv of new Set(inverses)) if (!s.compensation.effects.includes(inv)) add([...p, 'compensation', 'effects'], `${inv} is missing: a compensation undoes every registry effect of ${s.procedure}`);
    // inputs
    const targetFields = indexForm(target, () => undefined);
    for (const [key, source] of Object.entries(s.inputs)) {
      const ip = [...p, 'inputs', key];
      const into = targetFields.get(key);
      if (!into) {
        add(ip, `${s.procedure} has no field ${key}`);
        continue;
      }
      if (typeof source !== 'string') {
        const v = source.value;
        const options = optionValues(into.field);
        const ok = options ? typeof v === 'string' && options.includes(v) : into.field.type === 'boolean' ? typeof v === 'boolean' : into.field.type === 'number' ? typeof v === 'number' : typeof v === 'string';
        if (!ok) add(ip, `${JSON.stringify(v)} is not a value of ${s.procedure}'s ${into.field.type} field ${key}`);
      } else if (source.startsWith('$')) {
        const m = /^\$([a-z][a-zA-Z0-9]*)\.([a-zA-Z]+)$/.exec(source);
        const from = m ? seen.slice(0, -1).find((x) => x.id === m[1]) : undefined;
        const effect = m ? STEP_OUTPUTS[m[2] as string] : undefined;
        if (!m || !from) add(ip, `${source}: expected $<earlier step>.<output>`);
        else if (!from.target) continue;
        else if (!effect || !from.target?.effects.some((e) => e.effect === effect)) add(ip, `step ${m[1]} has no output ${m[2]} (outputs: ${Object.entries(STEP_OUTPUTS).map(([o, e]) => `${o} from ${e}`).join(', ')})`);
        else if (into.field.type !== 'pid') add(ip, `${source} is a personal ID; ${key} is a ${into.field.type} field`);
      } else {
        const src = fields.get(source);
        if (!src) add(ip, `no field ${source} in the form`);
        else if (src.field.type !== into.field.type) add(ip, `${source} is a ${src.field.type} field; ${key} is a ${into.field.type} field`);
        else {
          const wanted = optionValues(into.field);
          const extra = wanted ? (optionValues(src.field) ?? []).filter((o) => !wanted.includes(o)) : [];
          if (extra.length) add(ip, `${source} offers values ${s.procedure}'s ${key} does not take: ${extra.join(', ')}`);
        }
      }
    }
    const covered = coveredFields(target, Object.keys(s.inputs));
    for (const [id, { field }] of targetFields) if (field.required && !field.when && !covered.has(id)) add([...p, 'inputs'], `${s.procedure} requires ${id}: map it from the form, or prefill it`);
  });
  const total = def.steps.reduce((n, s) => n + s.workingDays, 0);
  if (total !== def.processing.workingDays) add(['processing', 'workingDays'], `the steps take ${total} working days in all, not ${def.processing.workingDays}`);
}

function getAt(raw: unknown, pathText: string): boolean {
  let at: unknown = raw;
  for (const m of pathText.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    const key = m[2] !== undefined ? Number(m[2]) : m[1];
    if (at === null || typeof at !== 'object' || key === undefined || !(key in at)) return false;
    at = (at as Record<string | number, unknown>)[key];
  }
  return true;
}

interface Loaded {
  file: string;
  raw: unknown;
  def: Definition;
}

/**
 * Reads and checks every `*.json` in `dir` (default config/services). Throws CatalogueError listing
 * every problem; returns the catalogue when there is none.
 */
export function loadCatalogue(dir: string = DEFAULT_DIR, opts: { rolesFile?: string } = {}): Catalogue {
  const problems: string[] = [];
  const roles = actorRoles(opts.rolesFile ?? DEFAULT_ROLES);
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  if (!files.length) throw new CatalogueError(dir, [`${dir}: no service definitions`]);

  const loaded: Loaded[] = [];
  // What files that failed their schema would have provided, so that nothing is reported twice:
  // their essential numbers, ids (linked steps) and result kinds (credentials).
  const claimed = new Set<unknown>();
  const broken = new Set<string>();
  const brokenKinds = new Set<string>();
  for (const file of files) {
    let raw: unknown;
    try {
      raw = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    } catch (e) {
      problems.push(`${file}: (root): not valid JSON: ${(e as Error).message}`);
      broken.add(file.replace(/\.json$/, ''));
      continue;
    }
    const r = Definition.safeParse(raw);
    if (!r.success) {
      broken.add(file.replace(/\.json$/, ''));
      const partial = raw as { essential?: unknown; result?: { kind?: unknown } } | null;
      claimed.add(partial?.essential);
      if (typeof partial?.result?.kind === 'string') brokenKinds.add(partial.result.kind);
      for (const i of r.error.issues) problems.push(`${file}: ${formatPath(i.path as Path)}: ${i.message}`);
      continue;
    }
    if (`${r.data.id}.json` !== file) problems.push(`${file}: id: the file of ${r.data.id} must be named ${r.data.id}.json`);
    loaded.push({ file, raw, def: r.data });
  }

  const all = new Map(loaded.map((l) => [l.def.id, l.def]));
  const credentials = new Set([...EXTERNAL_CREDENTIALS, ...brokenKinds, ...loaded.flatMap((l) => (l.def.kind === 'single' ? [l.def.result.kind] : []))]);
  const codes = new Map<string, string>();
  const essential = new Map<number, string>();
  for (const { file, raw, def } of loaded) {
    const add: Add = (p, message) => problems.push(`${file}: ${formatPath(p)}: ${message}`);
    if (def.nationalCode !== null) {
      const other = codes.get(def.nationalCode);
      if (other) add(['nationalCode'], `${def.nationalCode} is also the code of ${other}`);
      else codes.set(def.nationalCode, file);
    }
    if (def.essential !== null) {
      const other = essential.get(def.essential);
      if (other) add(['essential'], `essential service ${def.essential} is also ${other}`);
      else essential.set(def.essential, file);
    }
    def.unverified.forEach((u, i) => {
      if (!getAt(raw, u.path)) add(['unverified', i, 'path'], `${u.path} is not a key of this definition`);
    });
    if (def.kind === 'module') continue;
    const fields = indexForm(def, add);
    checkFields(fields, add);
    checkSubjects(def, fields, add);
    checkPrefill(def, fields, add);
    checkDocuments(def, fields, credentials, add);
    checkFee(def.fee.rule, ['fee', 'rule'], fields, add);
    const categories = def.fee.exemptions.map((e) => e.category);
    categories.forEach((c, i) => categories.indexOf(c) !== i && add(['fee', 'exemptions', i, 'category'], `exemption ${c} appears twice`));
    const routing = fields.get(def.routing.commune);
    if (!routing || routing.field.type !== 'commune') add(['routing', 'commune'], `${def.routing.commune} is not a commune field of the form`);
    if (def.kind === 'single') {
      checkWorkflow(def, fields, roles, add);
      checkEffects(def, fields, add);
    } else checkLinked(def, fields, all, broken, add);
  }
  const missing = Array.from({ length: ESSENTIAL_COUNT }, (_, i) => i + 1).filter((n) => !essential.has(n) && !claimed.has(n));
  if (missing.length) problems.push(`${dir}: essential: no definition for essential service(s) ${missing.join(', ')} of Decision 06/QĐ-TTg`);
  if (problems.length) throw new CatalogueError(dir, problems);

  const procedures: ReadonlyMap<string, Definition> = all;
  const list = [...essential.entries()].sort((a, b) => a[0] - b[0]).map(([, file]) => loaded.find((l) => l.file === file)?.def as Definition);
  return {
    procedures,
    essential: list,
    get(id) {
      const d = procedures.get(id);
      if (!d) throw new Error(`no procedure ${id} in the service catalogue`);
      return d;
    },
    findByCode: (code) => [...procedures.values()].find((d) => d.nationalCode === code),
  };
}

// What the rules need besides the record, built once: the rules file, administrative units, the
// legacy-address resolver, the name words the registry's name lists know (to tell "Nguyen" typed
// without marks from a real unmarked name, and to suggest spellings), the code catalogues.
import fs from 'node:fs';
import { fold } from '@open06/kernel';
import { loadAdminUnits } from '@open06/kernel/admin-units';
import type { EvalContext, SectorRecord } from './evaluate.ts';
import { createLegacyAddressResolver } from './legacy-address.ts';
import { loadRulesConfig, type RulesConfig } from './rule-config.ts';
import { createSpellingSuggester } from './syllable.ts';

const configDir = new URL('../../../../../config/', import.meta.url);
const readJson = (f: string) => JSON.parse(fs.readFileSync(new URL(f, configDir), 'utf8')) as Record<string, unknown>;

/** Every word of the configured name lists with a weight (how common it is). */
export function knownNameWords(): { word: string; weight: number }[] {
  const out: { word: string; weight: number }[] = [];
  const family = readJson('names/family-names.json') as { weights: { name: string; weight: number }[] };
  for (const f of family.weights) for (const w of f.name.split(' ')) out.push({ word: w, weight: f.weight });
  const given = readJson('names/given-names.json') as { male: string[]; female: string[] };
  for (const list of [given.male, given.female]) list.forEach((w, i) => out.push({ word: w, weight: i < 30 ? 3 : 1 }));
  const middle = readJson('names/middle-names.json') as Record<string, Record<string, { name: string; weight: number }[]>>;
  for (const sex of ['male', 'female'])
    for (const cohort of Object.values(middle[sex] ?? {})) for (const m of cohort) for (const w of m.name.split(' ')) out.push({ word: w, weight: m.weight });
  return out;
}

export interface RuleContextBase extends Omit<EvalContext, 'today' | 'sector'> {
  config: RulesConfig;
}

let base: RuleContextBase | undefined;

export function ruleContextBase(config: RulesConfig = loadRulesConfig()): RuleContextBase {
  if (base && base.config === config) return base;
  const units = loadAdminUnits();
  const words = knownNameWords();
  // folded word → its written forms, the most common first
  const weights = new Map<string, number>();
  for (const w of words) weights.set(w.word, (weights.get(w.word) ?? 0) + w.weight);
  const nameWords = new Map<string, string[]>();
  for (const [w] of [...weights].sort((a, b) => b[1] - a[1])) {
    const f = fold(w);
    const list = nameWords.get(f) ?? [];
    if (!list.includes(w)) list.push(w);
    nameWords.set(f, list);
  }
  const ethnicities = new Set((readJson('ethnicities.json') as { ethnicities: { code: string }[] }).ethnicities.map((e) => e.code));
  const religions = new Set((readJson('religions.json') as { religions: { code: string }[] }).religions.map((e) => e.code));
  base = {
    config,
    units,
    resolveLegacy: createLegacyAddressResolver(units),
    nameWords,
    suggestSpelling: createSpellingSuggester([...weights].map(([word, weight]) => ({ word, weight }))),
    ethnicities,
    religions,
  };
  return base;
}

export function ruleContext(today: string, sector: readonly SectorRecord[] = [], config?: RulesConfig): EvalContext {
  return { ...ruleContextBase(config), today, sector };
}

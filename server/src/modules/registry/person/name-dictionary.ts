// The family-name + given-name pairs that exist in the registry (a few tens of thousands even for a
// province), kept in memory so a misspelt name can be matched to real names in microseconds and
// then looked up by index (person.name_key) instead of scanning trigram lists of common syllables.
import { jaroWinkler } from '@open06/kernel';
import { sql } from 'kysely';
import type { RegistryDb } from './person.store.ts';

export interface NameDictionary {
  /**
   * The name keys closest to a folded query, best first: at most `max` keys, and no more keys once
   * they cover `rowBudget` people (the closest key is always kept).
   */
  candidates(folded: string, max?: number, rowBudget?: number): Promise<string[]>;
  /** A name written in this process joins the dictionary at once. */
  add(folded: string): void;
}

export function nameKey(folded: string): string {
  const words = folded.split(' ');
  return `${words[0]} ${words.at(-1)}`;
}

export function createNameDictionary(db: RegistryDb, refreshMs = 10 * 60_000): NameDictionary {
  // family → given → people; scoring goes family by family and given name by given name, so a
  // query costs a few hundred comparisons, not one per pair.
  let byFamily: Map<string, Map<string, number>> | null = null;
  let givens = new Set<string>();
  let loadedAt = 0;
  let loading: Promise<void> | null = null;

  function put(map: Map<string, Map<string, number>>, key: string, count: number) {
    const [family = '', given = ''] = key.split(' ');
    let g = map.get(family);
    if (!g) map.set(family, (g = new Map()));
    g.set(given, (g.get(given) ?? 0) + count);
    givens.add(given);
  }

  async function load(): Promise<void> {
    const rows = await sql<{ name_key: string; n: number }>`select name_key, count(*)::int as n from registry.person group by name_key`.execute(db);
    const map = new Map<string, Map<string, number>>();
    givens = new Set();
    for (const r of rows.rows) put(map, r.name_key, Number(r.n));
    byFamily = map;
    loadedAt = Date.now();
  }

  async function ready(): Promise<Map<string, Map<string, number>>> {
    if (!byFamily) await (loading ??= load().finally(() => (loading = null)));
    else if (Date.now() - loadedAt > refreshMs && !loading) loading = load().finally(() => (loading = null)); // refresh in the background
    return byFamily!;
  }

  return {
    async candidates(folded, max = 40, rowBudget = Infinity) {
      const words = folded.split(' ').filter(Boolean);
      if (!words.length) return [];
      const families = await ready();
      const qFamily = words[0]!;
      const qGiven = words.at(-1)!;
      const single = words.length === 1;
      const givenScore = new Map<string, number>();
      for (const g of givens) {
        const sc = jaroWinkler(qGiven, g);
        if (sc >= 0.8) givenScore.set(g, sc);
      }
      const scored: { key: string; n: number; score: number }[] = [];
      for (const [family, gs] of families) {
        const fam = jaroWinkler(qFamily, family);
        if (single) {
          // one word: a given name on its own, or a family name on its own
          for (const [g, n] of gs) {
            const sc = Math.max(givenScore.get(g) ?? 0, fam - 0.05);
            if (sc >= 0.86) scored.push({ key: `${family} ${g}`, n, score: sc + Math.log10(n + 1) / 1000 });
          }
          continue;
        }
        if (fam < 0.8) continue;
        for (const [g, n] of gs) {
          const gsc = givenScore.get(g);
          if (gsc === undefined) continue;
          const sc = (fam + 2 * gsc) / 3;
          if (sc >= 0.86) scored.push({ key: `${family} ${g}`, n, score: sc + Math.log10(n + 1) / 1000 });
        }
      }
      scored.sort((a, b) => b.score - a.score);
      const keys: string[] = [];
      let rows = 0;
      for (const x of scored) {
        if (keys.length >= max || (keys.length && rows + x.n > rowBudget)) break;
        keys.push(x.key);
        rows += x.n;
      }
      return keys;
    },
    add(folded) {
      if (byFamily) put(byFamily, nameKey(folded), 1);
    },
  };
}

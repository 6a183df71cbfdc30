// What the Law on Marriage and Family 2014 (Luật Hôn nhân và gia đình) asks of two people before
// their marriage is registered, as far as the registry can tell: age (art. 8), and no marriage
// between blood relatives in the direct line or within three generations (art. 5(2)(d), art. 3(17),
// 3(18)). Pure functions; the marriage service reads the records.
import { ageOn, parsePartialDate } from '@open06/kernel';

/** Full years a man and a woman must have completed (art. 8(1)(a): nam từ đủ 20 tuổi, nữ từ đủ 18 tuổi). */
export const MARRIAGE_AGE = { M: 20, F: 18 } as const;

/**
 * Has someone born on `birthDate` (a stored partial date: counted from its latest possible day)
 * completed `years` full years on `today` (yyyy-mm-dd, a Vietnamese day)? Someone born on 29
 * February completes a year on 1 March in common years.
 */
export function hasCompletedYears(birthDate: string, years: number, today: string): boolean {
  const b = parsePartialDate(birthDate);
  return b.ok && ageOn(b.value, today).min >= years;
}

/** Known ancestors of a person: personal ID → generations up (1 = parent, 2 = grandparent …). */
export type Ancestors = ReadonlyMap<string, number>;

/**
 * How two people are related by blood, from their known ancestors: `direct_line` when one is the
 * other's parent, grandparent … (cùng dòng máu về trực hệ); `three_generations` when they share a
 * parent or a grandparent (siblings, half-siblings, first cousins, uncle/aunt and niece/nephew:
 * có họ trong phạm vi ba đời); otherwise null.
 */
export function bloodRelation(a: string, ancestorsOfA: Ancestors, b: string, ancestorsOfB: Ancestors): 'direct_line' | 'three_generations' | null {
  if (ancestorsOfA.has(b) || ancestorsOfB.has(a)) return 'direct_line';
  for (const [pid, up] of ancestorsOfA) {
    const other = ancestorsOfB.get(pid);
    if (up <= 2 && other !== undefined && other <= 2) return 'three_generations';
  }
  return null;
}

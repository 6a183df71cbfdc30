import { describe, expect, it } from 'vitest';
import { bloodRelation, hasCompletedYears } from './marriage.rules.ts';

describe('marriage rules', () => {
  it('completes the years on the anniversary, not the day before', () => {
    expect(hasCompletedYears('2006-05-17', 20, '2026-05-16')).toBe(false);
    expect(hasCompletedYears('2006-05-17', 20, '2026-05-17')).toBe(true);
    expect(hasCompletedYears('2006', 20, '2026-12-30')).toBe(false);
    expect(hasCompletedYears('2006', 20, '2026-12-31')).toBe(true);
    expect(hasCompletedYears('2008-06', 18, '2026-06-29')).toBe(false);
    expect(hasCompletedYears('2008-06', 18, '2026-06-30')).toBe(true);
    // born 29 February: a full year on 1 March in a common year
    expect(hasCompletedYears('2008-02-29', 18, '2026-02-28')).toBe(false);
    expect(hasCompletedYears('2008-02-29', 18, '2026-03-01')).toBe(true);
  });

  it('tells the direct line and three generations apart from more distant kin', () => {
    const m = (entries: [string, number][]) => new Map(entries);
    expect(bloodRelation('child', m([['father', 1]]), 'father', m([]))).toBe('direct_line');
    expect(bloodRelation('gp', m([]), 'grandchild', m([['p', 1], ['gp', 2]]))).toBe('direct_line');
    expect(bloodRelation('a', m([['mother', 1]]), 'b', m([['mother', 1]]))).toBe('three_generations'); // half-siblings
    expect(bloodRelation('a', m([['p1', 1], ['g', 2]]), 'b', m([['p2', 1], ['g', 2]]))).toBe('three_generations'); // first cousins
    expect(bloodRelation('uncle', m([['g', 1]]), 'niece', m([['p', 1], ['g', 2]]))).toBe('three_generations');
    expect(bloodRelation('a', m([['p1', 1], ['g1', 2], ['gg', 3]]), 'b', m([['p2', 1], ['g2', 2], ['gg', 3]]))).toBeNull(); // second cousins
    expect(bloodRelation('a', m([['p1', 1]]), 'b', m([['p2', 1]]))).toBeNull();
  });
});

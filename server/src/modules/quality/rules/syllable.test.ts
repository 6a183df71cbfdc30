import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createSpellingSuggester, editDistance, isVietnameseSyllable, telexRepair } from './syllable.ts';

const names = (f: string) => JSON.parse(fs.readFileSync(new URL(`../../../../../config/names/${f}`, import.meta.url), 'utf8')) as Record<string, unknown>;
const words = (v: unknown): string[] =>
  typeof v === 'string' ? v.split(' ') : Array.isArray(v) ? v.flatMap(words) : v && typeof v === 'object' ? ('name' in v ? words((v as { name: string }).name) : Object.values(v).flatMap(words)) : [];

describe('Vietnamese syllables', () => {
  it('accepts every word of every name the generator and the registry know', () => {
    const all = new Set([
      ...words((names('family-names.json') as { weights: unknown }).weights),
      ...words([(names('given-names.json') as { male: unknown }).male, (names('given-names.json') as { female: unknown }).female]),
      ...words([(names('middle-names.json') as { male: unknown }).male, (names('middle-names.json') as { female: unknown }).female]),
    ]);
    expect(all.size).toBeGreaterThan(200);
    const bad = [...all].filter((w) => !isVietnameseSyllable(w));
    expect(bad).toEqual([]);
  });

  it('accepts the hard cases of the spelling rules', () => {
    for (const w of ['Nguyễn', 'Quỳnh', 'Quyền', 'Quốc', 'gìn', 'Giữa', 'Nghĩa', 'Kiều', 'Khuyến', 'Oanh', 'Yến', 'Ý', 'Huỳnh', 'Thuỷ', 'Thủy', 'Đoàn', 'Lịch', 'Bắc', 'Thạch', 'Ngọc', 'Hoà', 'Hòa'])
      expect(isVietnameseSyllable(w), w).toBe(true);
  });

  it('refuses Telex leftovers, swapped and dropped letters, and impossible tones', () => {
    for (const w of ['Nguyeexn', 'Truwowng', 'DDuwsc', 'Hoafng', 'Ngyuễn', 'Hùg', 'Ann', 'Vnă', 'Tịh', 'Kang', 'Ghuy', 'Ngiêm', 'Bàc', 'Wang', 'Hoàng2', 'Nguyễễn'])
      expect(isVietnameseSyllable(w), w).toBe(false);
  });
});

describe('spelling suggestions', () => {
  const suggest = createSpellingSuggester([
    { word: 'Nguyễn', weight: 38 },
    { word: 'Nguyên', weight: 1 },
    { word: 'Trường', weight: 2 },
    { word: 'Hùng', weight: 3 },
  ]);
  it('undoes Telex and single slips, preferring the more frequent word', () => {
    expect(telexRepair('nguyeexn')).toBe('nguyen');
    expect(telexRepair('nguyen')).toBe('nguyen');
    expect(suggest('Nguyeexn')).toBe('Nguyễn');
    expect(suggest('Truwowng')).toBe('Trường');
    expect(suggest('Ngyuễn')).toBe('Nguyễn');
    expect(suggest('Hùg')).toBe('Hùng');
    expect(suggest('Xyz')).toBeNull();
  });
  it('measures edits with transpositions', () => {
    expect(editDistance('nguyen', 'ngyuen')).toBe(1);
    expect(editDistance('hung', 'hug')).toBe(1);
    expect(editDistance('abc', 'xyz', 1)).toBe(2);
  });
});

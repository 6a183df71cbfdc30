// Vietnamese name pools (config/names): family names by frequency, middle names by sex and cohort,
// given names by sex.
import fs from 'node:fs';
import type { Rng } from './random.ts';

interface Weighted {
  name: string;
  weight: number;
}
const dir = new URL('../../../../../config/names/', import.meta.url);
const read = <T>(f: string) => JSON.parse(fs.readFileSync(new URL(f, dir), 'utf8')) as T;

const family = read<{ weights: Weighted[] }>('family-names.json').weights;
const middle = read<{
  cohortSplitYear: number;
  secondFemaleMiddle: number;
  male: { traditional: Weighted[]; modern: Weighted[] };
  female: { traditional: Weighted[]; modern: Weighted[] };
}>('middle-names.json');
const given = read<{ male: string[]; female: string[]; commonFirst: number; commonWeight: number }>('given-names.json');
const givenWeighted = {
  M: given.male.map((name, i) => ({ name, weight: i < given.commonFirst ? given.commonWeight : 1 })),
  F: given.female.map((name, i) => ({ name, weight: i < given.commonFirst ? given.commonWeight : 1 })),
};

export function familyName(rng: Rng): string {
  return rng.weighted(family, (w) => w.weight).name;
}

export function middleName(rng: Rng, sex: 'M' | 'F', birthYear: number): string {
  const cohort = birthYear < middle.cohortSplitYear ? 'traditional' : 'modern';
  const pool = sex === 'M' ? middle.male[cohort] : middle.female[cohort];
  const first = rng.weighted(pool, (w) => w.weight).name;
  if (sex === 'F' && rng.chance(middle.secondFemaleMiddle)) {
    const second = rng.weighted(middle.female.modern, (w) => w.weight).name;
    if (second !== first && second !== 'Thị') return `${first} ${second}`;
  }
  return first;
}

export function givenName(rng: Rng, sex: 'M' | 'F'): string {
  return rng.weighted(givenWeighted[sex], (w) => w.weight).name;
}

export function fullName(rng: Rng, sex: 'M' | 'F', birthYear: number, family?: string): string {
  return `${family ?? familyName(rng)} ${middleName(rng, sex, birthYear)} ${givenName(rng, sex)}`;
}

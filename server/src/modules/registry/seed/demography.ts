// Vietnam's population structure (config/demography): age–sex pyramid, household types, deaths,
// ID cards, old CMND numbers, phones, ethnicity by province, religion.
import fs from 'node:fs';
import type { Rng } from './random.ts';

export interface Demography {
  bands: { ages: string; share: number; sexRatio: number }[];
  sexRatioAtBirth: number;
  households: { types: { type: HouseholdType; weight: number }[] };
  deaths: { baseRate: number; over60Rate: number; over75Rate: number; withinYears: number };
  idCards: { coverage: number; rolloutStart: string; renewalAges: number[] };
  oldId: { bornBefore: number; share: number };
  phones: { adultShare: number; prefixes: string[] };
  legacyAddressShare: number;
  ethnicity: { defaultKinhShare: number; kinhShare: Record<string, number>; minorities: Record<string, string[]>; region: Record<string, string> };
  religion: { weights: { code: string; weight: number }[] };
}

export type HouseholdType = 'single' | 'couple' | 'nuclear' | 'single_parent' | 'three_generation' | 'siblings';

export const DEMOGRAPHY = JSON.parse(
  fs.readFileSync(new URL('../../../../../config/demography/vn-population-2019.json', import.meta.url), 'utf8'),
) as Demography;

const bands = DEMOGRAPHY.bands.map((b) => {
  const [lo, hi] = b.ages.split('-').map(Number) as [number, number];
  return { lo, hi, share: b.share, maleShare: b.sexRatio / (100 + b.sexRatio) };
});

/** An age drawn from the pyramid between `min` and `max` (inclusive). */
export function sampleAge(rng: Rng, min: number, max: number): number {
  const eligible = bands.filter((b) => b.hi >= min && b.lo <= max);
  const band = rng.weighted(eligible, (b) => b.share * ((Math.min(b.hi, max) - Math.max(b.lo, min) + 1) / (b.hi - b.lo + 1)));
  return rng.int(Math.max(band.lo, min), Math.min(band.hi, max));
}

/** Sex of someone of this age, by the sex ratio of the age band. */
export function sampleSex(rng: Rng, age: number): 'M' | 'F' {
  const band = bands.find((b) => age >= b.lo && age <= b.hi) ?? bands.at(-1)!;
  return rng.chance(band.maleShare) ? 'M' : 'F';
}

export function sampleHouseholdType(rng: Rng): HouseholdType {
  return rng.weighted(DEMOGRAPHY.households.types, (t) => t.weight).type;
}

export function sampleEthnicity(rng: Rng, provinceCode: string): string {
  const e = DEMOGRAPHY.ethnicity;
  if (rng.chance(e.kinhShare[provinceCode] ?? e.defaultKinhShare)) return '01';
  return rng.pick(e.minorities[e.region[provinceCode] ?? 'other'] ?? e.minorities.other!);
}

export function sampleReligion(rng: Rng): string {
  return rng.weighted(DEMOGRAPHY.religion.weights, (w) => w.weight).code;
}

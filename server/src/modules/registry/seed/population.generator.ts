// A synthetic population: households of realistic size and make-up in real communes, people with
// Vietnamese names, personal IDs consistent with birth province, sex and year, ID cards, old CMND
// numbers, phones, addresses (some written with pre-2025 units), deaths. Deterministic from the
// seed; produced batch by batch so a million people never sit in memory at once.
import { makePersonalId } from '@open06/kernel';
import { loadAdminUnits, type Commune, type LegacyCommune } from '@open06/kernel/admin-units';
import type { PersonRecord } from '../bulk/person-record.ts';
import { DEMOGRAPHY, sampleAge, sampleEthnicity, sampleHouseholdType, sampleReligion, sampleSex } from './demography.ts';
import { familyName, fullName } from './names.ts';
import { injectNoise, type TruthEntry } from './noise.ts';
import { createRng, type Rng } from './random.ts';

export interface GenerateOptions {
  seed: number;
  people: number;
  /** Current province codes (2 digits), or … */
  provinces?: string[];
  /** … current commune codes (5 digits). */
  communes?: string[];
  /** Ages and dates are computed against this day (yyyy-mm-dd); default today. */
  asOf?: string;
  /** Share of people given a data-quality defect (0 = clean data). */
  noise?: number;
  /** People per yielded batch (approximately: households are not split). */
  batchSize?: number;
}

export interface GeneratedBatch {
  records: PersonRecord[];
  truth: TruthEntry[];
  households: number;
}

const STREETS = ['Trần Hưng Đạo', 'Lê Lợi', 'Nguyễn Trãi', 'Quang Trung', 'Hai Bà Trưng', 'Lý Thường Kiệt', 'Điện Biên Phủ', 'Hoàng Văn Thụ', 'Lê Duẩn', 'Nguyễn Du', 'Phan Bội Châu', 'Trần Phú', 'Lạch Tray', 'Tô Hiệu', 'Lê Thánh Tông', 'Nguyễn Văn Linh', 'Bạch Đằng', 'Chu Văn An', 'Ngô Quyền', 'Lê Hồng Phong'];
const HAMLETS = ['Đông', 'Tây', 'Nam', 'Bắc', 'Thượng', 'Hạ', 'Trung', 'An Lạc', 'Phú Mỹ', 'Tân Lập', 'Hòa Bình', 'Đoài', 'Cựu', 'Mới', 'Văn Phú', 'Phúc Lâm'];

/** People per commune in proportion to population (largest remainder); unknown populations get the median. */
export function communeQuotas(communes: Commune[], people: number): Map<string, number> {
  const known = communes.map((c) => c.population).filter((p): p is number => p !== undefined).sort((a, b) => a - b);
  const median = known.length ? known[Math.floor(known.length / 2)]! : 1;
  const weights = communes.map((c) => c.population ?? median);
  const total = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (people * w) / total);
  const quotas = exact.map(Math.floor);
  let left = people - quotas.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    quotas[i]! += 1;
  }
  return new Map(communes.map((c, i) => [c.code, quotas[i]!]));
}

const DAY = 86_400_000;
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
const dayOf = (s: string) => Date.parse(`${s}T00:00:00Z`);
const addYears = (d: string, years: number) => {
  const y = Number(d.slice(0, 4)) + years;
  const md = d.slice(5) === '02-29' ? '02-28' : d.slice(5);
  return `${y}-${md}`;
};

interface Member {
  sex: 'M' | 'F';
  birth: string;
  family: string;
  relation: string;
  rec?: PersonRecord;
}

export function* generatePopulation(opts: GenerateOptions): Generator<GeneratedBatch> {
  const units = loadAdminUnits();
  const asOf = opts.asOf ?? new Date().toISOString().slice(0, 10);
  const asOfT = dayOf(asOf);
  const communes: Commune[] = opts.communes?.length
    ? opts.communes.map((c) => {
        const found = units.commune(c);
        if (!found) throw new Error(`unknown current commune code ${c}`);
        return found;
      })
    : (opts.provinces?.length ? opts.provinces : ['31']).flatMap((p) => {
        if (!units.province(p)) throw new Error(`unknown current province code ${p}`);
        return units.communesOf(p);
      });
  const quotas = communeQuotas(communes, opts.people);
  const rng = createRng(opts.seed);
  const noiseRng = rng.fork(7);
  const issued = new Set<string>();
  const legacyByProvince = new Map<string, LegacyCommune[]>();
  for (const l of units.legacyCommunes()) {
    const list = legacyByProvince.get(l.provinceCode) ?? [];
    list.push(l);
    legacyByProvince.set(l.provinceCode, list);
  }
  const allLegacyProvinces = [...legacyByProvince.keys()];
  const batchSize = opts.batchSize ?? 2000;
  let batch: PersonRecord[] = [];
  let households = 0;
  let seq = 0;

  const birthFromAge = (r: Rng, age: number): string => {
    // someone `age` years old on asOf: born between asOf − (age+1) years + 1 day and asOf − age years
    const latest = dayOf(addYears(asOf, -age));
    return iso(latest - r.int(0, 364) * DAY);
  };
  const ageOn = (birth: string) => {
    let a = Number(asOf.slice(0, 4)) - Number(birth.slice(0, 4));
    if (asOf.slice(5) < birth.slice(5)) a--;
    return a;
  };

  const newPid = (r: Rng, provinceCode: string, sex: 'M' | 'F', year: number): string => {
    for (;;) {
      const pid = makePersonalId({ provinceCode, sex, birthYear: year }, String(r.int(0, 999_999)).padStart(6, '0'));
      if (!issued.has(pid)) {
        issued.add(pid);
        return pid;
      }
    }
  };

  for (const commune of communes) {
    let quota = quotas.get(commune.code) ?? 0;
    if (!quota) continue;
    const r = rng.fork(Number(commune.code));
    const legacy = units.legacyOfCurrentCommune(commune.code);
    const localProvinces = [...new Set(legacy.map((l) => l.provinceCode.padStart(3, '0')))];
    const homeProvince = localProvinces[0] ?? '0' + commune.provinceCode;
    const urban = commune.kind === 'phuong';

    while (quota > 0) {
      households += 1;
      const code = `${commune.code}-${String(++seq).padStart(7, '0')}`;
      const members = composeHousehold(r).slice(0, quota);
      quota -= members.length;

      const detail = urban
        ? r.chance(0.6)
          ? `Số ${r.int(1, 300)}, ngõ ${r.int(1, 200)}, phố ${r.pick(STREETS)}`
          : `Số ${r.int(1, 500)}, đường ${r.pick(STREETS)}`
        : r.chance(0.5)
          ? `Thôn ${r.pick(HAMLETS)}`
          : `Xóm ${r.int(1, 15)}, thôn ${r.pick(HAMLETS)}`;
      const oldUnit = legacy.length ? r.pick(legacy) : undefined;
      const legacyAddress =
        oldUnit && r.chance(DEMOGRAPHY.legacyAddressShare)
          ? `${detail}, ${oldUnit.fullName}, ${units.legacyDistrict(oldUnit.districtCode)?.fullName ?? ''}, ${units.legacyProvince(oldUnit.provinceCode)?.fullName ?? ''}`
          : null;
      const head = members[0]!;
      const headSince = iso(Math.max(dayOf(addYears(head.birth, 18)), dayOf('1990-01-01')) + r.int(0, 3650) * DAY);
      const since = headSince > asOf ? asOf : headSince;
      const ethnicity = sampleEthnicity(r, commune.provinceCode);
      const religion = sampleReligion(r);

      for (const m of members) {
        const year = Number(m.birth.slice(0, 4));
        const age = ageOn(m.birth);
        const birthProvince = r.chance(0.85) ? (r.chance(0.8) ? homeProvince : r.pick(localProvinces.length ? localProvinces : [homeProvince])) : r.pick(allLegacyProvinces).padStart(3, '0');
        const hometownUnit = r.pick(legacyByProvince.get(birthProvince.slice(1)) ?? legacyByProvince.get(birthProvince) ?? legacy);
        const pid = newPid(r, birthProvince, m.sex, year);
        const card = age >= 14 && r.chance(DEMOGRAPHY.idCards.coverage) ? idCard(r, m.birth, asOf) : null;
        m.rec = {
          pid,
          fullName: fullName(r, m.sex, year, m.family),
          birthDate: m.birth,
          sex: m.sex,
          ethnicity,
          religion: r.chance(0.9) ? religion : sampleReligion(r),
          nationality: 'VN',
          birthRegProvince: birthProvince,
          birthPlace: units.legacyProvince(birthProvince)?.fullName ?? null,
          hometown: hometownUnit ? `${hometownUnit.fullName}, ${units.legacyDistrict(hometownUnit.districtCode)?.fullName ?? ''}, ${units.legacyProvince(hometownUnit.provinceCode)?.fullName ?? ''}` : null,
          oldId: year < DEMOGRAPHY.oldId.bornBefore && age >= 14 && r.chance(DEMOGRAPHY.oldId.share) ? String(r.int(10_000_000, 399_999_999)).padStart(9, '0') : null,
          lifeStatus: 'alive',
          deathDate: null,
          maritalStatus: age >= 18 ? 'single' : null,
          fatherPid: null,
          motherPid: null,
          spousePid: null,
          phone: age >= 18 && r.chance(DEMOGRAPHY.phones.adultShare) ? `+84${r.pick(DEMOGRAPHY.phones.prefixes)}${String(r.int(0, 9_999_999)).padStart(7, '0')}` : null,
          email: null,
          communeCode: commune.code,
          addressDetail: detail,
          legacyAddress,
          residentSince: m.birth > since ? m.birth : since,
          householdCode: code,
          householdRelation: m.relation,
          idCardIssuedOn: card?.issued ?? null,
          idCardExpiresOn: card?.expires ?? null,
        };
      }
      linkFamily(members);
      // Deaths: a share of (mostly old) members have died; they leave the household, a spouse is widowed.
      for (const m of members.slice(1)) {
        const age = ageOn(m.birth);
        const d = DEMOGRAPHY.deaths;
        const p = age >= 75 ? d.over75Rate : age >= 60 ? d.over60Rate : d.baseRate;
        if (!r.chance(p)) continue;
        const rec = m.rec!;
        const earliest = Math.max(dayOf(m.birth) + DAY, asOfT - d.withinYears * 365 * DAY);
        rec.lifeStatus = 'deceased';
        rec.deathDate = iso(earliest + Math.floor(r.next() * (asOfT - earliest)));
        rec.householdCode = null;
        rec.householdRelation = null;
        for (const other of members) if (other.rec!.spousePid === rec.pid && other.rec!.lifeStatus === 'alive') other.rec!.maritalStatus = 'widowed';
      }
      for (const m of members) batch.push(m.rec!);
      if (batch.length >= batchSize) {
        yield flush();
      }
    }
  }
  if (batch.length) yield flush();

  function flush(): GeneratedBatch {
    const records = batch;
    batch = [];
    const truth = opts.noise ? injectNoise(noiseRng, records, opts.noise, (sex, year, province) => newPid(noiseRng, province, sex, year), units) : [];
    const h = households;
    households = 0;
    return { records, truth, households: h };
  }

  function composeHousehold(r: Rng): Member[] {
    const type = sampleHouseholdType(r);
    const fam = familyName(r);
    const person = (sex: 'M' | 'F', age: number, relation: string, family = fam): Member => ({ sex, birth: birthFromAge(r, age), family, relation });
    const couple = (minAge: number, maxAge: number): Member[] => {
      const hAge = sampleAge(r, minAge, maxAge);
      const wAge = Math.max(18, hAge - r.int(-2, 8));
      return [person('M', hAge, 'head'), person('F', wAge, 'spouse', familyName(r))];
    };
    // Children of `parent` (the mother, or a single father), taking the father's family name.
    const children = (parent: Member, father: Member | null, n: number, relation = 'child'): Member[] => {
      const mAge = ageOn(parent.birth);
      const out: Member[] = [];
      for (let i = 0; i < n; i++) {
        const maxAge = Math.min(mAge - 18, 28);
        const minAge = Math.max(0, mAge - 42);
        if (maxAge < minAge) break;
        const age = r.int(minAge, maxAge);
        const sex = r.chance(DEMOGRAPHY.sexRatioAtBirth / (100 + DEMOGRAPHY.sexRatioAtBirth)) ? 'M' : 'F';
        out.push(person(sex, age, relation, father?.family ?? parent.family));
      }
      return out;
    };
    switch (type) {
      // Older people head most one- and two-person households (the pyramid alone would make them young).
      case 'single': {
        const age = r.chance(0.5) ? sampleAge(r, 55, 95) : sampleAge(r, 18, 54);
        return [person(sampleSex(r, age), age, 'head')];
      }
      case 'couple': {
        return r.chance(0.6) ? couple(50, 90) : couple(20, 49);
      }
      case 'nuclear': {
        const [h, w] = couple(22, 62);
        return [h!, w!, ...children(w!, h!, r.weighted([1, 2, 2, 2, 3], () => 1))];
      }
      case 'single_parent': {
        const age = sampleAge(r, 24, 60);
        const sex = r.chance(0.75) ? 'F' : 'M';
        const parent = person(sex, age, 'head');
        return [parent, ...children(parent, sex === 'M' ? parent : null, r.int(1, 2))];
      }
      case 'three_generation': {
        const gAge = sampleAge(r, 55, 92);
        const grandpa = person('M', gAge, 'parent');
        const grandma = person('F', Math.max(45, gAge - r.int(-2, 7)), 'parent', familyName(r));
        const sonAge = Math.max(20, Math.min(gAge - 20, ageOn(grandma.birth) - 18) - r.int(0, 12));
        const son = person('M', sonAge, 'head');
        const wife = person('F', Math.max(18, sonAge - r.int(-2, 6)), 'spouse', familyName(r));
        const kids = children(wife, son, r.int(0, 3), 'child');
        const olds = r.chance(0.3) ? [grandpa] : r.chance(0.5) ? [grandma] : [grandpa, grandma];
        if (r.chance(0.35) && olds.includes(grandpa)) {
          // the grandfather heads the household
          grandpa.relation = 'head';
          if (olds.includes(grandma)) grandma.relation = 'spouse';
          son.relation = 'child';
          wife.relation = 'child_in_law';
          for (const k of kids) k.relation = 'grandchild';
          return [grandpa, ...olds.filter((o) => o !== grandpa), son, wife, ...kids];
        }
        return [son, wife, ...olds, ...kids];
      }
      case 'siblings': {
        const age = sampleAge(r, 18, 32);
        const first = person(sampleSex(r, age), age, 'head');
        const n = r.int(1, 2);
        const rest: Member[] = [];
        for (let i = 0; i < n; i++) {
          const a = Math.max(18, age + r.int(-6, 6));
          rest.push(person(sampleSex(r, a), a, 'sibling'));
        }
        return [first, ...rest];
      }
    }
  }
}

/** Spouses point at each other and are married; children point at the household's parents. */
function linkFamily(members: Member[]): void {
  const by = (rel: string) => members.filter((m) => m.relation === rel);
  const head = members[0]!;
  const pairs: [Member, Member][] = [];
  const spouse = by('spouse')[0];
  if (spouse && head.sex !== spouse.sex) pairs.push([head, spouse]);
  const parents = by('parent');
  const gm = parents.find((p) => p.sex === 'F');
  const gf = parents.find((p) => p.sex === 'M');
  if (gm && gf) pairs.push([gf, gm]);
  const son = by('child').find((c) => c.sex === 'M');
  const inLaw = by('child_in_law')[0];
  if (son && inLaw) pairs.push([son, inLaw]);
  for (const [a, b] of pairs) {
    a.rec!.spousePid = b.rec!.pid;
    b.rec!.spousePid = a.rec!.pid;
    a.rec!.maritalStatus = b.rec!.maritalStatus = 'married';
  }
  // Children of the head couple, or of the (son, daughter-in-law) couple when the grandfather heads.
  const father = inLaw ? son : head.sex === 'M' ? head : spouse?.sex === 'M' ? spouse : undefined;
  const mother = inLaw ? inLaw : head.sex === 'F' ? head : spouse?.sex === 'F' ? spouse : undefined;
  const kids = inLaw ? by('grandchild') : by('child');
  for (const k of kids) {
    if (father && father !== k && Number(father.birth.slice(0, 4)) + 15 <= Number(k.birth.slice(0, 4))) k.rec!.fatherPid = father.rec!.pid;
    if (mother && mother !== k && Number(mother.birth.slice(0, 4)) + 15 <= Number(k.birth.slice(0, 4))) k.rec!.motherPid = mother.rec!.pid;
  }
  // In a grandfather-headed household the son is the grandparents' child.
  if (inLaw && son) {
    if (gf) son.rec!.fatherPid = gf.rec!.pid;
    if (gm) son.rec!.motherPid = gm.rec!.pid;
  } else {
    const sonOfParents = head.sex === 'M' && parents.length ? head : undefined;
    if (sonOfParents) {
      if (gf && Number(gf.birth.slice(0, 4)) + 15 <= Number(head.birth.slice(0, 4))) head.rec!.fatherPid = gf.rec!.pid;
      if (gm && Number(gm.birth.slice(0, 4)) + 15 <= Number(head.birth.slice(0, 4))) head.rec!.motherPid = gm.rec!.pid;
    }
  }
}

/** An ID card issued from 14 (not before the chip-card rollout), valid until the next renewal age. */
function idCard(r: Rng, birth: string, asOf: string): { issued: string; expires: string | null } {
  const from = Math.max(dayOf(addYears(birth, 14)), dayOf(DEMOGRAPHY.idCards.rolloutStart));
  const to = dayOf(asOf);
  const issued = iso(from >= to ? to : from + Math.floor(r.next() * (to - from)));
  const ageAtIssue = (dayOf(issued) - dayOf(birth)) / (365.25 * DAY);
  // A card issued within two years before a renewal age stays valid until the next one.
  const next = DEMOGRAPHY.idCards.renewalAges.find((a) => a - ageAtIssue > 2);
  return { issued, expires: next === undefined ? null : addYears(birth, next) };
}


// Runs the configured rules on one person's record: the defects found (one per rule and key),
// the completeness ratio over the field groups, and the unit the record belongs to (for the
// scorecard and for who may see the findings). Pure: everything it needs is passed in.
// Duplicates need the whole population and are found by pass/duplicates.ts, not here.
import { ageOn, checkPersonalIdConsistency, comparePartial, earliest, fold, formatVi, latest, legacyProvinceName, nfc, parsePartialDate, parsePersonalId, toE164Vn, type PartialDate } from '@open06/kernel';
import type { AdminUnits } from '@open06/kernel/admin-units';
import type { PersonScanRecord } from '../../registry/index.ts';
import type { LegacyAddressResolver } from './legacy-address.ts';
import { fillText, params, type Family, type FieldGroup, type RuleDef, type RuleKind, type RulesConfig, type Severity, type Text } from './rule-config.ts';
import { isFoldedSyllable, isVietnameseSyllable } from './syllable.ts';

/** A sector's record matched to a personal ID: a death it reports, or the values it holds. */
export interface SectorRecord {
  source: string;
  kind: 'death' | 'record';
  fullName: string | null;
  birthDate: string | null;
  sex: 'M' | 'F' | null;
  deathDate: string | null;
  reportedOn: string;
}

export interface Defect {
  rule: string;
  family: Family;
  severity: Severity;
  /** Distinguishes several findings of one rule on one person (a field, a relative, a source …). */
  key: string;
  fields: string[];
  evidence: Record<string, unknown>;
  relatedPid: string | null;
  fix: Text;
}

export interface Evaluation {
  defects: Defect[];
  /** 0–1: weighted share of the applicable field groups that are filled. */
  completeness: number;
  communeCode: string | null;
  provinceCode: string | null;
}

export interface EvalContext {
  config: RulesConfig;
  units: AdminUnits;
  resolveLegacy: LegacyAddressResolver;
  /** Name words the registry knows (folded → written forms, most frequent first): to tell a name typed without diacritics. */
  nameWords: ReadonlyMap<string, readonly string[]>;
  suggestSpelling: (word: string) => string | null;
  ethnicities: ReadonlySet<string>;
  religions: ReadonlySet<string>;
  /** yyyy-mm-dd */
  today: string;
  sector: readonly SectorRecord[];
}

type Found = Omit<Defect, 'rule' | 'family' | 'severity' | 'fix'> & { severity?: Severity };
type Check = (r: PersonScanRecord, rule: RuleDef, c: EvalContext) => Found[];

const FIELD_LABELS: Record<string, Text> = {
  fullName: { vi: 'họ tên', en: 'full name' },
  birthDate: { vi: 'ngày sinh', en: 'birth date' },
  sex: { vi: 'giới tính', en: 'sex' },
  nationality: { vi: 'quốc tịch', en: 'nationality' },
  birthRegProvince: { vi: 'nơi đăng ký khai sinh', en: 'province of birth registration' },
  ethnicity: { vi: 'dân tộc', en: 'ethnicity' },
  religion: { vi: 'tôn giáo', en: 'religion' },
  birthPlace: { vi: 'nơi sinh', en: 'birthplace' },
  hometown: { vi: 'quê quán', en: 'hometown' },
  oldId: { vi: 'số CMND cũ', en: 'old ID number' },
  phone: { vi: 'số điện thoại', en: 'phone' },
  email: { vi: 'thư điện tử', en: 'e-mail' },
  maritalStatus: { vi: 'tình trạng hôn nhân', en: 'marital status' },
  permanentResidence: { vi: 'nơi thường trú', en: 'permanent residence' },
  idCard: { vi: 'thẻ căn cước', en: 'ID card' },
  deathDate: { vi: 'ngày mất', en: 'death date' },
  idCards: { vi: 'ngày cấp thẻ', en: 'card issue date' },
  residences: { vi: 'nơi cư trú', en: 'residence' },
  fatherPid: { vi: 'cha', en: 'father' },
  motherPid: { vi: 'mẹ', en: 'mother' },
};
const label = (f: string): Text => FIELD_LABELS[f] ?? { vi: f, en: f };
const labels = (fs: string[]): Text => ({ vi: fs.map((f) => label(f).vi).join(', '), en: fs.map((f) => label(f).en).join(', ') });
const SEX: Record<'M' | 'F', Text> = { M: { vi: 'nam', en: 'male' }, F: { vi: 'nữ', en: 'female' } };
const RESIDENCE: Record<string, Text> = {
  permanent: { vi: 'thường trú', en: 'permanent' },
  temporary: { vi: 'tạm trú', en: 'temporary' },
  current: { vi: 'ở hiện tại', en: 'current' },
  absence: { vi: 'tạm vắng', en: 'absence' },
};

function partial(s: string | null | undefined): PartialDate | null {
  if (!s) return null;
  const p = parsePartialDate(s);
  return p.ok ? p.value : null;
}
const show = (s: string | null | undefined) => {
  const p = partial(s);
  return p ? formatVi(p) : (s ?? '');
};

const CHECKS: Record<Exclude<RuleKind, 'duplicate' | 'completeness'>, Check> = {
  pid_consistency(r) {
    const parsed = parsePersonalId(r.pid);
    const birth = partial(r.birthDate);
    const problems = checkPersonalIdConsistency(r.pid, { sex: r.sex, ...(birth ? { birthDate: birth } : {}) });
    const codes = [...problems.map((p) => p.code), ...parsed.errors.filter((e) => e.code === 'province_unknown').map((e) => e.code)];
    if (!codes.length) return [];
    const fields = ['pid', ...(codes.includes('sex_mismatch') ? ['sex'] : []), ...(codes.includes('birth_year_mismatch') ? ['birthDate'] : [])];
    return [
      {
        key: '',
        fields,
        relatedPid: null,
        evidence: {
          problems: codes,
          pidSex: parsed.sex ? SEX[parsed.sex] : null,
          pidYear: parsed.birthYear ?? null,
          recordSex: SEX[r.sex],
          recordBirthDate: show(r.birthDate),
        },
      },
    ];
  },

  dates_possible(r, rule, c) {
    const { minBirthYear } = params<{ minBirthYear: number }>(rule);
    const out: Found[] = [];
    const bad = (field: string, value: string, problem: string) => out.push({ key: field, fields: [field], relatedPid: null, evidence: { field: label(field), value: show(value), problem } });
    const birth = partial(r.birthDate);
    if (!birth) bad('birthDate', r.birthDate, 'invalid');
    else if (birth.year < minBirthYear) bad('birthDate', r.birthDate, 'too_early');
    else if (earliest(birth) > c.today) bad('birthDate', r.birthDate, 'future');
    if (r.deathDate) {
      const death = partial(r.deathDate);
      if (!death) bad('deathDate', r.deathDate, 'invalid');
      else if (earliest(death) > c.today) bad('deathDate', r.deathDate, 'future');
      else if (birth && comparePartial(death, birth) < 0) bad('deathDate', r.deathDate, 'before_birth');
      if (r.lifeStatus !== 'deceased') bad('deathDate', r.deathDate, 'alive_with_death_date');
    }
    const born = birth ? earliest(birth) : null;
    for (const card of r.idCards) {
      if (card.issuedOn > c.today) bad('idCards', card.issuedOn, 'future');
      else if (born && card.issuedOn < born) bad('idCards', card.issuedOn, 'before_birth');
    }
    for (const res of r.residences) if (born && res.validFrom < born) bad('residences', res.validFrom, 'before_birth');
    return dedupeKeys(out);
  },

  admin_codes(r, _rule, c) {
    const out: Found[] = [];
    const bad = (field: string, key: string, value: string) => out.push({ key, fields: [field], relatedPid: null, evidence: { field: label(field), value } });
    for (const res of r.residences)
      if (res.communeCode && !c.units.commune(res.communeCode) && !c.units.legacyCommune(res.communeCode)) bad('residences', `residence:${res.kind}`, res.communeCode);
    if (r.household && !c.units.commune(r.household.communeCode) && !c.units.legacyCommune(r.household.communeCode)) bad('household', 'household', r.household.communeCode);
    if (r.birthRegProvince && !legacyProvinceName(r.birthRegProvince)) bad('birthRegProvince', 'birthRegProvince', r.birthRegProvince);
    if (r.ethnicity && !c.ethnicities.has(r.ethnicity)) bad('ethnicity', 'ethnicity', r.ethnicity);
    if (r.religion && !c.religions.has(r.religion)) bad('religion', 'religion', r.religion);
    return out;
  },

  parent_age_gap(r, rule) {
    const { minGapYears } = params<{ minGapYears: number }>(rule);
    const out: Found[] = [];
    const child = partial(r.birthDate);
    for (const [field, link, rel, sex] of [['fatherPid', r.fatherPid, r.father, 'M'], ['motherPid', r.motherPid, r.mother, 'F']] as const) {
      if (!link) continue;
      if (!rel) {
        out.push({ key: `${field}:missing`, fields: [field], relatedPid: link, evidence: { field: label(field), relatedPid: link, problem: 'not_found', gapYears: '?' } });
        continue;
      }
      const parent = partial(rel.birthDate);
      if (parent && child) {
        // the largest age the parent can have had at the birth: flag only when even that is too young
        const gap = ageOn(parent, latest(child)).max;
        if (gap < minGapYears)
          out.push({ key: `${field}:gap`, fields: [field, 'birthDate'], relatedPid: link, evidence: { field: label(field), relatedPid: link, problem: 'too_young', gapYears: gap, minGapYears } });
      }
      if (rel.sex !== sex) out.push({ key: `${field}:sex`, fields: [field], relatedPid: link, evidence: { field: label(field), relatedPid: link, problem: 'wrong_sex', gapYears: '—', parentSex: SEX[rel.sex] } });
    }
    return out;
  },

  household_head(r) {
    const h = r.household;
    if (!h) return [];
    const mine = (h.relation === 'head' && (h.heads > 1 || h.headPid !== r.pid)) || (h.heads === 0 && h.firstMember === r.pid);
    if (!mine) return [];
    return [{ key: h.code, fields: ['household'], relatedPid: h.headPid && h.headPid !== r.pid ? h.headPid : null, evidence: { householdCode: h.code, heads: h.heads, headPid: h.headPid, members: h.members } }];
  },

  spouse_symmetry(r) {
    if (!r.spousePid) return [];
    const s = r.spouse;
    const problem = !s
      ? 'not_found'
      : s.spousePid !== r.pid
        ? 'one_way'
        : s.sex === r.sex
          ? 'same_sex'
          : r.lifeStatus === 'alive' && s.lifeStatus === 'alive' && r.maritalStatus !== 'married'
            ? 'status'
            : null;
    if (!problem) return [];
    return [{ key: problem, fields: problem === 'status' ? ['spousePid', 'maritalStatus'] : ['spousePid'], relatedPid: r.spousePid, evidence: { relatedPid: r.spousePid, problem, spouseLinksTo: s?.spousePid ?? null, maritalStatus: r.maritalStatus } }];
  },

  id_card_min_age(r, rule) {
    const { minAge, underAgeAllowedFrom } = params<{ minAge: number; underAgeAllowedFrom: string }>(rule);
    const birth = partial(r.birthDate);
    if (!birth) return [];
    const out: Found[] = [];
    for (const card of r.idCards) {
      if (card.issuedOn >= underAgeAllowedFrom) continue;
      const age = ageOn(birth, card.issuedOn).max;
      if (age < minAge) out.push({ key: card.issuedOn, fields: ['idCards', 'birthDate'], relatedPid: null, evidence: { issuedOn: show(card.issuedOn), ageAtIssue: Math.max(age, 0), minAge } });
    }
    return out;
  },

  after_death(r) {
    if (r.lifeStatus !== 'deceased' || !r.deathDate) return [];
    const death = partial(r.deathDate);
    if (!death) return [];
    const last = latest(death);
    const out: Found[] = [];
    for (const card of r.idCards)
      if (card.issuedOn > last)
        out.push({ key: `card:${card.issuedOn}`, fields: ['idCards', 'deathDate'], relatedPid: null, evidence: { event: { vi: 'Cấp thẻ căn cước', en: 'ID card issued' }, eventDate: show(card.issuedOn), deathDate: show(r.deathDate) } });
    for (const res of r.residences)
      if (res.validFrom > last)
        out.push({ key: `residence:${res.kind}`, fields: ['residences', 'deathDate'], relatedPid: null, evidence: { event: { vi: `Đăng ký ${RESIDENCE[res.kind]!.vi}`, en: `${RESIDENCE[res.kind]!.en} residence registered` }, eventDate: show(res.validFrom), deathDate: show(r.deathDate) } });
    return out;
  },

  name_diacritics(r, rule, c) {
    const { minWords } = params<{ minWords: number }>(rule);
    const name = r.fullName;
    const clean = nfc(name).replace(/\s+/g, ' ').trim();
    if (clean !== name) return [{ key: 'form', fields: ['fullName'], relatedPid: null, evidence: { value: name, problem: 'not_normalised', suggestion: clean } }];
    const words = name.split(' ');
    if (words.length < minWords || name.toLowerCase() !== fold(name)) return [];
    // only when some word is never written without marks: "Mai Lan Anh" is a real name, "Nguyen" is not
    const known = words.map((w) => c.nameWords.get(w.toLowerCase()));
    if (!known.some((forms) => forms?.length && forms.every((f) => fold(f) !== f.toLowerCase())))
      return [];
    const suggestion = words.map((w, i) => known[i]?.[0] ?? w).join(' ');
    return [{ key: 'diacritics', fields: ['fullName'], relatedPid: null, evidence: { value: name, problem: 'no_diacritics', suggestion } }];
  },

  name_spelling(r, _rule, c) {
    const out: Found[] = [];
    for (const word of r.fullName.split(/\s+/).filter(Boolean)) {
      // a word typed without any mark is checked as such (the diacritics rule speaks for it)
      const plain = word.toLowerCase() === fold(word);
      const ok = plain ? isFoldedSyllable(word) : isVietnameseSyllable(word);
      if (ok) continue;
      out.push({ key: fold(word), fields: ['fullName'], relatedPid: null, evidence: { value: r.fullName, word, suggestion: c.suggestSpelling(word) ?? '?' } });
    }
    return out;
  },

  phone_e164(r) {
    if (!r.phone) return [];
    const e164 = toE164Vn(r.phone);
    if (e164 === r.phone) return [];
    return [{ key: e164 ? 'format' : 'invalid', fields: ['phone'], relatedPid: null, evidence: { value: r.phone, suggestion: e164 ?? '?', problem: e164 ? 'not_e164' : 'invalid' } }];
  },

  address_units(r, rule, c) {
    const { abolishedLevels } = params<{ abolishedLevels: string[] }>(rule);
    const out: Found[] = [];
    for (const res of r.residences) {
      if (!res.detail || !res.communeCode || !c.units.commune(res.communeCode)) continue;
      const text = nfc(res.detail).toLocaleLowerCase('vi');
      const word = abolishedLevels.find((lvl) => new RegExp(`(^|[\\s,.])${lvl}(?=[\\s,.]|$)`, 'u').test(text));
      if (word)
        out.push({ key: res.kind, fields: ['residences'], relatedPid: null, evidence: { value: res.detail, word, communeName: c.units.commune(res.communeCode)?.fullName ?? res.communeCode, residenceKind: RESIDENCE[res.kind] } });
    }
    return out;
  },

  sector_conflict(r, rule, c) {
    const { compare } = params<{ compare: ('fullName' | 'birthDate' | 'sex')[] }>(rule);
    const out: Found[] = [];
    for (const s of c.sector) {
      if (s.kind !== 'record') continue;
      for (const field of compare) {
        let conflict = false;
        let sectorValue: unknown = null;
        let value: unknown = null;
        if (field === 'fullName' && s.fullName) {
          conflict = nfc(s.fullName).toLocaleLowerCase('vi').replace(/\s+/g, ' ').trim() !== nfc(r.fullName).toLocaleLowerCase('vi');
          sectorValue = s.fullName;
          value = r.fullName;
        } else if (field === 'birthDate' && s.birthDate) {
          const a = partial(s.birthDate);
          const b = partial(r.birthDate);
          // partial dates conflict only where both are precise: "1985" and "1985-04-12" agree
          conflict = !!a && !!b && (a.year !== b.year || (a.month !== undefined && b.month !== undefined && a.month !== b.month) || (a.day !== undefined && b.day !== undefined && a.day !== b.day));
          sectorValue = show(s.birthDate);
          value = show(r.birthDate);
        } else if (field === 'sex' && s.sex) {
          conflict = s.sex !== r.sex;
          sectorValue = SEX[s.sex];
          value = SEX[r.sex];
        }
        if (conflict) out.push({ key: `${s.source}:${field}`, fields: [field], relatedPid: null, evidence: { source: s.source, field: label(field), sectorValue, value, reportedOn: show(s.reportedOn) } });
      }
    }
    return out;
  },

  implausible_age(r, rule, c) {
    const { maxAge } = params<{ maxAge: number }>(rule);
    if (r.lifeStatus !== 'alive') return [];
    const birth = partial(r.birthDate);
    if (!birth) return [];
    const age = ageOn(birth, c.today).min;
    return age > maxAge ? [{ key: '', fields: ['birthDate', 'lifeStatus'], relatedPid: null, evidence: { age, maxAge, birthDate: show(r.birthDate) } }] : [];
  },

  not_confirmed(r, rule, c) {
    const { years } = params<{ years: number }>(rule);
    if (r.lifeStatus !== 'alive') return [];
    const limit = `${Number(c.today.slice(0, 4)) - Math.floor(years)}${c.today.slice(4)}`;
    return r.lastConfirmedOn < limit ? [{ key: '', fields: ['lastConfirmed'], relatedPid: null, evidence: { lastConfirmed: show(r.lastConfirmedOn), years } }] : [];
  },

  sector_death(r, rule, c) {
    const { birthYearTolerance } = params<{ birthYearTolerance: number }>(rule);
    if (r.lifeStatus === 'deceased') return [];
    const out: Found[] = [];
    for (const s of c.sector) {
      if (s.kind !== 'death') continue;
      // a report whose name and birth year both disagree is probably about someone else: still
      // shown (the number is wrong on one side), but as a lesser finding
      const b = partial(s.birthDate);
      const yearOk = !b || Math.abs(b.year - Number(r.birthDate.slice(0, 4))) <= birthYearTolerance;
      const nameOk = !s.fullName || fold(s.fullName) === fold(r.fullName);
      out.push({
        key: s.source,
        fields: ['lifeStatus', 'deathDate'],
        relatedPid: null,
        ...(yearOk || nameOk ? {} : { severity: 'medium' as const }),
        evidence: { source: s.source, deathDate: show(s.deathDate), reportedOn: show(s.reportedOn), identityAgrees: yearOk && nameOk, reportedName: s.fullName, reportedBirthDate: show(s.birthDate) },
      });
    }
    return out;
  },

  commune_abolished(r, _rule, c) {
    const out: Found[] = [];
    const hints = r.birthRegProvince ? [r.birthRegProvince.slice(-2)] : [];
    for (const res of r.residences) {
      if (res.communeCode && c.units.commune(res.communeCode)) continue;
      let current: string[] = [];
      let value = res.legacyAddress ?? res.detail ?? '';
      if (res.communeCode) {
        const legacy = c.units.legacyCommune(res.communeCode);
        if (!legacy) continue; // not a code at all: admin_codes speaks for it
        current = c.units.currentOfLegacyCommune(legacy.code).communes.map((x) => x.code);
        value = `${res.detail ? `${res.detail}, ` : ''}${legacy.fullName}`;
      } else {
        if (!res.legacyAddress) continue;
        current = c.resolveLegacy(res.legacyAddress, hints)?.current.map((x) => x.code) ?? [];
      }
      const names = current.map((code) => c.units.commune(code)?.fullName ?? code);
      out.push({
        key: res.kind,
        fields: ['residences'],
        relatedPid: null,
        evidence: {
          residenceKind: RESIDENCE[res.kind],
          value,
          suggestedCommunes: current,
          suggestion: names.length ? names.join(' / ') : { vi: 'không xác định được, cần xác minh', en: 'cannot be determined, verify' },
        },
      });
    }
    return out;
  },
};

function dedupeKeys(found: Found[]): Found[] {
  const seen = new Set<string>();
  return found.filter((f) => (seen.has(f.key) ? false : (seen.add(f.key), true)));
}

/** Which field groups apply to this person, and which of their fields are missing. */
function completeness(r: PersonScanRecord, groups: Record<string, FieldGroup>, today: string) {
  const birth = partial(r.birthDate);
  const age = birth ? ageOn(birth, today).min : 0;
  let total = 0;
  let filled = 0;
  const missingRequired: string[] = [];
  const missingGroups: string[] = [];
  for (const [name, g] of Object.entries(groups)) {
    if (g.when?.alive && r.lifeStatus !== 'alive') continue;
    if (g.when?.minAge !== undefined && age < g.when.minAge) continue;
    const missing = g.fields.filter((f) => !present(r, f));
    total += g.weight;
    filled += (g.weight * (g.fields.length - missing.length)) / g.fields.length;
    if (g.required && missing.length) {
      missingRequired.push(...missing);
      missingGroups.push(name);
    }
  }
  return { ratio: total ? filled / total : 1, missingRequired, missingGroups };
}

function present(r: PersonScanRecord, f: string): boolean {
  if (f === 'permanentResidence') return r.residences.some((x) => x.kind === 'permanent');
  if (f === 'idCard') return r.idCards.length > 0;
  const v = (r as unknown as Record<string, unknown>)[f];
  return v !== null && v !== undefined && v !== '';
}

/** The current commune a record belongs to: its residences, its household, or its old address mapped. */
export function unitOf(r: PersonScanRecord, c: Pick<EvalContext, 'units' | 'resolveLegacy'>): string | null {
  for (const kind of ['permanent', 'temporary', 'current'] as const) {
    const res = r.residences.find((x) => x.kind === kind);
    if (!res) continue;
    if (res.communeCode && c.units.commune(res.communeCode)) return res.communeCode;
    if (res.communeCode) {
      const cur = c.units.currentOfLegacyCommune(res.communeCode).communes[0];
      if (cur) return cur.code;
    }
  }
  if (r.household && c.units.commune(r.household.communeCode)) return r.household.communeCode;
  const hints = r.birthRegProvince ? [r.birthRegProvince.slice(-2)] : [];
  for (const res of r.residences) {
    const found = res.legacyAddress ? c.resolveLegacy(res.legacyAddress, hints) : null;
    if (found) return found.current[0]!.code;
  }
  return null;
}

export function evaluate(r: PersonScanRecord, c: EvalContext): Evaluation {
  const defects: Defect[] = [];
  const comp = completeness(r, c.config.fieldGroups, c.today);
  for (const rule of c.config.rules) {
    if (!rule.enabled || rule.kind === 'duplicate') continue;
    let found: Found[];
    if (rule.kind === 'completeness') {
      found = comp.missingRequired.length
        ? [
            {
              key: '',
              fields: comp.missingRequired,
              relatedPid: null,
              evidence: {
                missing: labels(comp.missingRequired),
                groups: { vi: comp.missingGroups.map((g) => c.config.fieldGroups[g]!.label.vi).join('; '), en: comp.missingGroups.map((g) => c.config.fieldGroups[g]!.label.en).join('; ') },
                completeness: Math.round(comp.ratio * 100) / 100,
              },
            },
          ]
        : [];
    } else {
      found = CHECKS[rule.kind](r, rule, c);
    }
    for (const f of found) defects.push(toDefect(rule, f));
  }
  const communeCode = unitOf(r, c);
  return { defects, completeness: comp.ratio, communeCode, provinceCode: communeCode ? (c.units.commune(communeCode)?.provinceCode ?? null) : null };
}

/** A finding of `rule` with its evidence; the fix text is filled in the reader's two languages. */
export function toDefect(rule: RuleDef, f: Found): Defect {
  const vi: Record<string, unknown> = {};
  const en: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(f.evidence)) {
    const bilingual = v !== null && typeof v === 'object' && 'vi' in v && 'en' in v;
    vi[k] = bilingual ? (v as Text).vi : v;
    en[k] = bilingual ? (v as Text).en : v;
  }
  return {
    rule: rule.id,
    family: rule.family,
    severity: f.severity ?? rule.severity,
    key: f.key,
    fields: f.fields,
    evidence: f.evidence,
    relatedPid: f.relatedPid,
    fix: { vi: fillText(rule.fix, vi).vi, en: fillText(rule.fix, en).en },
  };
}

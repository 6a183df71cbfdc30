// The scorecard of a unit: the share of its people whose records are correct, complete, clean and
// alive (no open finding of that family), the mean completeness, and an overall score (the mean of
// the four), for a province with its communes, or for one commune. Jurisdiction applies: a
// commune officer sees their commune, a province officer the province and its communes.
import type { AdminUnits } from '@open06/kernel/admin-units';
import { jurisdiction, requirePermission, roleDef, type Actor } from '../../../http/authz.ts';
import { ForbiddenError, ValidationError } from '../../../http/errors.ts';
import { FAMILIES, type Family } from '../rules/rule-config.ts';
import type { ScorecardStore, UnitCounts } from './scorecard.store.ts';

export interface ScoreRow {
  code: string;
  name: string;
  level: 'national' | 'province' | 'commune';
  persons: number;
  /** Percentages 0–100 (one decimal). */
  correct: number;
  complete: number;
  clean: number;
  alive: number;
  overall: number;
  /** Mean completeness of the records, 0–100. */
  completeness: number;
  open: { high: number; medium: number; low: number; total: number };
}

export interface Scorecard {
  unit: ScoreRow;
  /** The communes of a province (or the provinces of the country). */
  children: ScoreRow[];
  checkedAt: string | null;
}

const pct = (x: number) => Math.round(x * 1000) / 10;

export function scoreRow(c: UnitCounts, name: string, level: ScoreRow['level']): ScoreRow {
  const share = (f: Family) => (c.persons ? 1 - Math.min(c.flawed[f], c.persons) / c.persons : 1);
  const fam = Object.fromEntries(FAMILIES.map((f) => [f, pct(share(f))])) as Record<Family, number>;
  return {
    code: c.code,
    name,
    level,
    persons: c.persons,
    ...fam,
    overall: pct(FAMILIES.reduce((a, f) => a + share(f), 0) / FAMILIES.length),
    completeness: pct(c.persons ? c.completeness : 1),
    open: { ...c.open, total: c.open.high + c.open.medium + c.open.low },
  };
}

function sum(code: string, rows: UnitCounts[]): UnitCounts {
  const out: UnitCounts = { code, persons: 0, completeness: 0, flawed: { correct: 0, complete: 0, clean: 0, alive: 0 }, open: { high: 0, medium: 0, low: 0 } };
  for (const r of rows) {
    out.persons += r.persons;
    out.completeness += r.completeness * r.persons;
    for (const f of FAMILIES) out.flawed[f] += r.flawed[f];
    out.open.high += r.open.high;
    out.open.medium += r.open.medium;
    out.open.low += r.open.low;
  }
  out.completeness = out.persons ? out.completeness / out.persons : 1;
  return out;
}

export function createScorecardService(deps: { store: ScorecardStore; units: AdminUnits }) {
  const { store, units } = deps;

  /** The unit asked for, or the actor's own; refused outside the jurisdiction. */
  function resolveUnit(actor: Actor, unit: string | undefined): { level: 'national' | 'province' | 'commune'; code: string } {
    const j = jurisdiction(actor);
    const scope = roleDef(actor.role).scope;
    const code = unit ?? (scope === 'national' ? '' : (actor.unit ?? ''));
    if (code === '') {
      if (j.kind !== 'national') throw new ForbiddenError({ vi: 'Cần chọn đơn vị.', en: 'Choose a unit.' });
      return { level: 'national', code: '' };
    }
    const level = code.length === 2 ? 'province' : 'commune';
    if (level === 'province' ? !units.province(code) : !units.commune(code))
      throw ValidationError.field('query.unit', 'unit_unknown', { vi: `Không có đơn vị hành chính hiện hành mã ${code}.`, en: `No current administrative unit ${code}.` });
    const allowed =
      j.kind === 'national' ||
      (j.kind === 'communes' && (level === 'commune' ? j.codes.includes(code) : units.communesOf(code).every((c) => j.codes.includes(c.code))));
    if (!allowed)
      throw new ForbiddenError({ vi: `Đơn vị ${code} nằm ngoài địa bàn quản lý của bạn.`, en: `Unit ${code} is outside your jurisdiction.` });
    return { level, code };
  }

  return {
    resolveUnit,
    async scorecard(actor: Actor, unit?: string): Promise<Scorecard> {
      requirePermission(actor, 'quality.read');
      const u = resolveUnit(actor, unit);
      const checked = await store.lastChecked();
      const checkedAt = checked?.toISOString() ?? null;
      if (u.level === 'commune') {
        const [c] = await store.counts('commune', null, u.code);
        return { unit: scoreRow(c ?? sum(u.code, []), units.commune(u.code)!.fullName, 'commune'), children: [], checkedAt };
      }
      if (u.level === 'province') {
        const rows = await store.counts('commune', u.code);
        const byCode = new Map(rows.map((r) => [r.code, r]));
        const children = units
          .communesOf(u.code)
          .map((c) => scoreRow(byCode.get(c.code) ?? sum(c.code, []), c.fullName, 'commune'))
          .sort((a, b) => a.overall - b.overall || a.name.localeCompare(b.name, 'vi'));
        return { unit: scoreRow(sum(u.code, rows), units.province(u.code)!.fullName, 'province'), children, checkedAt };
      }
      const rows = await store.counts('province', null);
      const byCode = new Map(rows.map((r) => [r.code, r]));
      const children = units.provinces().map((p) => scoreRow(byCode.get(p.code) ?? sum(p.code, []), p.fullName, 'province'));
      return { unit: scoreRow(sum('', rows), 'Việt Nam', 'national'), children, checkedAt };
    },
  };
}

export type ScorecardService = ReturnType<typeof createScorecardService>;

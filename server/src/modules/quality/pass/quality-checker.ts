// Runs the rules over the registry: a full pass (every person in scope, batch by batch, then the
// duplicates over all of them) and the re-check of people a change touched (from the registry's
// events). Both read through RegistryApi.scanPersons as the system actor `open06-quality` with
// purpose data_quality, and write through the finding store, so a person's findings and status
// are the same whichever way they were last checked.
import { sql } from 'kysely';
import { vnDay, type Clock } from '../../../platform/clock.ts';
import type { Db } from '../../../platform/db/db.ts';
import type { Actor } from '../../../http/authz.ts';
import type { PersonScanRecord, RegistryApi } from '../../registry/index.ts';
import { evaluate, toDefect, unitOf, type Defect, type EvalContext } from '../rules/evaluate.ts';
import { loadRulesConfig, params, type Family, type RulesConfig } from '../rules/rule-config.ts';
import { ruleContextBase } from '../rules/rule-context.ts';
import { createFindingStore, type CheckedDefect, type CheckedPerson } from '../findings/finding.store.ts';
import { createSectorStore } from '../sector/sector.store.ts';
import { createPassStore } from './pass.store.ts';
import { duplicateEvidence, duplicatesOf, findDuplicates, linkRow, type DuplicateFound, type LinkRow } from './duplicates.ts';
import type { LinkageModel } from '../linkage/index.ts';

/** The system actor of data-quality passes (role quality_engine: person.scan, person.search). */
export const QUALITY_ACTOR: Actor = { sub: 'open06-quality', role: 'quality_engine', name: 'open06 data quality' };
const PURPOSE = 'data_quality';
/** Expected matches a pass's linkage must have seen for its model to be kept for re-checks. */
const MIN_MODEL_MATCHES = 10;

export interface PassOptions {
  /** Current province code (2 digits); default: everyone. */
  province?: string | undefined;
  startedBy: string;
  /** Find duplicates (the linkage over everyone in scope). Default true. */
  duplicates?: boolean;
  batchSize?: number;
  /** `rules`, then `duplicates: <linkage phase>` (blocking, comparing, sampling, training, scoring, clustering). */
  onProgress?: (phase: string, done: number, total: number) => void;
}

export interface PassReport {
  passId: number;
  province: string | null;
  startedAt: string;
  finishedAt: string;
  seconds: number;
  persons: number;
  opened: number;
  resolved: number;
  open: { total: number; byFamily: Record<Family, number>; bySeverity: Record<string, number>; byRule: Record<string, number> };
  duplicates: { found: number; seconds: number; stats: Record<string, unknown> } | null;
  timings: Record<string, number>;
  peakRssMB: number;
}

export function createQualityChecker(deps: { db: Db; registry: RegistryApi; clock: Clock; config?: RulesConfig }) {
  const { db, registry, clock } = deps;
  const config = deps.config ?? loadRulesConfig();
  const base = ruleContextBase(config);
  const findings = createFindingStore(db);
  const sector = createSectorStore(db);
  const passes = createPassStore(db);
  const checkedRules = config.rules.filter((r) => r.enabled && r.kind !== 'duplicate').map((r) => r.id);
  const dupRule = config.rules.find((r) => r.enabled && r.kind === 'duplicate');
  const dupThreshold = dupRule ? params<{ threshold: number }>(dupRule).threshold : 1;
  const ctx = (requestId?: string) => ({ actor: QUALITY_ACTOR, purpose: PURPOSE, ...(requestId ? { requestId } : {}) });

  /** Evaluates a batch: statuses and defects to write, and linkage rows. */
  async function checkBatch(records: readonly PersonScanRecord[], today: string, province: string | null) {
    const reports = await sector.forPersons(records.map((r) => r.pid));
    const people: CheckedPerson[] = [];
    const defects: CheckedDefect[] = [];
    const links: LinkRow[] = [];
    const c: EvalContext = { ...base, today, sector: [] };
    for (const r of records) {
      c.sector = reports.get(r.pid) ?? [];
      const e = evaluate(r, c);
      if (province && e.provinceCode !== province) continue;
      people.push({ pid: r.pid, communeCode: e.communeCode, provinceCode: e.provinceCode, completeness: e.completeness });
      for (const d of e.defects) defects.push({ ...d, pid: r.pid, subjectName: r.fullName, subjectBirth: r.birthDate, communeCode: e.communeCode, provinceCode: e.provinceCode });
      links.push(linkRow(r, e.communeCode));
    }
    return { people, defects, links, unitOf: new Map(people.map((p) => [p.pid, p])) };
  }

  function duplicateDefect(d: DuplicateFound, subject: { communeCode: string | null; provinceCode: string | null; name: string; birth: string }): CheckedDefect {
    const defect: Defect = toDefect(dupRule!, { key: d.keepPid, fields: ['pid', 'fullName', 'birthDate'], relatedPid: d.keepPid, evidence: duplicateEvidence(d) });
    return { ...defect, pid: d.pid, subjectName: subject.name, subjectBirth: subject.birth, communeCode: subject.communeCode, provinceCode: subject.provinceCode };
  }

  /** One person against the people a name (and old ID) search finds, scored with the learnt model. */
  async function duplicatesFor(r: PersonScanRecord, model: LinkageModel, today: string, requestId?: string): Promise<{ opened: number; resolved: number }> {
    const hits = await registry.searchPersons(ctx(requestId), { name: r.fullName, limit: 30 });
    const byOld = r.oldId ? await registry.searchPersons(ctx(requestId), { oldId: r.oldId, limit: 10 }) : [];
    const candidatePids = [...new Set([...hits, ...byOld].map((h) => h.pid))].filter((p) => p !== r.pid);
    const candidates: PersonScanRecord[] = [];
    if (candidatePids.length) for await (const b of registry.scanPersons(ctx(requestId), { pids: candidatePids })) candidates.push(...b);
    const c: EvalContext = { ...base, today, sector: [] };
    const unit = (x: PersonScanRecord) => {
      const code = unitOf(x, c);
      return { communeCode: code, provinceCode: code ? (base.units.commune(code)?.provinceCode ?? null) : null, name: x.fullName, birth: x.birthDate };
    };
    const units = new Map([r, ...candidates].map((x) => [x.pid, unit(x)]));
    const found = duplicatesOf(linkRow(r, units.get(r.pid)!.communeCode), candidates.map((x) => linkRow(x, units.get(x.pid)!.communeCode)), { threshold: dupThreshold, model });
    return findings.writeDuplicatesOf(r.pid, found.map((d) => duplicateDefect(d, units.get(d.pid)!)), dupRule!.id);
  }

  async function openCounts(province: string | null) {
    const where = province ? sql`where status = 'open' and province_code = ${province}` : sql`where status = 'open'`;
    const rows = await sql<{ family: Family; severity: string; rule: string; n: number }>`
      select family, severity, rule, count(*)::int as n from quality.finding ${where} group by family, severity, rule`.execute(db.kysely);
    const out: PassReport['open'] = { total: 0, byFamily: { correct: 0, complete: 0, clean: 0, alive: 0 }, bySeverity: {}, byRule: {} };
    for (const r of rows.rows) {
      out.total += r.n;
      out.byFamily[r.family] += r.n;
      out.bySeverity[r.severity] = (out.bySeverity[r.severity] ?? 0) + r.n;
      out.byRule[r.rule] = (out.byRule[r.rule] ?? 0) + r.n;
    }
    return out;
  }

  return {
    async runPass(opts: PassOptions): Promise<PassReport> {
      const province = opts.province ?? null;
      const communes = province ? base.units.communesOf(province).map((c) => c.code) : undefined;
      if (province && !communes?.length) throw new Error(`unknown current province code ${province}`);
      const pass = await passes.start(province ? `province:${province}` : 'all', opts.startedBy);
      const t0 = performance.now();
      const timings: Record<string, number> = { scanAndRules: 0, write: 0, duplicates: 0, sweep: 0 };
      let peak = process.memoryUsage().rss;
      const today = vnDay(clock.now());
      try {
        const total = await registry.countScan(ctx(), communes ? { communes } : {});
        let done = 0;
        let persons = 0;
        let opened = 0;
        let resolved = 0;
        const links: LinkRow[] = [];
        const units = new Map<string, { communeCode: string | null; provinceCode: string | null; name: string; birth: string }>();
        let t = performance.now();
        for await (const batch of registry.scanPersons(ctx(), { ...(communes ? { communes } : {}), batchSize: opts.batchSize ?? 5000, passRef: `quality-pass:${pass.id}` })) {
          const checked = await checkBatch(batch, today, province);
          timings.scanAndRules! += performance.now() - t;
          t = performance.now();
          const w = await findings.writeChecked(checked.people, checked.defects, checkedRules);
          timings.write! += performance.now() - t;
          opened += w.opened;
          resolved += w.resolved;
          persons += checked.people.length;
          if (dupRule && opts.duplicates !== false) {
            links.push(...checked.links);
            for (const l of checked.links) {
              const p = checked.unitOf.get(l.pid)!;
              units.set(l.pid, { communeCode: p.communeCode, provinceCode: p.provinceCode, name: l.fullName, birth: l.birthDate });
            }
          }
          done += batch.length;
          opts.onProgress?.('rules', Math.min(done, total), total);
          peak = Math.max(peak, process.memoryUsage().rss);
          t = performance.now();
        }

        let duplicates: PassReport['duplicates'] = null;
        if (dupRule && opts.duplicates !== false) {
          t = performance.now();
          const run = findDuplicates(links, { threshold: dupThreshold, onProgress: (phase, d, n) => opts.onProgress?.(`duplicates: ${phase}`, d, n) });
          peak = Math.max(peak, process.memoryUsage().rss);
          links.length = 0;
          // the model scores people between passes; one that saw almost no duplicates has learnt
          // nothing about what a duplicate looks like, so the previous one is kept
          if (run.model && Number(run.stats.expectedMatches ?? 0) >= MIN_MODEL_MATCHES) await passes.saveModel(pass.id, run.model);
          const byPid = new Map<string, CheckedDefect[]>();
          for (const d of run.found) {
            const list = byPid.get(d.pid) ?? [];
            list.push(duplicateDefect(d, units.get(d.pid)!));
            byPid.set(d.pid, list);
          }
          // every checked person, so duplicate findings no longer seen are resolved too
          const pids = [...units.keys()];
          for (let i = 0; i < pids.length; i += 5000) {
            const part = pids.slice(i, i + 5000).map((pid) => ({ pid, communeCode: units.get(pid)!.communeCode, provinceCode: units.get(pid)!.provinceCode, completeness: 0 }));
            const w = await findings.writeChecked(part, part.flatMap((p) => byPid.get(p.pid) ?? []), [dupRule.id], { statuses: false });
            opened += w.opened;
            resolved += w.resolved;
          }
          timings.duplicates = performance.now() - t;
          duplicates = { found: run.found.length, seconds: Math.round(timings.duplicates) / 1000, stats: run.stats };
        }

        t = performance.now();
        resolved += await findings.sweep(pass.startedAt, province, false);
        timings.sweep = performance.now() - t;
        const finishedAt = new Date();
        const report: PassReport = {
          passId: pass.id,
          province,
          startedAt: pass.startedAt.toISOString(),
          finishedAt: finishedAt.toISOString(),
          seconds: Math.round(performance.now() - t0) / 1000,
          persons,
          opened,
          resolved,
          open: await openCounts(province),
          duplicates,
          timings: Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, Math.round(v) / 1000])),
          peakRssMB: Math.round(peak / 2 ** 20),
        };
        await passes.finish(pass.id, 'done', report as unknown as Record<string, unknown>);
        return report;
      } catch (err) {
        await passes.finish(pass.id, 'failed', { error: String((err as Error).message ?? err).slice(0, 500) });
        throw err;
      }
    },

    /**
     * Re-checks people after a change. `identity`: their name, birth date, sex or numbers changed
     * (or they are new), so they are also compared with the people a name search finds.
     */
    async recheck(pids: readonly string[], opts: { identity?: boolean; requestId?: string } = {}): Promise<{ checked: number; found: string[]; opened: number; resolved: number }> {
      const want = [...new Set(pids)];
      if (!want.length) return { checked: 0, found: [], opened: 0, resolved: 0 };
      const today = vnDay(clock.now());
      const records: PersonScanRecord[] = [];
      for await (const b of registry.scanPersons(ctx(opts.requestId), { pids: want })) records.push(...b);
      const found = new Set(records.map((r) => r.pid));
      let resolved = await findings.forget(want.filter((p) => !found.has(p)));
      const checked = await checkBatch(records, today, null);
      const w = await findings.writeChecked(checked.people, checked.defects, checkedRules);
      let opened = w.opened;
      resolved += w.resolved;
      if (opts.identity && dupRule) {
        const model = (await passes.latestModel()) as LinkageModel | undefined;
        if (model) {
          for (const r of records) {
            const d = await duplicatesFor(r, model, today, opts.requestId);
            opened += d.opened;
            resolved += d.resolved;
          }
        }
      }
      return { checked: records.length, found: [...found], opened, resolved };
    },

    latestPass: () => passes.latest(),
  };
}

export type QualityChecker = ReturnType<typeof createQualityChecker>;

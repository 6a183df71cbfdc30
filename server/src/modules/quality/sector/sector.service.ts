// Sector reports (deaths registered by civil status, records of social insurance …) received for
// people a sector has matched to a personal ID. Each report is checked, stored, written to the
// person's access log (data about the person came in), and the people concerned are re-checked at
// once, so "reported dead elsewhere" and "conflicts with a sector" findings appear without a pass.
import { parsePartialDate, parsePersonalId, toIsoPartial } from '@open06/kernel';
import type { AccessLog } from '../../../platform/access-log/index.ts';
import { vnDay, type Clock } from '../../../platform/clock.ts';
import { requirePermission, type Actor } from '../../../http/authz.ts';
import { ValidationError, type FieldProblem } from '../../../http/errors.ts';
import type { SectorReportInput, SectorStore } from './sector.store.ts';

export interface SectorImportResult {
  accepted: number;
  rejected: { index: number; problems: FieldProblem[] }[];
  /** Accepted reports whose personal ID is not (or no longer) in the registry. */
  unmatched: string[];
}

export function createSectorService(deps: { store: SectorStore; accessLog: AccessLog; clock: Clock; recheck: (pids: string[]) => Promise<{ checked: number; found: string[] }> }) {
  const { store, accessLog, clock } = deps;

  function normalise(r: SectorReportInput, i: number, today: string): { ok: SectorReportInput } | { problems: FieldProblem[] } {
    const problems: FieldProblem[] = [];
    const at = (f: string) => `body.reports.${i}.${f}`;
    if (!parsePersonalId(r.pid).valid) problems.push({ path: at('pid'), code: 'pid_invalid', message: { vi: 'Số định danh không hợp lệ.', en: 'Invalid personal ID.' } });
    const date = (f: 'birthDate' | 'deathDate', v: string | null | undefined) => {
      if (!v) return null;
      const p = parsePartialDate(v);
      if (!p.ok) {
        problems.push({ path: at(f), code: 'date_invalid', message: p.error });
        return null;
      }
      const iso = toIsoPartial(p.value);
      if (iso > today) problems.push({ path: at(f), code: 'date_in_future', message: { vi: 'Ngày ở tương lai.', en: 'The date is in the future.' } });
      return iso;
    };
    const birthDate = date('birthDate', r.birthDate);
    const deathDate = date('deathDate', r.deathDate);
    if (r.kind === 'death' && !deathDate && !problems.some((p) => p.path === at('deathDate')))
      problems.push({ path: at('deathDate'), code: 'required', message: { vi: 'Báo tử cần ngày mất.', en: 'A death report needs the death date.' } });
    if (r.reportedOn > today) problems.push({ path: at('reportedOn'), code: 'date_in_future', message: { vi: 'Ngày báo ở tương lai.', en: 'The report date is in the future.' } });
    if (problems.length) return { problems };
    return { ok: { ...r, fullName: r.fullName?.normalize('NFC').trim() || null, birthDate, deathDate } };
  }

  return {
    /** `recheck: false` loads a sector dataset before a full pass (which checks everyone anyway). */
    async receive(ctx: { actor: Actor; requestId?: string | undefined }, source: string, reports: readonly SectorReportInput[], opts: { recheck?: boolean } = {}): Promise<SectorImportResult> {
      requirePermission(ctx.actor, 'quality.sector_report');
      if (!/^[a-z][a-z0-9_]{1,40}$/.test(source))
        throw ValidationError.field('body.source', 'source_invalid', { vi: 'Mã nguồn chỉ gồm chữ thường, số và _.', en: 'The source code is lower-case letters, digits and _.' });
      const today = vnDay(clock.now());
      const ok: SectorReportInput[] = [];
      const rejected: SectorImportResult['rejected'] = [];
      reports.forEach((r, i) => {
        const n = normalise(r, i, today);
        if ('ok' in n) ok.push(n.ok);
        else rejected.push({ index: i, problems: n.problems });
      });
      if (ok.length) {
        await store.upsert(source, ok, ctx.actor.sub);
        await accessLog.record(ok.map((r) => ({ actor: ctx.actor, purpose: 'data_quality', action: `sector_${r.kind}`, subjectPid: r.pid, fields: r.kind === 'death' ? ['lifeStatus', 'deathDate'] : ['fullName', 'birthDate', 'sex'], outcome: 'ok' as const, requestId: ctx.requestId })));
      }
      const pids = [...new Set(ok.map((r) => r.pid))];
      if (opts.recheck === false) return { accepted: ok.length, rejected, unmatched: [] };
      const found = new Set<string>();
      for (let i = 0; i < pids.length; i += 5000) for (const p of (await deps.recheck(pids.slice(i, i + 5000))).found) found.add(p);
      return { accepted: ok.length, rejected, unmatched: pids.filter((p) => !found.has(p)) };
    },
  };
}

export type SectorService = ReturnType<typeof createSectorService>;

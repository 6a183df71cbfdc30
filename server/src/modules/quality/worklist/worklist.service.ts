// The worklist: findings by unit, rule and severity, and their resolution by an officer whose
// jurisdiction covers the person — by correcting the record (the registry's update path, source
// `correction`), by merging two records of one person (the registry's merge), or by dismissing the
// finding with a reason (a review entry in the person's history). Each path leaves its trace in
// the person's history and the access log through the registry; reading the list is logged too.
import type { AdminUnits } from '@open06/kernel/admin-units';
import type { AccessLog } from '../../../platform/access-log/index.ts';
import { jurisdiction, requirePermission, type Actor } from '../../../http/authz.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../../http/errors.ts';
import type { MergeResult, PersonPatchBody, RegistryApi, ResidenceChange } from '../../registry/index.ts';
import type { RulesConfig } from '../rules/rule-config.ts';
import type { FindingRow, WorklistStore } from './worklist.store.ts';

export interface Ctx {
  actor: Actor;
  requestId?: string | undefined;
}

export interface ListQuery {
  unit?: string | undefined;
  rule?: string | undefined;
  family?: string | undefined;
  severity?: string | undefined;
  status?: 'open' | 'resolved' | 'dismissed' | undefined;
  pid?: string | undefined;
  page: number;
  pageSize: number;
}

export type Resolution =
  | { action: 'correct'; reason: string; changes?: PersonPatchBody['changes'] | undefined; residence?: Omit<ResidenceChange, 'reason'> | undefined; version?: number | undefined }
  | { action: 'merge'; reason: string; survivorPid: string; take?: string[] | undefined }
  | { action: 'dismiss'; reason: string };

export type FindingView = FindingRow & { communeName: string | null };

export interface ResolveResult {
  finding: FindingView;
  /** correct: whether the re-check after the change no longer sees the defect. */
  fixed: boolean;
  merge?: MergeResult;
}

const NOT_FOUND = new NotFoundError({ vi: 'Không tìm thấy phát hiện này trong địa bàn quản lý.', en: 'No such finding within your jurisdiction.' });
const PURPOSE = 'data_quality';

export function createWorklistService(deps: {
  store: WorklistStore;
  registry: RegistryApi;
  accessLog: AccessLog;
  units: AdminUnits;
  config: RulesConfig;
  resolveUnit: (actor: Actor, unit: string | undefined) => { level: 'national' | 'province' | 'commune'; code: string };
  recheck: (pids: string[], opts: { identity?: boolean; requestId?: string }) => Promise<unknown>;
}) {
  const { store, registry, accessLog, units, config, resolveUnit, recheck } = deps;
  const duplicateRules = new Set(config.rules.filter((r) => r.kind === 'duplicate').map((r) => r.id));
  const IDENTITY = ['fullName', 'birthDate', 'sex', 'phone', 'oldId'];

  function covers(actor: Actor, f: FindingRow): boolean {
    const j = jurisdiction(actor);
    if (j.kind === 'national') return true;
    return j.kind === 'communes' && f.communeCode !== null && j.codes.includes(f.communeCode);
  }

  async function visibleFinding(ctx: Ctx, id: number): Promise<FindingRow> {
    const f = await store.get(id);
    if (!f || !covers(ctx.actor, f)) throw NOT_FOUND;
    return f;
  }

  async function logRead(ctx: Ctx, rows: FindingRow[]) {
    const pids = [...new Set(rows.map((r) => r.pid))];
    await accessLog.record(pids.map((pid) => ({ actor: ctx.actor, purpose: PURPOSE, action: 'quality_worklist', subjectPid: pid, fields: ['fullName', 'birthDate'], outcome: 'ok' as const, requestId: ctx.requestId })));
  }

  function present(f: FindingRow): FindingView {
    return { ...f, communeName: f.communeCode ? (units.commune(f.communeCode)?.fullName ?? null) : null };
  }

  return {
    async list(ctx: Ctx, q: ListQuery) {
      requirePermission(ctx.actor, 'quality.read');
      if (q.rule && !config.rules.some((r) => r.id === q.rule))
        throw ValidationError.field('query.rule', 'rule_unknown', { vi: `Không có quy tắc ${q.rule}.`, en: `Unknown rule ${q.rule}.` });
      const u = resolveUnit(ctx.actor, q.unit);
      const j = jurisdiction(ctx.actor);
      const communes = u.level === 'commune' ? [u.code] : j.kind === 'communes' ? j.codes : undefined;
      const filter = {
        communes,
        province: u.level === 'province' ? u.code : undefined,
        family: q.family,
        severity: q.severity,
        status: q.status ?? ('open' as const),
        pid: q.pid,
      };
      const { items, total } = await store.list({ ...filter, rule: q.rule, offset: (q.page - 1) * q.pageSize, limit: q.pageSize });
      const byRule = await store.countsByRule(filter);
      await logRead(ctx, items);
      return { items: items.map(present), total, page: q.page, pageSize: q.pageSize, byRule };
    },

    async get(ctx: Ctx, id: number) {
      requirePermission(ctx.actor, 'quality.read');
      const f = await visibleFinding(ctx, id);
      await logRead(ctx, [f]);
      return present(f);
    },

    async resolve(ctx: Ctx, id: number, r: Resolution): Promise<ResolveResult> {
      requirePermission(ctx.actor, 'quality.resolve');
      const f = await visibleFinding(ctx, id);
      if (f.status !== 'open')
        throw new ConflictError({ vi: 'Phát hiện này đã được xử lý.', en: 'This finding has already been dealt with.' }, [
          { path: 'path.id', code: 'finding_closed', message: { vi: `Trạng thái: ${f.status}.`, en: `Status: ${f.status}.` } },
        ]);
      const wctx = { actor: ctx.actor, requestId: ctx.requestId };
      const sourceRef = `quality-finding:${f.id}`;

      if (r.action === 'dismiss') {
        await registry.noteReview(wctx, f.pid, { change: 'quality_dismissed', source: PURPOSE, reason: r.reason, detail: { findingId: f.id, rule: f.rule, key: f.key } });
        await store.mark([f.id], 'dismissed', 'dismissed', ctx.actor.sub, r.reason);
        return { finding: present((await store.get(f.id))!), fixed: false };
      }

      if (r.action === 'merge') {
        if (!duplicateRules.has(f.rule) || !f.relatedPid)
          throw ValidationError.field('body.action', 'not_a_duplicate', { vi: 'Chỉ hợp nhất được phát hiện trùng lặp.', en: 'Only duplicate findings can be merged.' });
        if (r.survivorPid !== f.pid && r.survivorPid !== f.relatedPid)
          throw ValidationError.field('body.survivorPid', 'not_in_pair', { vi: 'Hồ sơ giữ lại phải là một trong hai hồ sơ trùng.', en: 'The surviving record must be one of the two.' });
        const retiredPid = r.survivorPid === f.pid ? f.relatedPid : f.pid;
        const merge = await registry.mergePersons(wctx, r.survivorPid, { retiredPid, reason: r.reason, take: r.take as never, sourceRef });
        await store.mark(await store.duplicatesBetween(f.pid, f.relatedPid, f.rule), 'resolved', 'merged', ctx.actor.sub, r.reason);
        await recheck([r.survivorPid, retiredPid, ...merge.relinked], { identity: true, ...(ctx.requestId ? { requestId: ctx.requestId } : {}) });
        return { finding: present((await store.get(f.id))!), fixed: true, merge };
      }

      if (!r.changes && !r.residence)
        throw ValidationError.field('body.changes', 'required', { vi: 'Cần nội dung sửa: thay đổi thông tin hoặc nơi cư trú.', en: 'Give the correction: attribute changes or a residence.' });
      if (r.changes) await registry.updatePerson(wctx, f.pid, { changes: r.changes, reason: r.reason, source: 'correction', sourceRef, ...(r.version !== undefined ? { version: r.version } : {}) });
      if (r.residence) await registry.registerResidence(wctx, f.pid, { ...r.residence, reason: r.reason });
      // re-check now (the event would do it shortly): the officer learns at once whether the defect is gone
      const identity = !!r.changes && Object.keys(r.changes).some((k) => IDENTITY.includes(k));
      await recheck([f.pid], { identity, ...(ctx.requestId ? { requestId: ctx.requestId } : {}) });
      const after = (await store.get(f.id))!;
      const fixed = after.status !== 'open';
      if (fixed) await store.mark([f.id], 'resolved', 'corrected', ctx.actor.sub, r.reason);
      return { finding: present((await store.get(f.id))!), fixed };
    },
  };
}

export type WorklistService = ReturnType<typeof createWorklistService>;

// The bulk read for system passes (data quality): streams current records batch by batch to an
// actor allowed to scan (`person.scan`), for a stated purpose, inside the actor's jurisdiction.
//
// Access log: ONE entry per batch, not one per person. A pass reads every record in its scope in
// the same way, so per-person entries (a million per national pass) would add nothing an auditor
// needs while doubling the pass's writes; instead each batch entry names the pass, the batch and
// the first..last personal ID it covered (`requestId`), and batches are contiguous in personal-ID
// order, so whether a given person was read by a given pass is answered from the entries. Reads
// of named people (`pids`, the incremental re-check after a change) stay one entry per person,
// so they appear in that person's own access log.
import type { AccessLog } from '../../../platform/access-log/index.ts';
import { jurisdiction, requirePermission, requirePurpose } from '../../../http/authz.ts';
import type { ReadContext } from '../person/person.service.ts';
import type { PersonScanRecord, PersonScanStore } from './person-scan.store.ts';

export const SCAN_FIELDS = ['identity', 'civil', 'contact', 'residences', 'idCards', 'household', 'relatives'] as const;

export interface ScanOptions {
  /** Only these current communes (and people not placed on any current commune); default: the whole jurisdiction. */
  communes?: readonly string[] | undefined;
  /** Only these people (one access-log entry each). */
  pids?: readonly string[] | undefined;
  batchSize?: number | undefined;
  /** Names the pass in the access log (e.g. `quality-pass:12`). */
  passRef?: string | undefined;
}

export function createPersonScanService(deps: { store: PersonScanStore; accessLog: AccessLog }) {
  const { store, accessLog } = deps;
  return {
    async *scan(ctx: ReadContext, opts: ScanOptions = {}): AsyncGenerator<PersonScanRecord[]> {
      requirePermission(ctx.actor, 'person.scan');
      const purpose = requirePurpose(ctx.actor, ctx.purpose);
      const j = jurisdiction(ctx.actor);
      if (j.kind === 'self') return;
      let communes = opts.communes;
      if (j.kind === 'communes') communes = communes ? communes.filter((c) => j.codes.includes(c)) : j.codes;
      if (communes && !communes.length) return;
      const limit = Math.max(1, Math.min(opts.batchSize ?? 5000, 20_000));
      if (opts.pids) {
        const pids = [...new Set(opts.pids)];
        for (let i = 0; i < pids.length; i += limit) {
          const rows = await store.batch({ pids: pids.slice(i, i + limit), communes, limit });
          await accessLog.record(
            rows.map((r) => ({ actor: ctx.actor, purpose, action: 'scan', subjectPid: r.pid, fields: SCAN_FIELDS, outcome: 'ok' as const, requestId: ctx.requestId ?? opts.passRef })),
          );
          if (rows.length) yield rows;
        }
        return;
      }
      let after: string | undefined;
      let n = 0;
      // Read one batch ahead: the database works on the next batch while the caller checks this one.
      let next = store.batch({ after, communes, limit });
      for (;;) {
        const rows = await next;
        if (!rows.length) return;
        after = rows.at(-1)!.pid;
        next = rows.length === limit ? store.batch({ after, communes, limit }) : Promise.resolve([]);
        next.catch(() => {}); // awaited on the next turn; until then a failure must not go unhandled
        n += 1;
        await accessLog.record({
          actor: ctx.actor,
          purpose,
          action: 'scan',
          subjectPid: null,
          fields: SCAN_FIELDS,
          outcome: 'ok',
          requestId: `${opts.passRef ?? ctx.requestId ?? 'scan'}#${n}:${rows[0]!.pid}..${after}:${rows.length}`,
        });
        yield rows;
      }
    },

    /** How many people `scan` would read with these options. */
    async count(ctx: ReadContext, opts: Pick<ScanOptions, 'communes' | 'pids'> = {}): Promise<number> {
      requirePermission(ctx.actor, 'person.scan');
      requirePurpose(ctx.actor, ctx.purpose);
      const j = jurisdiction(ctx.actor);
      if (j.kind === 'self') return 0;
      let communes = opts.communes;
      if (j.kind === 'communes') communes = communes ? communes.filter((c) => j.codes.includes(c)) : j.codes;
      if (communes && !communes.length) return 0;
      return store.count({ communes, pids: opts.pids });
    },

    /** People linked to these (children, spouses, household members): re-checked when these change. */
    async linked(ctx: ReadContext, pids: readonly string[]): Promise<string[]> {
      requirePermission(ctx.actor, 'person.scan');
      requirePurpose(ctx.actor, ctx.purpose);
      return store.linked(pids);
    },
  };
}

export type PersonScanService = ReturnType<typeof createPersonScanService>;

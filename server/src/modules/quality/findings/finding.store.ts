// The only code that writes quality.finding and quality.person_status from checks: a batch of
// checked people is written in one transaction — their status, every defect seen (inserted, or
// refreshed and reopened; a dismissed finding stays dismissed), and the open findings of the rules
// that ran which were not seen again (resolved as `rechecked`). `now()` is the transaction's start,
// so "not seen again" is `last_seen_at < now()`.
import type { Db } from '../../../platform/db/db.ts';
import type { Defect } from '../rules/evaluate.ts';

export interface CheckedPerson {
  pid: string;
  communeCode: string | null;
  provinceCode: string | null;
  completeness: number;
}

export interface CheckedDefect extends Defect {
  pid: string;
  subjectName: string;
  subjectBirth: string;
  communeCode: string | null;
  provinceCode: string | null;
}

export interface WriteResult {
  opened: number;
  resolved: number;
}

const FINDING_UPSERT = `
  insert into quality.finding as f (rule, family, severity, pid, key, related_pid, commune_code, province_code, fields, evidence, fix_vi, fix_en, subject_name, subject_birth)
  select u.rule, u.family, u.severity, u.pid, u.key, nullif(u.related_pid, ''), nullif(u.commune_code, ''), nullif(u.province_code, ''),
         case when u.fields = '' then '{}'::text[] else string_to_array(u.fields, ',') end, u.evidence::jsonb, u.fix_vi, u.fix_en, u.subject_name, u.subject_birth
    from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[])
      as u(rule, family, severity, pid, key, related_pid, commune_code, province_code, fields, evidence, fix_vi, fix_en, subject_name, subject_birth)
  on conflict (rule, pid, key) do update set
    family = excluded.family, severity = excluded.severity, related_pid = excluded.related_pid,
    subject_name = excluded.subject_name, subject_birth = excluded.subject_birth,
    commune_code = excluded.commune_code, province_code = excluded.province_code, fields = excluded.fields,
    evidence = excluded.evidence, fix_vi = excluded.fix_vi, fix_en = excluded.fix_en, last_seen_at = now(),
    status = case when f.status = 'dismissed' then 'dismissed' else 'open' end,
    first_seen_at = case when f.status = 'resolved' then now() else f.first_seen_at end,
    resolved_at = case when f.status = 'dismissed' then f.resolved_at end,
    resolved_by = case when f.status = 'dismissed' then f.resolved_by end,
    resolution = case when f.status = 'dismissed' then f.resolution end,
    resolution_reason = case when f.status = 'dismissed' then f.resolution_reason end
  returning (xmax = 0) as inserted, status`;

const STATUS_UPSERT = `
  insert into quality.person_status (pid, commune_code, province_code, completeness, checked_at)
  select u.pid, nullif(u.commune_code, ''), nullif(u.province_code, ''), u.completeness, now()
    from unnest($1::text[], $2::text[], $3::text[], $4::real[]) as u(pid, commune_code, province_code, completeness)
  on conflict (pid) do update set commune_code = excluded.commune_code, province_code = excluded.province_code,
    completeness = excluded.completeness, checked_at = now()`;

const RESOLVE_UNSEEN = `
  update quality.finding set status = 'resolved', resolution = 'rechecked', resolved_at = now(), resolved_by = 'open06-quality', resolution_reason = null
   where status = 'open' and pid = any($1::text[]) and rule = any($2::text[]) and last_seen_at < now()`;

function upsertParams(defects: readonly CheckedDefect[]): unknown[] {
  return [
    defects.map((d) => d.rule),
    defects.map((d) => d.family),
    defects.map((d) => d.severity),
    defects.map((d) => d.pid),
    defects.map((d) => d.key),
    defects.map((d) => d.relatedPid ?? ''),
    defects.map((d) => d.communeCode ?? ''),
    defects.map((d) => d.provinceCode ?? ''),
    defects.map((d) => d.fields.join(',')),
    defects.map((d) => JSON.stringify(d.evidence)),
    defects.map((d) => d.fix.vi),
    defects.map((d) => d.fix.en),
    defects.map((d) => d.subjectName),
    defects.map((d) => d.subjectBirth),
  ];
}

export function createFindingStore(db: Db) {
  return {
    /**
     * Writes what a check of `people` found. `rules`: the rules that ran on them (open findings of
     * other rules are left alone). `statuses`: false when only some rules ran (duplicates).
     */
    async writeChecked(people: readonly CheckedPerson[], defects: readonly CheckedDefect[], rules: readonly string[], opts: { statuses?: boolean } = {}): Promise<WriteResult> {
      if (!people.length) return { opened: 0, resolved: 0 };
      return db.bulk(async (s) => {
        if (opts.statuses !== false)
          await s.query(STATUS_UPSERT, [people.map((p) => p.pid), people.map((p) => p.communeCode ?? ''), people.map((p) => p.provinceCode ?? ''), people.map((p) => p.completeness)]);
        let opened = 0;
        if (defects.length) {
          const rows = await s.query<{ inserted: boolean; status: string }>(FINDING_UPSERT, upsertParams(defects));
          opened = rows.filter((r) => r.inserted).length;
        }
        const resolved = await s.query(RESOLVE_UNSEEN + ' returning id', [people.map((p) => p.pid), [...rules]]);
        return { opened, resolved: resolved.length };
      });
    },

    /**
     * Duplicate findings after comparing one person with candidates: those found are written (on
     * whichever record should retire), and open duplicate findings involving this person that were
     * not found again are resolved. Other people's findings with third persons are left alone.
     */
    async writeDuplicatesOf(pid: string, defects: readonly CheckedDefect[], rule: string): Promise<WriteResult> {
      return db.bulk(async (s) => {
        let opened = 0;
        if (defects.length) {
          const rows = await s.query<{ inserted: boolean }>(FINDING_UPSERT, upsertParams(defects));
          opened = rows.filter((r) => r.inserted).length;
        }
        const r = await s.query(
          `update quality.finding set status = 'resolved', resolution = 'rechecked', resolved_at = now(), resolved_by = 'open06-quality', resolution_reason = null
            where status = 'open' and rule = $2 and (pid = $1 or related_pid = $1) and last_seen_at < now() returning id`,
          [pid, rule],
        );
        return { opened, resolved: r.length };
      });
    },

    /** People who no longer exist (merged away): their status goes, their open findings are resolved. */
    async forget(pids: readonly string[]): Promise<number> {
      if (!pids.length) return 0;
      return db.bulk(async (s) => {
        await s.query('delete from quality.person_status where pid = any($1::text[])', [[...pids]]);
        const r = await s.query(
          `update quality.finding set status = 'resolved', resolution = 'rechecked', resolved_at = now(), resolved_by = 'open06-quality', resolution_reason = null
            where status = 'open' and pid = any($1::text[]) returning id`,
          [[...pids]],
        );
        return r.length;
      });
    },

    /**
     * After a full pass over a scope: people checked before the pass started and not since are gone
     * (merged away, or moved out of the scope); their open findings are resolved and their status
     * dropped. The scope is a province, or everything.
     */
    async sweep(passStarted: Date, province: string | null, unplacedToo: boolean): Promise<number> {
      return db.bulk(async (s) => {
        const scope = province ? `(province_code = $2${unplacedToo ? ' or province_code is null' : ''})` : 'true';
        const gone = await s.query<{ pid: string }>(`delete from quality.person_status where checked_at < $1 and ${scope} returning pid`, province ? [passStarted, province] : [passStarted]);
        if (!gone.length) return 0;
        const r = await s.query(
          `update quality.finding set status = 'resolved', resolution = 'rechecked', resolved_at = now(), resolved_by = 'open06-quality', resolution_reason = null
            where status = 'open' and pid = any($1::text[]) returning id`,
          [gone.map((g) => g.pid)],
        );
        return r.length;
      });
    },
  };
}

export type FindingStore = ReturnType<typeof createFindingStore>;

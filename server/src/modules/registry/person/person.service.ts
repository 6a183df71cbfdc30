// Person use cases: read (with purpose, jurisdiction and the access log), search, create, change,
// history. No SQL here (person.store.ts), no HTTP (person.routes.ts).
import { randomInt } from 'node:crypto';
import { fold, makePersonalId, parsePersonalId } from '@open06/kernel';
import { loadAdminUnits } from '@open06/kernel/admin-units';
import type { AccessLog } from '../../../platform/access-log/index.ts';
import { endOfVnDay, vnDay, type Clock } from '../../../platform/clock.ts';
import { appendToOutbox, type EventBus } from '../../../platform/events/index.ts';
import { jurisdiction, purposes, requirePermission, requirePurpose, visibleFields, type Actor } from '../../../http/authz.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../../http/errors.ts';
import { PersonCreated, PersonDied, PersonUpdated } from '../registry.events.ts';
import type { AttrSource, PersonRow } from '../registry.tables.ts';
import { EDITABLE_ATTRS, EDITABLE_ATTR_NAMES, provenanceOf, rowToAttrs, type EditableAttr, type PersonAttrs } from './person.model.ts';
import { checkAttrs, checkCommune, nameColumns, partialDate, type Problems } from './person.rules.ts';
import type { PersonCreateBody, PersonPatchBody, PersonView } from './person.schema.ts';
import type { PersonBundle, PersonStore, RegistryDb, SearchHit } from './person.store.ts';
import { Lru } from '../../../platform/lru.ts';
import { createNameDictionary } from './name-dictionary.ts';
import { PersonMergedError } from '../merge/merge.errors.ts';
import type { MergedHistoryEntry, MergePointer } from '../merge/merge.store.ts';

/** Who reads, why, and under which request: required for every read of personal data. */
export interface ReadContext {
  actor: Actor;
  purpose: string | undefined;
  purposeRef?: string | undefined;
  requestId?: string | undefined;
}

export interface WriteContext {
  actor: Actor;
  requestId?: string | undefined;
  /**
   * Where the change comes from when it is not an official's own entry (e.g. a completed
   * procedure, `procedure:<case>`): residence and household changes record it as their history's
   * source instead of 'residence' / 'household'. Person create/update take theirs in the body.
   */
  source?: string | undefined;
}

export interface PersonServiceDeps {
  db: RegistryDb;
  store: PersonStore;
  accessLog: AccessLog;
  bus: EventBus;
  clock: Clock;
  /** Current person bundles kept in memory (0 = none); each entry lives at most `cacheTtlMs`. */
  cacheSize?: number;
  cacheTtlMs?: number;
  /** Numbers merged into others (registry/merge): a read of one answers with a pointer. */
  merges?: { pointer(pid: string): Promise<MergePointer | undefined>; retiredHistory(pid: string): Promise<MergedHistoryEntry[]> };
}

const NOT_FOUND = new NotFoundError({
  vi: 'Không tìm thấy công dân có số định danh này trong phạm vi được phép tra cứu.',
  en: 'No person with this personal ID within your jurisdiction.',
});

export function createPersonService(deps: PersonServiceDeps) {
  const { db, store, accessLog, bus, clock } = deps;
  const units = loadAdminUnits();
  // Read cache of current records. Writes in this process invalidate at once; the TTL bounds how
  // stale another process's write can look (several servers on one PostgreSQL).
  const cache = new Lru<string, { bundle: PersonBundle; until: number }>(deps.cacheSize ?? 50_000);
  const ttl = deps.cacheTtlMs ?? 5_000;
  const names = createNameDictionary(db);

  async function current(pid: string): Promise<PersonBundle | undefined> {
    const hit = cache.get(pid);
    if (hit && hit.until > Date.now()) return hit.bundle;
    const bundle = await store.findBundle(pid);
    if (bundle) cache.set(pid, { bundle, until: Date.now() + ttl });
    else cache.delete(pid);
    return bundle;
  }

  function invalidate(pids: Iterable<string>): void {
    for (const pid of pids) cache.delete(pid);
  }

  function purposeLabel(ctx: ReadContext): string {
    const code = requirePurpose(ctx.actor, ctx.purpose);
    return ctx.purposeRef ? `${code}:${ctx.purposeRef}` : code;
  }

  /**
   * May this actor see this person? Nationals yes; citizens themselves; officials the people with
   * a permanent, temporary or current residence in their communes (as of now, even for as-of reads).
   */
  async function visible(actor: Actor, pid: string, bundle?: PersonBundle): Promise<boolean> {
    const j = jurisdiction(actor);
    if (j.kind === 'national') return true;
    if (j.kind === 'self') return j.pid === pid;
    const b = bundle ?? (await current(pid));
    return !!b && b.residences.some((r) => r.kind !== 'absence' && r.communeCode !== null && j.codes.includes(r.communeCode));
  }

  function present(b: PersonBundle, actor: Actor, asOf?: string): { view: PersonView; fields: string[] } {
    const attrs = rowToAttrs(b.row);
    const full: Record<string, unknown> = {
      ...attrs,
      idCards: b.idCards,
      residences: b.residences.map((r) => {
        const c = r.communeCode ? units.commune(r.communeCode) : undefined;
        return { ...r, communeName: c?.fullName ?? null, provinceName: c ? (units.province(c.provinceCode)?.fullName ?? null) : null };
      }),
      household: b.household,
    };
    const allowed = visibleFields(actor);
    const view: Record<string, unknown> = { pid: attrs.pid };
    const fields: string[] = [];
    for (const [k, v] of Object.entries(full)) {
      if (k === 'pid') continue;
      if (allowed === 'all' || allowed.has(k)) {
        view[k] = v;
        fields.push(k);
      }
    }
    view.sources = provenanceOf(b.row, (attr) => attr in view);
    view.version = b.row.version;
    if (asOf) view.asOf = asOf;
    return { view: view as PersonView, fields };
  }

  async function logDenied(ctx: ReadContext, purpose: string, action: string, pid: string, outcome: 'denied' | 'not_found') {
    await accessLog.record({ actor: ctx.actor, purpose, action, subjectPid: pid, outcome, requestId: ctx.requestId });
  }

  /**
   * Rolls attribute values back over every change recorded after `asOf` (end of that Vietnamese
   * day); each attribute's provenance becomes its last change up to then.
   */
  async function rollBack(row: PersonRow, asOf: string): Promise<PersonRow | undefined> {
    const end = endOfVnDay(asOf);
    if (new Date(row.created_at) > end) return undefined;
    const history = await store.history(row.pid);
    const later = history.filter((h) => new Date(h.at) > end).reverse();
    const attrs: Record<string, unknown> = { ...rowToAttrs(row) };
    for (const h of later) for (const [field, [before]] of Object.entries(h.diff ?? {})) attrs[field] = before;
    const sources: Record<string, AttrSource> = {};
    for (const h of history)
      if (new Date(h.at) <= end && (h.change === 'updated' || h.change === 'died'))
        for (const field of Object.keys(h.diff ?? {})) sources[field] = { source: h.source, at: new Date(h.at).toISOString() };
    const versionSteps = later.filter((h) => h.change === 'updated' || h.change === 'died').length;
    const back = { ...row, version: row.version - versionSteps, sources } as PersonRow;
    for (const name of EDITABLE_ATTR_NAMES) (back as unknown as Record<string, unknown>)[EDITABLE_ATTRS[name]] = attrs[name];
    Object.assign(back, nameColumns(String(attrs.fullName)));
    return back;
  }

  function sourceLabel(body: { source: string; sourceRef?: string | undefined }) {
    return body.sourceRef ? `${body.source}:${body.sourceRef}` : body.source;
  }

  async function requireVisibleForWrite(actor: Actor, pid: string) {
    if (await visible(actor, pid)) return;
    const moved = await deps.merges?.pointer(pid);
    if (moved && (await visible(actor, moved.survivorPid))) throw new PersonMergedError(pid, moved, 'write');
    throw NOT_FOUND;
  }

  /** A retired (merged) number the actor may follow: logged, then answered with the pointer. */
  async function followMerged(ctx: ReadContext, purpose: string, action: string, pid: string): Promise<void> {
    const moved = await deps.merges?.pointer(pid);
    if (!moved || !(await visible(ctx.actor, moved.survivorPid))) return;
    await accessLog.record({ actor: ctx.actor, purpose, action, subjectPid: pid, fields: ['mergedInto'], outcome: 'ok', requestId: ctx.requestId });
    throw new PersonMergedError(pid, moved, 'read');
  }

  return {
    async getPerson(ctx: ReadContext, pid: string, opts: { asOf?: string | undefined } = {}): Promise<PersonView> {
      requirePermission(ctx.actor, 'person.read');
      const purpose = purposeLabel(ctx);
      const now = await current(pid);
      if (now && !(await visible(ctx.actor, pid, now))) {
        await logDenied(ctx, purpose, 'read', pid, 'denied');
        throw NOT_FOUND;
      }
      let bundle = opts.asOf ? await store.findBundle(pid, opts.asOf) : now;
      if (bundle && opts.asOf) {
        const row = await rollBack(bundle.row, opts.asOf);
        bundle = row ? { ...bundle, row } : undefined;
      }
      if (!bundle) {
        if (!now) await followMerged(ctx, purpose, opts.asOf ? 'read_as_of' : 'read', pid);
        await logDenied(ctx, purpose, 'read', pid, 'not_found');
        throw NOT_FOUND;
      }
      const { view, fields } = present(bundle, ctx.actor, opts.asOf);
      await accessLog.record({ actor: ctx.actor, purpose, action: opts.asOf ? 'read_as_of' : 'read', subjectPid: pid, fields, outcome: 'ok', requestId: ctx.requestId });
      return view;
    },

    async search(
      ctx: ReadContext,
      q: { pid?: string | undefined; oldId?: string | undefined; name?: string | undefined; birthDate?: string | undefined; commune?: string | undefined; limit: number },
    ): Promise<SearchHit[]> {
      requirePermission(ctx.actor, 'person.search');
      const purpose = purposeLabel(ctx);
      if (!q.pid && !q.oldId && !q.name)
        throw ValidationError.field('query', 'criterion_required', {
          vi: 'Cần ít nhất một tiêu chí: số định danh, số CMND cũ hoặc họ tên.',
          en: 'Give at least one criterion: personal ID, old ID number or name.',
        });
      const problems: Problems = [];
      let birthPrefix: string | undefined;
      if (q.birthDate) {
        birthPrefix = partialDate(problems, 'query.birthDate', q.birthDate, vnDay(clock.now())) ?? undefined;
      }
      if (q.commune) checkCommune(problems, 'query.commune', q.commune);
      if (problems.length) throw new ValidationError(problems);
      const j = jurisdiction(ctx.actor);
      let communes: string[] | undefined;
      if (j.kind === 'communes') communes = q.commune ? j.codes.filter((c) => c === q.commune) : j.codes;
      else if (q.commune) communes = [q.commune];
      if (communes && !communes.length) return [];
      const folded = q.name ? fold(q.name) : undefined;
      const hits = await store.search({
        ...(q.pid ? { pid: q.pid } : {}),
        ...(q.oldId ? { oldId: q.oldId } : {}),
        ...(folded ? { name: folded, nameKeys: () => names.candidates(folded, 8, 4_000) } : {}),
        ...(birthPrefix ? { birthPrefix } : {}),
        ...(communes ? { communes } : {}),
        ...(j.kind === 'self' ? { selfPid: j.pid } : {}),
        threshold: 0.4,
        limit: q.limit,
      });
      await accessLog.record(
        hits.map((h) => ({
          actor: ctx.actor,
          purpose,
          action: 'search',
          subjectPid: h.pid,
          fields: ['fullName', 'birthDate', 'sex', 'lifeStatus', 'residences'],
          outcome: 'ok' as const,
          requestId: ctx.requestId,
        })),
      );
      return hits;
    },

    async history(ctx: ReadContext, pid: string) {
      requirePermission(ctx.actor, 'history.read');
      const purpose = purposeLabel(ctx);
      const row = (await visible(ctx.actor, pid)) ? await store.findRow(db, pid) : undefined;
      if (!row) {
        await followMerged(ctx, purpose, 'history', pid);
        await logDenied(ctx, purpose, 'history', pid, 'not_found');
        throw NOT_FOUND;
      }
      const entries = await store.history(pid);
      const merged = (await deps.merges?.retiredHistory(pid)) ?? [];
      await accessLog.record({ actor: ctx.actor, purpose, action: 'history', subjectPid: pid, fields: ['history'], outcome: 'ok', requestId: ctx.requestId });
      return [
        { at: new Date(row.created_at).toISOString(), actor: row.created_by, source: row.source, reason: null, change: 'created', diff: null },
        ...entries.map((h) => ({ at: new Date(h.at).toISOString(), actor: h.actor, source: h.source, reason: h.reason, change: h.change, diff: h.diff })),
        ...merged,
      ].sort((a, b) => a.at.localeCompare(b.at));
    },

    async create(ctx: WriteContext, body: PersonCreateBody): Promise<PersonView> {
      requirePermission(ctx.actor, 'person.write');
      const today = vnDay(clock.now());
      const problems: Problems = [];
      const j = jurisdiction(ctx.actor);
      if (body.permanentResidence) {
        checkCommune(problems, 'body.permanentResidence.communeCode', body.permanentResidence.communeCode);
        if (j.kind === 'communes' && !j.codes.includes(body.permanentResidence.communeCode))
          throw new ForbiddenError({
            vi: 'Chỉ được đăng ký công dân thường trú trong địa bàn quản lý của mình.',
            en: 'You may only register people resident in your own jurisdiction.',
          });
      } else if (j.kind === 'communes') {
        problems.push({
          path: 'body.permanentResidence',
          code: 'required',
          message: { vi: 'Cần nơi thường trú trong địa bàn quản lý.', en: 'A permanent residence in your jurisdiction is required.' },
        });
      }
      if (!body.pid && !body.birthRegProvince)
        problems.push({
          path: 'body.birthRegProvince',
          code: 'required',
          message: { vi: 'Cần tỉnh đăng ký khai sinh để cấp số định danh mới.', en: 'The province of birth registration is needed to allocate a new personal ID.' },
        });
      const draft: PersonAttrs = {
        pid: body.pid ?? '',
        fullName: body.fullName,
        familyName: '',
        middleName: '',
        givenName: '',
        birthDate: body.birthDate,
        sex: body.sex,
        ethnicity: body.ethnicity ?? null,
        religion: body.religion ?? null,
        nationality: body.nationality,
        birthRegProvince: body.birthRegProvince ?? null,
        birthPlace: body.birthPlace ?? null,
        hometown: body.hometown ?? null,
        oldId: body.oldId ?? null,
        lifeStatus: body.lifeStatus,
        deathDate: body.deathDate ?? null,
        maritalStatus: body.maritalStatus ?? null,
        fatherPid: body.fatherPid ?? null,
        motherPid: body.motherPid ?? null,
        spousePid: body.spousePid ?? null,
        phone: body.phone ?? null,
        email: body.email ?? null,
      };
      const attrs = checkAttrs(draft, problems, { prefix: 'body.', strict: true, today, noPid: !body.pid });
      if (problems.length) throw new ValidationError(problems);

      const source = sourceLabel(body);
      const links = [attrs.fatherPid, attrs.motherPid, attrs.spousePid].filter((x): x is string => !!x);
      const pid = await db.transaction().execute(async (trx) => {
        const found = await store.existing(trx, links);
        const missing: Problems = [];
        for (const rel of ['fatherPid', 'motherPid', 'spousePid'] as const) {
          const v = attrs[rel];
          if (v && !found.has(v))
            missing.push({ path: `body.${rel}`, code: 'person_unknown', message: { vi: `Không có công dân ${v} trong CSDL.`, en: `No person ${v} in the registry.` } });
        }
        if (missing.length) throw new ValidationError(missing);
        let pid = body.pid;
        for (let attempt = 0; ; attempt++) {
          if (!body.pid) {
            pid = makePersonalId(
              { provinceCode: attrs.birthRegProvince!, sex: attrs.sex, birthYear: Number(attrs.birthDate.slice(0, 4)) },
              String(randomInt(0, 1_000_000)).padStart(6, '0'),
            );
          }
          let retired = false;
          let inserted = await store.insert(trx, {
            pid: pid!,
            ...nameColumns(attrs.fullName),
            birth_date: attrs.birthDate,
            birth_year: Number(attrs.birthDate.slice(0, 4)),
            sex: attrs.sex,
            ethnicity: attrs.ethnicity,
            religion: attrs.religion,
            nationality: attrs.nationality,
            birth_reg_province: attrs.birthRegProvince ?? (body.pid ? (parsePersonalId(body.pid).provinceCode ?? null) : null),
            birth_place: attrs.birthPlace,
            hometown: attrs.hometown,
            old_id: attrs.oldId,
            life_status: attrs.lifeStatus,
            death_date: attrs.deathDate,
            marital_status: attrs.maritalStatus,
            father_pid: attrs.fatherPid,
            mother_pid: attrs.motherPid,
            spouse_pid: attrs.spousePid,
            phone: attrs.phone,
            email: attrs.email,
            source,
            created_by: ctx.actor.sub,
          });
          // a retired number (cancelled registration, merged record) is never given again; checked
          // after the insert, so a retirement committed while the insert waited is seen too
          if (inserted && (await store.isRetired(trx, pid!))) {
            await store.deleteRow(trx, pid!);
            inserted = false;
            retired = true;
          }
          if (inserted) break;
          if (body.pid && retired)
            throw new ConflictError(
              { vi: `Số định danh ${body.pid} đã bị huỷ, không được cấp lại.`, en: `Personal ID ${body.pid} was retired and is never given again.` },
              [{ path: 'body.pid', code: 'pid_retired', message: { vi: 'Số định danh đã bị huỷ.', en: 'Personal ID was retired.' } }],
            );
          if (body.pid)
            throw new ConflictError(
              { vi: `Số định danh ${body.pid} đã có trong CSDL.`, en: `Personal ID ${body.pid} already exists.` },
              [{ path: 'body.pid', code: 'pid_taken', message: { vi: 'Số định danh đã tồn tại.', en: 'Personal ID already exists.' } }],
            );
          if (attempt > 20) throw new Error('could not allocate a free personal ID');
        }
        const res = body.permanentResidence;
        if (res) {
          await trx
            .insertInto('registry.residence')
            .values({ pid: pid!, kind: 'permanent', commune_code: res.communeCode, detail: res.detail, legacy_address: null, valid_from: res.validFrom ?? today, valid_to: null, reason: body.reason })
            .execute();
        }
        await appendToOutbox(trx, PersonCreated, pid!, { pid: pid!, source, communeCode: res?.communeCode ?? null });
        return pid!;
      });
      invalidate([pid]);
      names.add(fold(attrs.fullName));
      bus.notify();
      await accessLog.record({ actor: ctx.actor, purpose: source, action: 'create', subjectPid: pid, fields: Object.keys(body), outcome: 'ok', requestId: ctx.requestId });
      const b = await store.findBundle(pid);
      return present(b!, ctx.actor).view;
    },

    async update(ctx: WriteContext, pid: string, body: PersonPatchBody): Promise<PersonView> {
      requirePermission(ctx.actor, 'person.write');
      await requireVisibleForWrite(ctx.actor, pid);
      const today = vnDay(clock.now());
      const source = sourceLabel(body);
      const now = clock.now();
      const result = await db.transaction().execute(async (trx) => {
        const row = await store.findRow(trx, pid, true);
        if (!row) throw NOT_FOUND;
        if (body.version !== undefined && body.version !== row.version)
          throw new ConflictError({
            vi: `Hồ sơ đã được người khác thay đổi (phiên bản ${row.version}, bạn đọc phiên bản ${body.version}). Hãy tải lại.`,
            en: `The record changed since you read it (version ${row.version}, you read ${body.version}). Reload it.`,
          });
        const before = rowToAttrs(row);
        const problems: Problems = [];
        const after = checkAttrs({ ...before, ...body.changes } as PersonAttrs, problems, { prefix: 'body.changes.', strict: true, today });
        // only report problems on fields this change touches or that it made inconsistent
        const touched = Object.keys(body.changes);
        const relevant = problems.filter((p) => touched.some((f) => p.path === `body.changes.${f}`) || p.path === 'body.changes.pid');
        if (relevant.length) throw new ValidationError(relevant);
        const diff: Record<string, [unknown, unknown]> = {};
        const columns: Partial<PersonRow> = {};
        const sources: Record<string, AttrSource> = {};
        for (const f of touched as EditableAttr[]) {
          const v = after[f];
          if (v === before[f]) continue;
          diff[f] = [before[f], v];
          (columns as Record<string, unknown>)[EDITABLE_ATTRS[f]] = v;
          sources[f] = { source, at: now.toISOString() };
        }
        if (!Object.keys(diff).length) return { row, diff };
        if ('fullName' in diff) Object.assign(columns, nameColumns(after.fullName));
        if ('birthDate' in diff) columns.birth_year = Number(after.birthDate.slice(0, 4));
        const links = (['fatherPid', 'motherPid', 'spousePid'] as const).filter((f) => f in diff && after[f]).map((f) => after[f]!);
        const found = await store.existing(trx, links);
        const missing = links.filter((l) => !found.has(l));
        if (missing.length)
          throw ValidationError.field('body.changes', 'person_unknown', { vi: `Không có công dân ${missing.join(', ')} trong CSDL.`, en: `No person ${missing.join(', ')} in the registry.` });
        const updated = await store.update(trx, pid, columns, sources);
        const died = 'lifeStatus' in diff && after.lifeStatus === 'deceased';
        await store.addHistory(trx, { pid, actor: ctx.actor.sub, source, reason: body.reason, change: died ? 'died' : 'updated', diff, at: now });
        await appendToOutbox(trx, PersonUpdated, pid, { pid, version: updated.version, fields: Object.keys(diff), source });
        if (died) await appendToOutbox(trx, PersonDied, pid, { pid, deathDate: after.deathDate, source });
        return { row: updated, diff };
      });
      invalidate([pid]);
      if (result.diff.fullName) names.add(fold(String(result.diff.fullName[1])));
      bus.notify();
      await accessLog.record({ actor: ctx.actor, purpose: source, action: 'update', subjectPid: pid, fields: Object.keys(result.diff), outcome: 'ok', requestId: ctx.requestId });
      const b = await store.findBundle(pid);
      return present(b!, ctx.actor).view;
    },

    /** Issues an ID card (CCCD before 1/7/2024, thẻ căn cước since); earlier valid cards become replaced. */
    async issueIdCard(ctx: WriteContext, pid: string, card: { issuedOn: string; expiresOn?: string | undefined; reason: string }) {
      requirePermission(ctx.actor, 'person.write');
      await requireVisibleForWrite(ctx.actor, pid);
      const today = vnDay(clock.now());
      if (card.issuedOn > today)
        throw ValidationError.field('body.issuedOn', 'date_in_future', { vi: 'Ngày cấp ở tương lai.', en: 'The issue date is in the future.' });
      const kind = card.issuedOn >= '2024-07-01' ? 'can_cuoc' : 'cccd';
      await db.transaction().execute(async (trx) => {
        const row = await store.findRow(trx, pid, true);
        if (!row) throw NOT_FOUND;
        await store.addIdCard(trx, { pid, number: pid, kind, issued_on: card.issuedOn, expires_on: card.expiresOn ?? null, status: 'valid' });
        await store.addHistory(trx, { pid, actor: ctx.actor.sub, source: 'id_card', reason: card.reason, change: 'id_card_issued', diff: { idCard: [null, { kind, issuedOn: card.issuedOn }] } });
      });
      invalidate([pid]);
      await accessLog.record({ actor: ctx.actor, purpose: 'id_card_issuance', action: 'update', subjectPid: pid, fields: ['idCards'], outcome: 'ok', requestId: ctx.requestId });
    },

    async accessHistory(ctx: { actor: Actor; requestId?: string | undefined }, pid: string, opts: { beforeSeq?: number | undefined; limit?: number | undefined }) {
      requirePermission(ctx.actor, 'access_log.read');
      if (!(await visible(ctx.actor, pid))) throw NOT_FOUND;
      const rows = await accessLog.forPerson(pid, { ...(opts.beforeSeq !== undefined ? { beforeSeq: opts.beforeSeq } : {}), ...(opts.limit !== undefined ? { limit: opts.limit } : {}) });
      // a citizen reading their own log does not see the police's watchlist (purposes flagged
      // withheldFromSubject); officials with access_log.read and auditors see every entry
      return ctx.actor.role === 'citizen' ? rows.filter((r) => !purposes()[r.purpose.split(':')[0]!]?.withheldFromSubject) : rows;
    },

    visible,
    /** Throws not found (or the merge pointer) unless the actor may change this person. */
    requireVisibleForWrite,
    /** Forget cached records of these people (called after every change to them). */
    invalidate,
  };
}

export type PersonService = ReturnType<typeof createPersonService>;

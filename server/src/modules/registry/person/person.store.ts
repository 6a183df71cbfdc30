// The only code that reads and writes registry.person, registry.id_card and registry.person_history.
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { AttrSource, IdCardRow, PersonHistoryRow, PersonRow, RegistryTables, ResidenceKind } from '../registry.tables.ts';

export type RegistryDb = Kysely<RegistryTables>;
export type RegistryTx = Transaction<RegistryTables>;

export interface ResidenceItem {
  kind: ResidenceKind;
  communeCode: string | null;
  detail: string | null;
  legacyAddress: string | null;
  validFrom: string;
  validTo: string | null;
}
export interface IdCardItem {
  number: string;
  kind: 'cccd' | 'can_cuoc';
  issuedOn: string;
  expiresOn: string | null;
  status: string;
}
export interface HouseholdItem {
  id: number;
  code: string;
  relation: string;
  headPid: string | null;
}

export interface PersonBundle {
  row: PersonRow;
  idCards: IdCardItem[];
  residences: ResidenceItem[];
  household: HouseholdItem | null;
}

/** Rows that are in effect on day `asOf` (inclusive), or now when absent. */
function effective(from: string, to: string, asOf: string | null) {
  return asOf
    ? sql`${sql.ref(from)} <= ${asOf}::date and (${sql.ref(to)} is null or ${sql.ref(to)} > ${asOf}::date)`
    : sql`${sql.ref(to)} is null`;
}

export function createPersonStore(db: RegistryDb) {
  return {
    /** A person with cards, residences and household, as now or as in effect on a past day. */
    async findBundle(pid: string, asOf: string | null = null): Promise<PersonBundle | undefined> {
      const r = await sql<PersonRow & { id_cards: IdCardItem[]; residences: ResidenceItem[]; household: HouseholdItem | null }>`
        select p.*,
          coalesce((select json_agg(json_build_object('number', c.number, 'kind', c.kind, 'issuedOn', c.issued_on,
                      'expiresOn', c.expires_on, 'status', c.status) order by c.issued_on desc)
                    from registry.id_card c
                    where c.pid = p.pid ${asOf ? sql`and c.issued_on <= ${asOf}::date` : sql``}), '[]') as id_cards,
          coalesce((select json_agg(json_build_object('kind', r.kind, 'communeCode', r.commune_code, 'detail', r.detail,
                      'legacyAddress', r.legacy_address, 'validFrom', r.valid_from, 'validTo', r.valid_to)
                      order by r.kind, r.valid_from desc)
                    from registry.residence r
                    where r.pid = p.pid and ${effective('r.valid_from', 'r.valid_to', asOf)}), '[]') as residences,
          (select json_build_object('id', h.id, 'code', h.code, 'relation', m.relation, 'headPid', h.head_pid)
             from registry.household_member m join registry.household h on h.id = m.household_id
            where m.pid = p.pid and ${effective('m.joined_on', 'm.left_on', asOf)} limit 1) as household
        from registry.person p
        where p.pid = ${pid}`.execute(db);
      const row = r.rows[0];
      if (!row) return undefined;
      const { id_cards, residences, household, ...person } = row;
      return { row: person as PersonRow, idCards: parseJson(id_cards), residences: parseJson(residences), household: parseJson(household) };
    },

    async findRow(trx: RegistryDb | RegistryTx, pid: string, forUpdate = false): Promise<PersonRow | undefined> {
      let q = trx.selectFrom('registry.person').selectAll().where('pid', '=', pid);
      if (forUpdate) q = q.forUpdate();
      return (await q.executeTakeFirst()) as PersonRow | undefined;
    },

    async existing(trx: RegistryDb | RegistryTx, pids: string[]): Promise<Set<string>> {
      if (!pids.length) return new Set();
      const rows = await trx.selectFrom('registry.person').select('pid').where('pid', 'in', pids).execute();
      return new Set(rows.map((r) => r.pid));
    },

    async insert(trx: RegistryTx, row: Omit<PersonRow, 'version' | 'sources' | 'created_at' | 'updated_at'>): Promise<boolean> {
      const res = await trx
        .insertInto('registry.person')
        .values(row)
        .onConflict((oc) => oc.column('pid').doNothing())
        .executeTakeFirst();
      return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
    },

    async update(
      trx: RegistryTx,
      pid: string,
      columns: Partial<PersonRow>,
      sources: Record<string, AttrSource>,
    ): Promise<PersonRow> {
      const row = await trx
        .updateTable('registry.person')
        .set({
          ...columns,
          version: sql`version + 1`,
          updated_at: new Date(),
          sources: sql`sources || ${JSON.stringify(sources)}::jsonb`,
        } as never)
        .where('pid', '=', pid)
        .returningAll()
        .executeTakeFirstOrThrow();
      return row as PersonRow;
    },

    async addHistory(
      trx: RegistryTx,
      entry: { pid: string; actor: string; source: string; reason: string | null; change: string; diff: Record<string, [unknown, unknown]> | null; at?: Date },
    ): Promise<void> {
      await trx
        .insertInto('registry.person_history')
        .values({ ...entry, diff: entry.diff === null ? null : JSON.stringify(entry.diff) } as never)
        .execute();
    },

    async history(pid: string, trx: RegistryDb | RegistryTx = db): Promise<PersonHistoryRow[]> {
      return (await trx.selectFrom('registry.person_history').selectAll().where('pid', '=', pid).orderBy('id').execute()) as PersonHistoryRow[];
    },

    /** These rows, locked in personal-ID order (two changes of the same pair cannot deadlock). */
    async lockRows(trx: RegistryTx, pids: readonly string[]): Promise<Map<string, PersonRow>> {
      if (!pids.length) return new Map();
      const rows = await trx.selectFrom('registry.person').selectAll().where('pid', 'in', [...pids]).orderBy('pid').forUpdate().execute();
      return new Map(rows.map((r) => [r.pid, r as PersonRow]));
    },

    /** Father and mother of each of these people (those known). */
    async parentsOf(trx: RegistryDb | RegistryTx, pids: readonly string[]): Promise<Map<string, string[]>> {
      if (!pids.length) return new Map();
      const rows = await trx.selectFrom('registry.person').select(['pid', 'father_pid', 'mother_pid']).where('pid', 'in', [...pids]).execute();
      return new Map(rows.map((r) => [r.pid, [r.father_pid, r.mother_pid].filter((x): x is string => !!x)]));
    },

    /** People whose father, mother or spouse link points at this person. */
    async pointingAt(trx: RegistryDb | RegistryTx, pid: string): Promise<string[]> {
      const rows = await trx
        .selectFrom('registry.person')
        .select('pid')
        .where((eb) => eb.or([eb('father_pid', '=', pid), eb('mother_pid', '=', pid), eb('spouse_pid', '=', pid)]))
        .execute();
      return rows.map((r) => r.pid);
    },

    /** A number that must never be given again: retired (a cancelled registration) or merged into another. */
    async isRetired(trx: RegistryDb | RegistryTx, pid: string): Promise<boolean> {
      const r = await sql<{ retired: boolean }>`
        select exists (select 1 from registry.retired_pid where pid = ${pid})
            or exists (select 1 from registry.person_merge where retired_pid = ${pid}) as retired`.execute(trx);
      return !!r.rows[0]?.retired;
    },

    /**
     * Removes a person record as if it had never been registered (its residences and id cards go
     * with it; household memberships are the household store's) and retires the number for good.
     * The history stays under the retired number.
     */
    async removeAndRetire(trx: RegistryTx, pid: string, retired: { reason: string; by: string }): Promise<void> {
      await trx.insertInto('registry.retired_pid').values({ pid, reason: retired.reason, retired_by: retired.by }).execute();
      await trx.deleteFrom('registry.residence').where('pid', '=', pid).execute();
      await trx.deleteFrom('registry.id_card').where('pid', '=', pid).execute();
      await trx.deleteFrom('registry.person').where('pid', '=', pid).execute();
    },

    /** Undoes an insert in the same transaction (a number found retired meanwhile). */
    async deleteRow(trx: RegistryTx, pid: string): Promise<void> {
      await trx.deleteFrom('registry.person').where('pid', '=', pid).execute();
    },

    async addIdCard(trx: RegistryTx, card: IdCardRow): Promise<void> {
      await trx.updateTable('registry.id_card').set({ status: 'replaced' }).where('pid', '=', card.pid).where('status', '=', 'valid').execute();
      await trx.insertInto('registry.id_card').values(card).execute();
    },

    /**
     * Finds people by personal ID, old ID number, or name: the exact folded name first, then
     * (when `nameKeys` are given) the people whose family + given name is one of those keys,
     * ranked by trigram similarity to the typed name. Filters: birth date prefix, communes, self.
     */
    async search(q: SearchQuery): Promise<SearchHit[]> {
      const filters: RawBuilder<unknown>[] = [];
      if (q.birthPrefix) {
        filters.push(sql`p.birth_year = ${Number(q.birthPrefix.slice(0, 4))}`);
        if (q.birthPrefix.length > 4) filters.push(sql`(p.birth_date like ${q.birthPrefix + '%'} or p.birth_date = ${q.birthPrefix.slice(0, 4)})`);
      }
      if (q.selfPid) filters.push(sql`p.pid = ${q.selfPid}`);
      // Jurisdiction: a few communes → start from their residents (a hash of a few thousand pids);
      // a province → rank the candidates first and keep the best that live there.
      const resident = (alias: string) =>
        sql`exists (select 1 from registry.residence x where x.pid = ${sql.ref(`${alias}.pid`)} and x.valid_to is null
                      and x.kind <> 'absence' and x.commune_code = any(${q.communes}::text[]))`;
      const fewCommunes = q.communes !== undefined && q.communes.length <= 10;
      if (fewCommunes)
        filters.push(sql`p.pid in (select x.pid from registry.residence x where x.valid_to is null and x.kind <> 'absence'
                                     and x.commune_code = any(${q.communes}::text[]))`);
      const run = async (match: RawBuilder<unknown>, score: RawBuilder<unknown>, order: (alias: string) => RawBuilder<unknown>, limit: number) =>
        (
          await sql<SearchHit>`
            with ranked as (
              select p.pid, ${score}::float8 as score, p.birth_year
              from registry.person p
              where ${sql.join([match, ...filters], sql` and `)}
              order by ${order('p')}
              limit ${q.communes && !fewCommunes ? Math.max(limit * 25, 500) : limit})
            select p.pid, p.full_name as "fullName", p.birth_date as "birthDate", p.sex, p.life_status as "lifeStatus",
                   (select commune_code from registry.residence r where r.pid = p.pid and r.valid_to is null
                     and r.kind = 'permanent' limit 1) as "communeCode",
                   ranked.score
            from ranked join registry.person p on p.pid = ranked.pid
            ${q.communes && !fewCommunes ? sql`where ${resident('ranked')}` : sql``}
            order by ${order('ranked')}
            limit ${limit}`.execute(db)
        ).rows;
      if (q.pid || q.oldId) {
        return run(q.pid ? sql`p.pid = ${q.pid}` : sql`p.old_id = ${q.oldId}`, sql`1.0`, (a) => sql.ref(`${a}.pid`), q.limit);
      }
      // exact names in index order (birth year, pid), so a common name stops early
      const exact = await run(sql`p.name_folded = ${q.name}`, sql`1.0`, (a) => sql`${sql.ref(`${a}.birth_year`)}, ${sql.ref(`${a}.pid`)}`, q.limit);
      if (exact.length >= q.limit || !q.nameKeys) return exact;
      const keys = await q.nameKeys();
      if (!keys.length) return exact;
      // one word (a given name alone) is compared with the best-matching word of each name
      const similar = q.name!.includes(' ') ? sql`similarity(p.name_folded, ${q.name})` : sql`word_similarity(${q.name}, p.name_folded)`;
      const fuzzy = await run(
        sql`p.name_key = any(${keys}::text[]) and p.name_folded <> ${q.name} and ${similar} >= ${q.threshold}`,
        similar,
        (a) => (a === 'p' ? sql`score desc, p.pid` : sql`ranked.score desc, ranked.pid`),
        q.limit - exact.length,
      );
      return [...exact, ...fuzzy];
    },
  };
}

export interface SearchQuery {
  pid?: string;
  oldId?: string;
  /** Folded name. */
  name?: string;
  /** Name keys (family + given, folded) close to the name, for typo-tolerant matching. */
  nameKeys?: () => Promise<string[]>;
  threshold: number;
  /** yyyy, yyyy-mm or yyyy-mm-dd */
  birthPrefix?: string;
  /** Restrict to residents of these communes (jurisdiction or a requested commune). */
  communes?: string[];
  /** A citizen sees only themself. */
  selfPid?: string;
  limit: number;
}

export interface SearchHit {
  pid: string;
  fullName: string;
  birthDate: string;
  sex: 'M' | 'F';
  lifeStatus: string;
  communeCode: string | null;
  score: number;
}

function parseJson<T>(v: unknown): T {
  return (typeof v === 'string' ? JSON.parse(v) : v) as T;
}

export type PersonStore = ReturnType<typeof createPersonStore>;

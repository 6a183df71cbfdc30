// The only SQL of the bulk read for system passes (data quality): current records with what the
// rules need beside them — active residences, ID cards, household with its head count, the linked
// father, mother and spouse — in batches keyed on the personal ID (keyset pagination, so a batch
// costs the same at the start and at the end of a million rows).
import type { PersonAttrs } from '../person/person.model.ts';
import { sql, type RawBuilder } from 'kysely';
import type { RegistryDb } from '../person/person.store.ts';

export interface ScanResidence {
  kind: 'permanent' | 'temporary' | 'current' | 'absence';
  communeCode: string | null;
  detail: string | null;
  legacyAddress: string | null;
  validFrom: string;
}

export interface ScanIdCard {
  kind: 'cccd' | 'can_cuoc';
  issuedOn: string;
  status: string;
}

export interface ScanHousehold {
  id: number;
  code: string;
  relation: string;
  headPid: string | null;
  communeCode: string;
  /** Current members whose relation is `head`. */
  heads: number;
  members: number;
  /** The current member with the lowest personal ID (who answers for a household without a head). */
  firstMember: string;
}

export interface ScanRelative {
  pid: string;
  birthDate: string;
  sex: 'M' | 'F';
  lifeStatus: 'alive' | 'deceased' | 'missing';
  spousePid: string | null;
  maritalStatus: string | null;
}

/** One person as a system pass sees it. Relatives are null when unlinked or when the link points nowhere. */
export interface PersonScanRecord extends PersonAttrs {
  /** When the record was created and last changed (ISO instants). */
  createdAt: string;
  updatedAt: string;
  /** Active residences (valid_to is null). */
  residences: ScanResidence[];
  idCards: ScanIdCard[];
  household: ScanHousehold | null;
  father: ScanRelative | null;
  mother: ScanRelative | null;
  spouse: ScanRelative | null;
  /** The latest day the record was confirmed: created, changed, a card issued or a residence registered. */
  lastConfirmedOn: string;
}

export interface ScanFilter {
  /** After this personal ID (keyset). */
  after?: string | undefined;
  /** Exactly these people. */
  pids?: readonly string[] | undefined;
  /**
   * People with an active residence in one of these communes, plus people with no active
   * residence on a current unit at all (their unit is found from the legacy address by the caller).
   */
  communes?: readonly string[] | undefined;
  limit: number;
}

const relative = (col: string) => sql`(select json_build_object('pid', x.pid, 'birthDate', x.birth_date, 'sex', x.sex, 'lifeStatus', x.life_status,
    'spousePid', x.spouse_pid, 'maritalStatus', x.marital_status) from registry.person x where x.pid = b.${sql.ref(col)})`;

function parse<T>(v: unknown): T {
  return (typeof v === 'string' ? JSON.parse(v) : v) as T;
}
const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString());

export function createPersonScanStore(db: RegistryDb) {
  return {
    async batch(f: ScanFilter): Promise<PersonScanRecord[]> {
      const where: RawBuilder<unknown>[] = [];
      if (f.after) where.push(sql`p.pid > ${f.after}`);
      if (f.pids) where.push(sql`p.pid = any(${[...f.pids]}::text[])`);
      if (f.communes)
        where.push(sql`(exists (select 1 from registry.residence r where r.pid = p.pid and r.valid_to is null and r.commune_code = any(${[...f.communes]}::text[]))
          or not exists (select 1 from registry.residence r where r.pid = p.pid and r.valid_to is null and r.commune_code is not null))`);
      const rows = await sql<Record<string, unknown>>`
        with b as (
          select p.* from registry.person p
          ${where.length ? sql`where ${sql.join(where, sql` and `)}` : sql``}
          order by p.pid limit ${f.limit})
        select b.pid, b.full_name, b.family_name, b.middle_name, b.given_name, b.birth_date, b.sex, b.ethnicity, b.religion,
          b.nationality, b.birth_reg_province, b.birth_place, b.hometown, b.old_id, b.life_status, b.death_date,
          b.marital_status, b.father_pid, b.mother_pid, b.spouse_pid, b.phone, b.email, b.created_at, b.updated_at,
          (select json_agg(json_build_object('kind', r.kind, 'communeCode', r.commune_code, 'detail', r.detail,
                  'legacyAddress', r.legacy_address, 'validFrom', r.valid_from) order by r.kind)
             from registry.residence r where r.pid = b.pid and r.valid_to is null) as residences,
          (select max(r.valid_from) from registry.residence r where r.pid = b.pid) as last_residence,
          (select json_agg(json_build_object('kind', c.kind, 'issuedOn', c.issued_on, 'status', c.status) order by c.issued_on)
             from registry.id_card c where c.pid = b.pid) as id_cards,
          (select json_build_object('id', h.id, 'code', h.code, 'relation', m.relation, 'headPid', h.head_pid, 'communeCode', h.commune_code,
                  'heads', (select count(*) from registry.household_member m2 where m2.household_id = h.id and m2.left_on is null and m2.relation = 'head'),
                  'members', (select count(*) from registry.household_member m2 where m2.household_id = h.id and m2.left_on is null),
                  'firstMember', (select min(m2.pid) from registry.household_member m2 where m2.household_id = h.id and m2.left_on is null))
             from registry.household_member m join registry.household h on h.id = m.household_id
            where m.pid = b.pid and m.left_on is null limit 1) as household,
          ${relative('father_pid')} as father,
          ${relative('mother_pid')} as mother,
          ${relative('spouse_pid')} as spouse
        from b order by b.pid`.execute(db);
      return rows.rows.map((r) => {
        const cards = parse<ScanIdCard[] | null>(r.id_cards) ?? [];
        const created = iso(r.created_at);
        const updated = iso(r.updated_at);
        const confirmed = [updated.slice(0, 10), String(r.last_residence ?? ''), ...cards.map((c) => c.issuedOn)].reduce((a, b) => (b > a ? b : a), created.slice(0, 10));
        return {
          pid: String(r.pid),
          fullName: r.full_name as string,
          familyName: r.family_name as string,
          middleName: r.middle_name as string,
          givenName: r.given_name as string,
          birthDate: r.birth_date as string,
          sex: r.sex as 'M' | 'F',
          ethnicity: r.ethnicity as string | null,
          religion: r.religion as string | null,
          nationality: r.nationality as string,
          birthRegProvince: r.birth_reg_province as string | null,
          birthPlace: r.birth_place as string | null,
          hometown: r.hometown as string | null,
          oldId: r.old_id as string | null,
          lifeStatus: r.life_status as PersonScanRecord['lifeStatus'],
          deathDate: r.death_date as string | null,
          maritalStatus: r.marital_status as PersonAttrs['maritalStatus'],
          fatherPid: r.father_pid as string | null,
          motherPid: r.mother_pid as string | null,
          spousePid: r.spouse_pid as string | null,
          phone: r.phone as string | null,
          email: r.email as string | null,
          createdAt: created,
          updatedAt: updated,
          residences: parse<ScanResidence[] | null>(r.residences) ?? [],
          idCards: cards,
          household: parse<ScanHousehold | null>(r.household),
          father: parse<ScanRelative | null>(r.father),
          mother: parse<ScanRelative | null>(r.mother),
          spouse: parse<ScanRelative | null>(r.spouse),
          lastConfirmedOn: confirmed,
        };
      });
    },

    /** How many people a scan with this filter reads (for progress). */
    async count(f: Omit<ScanFilter, 'after' | 'limit'>): Promise<number> {
      const where: RawBuilder<unknown>[] = [];
      if (f.pids) where.push(sql`p.pid = any(${[...f.pids]}::text[])`);
      if (f.communes)
        where.push(sql`(exists (select 1 from registry.residence r where r.pid = p.pid and r.valid_to is null and r.commune_code = any(${[...f.communes]}::text[]))
          or not exists (select 1 from registry.residence r where r.pid = p.pid and r.valid_to is null and r.commune_code is not null))`);
      const r = await sql<{ n: number }>`select count(*)::int as n from registry.person p ${where.length ? sql`where ${sql.join(where, sql` and `)}` : sql``}`.execute(db);
      return Number(r.rows[0]?.n ?? 0);
    },

    /** People whose records point at these (children, spouses) or share a household with them. */
    async linked(pids: readonly string[]): Promise<string[]> {
      if (!pids.length) return [];
      const list = [...pids];
      const rows = await sql<{ pid: string }>`
        select pid from registry.person where father_pid = any(${list}::text[]) or mother_pid = any(${list}::text[]) or spouse_pid = any(${list}::text[])
        union
        select m2.pid from registry.household_member m join registry.household_member m2 on m2.household_id = m.household_id and m2.left_on is null
         where m.pid = any(${list}::text[]) and m.left_on is null`.execute(db);
      const asked = new Set(list);
      return rows.rows.map((r) => r.pid).filter((p) => !asked.has(p));
    },
  };
}

export type PersonScanStore = ReturnType<typeof createPersonScanStore>;

// Writes batches of validated person records in one transaction: COPY into a staging table, then
// set-based inserts into person, residence, id_card, household and household_member. A person
// whose ID is already registered is not written and is reported back.
import { fold, splitFullName } from '@open06/kernel';
import type { BulkSession } from '../../../platform/db/db.ts';
import { copyCsv } from '../../../platform/db/copy-csv.ts';
import type { PersonRecord } from './person-record.ts';

const STAGE_COLUMNS = [
  'row_no', 'pid', 'full_name', 'name_folded', 'family_name', 'middle_name', 'given_name', 'birth_date', 'sex',
  'ethnicity', 'religion', 'nationality', 'birth_reg_province', 'birth_place', 'hometown', 'old_id', 'life_status',
  'death_date', 'marital_status', 'father_pid', 'mother_pid', 'spouse_pid', 'phone', 'email', 'commune_code',
  'address_detail', 'legacy_address', 'resident_since', 'household_code', 'household_relation', 'id_card_issued_on',
  'id_card_expires_on',
] as const;

const CREATE_STAGE = `
  create temp table if not exists stage_person (
    row_no bigint, pid text, full_name text, name_folded text, family_name text, middle_name text, given_name text,
    birth_date text, sex text, ethnicity text, religion text, nationality text, birth_reg_province text,
    birth_place text, hometown text, old_id text, life_status text, death_date text, marital_status text,
    father_pid text, mother_pid text, spouse_pid text, phone text, email text, commune_code text,
    address_detail text, legacy_address text, resident_since date, household_code text, household_relation text,
    id_card_issued_on date, id_card_expires_on date, ok boolean not null default false
  ) on commit delete rows`;

export interface BatchMeta {
  /** Where these records come from, e.g. `import:<job>` or `seed:<seed>`. */
  source: string;
  actor: string;
  /** Day used when a residence or membership has no start date (yyyy-mm-dd). */
  today: string;
}

export interface BatchResult {
  inserted: number;
  /** Row numbers (as given) whose personal ID is already in the registry. */
  alreadyRegistered: { rowNo: number; pid: string }[];
}

/** `rows` pairs each record with its row number in the source (for reporting). */
export async function writePersonBatch(s: BulkSession, rows: readonly { rowNo: number; record: PersonRecord }[], meta: BatchMeta): Promise<BatchResult> {
  if (!rows.length) return { inserted: 0, alreadyRegistered: [] };
  await s.exec(CREATE_STAGE);
  await s.copyCsv(
    'stage_person',
    STAGE_COLUMNS,
    copyCsv(
      rows.map(({ rowNo, record: r }) => {
        const parts = splitFullName(r.fullName);
        return [
          rowNo, r.pid, r.fullName, fold(r.fullName), parts.family, parts.middle, parts.given, r.birthDate, r.sex,
          r.ethnicity, r.religion, r.nationality, r.birthRegProvince, r.birthPlace, r.hometown, r.oldId, r.lifeStatus,
          r.deathDate, r.maritalStatus, r.fatherPid, r.motherPid, r.spousePid, r.phone, r.email, r.communeCode,
          r.addressDetail, r.legacyAddress, r.residentSince, r.householdCode, r.householdRelation, r.idCardIssuedOn,
          r.idCardExpiresOn,
        ];
      }),
    ),
  );
  await s.query(
    `with ins as (
       insert into registry.person (pid, full_name, name_folded, family_name, middle_name, given_name, birth_date,
         birth_year, sex, ethnicity, religion, nationality, birth_reg_province, birth_place, hometown, old_id,
         life_status, death_date, marital_status, father_pid, mother_pid, spouse_pid, phone, email, source, created_by)
       select pid, full_name, name_folded, family_name, middle_name, given_name, birth_date,
         substr(birth_date, 1, 4)::smallint, sex, ethnicity, religion, nationality, birth_reg_province, birth_place,
         hometown, old_id, life_status, death_date, marital_status, father_pid, mother_pid, spouse_pid, phone, email, $1, $2
       from stage_person
       on conflict (pid) do nothing
       returning pid)
     update stage_person s set ok = true from ins where ins.pid = s.pid`,
    [meta.source, meta.actor],
  );
  await s.query(
    `insert into registry.residence (pid, kind, commune_code, detail, legacy_address, valid_from, reason)
     select pid, 'permanent', commune_code, address_detail, legacy_address, coalesce(resident_since, $1::date), $2
     from stage_person where ok and (commune_code is not null or legacy_address is not null)`,
    [meta.today, meta.source],
  );
  await s.query(
    `insert into registry.id_card (pid, number, kind, issued_on, expires_on)
     select pid, pid, case when id_card_issued_on >= date '2024-07-01' then 'can_cuoc' else 'cccd' end,
            id_card_issued_on, id_card_expires_on
     from stage_person where ok and id_card_issued_on is not null`,
  );
  await s.query(
    `insert into registry.household (code, head_pid, commune_code, address_detail)
     select distinct on (household_code) household_code,
            case when household_relation = 'head' then pid end, commune_code, address_detail
     from stage_person where ok and household_code is not null and commune_code is not null
     order by household_code, (household_relation = 'head') desc
     on conflict (code) do nothing`,
  );
  // A head that arrives in a later batch than the first member still becomes the head.
  await s.query(
    `update registry.household h set head_pid = s.pid
     from stage_person s where s.ok and s.household_relation = 'head' and h.code = s.household_code and h.head_pid is null`,
  );
  await s.query(
    `insert into registry.household_member (household_id, pid, relation, joined_on)
     select h.id, s.pid, coalesce(s.household_relation, 'other'), coalesce(s.resident_since, $1::date)
     from stage_person s join registry.household h on h.code = s.household_code
     where s.ok`,
    [meta.today],
  );
  const dup = await s.query<{ row_no: number; pid: string }>('select row_no, pid from stage_person where not ok order by row_no');
  return { inserted: rows.length - dup.length, alreadyRegistered: dup.map((d) => ({ rowNo: Number(d.row_no), pid: d.pid })) };
}

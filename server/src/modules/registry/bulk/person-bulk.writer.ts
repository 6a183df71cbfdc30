// Writes batches of validated person records in one transaction, COPYing straight into person,
// residence, id_card and household_member (households get their ids first). A person whose ID is
// already registered, or retired for good, is not written and is reported back. The caller's transaction (db.bulk) makes
// the batch all-or-nothing.
import { fold, splitFullName } from '@open06/kernel';
import { sql } from 'kysely';
import type { BulkSession, Db } from '../../../platform/db/db.ts';
import { copyCsv } from '../../../platform/db/copy-csv.ts';
import type { PersonRecord } from './person-record.ts';

const PERSON_COLUMNS = [
  'pid', 'full_name', 'name_folded', 'family_name', 'middle_name', 'given_name', 'birth_date', 'birth_year', 'sex',
  'ethnicity', 'religion', 'nationality', 'birth_reg_province', 'birth_place', 'hometown', 'old_id', 'life_status',
  'death_date', 'marital_status', 'father_pid', 'mother_pid', 'spouse_pid', 'phone', 'email', 'source', 'created_by',
] as const;

export interface BatchMeta {
  /** Where these records come from, e.g. `import:<job>` or `seed:<seed>`. */
  source: string;
  actor: string;
  /** Day used when a residence or membership has no start date (yyyy-mm-dd). */
  today: string;
}

export interface BatchResult {
  inserted: number;
  /** Row numbers (as given) whose personal ID is already in the registry, or retired and never given again. */
  alreadyRegistered: { rowNo: number; pid: string }[];
}

/** `rows` pairs each record with its row number in the source (for reporting); personal IDs are distinct. */
export async function writePersonBatch(s: BulkSession, rows: readonly { rowNo: number; record: PersonRecord }[], meta: BatchMeta): Promise<BatchResult> {
  if (!rows.length) return { inserted: 0, alreadyRegistered: [] };
  // taken: registered, or retired for good (a cancelled registration, a record merged into another)
  const taken = new Set(
    (
      await s.query<{ pid: string }>(
        `select pid from registry.person where pid = any($1::text[])
         union select pid from registry.retired_pid where pid = any($1::text[])
         union select retired_pid from registry.person_merge where retired_pid = any($1::text[])`,
        [rows.map((r) => r.record.pid)],
      )
    ).map((r) => r.pid),
  );
  const fresh = rows.filter((r) => !taken.has(r.record.pid)).map((r) => r.record);
  const alreadyRegistered = rows.filter((r) => taken.has(r.record.pid)).map((r) => ({ rowNo: r.rowNo, pid: r.record.pid }));
  if (!fresh.length) return { inserted: 0, alreadyRegistered };

  await s.copyCsv(
    'registry.person',
    PERSON_COLUMNS,
    copyCsv(
      fresh.map((r) => {
        const parts = splitFullName(r.fullName);
        return [
          r.pid, r.fullName, fold(r.fullName), parts.family, parts.middle, parts.given, r.birthDate, r.birthDate.slice(0, 4), r.sex,
          r.ethnicity, r.religion, r.nationality, r.birthRegProvince, r.birthPlace, r.hometown, r.oldId, r.lifeStatus,
          r.deathDate, r.maritalStatus, r.fatherPid, r.motherPid, r.spousePid, r.phone, r.email, meta.source, meta.actor,
        ];
      }),
    ),
  );
  const residents = fresh.filter((r) => r.communeCode !== null || r.legacyAddress !== null);
  if (residents.length)
    await s.copyCsv(
      'registry.residence',
      ['pid', 'kind', 'commune_code', 'detail', 'legacy_address', 'valid_from', 'reason'],
      copyCsv(residents.map((r) => [r.pid, 'permanent', r.communeCode, r.addressDetail, r.legacyAddress, r.residentSince ?? meta.today, meta.source])),
    );
  const carded = fresh.filter((r) => r.idCardIssuedOn !== null);
  if (carded.length)
    await s.copyCsv(
      'registry.id_card',
      ['pid', 'number', 'kind', 'issued_on', 'expires_on'],
      copyCsv(carded.map((r) => [r.pid, r.pid, r.idCardIssuedOn! >= '2024-07-01' ? 'can_cuoc' : 'cccd', r.idCardIssuedOn, r.idCardExpiresOn])),
    );

  const members = fresh.filter((r) => r.householdCode !== null && r.communeCode !== null);
  if (members.length) {
    // one row per household: its commune and address, and its head when the head is in this batch
    const households = new Map<string, { commune: string; address: string | null; head: string | null }>();
    for (const r of members) {
      const h = households.get(r.householdCode!) ?? { commune: r.communeCode!, address: r.addressDetail, head: null };
      if (r.householdRelation === 'head') h.head = r.pid;
      households.set(r.householdCode!, h);
    }
    const codes = [...households.keys()];
    const list = [...households.values()];
    await s.query(
      `insert into registry.household (code, head_pid, commune_code, address_detail)
       select * from unnest($1::text[], $2::text[], $3::text[], $4::text[]) on conflict (code) do nothing`,
      [codes, list.map((h) => h.head), list.map((h) => h.commune), list.map((h) => h.address)],
    );
    // A head that arrives in a later batch than the first member still becomes the head.
    const heads = codes.filter((c) => households.get(c)!.head !== null);
    if (heads.length)
      await s.query(
        `update registry.household h set head_pid = u.pid from unnest($1::text[], $2::text[]) as u(code, pid)
         where h.code = u.code and h.head_pid is null`,
        [heads, heads.map((c) => households.get(c)!.head)],
      );
    const ids = new Map((await s.query<{ id: number; code: string }>('select id, code from registry.household where code = any($1::text[])', [codes])).map((r) => [r.code, Number(r.id)]));
    await s.copyCsv(
      'registry.household_member',
      ['household_id', 'pid', 'relation', 'joined_on'],
      copyCsv(members.map((r) => [ids.get(r.householdCode!), r.pid, r.householdRelation ?? 'other', r.residentSince ?? meta.today])),
    );
  }
  return { inserted: fresh.length, alreadyRegistered };
}

/**
 * After a bulk load: fresh planner statistics, and the visibility map that lets name search answer
 * from its covering index without visiting the table (VACUUM cannot run inside a transaction).
 */
export async function afterBulkLoad(db: Db): Promise<void> {
  await sql`vacuum (analyze) registry.person, registry.residence, registry.household, registry.household_member, registry.id_card`.execute(db.kysely);
}

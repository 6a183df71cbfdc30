// `open06 export`: persons with their permanent residence, household and latest ID card, in the
// same CSV / NDJSON shape that import reads (a round trip loses nothing import can carry).
import fs from 'node:fs';
import { once } from 'node:events';
import { stringify } from 'csv-stringify/sync';
import { sql } from 'kysely';
import { loadAdminUnits } from '@open06/kernel/admin-units';
import type { Db } from '../../../platform/db/db.ts';
import { RECORD_FIELDS, type PersonRecord } from './person-record.ts';
import { formatOf } from './person-import.ts';

export interface ExportOptions {
  file: string;
  format?: 'csv' | 'ndjson';
  /** Only residents (permanent residence) of this current province or commune. */
  province?: string;
  commune?: string;
  onProgress?: (rows: number) => void;
}

export async function exportPersons(db: Db, opts: ExportOptions): Promise<{ rows: number; file: string; format: 'csv' | 'ndjson' }> {
  const format = formatOf(opts.file, opts.format);
  const out = fs.createWriteStream(opts.file);
  const write = async (s: string) => {
    if (!out.write(s)) await once(out, 'drain');
  };
  if (format === 'csv') await write(stringify([[...RECORD_FIELDS]]));
  const communePrefix = opts.commune ?? null;
  let after = '';
  let rows = 0;
  for (;;) {
    const page = await sql<PersonRecord>`
      select p.pid, p.full_name as "fullName", p.birth_date as "birthDate", p.sex, p.ethnicity, p.religion, p.nationality,
             p.birth_reg_province as "birthRegProvince", p.birth_place as "birthPlace", p.hometown, p.old_id as "oldId",
             p.life_status as "lifeStatus", p.death_date as "deathDate", p.marital_status as "maritalStatus",
             p.father_pid as "fatherPid", p.mother_pid as "motherPid", p.spouse_pid as "spousePid", p.phone, p.email,
             r.commune_code as "communeCode", r.detail as "addressDetail", r.legacy_address as "legacyAddress",
             to_char(r.valid_from, 'YYYY-MM-DD') as "residentSince",
             h.code as "householdCode", m.relation as "householdRelation",
             to_char(c.issued_on, 'YYYY-MM-DD') as "idCardIssuedOn", to_char(c.expires_on, 'YYYY-MM-DD') as "idCardExpiresOn"
      from registry.person p
      left join registry.residence r on r.pid = p.pid and r.kind = 'permanent' and r.valid_to is null
      left join registry.household_member m on m.pid = p.pid and m.left_on is null
      left join registry.household h on h.id = m.household_id
      left join lateral (select issued_on, expires_on from registry.id_card c where c.pid = p.pid and c.status = 'valid'
                         order by issued_on desc limit 1) c on true
      where p.pid > ${after}
        ${communePrefix ? sql`and r.commune_code = ${communePrefix}` : sql``}
        ${opts.province ? sql`and r.commune_code in (select unnest(${provinceCommunes(opts.province)}::text[]))` : sql``}
      order by p.pid
      limit 5000`.execute(db.kysely);
    if (!page.rows.length) break;
    const chunk =
      format === 'csv'
        ? stringify(page.rows.map((r) => RECORD_FIELDS.map((f) => r[f] ?? '')))
        : page.rows.map((r) => JSON.stringify(Object.fromEntries(RECORD_FIELDS.map((f) => [f, r[f] ?? null])))).join('\n') + '\n';
    await write(chunk);
    rows += page.rows.length;
    after = page.rows.at(-1)!.pid;
    opts.onProgress?.(rows);
  }
  out.end();
  await once(out, 'finish');
  return { rows, file: opts.file, format };
}

function provinceCommunes(code: string): string[] {
  return loadAdminUnits().communesOf(code).map((c) => c.code);
}

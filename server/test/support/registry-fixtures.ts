// Known people for registry tests, written straight through the bulk writer.
import type { Db } from '../../src/platform/db/db.ts';
import { writePersonBatch } from '../../src/modules/registry/bulk/person-bulk.writer.ts';
import type { PersonRecord } from '../../src/modules/registry/bulk/person-record.ts';

export const THANH_DONG = '10507'; // Phường Thành Đông, Hải Phòng
export const HAI_DUONG = '10525'; // Phường Hải Dương, Hải Phòng
export const BA_DINH = '00004'; // Phường Ba Đình, Hà Nội

const base: Omit<PersonRecord, 'pid' | 'fullName' | 'birthDate' | 'sex'> = {
  ethnicity: '01',
  religion: '00',
  nationality: 'VN',
  birthRegProvince: null,
  birthPlace: null,
  hometown: null,
  oldId: null,
  lifeStatus: 'alive',
  deathDate: null,
  maritalStatus: null,
  fatherPid: null,
  motherPid: null,
  spousePid: null,
  phone: null,
  email: null,
  communeCode: THANH_DONG,
  addressDetail: 'Số 1, phố Trần Hưng Đạo',
  legacyAddress: null,
  residentSince: '2015-03-01',
  householdCode: null,
  householdRelation: null,
  idCardIssuedOn: null,
  idCardExpiresOn: null,
};

export function person(p: Pick<PersonRecord, 'pid' | 'fullName' | 'birthDate' | 'sex'> & Partial<PersonRecord>): PersonRecord {
  return { ...base, birthRegProvince: p.pid.slice(0, 3), ...p };
}

/** A small family in Thành Đông, a neighbour in Hải Dương, and one person in Ba Đình (Hà Nội). */
export const FAMILY = {
  father: person({ pid: '030085001234', fullName: 'Nguyễn Văn Hùng', birthDate: '1985-04-12', sex: 'M', spousePid: '030190004321', maritalStatus: 'married', oldId: '141234567', householdCode: `${THANH_DONG}-0000001`, householdRelation: 'head', phone: '+84912345678', idCardIssuedOn: '2021-05-10', idCardExpiresOn: '2025-04-12' }),
  mother: person({ pid: '030190004321', fullName: 'Trần Thị Thu Hà', birthDate: '1990-11-02', sex: 'F', spousePid: '030085001234', maritalStatus: 'married', householdCode: `${THANH_DONG}-0000001`, householdRelation: 'spouse' }),
  son: person({ pid: '031215000111', fullName: 'Nguyễn Minh Khôi', birthDate: '2015-07-20', sex: 'M', fatherPid: '030085001234', motherPid: '030190004321', householdCode: `${THANH_DONG}-0000001`, householdRelation: 'child' }),
  neighbour: person({ pid: '030075009876', fullName: 'Lê Văn Nam', birthDate: '1975', sex: 'M', communeCode: HAI_DUONG, addressDetail: 'Số 8, phố Quang Trung' }),
  hanoian: person({ pid: '001180002468', fullName: 'Phạm Thị Lan', birthDate: '1980-02', sex: 'F', communeCode: BA_DINH, addressDetail: 'Số 3, phố Quán Thánh' }),
};

/** Writes FAMILY as records the registry has held since 1 January 2015. */
export async function seedFamily(db: Db): Promise<void> {
  await db.bulk(async (s) => {
    await writePersonBatch(s, Object.values(FAMILY).map((record, i) => ({ rowNo: i + 1, record })), { source: 'fixture', actor: 'test', today: '2026-01-01' });
    await s.query("update registry.person set created_at = '2015-01-01T00:00:00+07:00', updated_at = '2015-01-01T00:00:00+07:00'");
  });
}

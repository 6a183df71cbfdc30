// The registry effects of completed procedures, through RegistryApi as the services module calls
// them (in-process role procedure_engine): births, their cancellation, residences, households,
// marriages and their cancellation, with the history source, events and access log each leaves.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../http/authz.ts';
import { AppError, ConflictError, ValidationError } from '../../../http/errors.ts';
import { createAccessLog } from '../../../platform/access-log/index.ts';
import type { Db } from '../../../platform/db/db.ts';
import { createEventBus } from '../../../platform/events/index.ts';
import { freshDb } from '../../../../test/support/test-db.ts';
import { FAMILY, HAI_DUONG, THANH_DONG, person, seedFamily } from '../../../../test/support/registry-fixtures.ts';
import { writePersonBatch } from '../bulk/person-bulk.writer.ts';
import { createRegistryModule, type PersonCreateBody, type RegistryApi } from '../index.ts';

const engine: Actor = { sub: 'app:test', role: 'procedure_engine' };
const TODAY = '2026-06-15';
const clock = { now: () => new Date(`${TODAY}T10:00:00+07:00`) };
const read = { actor: engine, purpose: 'administrative_procedure' };

// adults for marriages (today is 15/6/2026)
const P = {
  groom: person({ pid: '031200000101', fullName: 'Đỗ Văn An', birthDate: '2000-03-04', sex: 'M', maritalStatus: 'single' }),
  bride: person({ pid: '031303000202', fullName: 'Vũ Thị Bình', birthDate: '2003-07-08', sex: 'F', maritalStatus: 'divorced' }),
  youngMan: person({ pid: '031206000303', fullName: 'Hoàng Văn Cường', birthDate: '2006-06-16', sex: 'M' }), // 20 tomorrow
  yearOnlyWoman: person({ pid: '031308000404', fullName: 'Bùi Thị Dung', birthDate: '2008', sex: 'F' }), // 18 only on 31/12/2026
  eighteenToday: person({ pid: '031308000505', fullName: 'Ngô Thị Em', birthDate: '2008-06-15', sex: 'F' }),
  man1990: person({ pid: '031090000606', fullName: 'Phan Văn Giang', birthDate: '1990', sex: 'M', maritalStatus: 'single' }),
  widower: person({ pid: '031060000707', fullName: 'Đặng Văn Hải', birthDate: '1960-01-01', sex: 'M', maritalStatus: 'widowed' }),
  daughter: person({ pid: '031190000808', fullName: 'Đặng Thị Hoa', birthDate: '1990-01-01', sex: 'F', fatherPid: '031060000707', maritalStatus: 'single' }),
  granddaughter: person({ pid: '031304000909', fullName: 'Lý Thị Khánh', birthDate: '2004-02-01', sex: 'F', motherPid: '031190000808' }),
  deceased: person({ pid: '031185001010', fullName: 'Trịnh Thị Lan', birthDate: '1985', sex: 'F', lifeStatus: 'deceased', deathDate: '2024' }),
};

/** An outbox payload (jsonb: an object from one driver, text from another). */
const payload = (r: { payload: unknown }) => (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload);

async function refusal(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('procedure effects through RegistryApi', () => {
  let db: Db;
  let api: RegistryApi;
  const accessLog = () => createAccessLog(db);
  let familyId: number;

  beforeAll(async () => {
    db = await freshDb();
    await seedFamily(db);
    await db.bulk(async (s) => {
      await writePersonBatch(s, Object.values(P).map((record, i) => ({ rowNo: i + 1, record })), { source: 'fixture', actor: 'test', today: '2026-01-01' });
    });
    api = createRegistryModule({ db, accessLog: accessLog(), bus: createEventBus(db), clock, personCacheSize: 100 }).api;
    familyId = (await db.kysely.selectFrom('registry.household').select('id').where('code', '=', `${THANH_DONG}-0000001`).executeTakeFirstOrThrow()).id;
  });
  afterAll(async () => db?.close());

  const history = (pid: string) => db.kysely.selectFrom('registry.person_history').selectAll().where('pid', '=', pid).orderBy('id').execute();
  const outbox = (topic: string, key: string) => db.kysely.selectFrom('platform.outbox').select(['payload']).where('topic', '=', topic).where('key', '=', key).orderBy('id').execute();
  const logOf = async (pid: string) => accessLog().forPerson(pid);

  const birth = (caseNo: string, over: Partial<PersonCreateBody> = {}): PersonCreateBody => ({
    fullName: 'Nguyễn Thị Mai',
    birthDate: '2026-06-01',
    sex: 'F',
    birthRegProvince: '031',
    fatherPid: FAMILY.father.pid,
    motherPid: FAMILY.mother.pid,
    nationality: 'VN',
    lifeStatus: 'alive',
    permanentResidence: { communeCode: THANH_DONG, detail: 'Số 1, phố Trần Hưng Đạo' },
    source: 'procedure',
    sourceRef: caseNo,
    reason: 'Đăng ký khai sinh',
    ...over,
  });

  describe('births and their cancellation', () => {
    it('registers a birth with a new personal ID, joins the father’s household, and cancels it all', async () => {
      const src = 'procedure:KS-001';
      const ctx = { actor: engine, source: src };
      const baby = await api.createPerson(ctx, birth('KS-001'));
      expect(baby.pid).toMatch(/^031326\d{6}$/); // Hải Phòng, female born in the 2000s, 2026
      expect(baby.sources?.record.source).toBe(src);
      expect(await outbox('registry.person.created', baby.pid)).toHaveLength(1);

      const joined = await api.joinHousehold(ctx, baby.pid, { headPid: FAMILY.father.pid, relation: 'child', reason: 'Nhập hộ cha' });
      expect(joined).toEqual({ householdId: familyId });
      const view = await api.getPerson(read, baby.pid);
      expect(view.household).toEqual({ id: familyId, code: `${THANH_DONG}-0000001`, relation: 'child', headPid: FAMILY.father.pid });
      expect((await history(baby.pid)).map((h) => [h.change, h.source])).toEqual([['household_joined', src]]);

      await api.cancelBirth(ctx, baby.pid, { source: src, reason: 'Huỷ hồ sơ liên thông' });
      expect(await refusal(api.getPerson(read, baby.pid))).toMatchObject({ status: 404 });
      expect(await db.kysely.selectFrom('registry.residence').select('id').where('pid', '=', baby.pid).execute()).toEqual([]);
      expect(await db.kysely.selectFrom('registry.household_member').select('pid').where('pid', '=', baby.pid).execute()).toEqual([]);
      expect(await db.kysely.selectFrom('registry.retired_pid').select(['pid', 'retired_by']).where('pid', '=', baby.pid).execute()).toEqual([{ pid: baby.pid, retired_by: 'app:test' }]);
      expect((await outbox('registry.person.cancelled', baby.pid)).map((r) => payload(r))).toEqual([{ pid: baby.pid, source: src }]);
      const removed = (await outbox('registry.household.changed', String(familyId))).map((r) => payload(r));
      expect(removed.at(-1)).toEqual({ householdId: familyId, change: 'member_removed', pids: [baby.pid] });
      expect((await history(baby.pid)).at(-1)).toMatchObject({ change: 'birth_cancelled', source: src, actor: 'app:test', reason: 'Huỷ hồ sơ liên thông' });
      expect((await logOf(baby.pid)).map((e) => e.action)).toEqual(expect.arrayContaining(['create', 'update', 'cancel']));
      // the rest of the household is still there
      expect((await api.getPerson(read, FAMILY.father.pid)).household?.id).toBe(familyId);

      // the number is never given again, even asked for explicitly
      const again = await refusal(api.createPerson(ctx, birth('KS-001b', { pid: baby.pid })));
      expect(again).toBeInstanceOf(ConflictError);
      expect(again.fields).toEqual([expect.objectContaining({ path: 'body.pid', code: 'pid_retired' })]);
    });

    it('refuses a personal ID retired before, like a taken one', async () => {
      await db.kysely.insertInto('registry.retired_pid').values({ pid: '031326424242', reason: 'test', retired_by: 'test' }).execute();
      const e = await refusal(api.createPerson({ actor: engine }, birth('KS-002', { pid: '031326424242' })));
      expect(e).toMatchObject({ status: 409 });
      expect(e.fields[0]).toMatchObject({ path: 'body.pid', code: 'pid_retired' });
      expect(await db.kysely.selectFrom('registry.person').select('pid').where('pid', '=', '031326424242').execute()).toEqual([]);
    });

    it('keeps a record another source changed since, or one another procedure created', async () => {
      const src = 'procedure:KS-003';
      const baby = await api.createPerson({ actor: engine, source: src }, birth('KS-003', { fullName: 'Nguyễn Văn Phúc', sex: 'M' }));
      // linked by the same procedure: still cancellable later; an official's correction: not any more
      await api.updatePerson({ actor: engine }, baby.pid, { changes: { ethnicity: '01' }, source: 'procedure', sourceRef: 'KS-003', reason: 'Bổ sung dân tộc' });
      const other = await refusal(api.cancelBirth({ actor: engine }, baby.pid, { source: 'procedure:KS-999', reason: 'Huỷ nhầm hồ sơ' }));
      expect(other).toBeInstanceOf(ConflictError);
      expect(other.fields[0]).toMatchObject({ code: 'other_source' });

      await api.updatePerson({ actor: engine }, baby.pid, { changes: { birthPlace: 'Bệnh viện Phụ sản Hải Phòng' }, source: 'correction', reason: 'Cải chính nơi sinh' });
      const changed = await refusal(api.cancelBirth({ actor: engine }, baby.pid, { source: src, reason: 'Huỷ hồ sơ liên thông' }));
      expect(changed).toBeInstanceOf(ConflictError);
      expect(changed.fields[0]).toMatchObject({ code: 'changed_since' });
      expect((await api.getPerson(read, baby.pid)).pid).toBe(baby.pid);
      expect(await db.kysely.selectFrom('registry.retired_pid').select('pid').where('pid', '=', baby.pid).execute()).toEqual([]);
    });
  });

  describe('residences and households', () => {
    it('ends a residence with the procedure as the history’s source', async () => {
      await api.endResidence({ actor: engine, source: 'procedure:XTT-1' }, FAMILY.neighbour.pid, 'permanent', { validTo: TODAY, reason: 'Xoá đăng ký thường trú' });
      const v = await api.getPerson(read, FAMILY.neighbour.pid);
      expect(v.residences?.filter((r) => r.kind === 'permanent')).toEqual([]);
      expect((await history(FAMILY.neighbour.pid)).at(-1)).toMatchObject({ change: 'residence_permanent_ended', source: 'procedure:XTT-1' });
      expect(await refusal(api.endResidence({ actor: engine }, FAMILY.neighbour.pid, 'permanent', { reason: 'Lần hai' }))).toMatchObject({ status: 404 });
    });

    it('founds a household with only its head; others join by the head, and leave', async () => {
      const ctx = { actor: engine, source: 'procedure:TH-1' };
      const { householdId } = await api.foundHousehold(ctx, { communeCode: HAI_DUONG, addressDetail: 'Số 8, phố Quang Trung', headPid: FAMILY.neighbour.pid, reason: 'Lập hộ mới' });
      expect((await api.getPerson(read, FAMILY.neighbour.pid)).household).toMatchObject({ id: householdId, relation: 'head', headPid: FAMILY.neighbour.pid });
      expect((await history(FAMILY.neighbour.pid)).at(-1)).toMatchObject({ change: 'household_joined', source: 'procedure:TH-1' });

      expect(await api.joinHousehold(ctx, P.man1990.pid, { headPid: FAMILY.neighbour.pid, relation: 'other', reason: 'Nhập hộ' })).toEqual({ householdId });
      const twice = await refusal(api.joinHousehold(ctx, P.man1990.pid, { headPid: FAMILY.neighbour.pid, relation: 'other', reason: 'Nhập hộ' }));
      expect(twice).toBeInstanceOf(ConflictError);
      const noHead = await refusal(api.joinHousehold(ctx, P.groom.pid, { headPid: P.bride.pid, relation: 'spouse', reason: 'Nhập hộ' }));
      expect(noHead).toBeInstanceOf(ValidationError);
      expect(noHead.fields[0]).toMatchObject({ path: 'body.headPid', code: 'not_head' });

      // the head cannot leave while someone remains
      expect(await refusal(api.leaveHousehold(ctx, FAMILY.neighbour.pid, 'Chuyển đi'))).toBeInstanceOf(ConflictError);
      expect(await api.leaveHousehold(ctx, P.man1990.pid, 'Chuyển đi')).toEqual({ householdId });
      expect((await history(P.man1990.pid)).at(-1)).toMatchObject({ change: 'household_left', source: 'procedure:TH-1', diff: { household: [householdId, null] } });
      expect(await api.leaveHousehold(ctx, P.man1990.pid, 'Chuyển đi')).toBeNull();
      // the last member, the head, leaves: the household is dissolved
      expect(await api.leaveHousehold(ctx, FAMILY.neighbour.pid, 'Chuyển đi')).toEqual({ householdId });
      const h = await db.kysely.selectFrom('registry.household').select(['dissolved_at', 'head_pid']).where('id', '=', householdId).executeTakeFirstOrThrow();
      expect(h.dissolved_at).not.toBeNull();
      expect((await api.getPerson(read, FAMILY.neighbour.pid)).household).toBeNull();
    });

    it('will not leave a household without its head when the head founds another', async () => {
      const e = await refusal(api.foundHousehold({ actor: engine }, { communeCode: THANH_DONG, addressDetail: 'Số 9', headPid: FAMILY.father.pid, reason: 'Tách hộ' }));
      expect(e).toBeInstanceOf(ConflictError);
      expect((await api.getPerson(read, FAMILY.mother.pid)).household).toMatchObject({ id: familyId, headPid: FAMILY.father.pid });
    });

    it('lets a head who lives alone join another household: theirs is dissolved', async () => {
      const { householdId: own } = await api.foundHousehold({ actor: engine }, { communeCode: THANH_DONG, addressDetail: 'Số 12', headPid: P.daughter.pid, reason: 'Lập hộ' });
      expect(await api.joinHousehold({ actor: engine }, P.daughter.pid, { headPid: FAMILY.father.pid, relation: 'other_relative', reason: 'Nhập hộ' })).toEqual({ householdId: familyId });
      expect((await db.kysely.selectFrom('registry.household').select('dissolved_at').where('id', '=', own).executeTakeFirstOrThrow()).dissolved_at).not.toBeNull();
      expect((await outbox('registry.household.changed', String(own))).map((r) => payload(r).change)).toEqual(['created', 'dissolved']);
    });
  });

  describe('marriages', () => {
    const kh = (n: string) => ({ source: `procedure:KH-${n}`, reason: 'Đăng ký kết hôn' });
    const ctx = { actor: engine };
    const fieldsOf = async (p: Promise<unknown>) => {
      const e = await refusal(p);
      expect(e).toBeInstanceOf(ValidationError);
      expect(e.status).toBe(400);
      for (const f of e.fields) expect(f.message.vi && f.message.en).toBeTruthy();
      return e.fields.map((f) => [f.path, f.code]);
    };

    it('registers a marriage on both records at once: history, events, access log', async () => {
      await api.registerMarriage(ctx, P.groom.pid, P.bride.pid, kh('1'));
      const [g, b] = [await api.getPerson(read, P.groom.pid), await api.getPerson(read, P.bride.pid)];
      expect([g.spousePid, g.maritalStatus, b.spousePid, b.maritalStatus]).toEqual([P.bride.pid, 'married', P.groom.pid, 'married']);
      expect(g.sources?.changed.spousePid?.source).toBe('procedure:KH-1');
      expect((await history(P.bride.pid)).at(-1)).toMatchObject({
        change: 'updated',
        source: 'procedure:KH-1',
        actor: 'app:test',
        diff: { spousePid: [null, P.groom.pid], maritalStatus: ['divorced', 'married'] },
      });
      for (const pid of [P.groom.pid, P.bride.pid]) {
        expect((await outbox('registry.person.updated', pid)).map((r) => payload(r).fields)).toEqual([['spousePid', 'maritalStatus']]);
        expect(await logOf(pid)).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'update', purpose: 'procedure:KH-1' })]));
      }
    });

    it('refuses anyone already married, and one person twice', async () => {
      expect(await fieldsOf(api.registerMarriage(ctx, P.groom.pid, P.eighteenToday.pid, kh('2')))).toEqual([['body.person', 'already_married']]);
      expect(await fieldsOf(api.registerMarriage(ctx, P.man1990.pid, FAMILY.mother.pid, kh('2')))).toEqual([['body.spouse', 'already_married']]);
      expect(await fieldsOf(api.registerMarriage(ctx, P.man1990.pid, P.man1990.pid, kh('2')))).toEqual([['body.spouse', 'same_person']]);
    });

    it('refuses a man under 20 and a woman under 18 full years (a birth year alone counts from 31 December)', async () => {
      expect(await fieldsOf(api.registerMarriage(ctx, P.youngMan.pid, P.eighteenToday.pid, kh('3')))).toEqual([['body.person', 'under_age']]);
      expect(await fieldsOf(api.registerMarriage(ctx, P.man1990.pid, P.yearOnlyWoman.pid, kh('3')))).toEqual([['body.spouse', 'under_age']]);
    });

    it('refuses someone not alive, people of the same sex, and a parent or grandparent', async () => {
      expect(await fieldsOf(api.registerMarriage(ctx, P.man1990.pid, P.deceased.pid, kh('4')))).toEqual([['body.spouse', 'not_alive']]);
      const sameSex = await refusal(api.registerMarriage(ctx, P.man1990.pid, P.widower.pid, kh('4')));
      expect(sameSex.fields.map((f) => f.code)).toEqual(['same_sex']);
      expect(sameSex.fields[0]!.message.en).toMatch(/same sex.*art\. 8\(2\)/);
      expect(await fieldsOf(api.registerMarriage(ctx, P.widower.pid, P.daughter.pid, kh('4')))).toEqual([['body.spouse', 'direct_line']]);
      expect(await fieldsOf(api.registerMarriage(ctx, P.widower.pid, P.granddaughter.pid, kh('4')))).toEqual([['body.spouse', 'direct_line']]);
      expect((await api.getPerson(read, P.widower.pid)).maritalStatus).toBe('widowed'); // nothing changed
    });

    it('accepts a woman on her 18th birthday, and cancels the marriage back to each one’s former status', async () => {
      await api.registerMarriage(ctx, P.man1990.pid, P.eighteenToday.pid, kh('5'));
      expect((await api.getPerson(read, P.eighteenToday.pid)).spousePid).toBe(P.man1990.pid);

      const notSpouses = await refusal(api.cancelMarriage(ctx, P.man1990.pid, P.bride.pid, kh('5')));
      expect(notSpouses).toBeInstanceOf(ConflictError);
      expect(notSpouses.fields[0]).toMatchObject({ path: 'body.spouse', code: 'not_spouses' });

      await api.cancelMarriage(ctx, P.man1990.pid, P.eighteenToday.pid, { source: 'procedure:KH-5', reason: 'Huỷ kết quả liên thông' });
      await api.cancelMarriage(ctx, P.bride.pid, P.groom.pid, { source: 'procedure:KH-1', reason: 'Huỷ kết quả liên thông' });
      const status = async (pid: string) => {
        const v = await api.getPerson(read, pid);
        return [v.spousePid, v.maritalStatus];
      };
      expect(await status(P.man1990.pid)).toEqual([null, 'single']);
      expect(await status(P.eighteenToday.pid)).toEqual([null, null]); // unknown before, unknown again
      expect(await status(P.groom.pid)).toEqual([null, 'single']);
      expect(await status(P.bride.pid)).toEqual([null, 'divorced']);
      expect((await history(P.bride.pid)).at(-1)).toMatchObject({ source: 'procedure:KH-1', reason: 'Huỷ kết quả liên thông', diff: { spousePid: [P.groom.pid, null], maritalStatus: ['married', 'divorced'] } });
      // free to marry again
      await api.registerMarriage(ctx, P.groom.pid, P.bride.pid, kh('6'));
      expect((await api.getPerson(read, P.groom.pid)).spousePid).toBe(P.bride.pid);
    });
  });
});

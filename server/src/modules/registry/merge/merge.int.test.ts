// Merging two records of one person: the survivor keeps both histories, people linked to the
// duplicate are re-linked, and the retired number answers every read with a pointer to the
// survivor, forever (301 for reads, 409 for writes), with the merge in the events and access log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { FAMILY, HAI_DUONG, THANH_DONG, person, seedFamily } from '../../../../test/support/registry-fixtures.ts';
import { writePersonBatch } from '../bulk/person-bulk.writer.ts';
import type { Actor } from '../../../http/authz.ts';

const officer: Actor = { sub: 'cb-thanhdong-01', role: 'commune_police', unit: THANH_DONG };
const elsewhere = { sub: 'cb-haiduong-01', role: 'commune_police' as const, unit: HAI_DUONG };
const Q = 'purpose=data_quality';

// The father registered a second time (typed without diacritics, another phone), with a daughter
// recorded against the duplicate; a second duplicate who heads a household of his own.
const DUP = person({ pid: '030085007777', fullName: 'Nguyen Van Hung', birthDate: '1985-04-12', sex: 'M', phone: '+84987654321', oldId: '141234567', idCardIssuedOn: '2016-01-04', idCardExpiresOn: '2025-04-12' });
const DAUGHTER = person({ pid: '031218000222', fullName: 'Nguyễn Thị Mai', birthDate: '2018-09-09', sex: 'F', fatherPid: DUP.pid });
const HEAD_DUP = person({ pid: '030075008888', fullName: 'Le Van Nam', birthDate: '1975', sex: 'M', communeCode: HAI_DUONG, addressDetail: 'Số 8, phố Quang Trung', householdCode: `${HAI_DUONG}-0000009`, householdRelation: 'head' });
const HEAD_DUP_WIFE = person({ pid: '030178008889', fullName: 'Đỗ Thị Hoa', birthDate: '1978', sex: 'F', communeCode: HAI_DUONG, addressDetail: 'Số 8, phố Quang Trung', householdCode: `${HAI_DUONG}-0000009`, householdRelation: 'spouse' });

describe('merging duplicate persons', () => {
  let t: TestApp;
  const events: { topic: string; payload: unknown }[] = [];
  beforeAll(async () => {
    t = await createTestApp();
    await seedFamily(t.db);
    await t.db.bulk((s) =>
      writePersonBatch(s, [DUP, DAUGHTER, HEAD_DUP, HEAD_DUP_WIFE].map((record, i) => ({ rowNo: i + 1, record })), { source: 'import:legacy-2019', actor: 'test', today: '2026-01-01' }),
    );
    await t.db.bulk((s) => s.query("update registry.person set created_at = '2019-06-01T00:00:00+07:00' where pid = $1", [DUP.pid]));
    const { PersonMerged, PersonUpdated, HouseholdChanged } = await import('../index.ts');
    const record = async (e: { topic: string; payload: unknown }) => void events.push({ topic: e.topic, payload: e.payload });
    t.app.bus.subscribe('test-recorder', PersonMerged, record);
    t.app.bus.subscribe('test-recorder', PersonUpdated, record);
    t.app.bus.subscribe('test-recorder', HouseholdChanged, record);
  });
  afterAll(async () => t?.close());

  const headers = (actor = officer) => t.auth(actor);
  const merge = async (survivor: string, body: object, actor = officer) =>
    t.app.http.inject({ method: 'POST', url: `/api/v1/persons/${survivor}/merge`, payload: body, headers: await headers(actor) });

  it('refuses an officer whose jurisdiction does not cover both records', async () => {
    const res = await merge(FAMILY.father.pid, { retiredPid: DUP.pid, reason: 'Trùng hồ sơ' }, elsewhere);
    expect(res.statusCode).toBe(404);
    expect((await t.db.kysely.selectFrom('registry.person').select('pid').where('pid', '=', DUP.pid).execute()).length).toBe(1);
  });

  it('refuses to merge a record with itself, naming the field', async () => {
    const res = await merge(FAMILY.father.pid, { retiredPid: FAMILY.father.pid, reason: 'Trùng hồ sơ' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toMatchObject({ path: 'body.retiredPid', code: 'same_person' });
  });

  it('merges: the survivor takes the chosen values, links move to it, the duplicate card is revoked', async () => {
    const res = await merge(FAMILY.father.pid, { retiredPid: DUP.pid, reason: 'Cùng một người: đối chiếu giấy khai sinh', take: ['phone'], sourceRef: 'quality-finding:1' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ survivorPid: FAMILY.father.pid, retiredPid: DUP.pid, taken: ['phone'], relinked: [DAUGHTER.pid], household: null, cardsRevoked: 1 });
    expect(body.residences).toEqual({ moved: [], ended: ['permanent'] });
    const father = (await t.app.http.inject({ method: 'GET', url: `/api/v1/persons/${FAMILY.father.pid}?${Q}`, headers: await headers() })).json();
    expect(father.phone).toBe('+84987654321');
    expect(father.sources.changed.phone.source).toBe('merge:quality-finding:1');
    const daughter = (await t.app.http.inject({ method: 'GET', url: `/api/v1/persons/${DAUGHTER.pid}?${Q}`, headers: await headers() })).json();
    expect(daughter.fatherPid).toBe(FAMILY.father.pid);
  });

  it('answers a read of the retired number with 301 to the survivor, with the same purpose, forever', async () => {
    const res = await t.app.http.inject({ method: 'GET', url: `/api/v1/persons/${DUP.pid}?${Q}`, headers: { ...(await headers()), 'accept-language': 'en' } });
    expect(res.statusCode).toBe(301);
    expect(res.headers.location).toBe(`/api/v1/persons/${FAMILY.father.pid}?${Q}`);
    expect(res.headers['x-open06-merged-into']).toBe(FAMILY.father.pid);
    expect(res.json()).toMatchObject({ code: 'person_merged', status: 301 });
    expect(res.json().detail).toContain(`merged into ${FAMILY.father.pid}`);
    // the history read points too; an officer who may not see the survivor gets nothing
    const hist = await t.app.http.inject({ method: 'GET', url: `/api/v1/persons/${DUP.pid}/history?${Q}`, headers: await headers() });
    expect(hist.statusCode).toBe(301);
    expect(hist.headers.location).toBe(`/api/v1/persons/${FAMILY.father.pid}/history?${Q}`);
    const stranger = await t.app.http.inject({ method: 'GET', url: `/api/v1/persons/${DUP.pid}?${Q}`, headers: await headers(elsewhere) });
    expect(stranger.statusCode).toBe(404);
  });

  it('refuses a change to the retired number with 409, and a second merge of it', async () => {
    const patch = await t.app.http.inject({ method: 'PATCH', url: `/api/v1/persons/${DUP.pid}`, payload: { changes: { phone: '+84911111111' }, reason: 'Cập nhật số điện thoại' }, headers: await headers() });
    expect(patch.statusCode).toBe(409);
    expect(patch.json().code).toBe('person_merged');
    const again = await merge(FAMILY.father.pid, { retiredPid: DUP.pid, reason: 'Trùng hồ sơ' });
    expect(again.statusCode).toBe(409);
    expect(again.json().errors[0]).toMatchObject({ path: 'body.retiredPid', code: 'person_merged' });
  });

  it('keeps both histories under the survivor, each entry marked with its record', async () => {
    const items = (await t.app.http.inject({ method: 'GET', url: `/api/v1/persons/${FAMILY.father.pid}/history?${Q}`, headers: await headers() })).json().items as {
      pid?: string;
      change: string;
      source: string;
      reason: string | null;
      diff: Record<string, unknown> | null;
    }[];
    const changes = items.map((i) => `${i.pid ?? 'own'}:${i.change}`);
    expect(changes).toContain('own:created');
    expect(changes).toContain(`${DUP.pid}:created`);
    expect(changes).toContain(`${DUP.pid}:merged_into`);
    const merged = items.find((i) => i.change === 'merged')!;
    expect(merged).toMatchObject({ source: 'merge:quality-finding:1', reason: 'Cùng một người: đối chiếu giấy khai sinh', diff: { mergedFrom: [null, DUP.pid] } });
    expect(items.find((i) => i.change === 'updated' && i.diff && 'phone' in i.diff)!.diff!.phone).toEqual(['+84912345678', '+84987654321']);
    // the retired record's creation kept its own source and date
    expect(items.find((i) => i.pid === DUP.pid && i.change === 'created')).toMatchObject({ source: 'import:legacy-2019', at: '2019-05-31T17:00:00.000Z' });
  });

  it('publishes the merge and the re-linked people, and logs it for both numbers', async () => {
    await t.app.bus.drain();
    expect(events).toContainEqual({ topic: 'registry.person.merged', payload: { retiredPid: DUP.pid, survivorPid: FAMILY.father.pid, source: 'merge:quality-finding:1' } });
    expect(events.filter((e) => e.topic === 'registry.person.updated').map((e) => (e.payload as { pid: string }).pid).sort()).toEqual([FAMILY.father.pid, DAUGHTER.pid].sort());
    const log = (pid: string) => t.app.accessLog.forPerson(pid, { limit: 50 });
    expect((await log(DUP.pid)).map((e) => e.action)).toContain('merge');
    expect((await log(FAMILY.father.pid)).find((e) => e.action === 'merge')).toMatchObject({ actor: officer.sub, purpose: 'merge:quality-finding:1' });
    expect((await log(DUP.pid)).find((e) => e.action === 'read' && e.fields.includes('mergedInto'))).toBeTruthy();
  });

  it('refuses to retire the head of another household with members, and moves the place of one alone', async () => {
    const neighbourOfficer = { sub: 'cb-haiduong-02', role: 'commune_police' as const, unit: HAI_DUONG };
    // FAMILY.neighbour lives alone (no household); the duplicate heads a household with his wife
    const refused = await merge(FAMILY.neighbour.pid, { retiredPid: HEAD_DUP.pid, reason: 'Trùng hồ sơ' }, neighbourOfficer);
    expect(refused.statusCode).toBe(200); // the survivor has no household: it takes the duplicate's place as head
    expect(refused.json().household).toBe('moved');
    const h = await t.db.kysely.selectFrom('registry.household').select(['head_pid']).where('code', '=', `${HAI_DUONG}-0000009`).executeTakeFirstOrThrow();
    expect(h.head_pid).toBe(FAMILY.neighbour.pid);
    // now the son (in Thành Đông's household) may not retire… the neighbour, who heads a household with a member
    const province = { sub: 'ca-haiphong', role: 'province_police' as const, unit: '31' };
    const conflict = await merge(FAMILY.son.pid, { retiredPid: FAMILY.neighbour.pid, reason: 'Thử' }, province);
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json().detail).toContain('chủ hộ');
  });
});

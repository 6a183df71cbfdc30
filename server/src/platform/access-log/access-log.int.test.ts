import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb } from '../../../test/support/test-db.ts';
import type { Db } from '../db/db.ts';
import { createAccessLog, type AccessLog } from './access-log.ts';

const officer = { sub: 'officer-1', role: 'commune_police', unit: '31018' };

describe('access log', () => {
  let db: Db;
  let log: AccessLog;
  beforeAll(async () => {
    db = await freshDb();
    log = createAccessLog(db);
  });
  afterAll(async () => db?.close());

  it('keeps every entry of concurrent requests in one unbroken chain', async () => {
    await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        log.record({ actor: officer, purpose: 'residence_management', action: 'read', subjectPid: `0310900000${String(i % 10).padStart(2, '0')}`, fields: ['fullName'], outcome: 'ok' }),
      ),
    );
    const v = await log.verify();
    expect(v).toEqual({ intact: true, entries: 300 });
  });

  it('hashes in the database exactly as verify does, whatever the text holds', async () => {
    // audit.append (SQL) computes each hash; verify recomputes it in TypeScript
    await log.record([
      { actor: { sub: 'cán-bộ "Đặng"', role: 'province_police' }, purpose: 'điều tra, xác minh\n\\ \u0001 😀', action: 'read', subjectPid: null, fields: ['họ tên', 'a,"b"', '{x}'], outcome: 'ok', requestId: 'req-ẞ' },
      { actor: officer, purpose: 'residence_management', action: 'search', fields: [], outcome: 'denied' },
    ]);
    expect(await log.verify()).toEqual({ intact: true, entries: 302 });
    const [last] = await db.kysely.selectFrom('audit.access_log').select(['purpose', 'fields', 'actor_unit']).orderBy('seq', 'desc').limit(2).execute().then((r) => r.slice(1));
    expect(last).toEqual({ purpose: 'điều tra, xác minh\n\\ \u0001 😀', fields: ['họ tên', 'a,"b"', '{x}'], actor_unit: null });
  });

  it("lists a person's accesses newest first", async () => {
    const rows = await log.forPerson('031090000003');
    expect(rows).toHaveLength(30);
    expect(rows[0]!.seq).toBeGreaterThan(rows[29]!.seq);
    expect(rows[0]).toMatchObject({ actor: 'officer-1', actorRole: 'commune_police', purpose: 'residence_management', fields: ['fullName'] });
  });

  it('refuses updates and deletes', async () => {
    await expect(db.bulk((s) => s.query("update audit.access_log set purpose = 'x' where seq = 5"))).rejects.toThrow(/append-only/);
    await expect(db.bulk((s) => s.query('delete from audit.access_log where seq = 5'))).rejects.toThrow(/append-only/);
  });

  it('names the first altered entry when someone bypasses the guard', async () => {
    await db.bulk(async (s) => {
      await s.exec('alter table audit.access_log disable trigger access_log_append_only');
      await s.query("update audit.access_log set purpose = 'investigation' where seq in (42, 77)");
      await s.exec('alter table audit.access_log enable trigger access_log_append_only');
    });
    const v = await log.verify();
    expect(v).toEqual({ intact: false, entries: 41, firstBroken: { seq: 42, reason: 'content was altered (hash differs)' } });
  });
});

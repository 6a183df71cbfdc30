import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { freshDb } from '../../../../test/support/test-db.ts';
import type { Db } from '../../../platform/db/db.ts';
import type { IdentityTables } from '../identity.tables.ts';
import { oidcAdapterFactory } from './oidc.adapter.ts';

describe('provider storage kept in memory', () => {
  let db: Db;
  let Adapter: ReturnType<typeof oidcAdapterFactory>;
  beforeAll(async () => {
    db = await freshDb();
    Adapter = oidcAdapterFactory(db.kysely as Kysely<IdentityTables>);
  });
  afterAll(async () => db?.close());

  it('remembers a session it wrote, and finds it by uid', async () => {
    const sessions = new Adapter('Session');
    await sessions.upsert('s1', { uid: 'u1', accountId: 'a1' }, 3600);
    await db.kysely.deleteFrom('identity.oidc_model' as never).execute(); // behind its back
    expect(await sessions.find('s1')).toMatchObject({ uid: 'u1' });
    expect(await sessions.findByUid('u1')).toMatchObject({ accountId: 'a1' });
  });

  it('a logout while the session is being written does not bring it back', async () => {
    const sessions = new Adapter('Session');
    const writing = sessions.upsert('s2', { uid: 'u2', accountId: 'a2' }, 3600);
    const ending = sessions.destroy('s2');
    await Promise.all([writing, ending]);
    expect(await sessions.find('s2')).toBeUndefined();
    expect(await sessions.findByUid('u2')).toBeUndefined();
  });

  it("forgets an account's sessions when the account service ends them", async () => {
    const sessions = new Adapter('Session');
    await sessions.upsert('s3', { uid: 'u3', accountId: 'a3' }, 3600);
    await db.kysely.deleteFrom('identity.oidc_model' as never).execute();
    Adapter.forgetAccount('a3');
    expect(await sessions.find('s3')).toBeUndefined();
  });
});

// The catalogue as a citizen browses it: public, searchable without diacritics, every procedure's
// whole definition.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';

describe('the service catalogue over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());
  const get = (url: string) => t.app.http.inject({ method: 'GET', url });

  it('lists the 25 essential services in the order of Decision 06, without logging in', async () => {
    const r = await get('/api/v1/services?essential=true');
    expect(r.statusCode, r.body).toBe(200);
    const items = r.json().items as { essential: number; id: string }[];
    expect(items.map((i) => i.essential)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(items[8]).toMatchObject({ id: 'birth-registration', nationalCode: '1.001193', kind: 'single' });
    expect((await get('/api/v1/services')).json().items.length).toBeGreaterThan(25);
  });

  it('finds a procedure by words typed without diacritics, or by its national code', async () => {
    expect((await get('/api/v1/services?q=dang%20ky%20tam%20tru')).json().items.map((i: { id: string }) => i.id)).toEqual(['temporary-residence-registration']);
    expect((await get('/api/v1/services?q=1.001193')).json().items.map((i: { id: string }) => i.id)).toEqual(['birth-registration']);
    expect((await get('/api/v1/services?q=khong%20co%20thu%20tuc%20nay')).json().items).toEqual([]);
  });

  it('gives a procedure’s whole definition, and a clear 404 for one that does not exist', async () => {
    const d = (await get('/api/v1/services/death-residence-funeral')).json();
    expect(d).toMatchObject({ kind: 'linked', essential: 16 });
    expect(d.steps.length).toBeGreaterThanOrEqual(3);
    const missing = await get('/api/v1/services/khong-co');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
  });
});

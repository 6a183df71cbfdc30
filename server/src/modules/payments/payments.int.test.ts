// Paying a fee by bank transfer: the VietQR carries the exact amount and a unique reference; a
// bank's signed notification (or the simulator, through the same endpoint) pays it once; wrong
// amounts, unknown references, replays and forged signatures change nothing; a reconciliation file
// is all-or-nothing and imported once; open requests expire.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseVietQr } from '@open06/kernel/vietqr';
import type { Actor } from '../../http/authz.ts';
import { createTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { SIGNATURE_HEADER } from './index.ts';

const PAYER: Actor = { sub: 'citizen:payer', role: 'citizen', pid: '030190004321' };
const OTHER: Actor = { sub: 'citizen:other', role: 'citizen', pid: '030085001234' };
const ADMIN: Actor = { sub: 'admin-1', role: 'admin' };
const DESK: Actor = { sub: 'desk-1', role: 'one_stop_officer', unit: '10507' };

let nowMs = Date.parse('2026-11-24T09:00:00+07:00');
const clock = { now: () => new Date(nowMs) };

describe('payments', () => {
  let t: TestApp;
  const get = async (actor: Actor, id: string) => t.app.http.inject({ method: 'GET', url: `/api/v1/payments/${id}`, headers: await t.auth(actor) });
  const notify = (body: object, signature?: string) => {
    const raw = JSON.stringify(body);
    return t.app.http.inject({ method: 'POST', url: '/api/v1/payments/bank-notifications', headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signature ?? t.app.payments.signAsBank(raw) }, payload: raw });
  };
  const open = (amount = 50_000) => t.app.payments.api.request({ purpose: 'service_application', subjectRef: `app-${amount}-${Math.random()}`, payerPid: PAYER.pid, description: 'Lệ phí đăng ký thường trú', amount });

  beforeAll(async () => {
    t = await createTestApp({ clock });
  });
  afterAll(async () => t?.close());

  it('a request carries a VietQR for the exact amount and its reference, seen by the payer and the desk only', async () => {
    const p = await open(15_000);
    expect(p).toMatchObject({ status: 'pending', amount: 15_000, currency: 'VND', reference: expect.stringMatching(/^O6[0-9A-Z]{12}$/) });
    const qr = parseVietQr(p.vietQr!);
    expect(qr.ok).toBe(true);
    if (qr.ok) expect(qr.qr).toMatchObject({ amount: 15_000, reference: p.reference, bin: '970415', dynamic: true });
    expect((await get(PAYER, p.id)).json().id).toBe(p.id);
    expect((await get(DESK, p.id)).statusCode).toBe(200);
    expect((await get(OTHER, p.id)).statusCode).toBe(404);
  });

  it('the simulator pays through the bank’s own signed notification, once', async () => {
    const p = await open();
    const r = await t.app.http.inject({ method: 'POST', url: `/api/v1/payments/${p.id}/simulate-transfer`, headers: await t.auth(PAYER) });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().result).toEqual({ outcome: 'matched', paymentId: p.id });
    const paid = (await get(PAYER, p.id)).json();
    expect(paid).toMatchObject({ status: 'paid', confirmedBy: 'bank_notification', vietQr: null, paidAt: new Date(nowMs).toISOString() });
    expect((await notify(r.json().notification)).json()).toEqual({ outcome: 'duplicate', paymentId: p.id });
    const again = await t.app.http.inject({ method: 'POST', url: `/api/v1/payments/${p.id}/simulate-transfer`, headers: await t.auth(PAYER) });
    expect(again.json().result.outcome).toBe('not_pending');
    const events = await t.db.kysely.selectFrom('platform.outbox').select(['topic', 'payload']).where('topic', '=', 'payments.payment.confirmed').execute();
    expect(events.filter((e) => JSON.stringify(e.payload).includes(p.id))).toHaveLength(1);
  });

  it('a forged signature is refused; a wrong amount or an unknown reference pays nothing but is kept', async () => {
    const p = await open(30_000);
    const n = { bankTxnId: 'VCB-0001', reference: p.reference, amount: 30_000, paidAt: new Date(nowMs).toISOString() };
    expect((await notify(n, 'sha256=' + '0'.repeat(64))).statusCode).toBe(401);
    expect((await notify({ ...n, bankTxnId: 'VCB-0002', amount: 3_000 })).json().outcome).toBe('amount_mismatch');
    expect((await notify({ ...n, bankTxnId: 'VCB-0003', reference: 'O6NOSUCHREF000' })).json().outcome).toBe('unknown_reference');
    expect((await get(PAYER, p.id)).json().status).toBe('pending');
    const bad = await notify({ ...n, bankTxnId: 'VCB-0004', amount: -5 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('body.amount');
    const kept = await t.db.kysely.selectFrom('payments.bank_notification').select(['bank_txn_id', 'outcome']).where('bank_txn_id', 'in', ['VCB-0002', 'VCB-0003']).orderBy('bank_txn_id').execute();
    expect(kept.map((k) => k.outcome)).toEqual(['amount_mismatch', 'unknown_reference']);
  });

  it('a reconciliation file is checked whole, applied in one go, and imported once', async () => {
    const a = await open(20_000);
    const b = await open(25_000);
    const at = new Date(nowMs).toISOString();
    const badFile = `bankTxnId,reference,amount,paidAt\nBIDV-1,${a.reference},20000,${at}\nBIDV-2,${b.reference},abc,${at}\n`;
    const bad = await t.app.http.inject({ method: 'POST', url: '/api/v1/payments/reconciliations', headers: { ...(await t.auth(ADMIN)), 'content-type': 'text/csv' }, payload: badFile });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { path: string }) => e.path)).toEqual(['csv.line3.amount']);
    expect((await get(PAYER, a.id)).json().status).toBe('pending');
    const file = `bankTxnId,reference,amount,paidAt\nBIDV-1,${a.reference},20000,${at}\nBIDV-2,${b.reference},25000,${at}\nBIDV-3,O6UNKNOWN00000,1000,${at}\n`;
    const headers = { ...(await t.auth(ADMIN)), 'content-type': 'text/csv' };
    const r = await t.app.http.inject({ method: 'POST', url: '/api/v1/payments/reconciliations', headers, payload: file });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ alreadyImported: false, rows: 3, matched: 2, unknownReference: 1 });
    expect((await get(PAYER, b.id)).json()).toMatchObject({ status: 'paid', confirmedBy: 'reconciliation' });
    expect((await t.app.http.inject({ method: 'POST', url: '/api/v1/payments/reconciliations', headers, payload: file })).json()).toMatchObject({ alreadyImported: true, matched: 2 });
    expect((await t.app.http.inject({ method: 'POST', url: '/api/v1/payments/reconciliations', headers: { ...(await t.auth(DESK)), 'content-type': 'text/csv' }, payload: file })).statusCode).toBe(403);
  });

  it('an open request expires; a late transfer for it is kept, not applied — one made in time but reported late pays it', async () => {
    const p = await open(40_000);
    const q = await open(45_000);
    const inTime = new Date(nowMs + 3600_000).toISOString();
    nowMs += 25 * 3600_000;
    expect((await notify({ bankTxnId: 'ACB-8', reference: q.reference, amount: 45_000, paidAt: inTime })).json().outcome).toBe('matched');
    expect((await get(PAYER, p.id)).json()).toMatchObject({ status: 'expired', vietQr: null });
    expect((await notify({ bankTxnId: 'ACB-9', reference: p.reference, amount: 40_000, paidAt: new Date(nowMs).toISOString() })).json().outcome).toBe('not_pending');
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPaymentsConfig, newReference } from './payment.service.ts';

describe('payments configuration and references', () => {
  it('the shipped configuration makes VietQRs', () => {
    expect(loadPaymentsConfig().beneficiary.bin).toMatch(/^\d{6}$/);
  });

  it('a beneficiary a VietQR cannot carry stops the start, naming the field', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'open06-pay-'));
    const file = path.join(dir, 'payments.json');
    fs.writeFileSync(file, JSON.stringify({ beneficiary: { bin: '970415', account: '123456', name: 'KHO BAC NHA NUOC THANH PHO HAI PHONG', city: 'HAI PHONG' }, expiresAfterMinutes: 60 }));
    expect(() => loadPaymentsConfig(new URL(`file://${file}`))).toThrow(/payments\.json: beneficiary: merchant_name_invalid/);
    fs.writeFileSync(file, JSON.stringify({ beneficiary: { bin: '97041', account: '123456', name: 'KBNN', city: 'HP' }, expiresAfterMinutes: 60 }));
    expect(() => loadPaymentsConfig(new URL(`file://${file}`))).toThrow(/bin_invalid/);
    fs.rmSync(dir, { recursive: true });
  });

  it('references are unique-looking, unambiguous and fit every bank memo', () => {
    const refs = new Set(Array.from({ length: 5000 }, () => newReference()));
    expect(refs.size).toBe(5000);
    for (const r of refs) expect(r).toMatch(/^O6[0-9A-HJKMNP-TV-Z]{12}$/);
  });
});

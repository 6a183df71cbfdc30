import { describe, expect, it } from 'vitest';
import { maskEmail, maskPhone, toE164Vn } from './phone.ts';

describe('Vietnamese phone numbers', () => {
  it('writes the forms people type in E.164', () => {
    for (const s of ['0912345678', '0912 345 678', '+84 912-345-678', '84912345678', '(091) 234.5678']) expect(toE164Vn(s)).toBe('+84912345678');
    expect(toE164Vn('0243 8253 536')).toBe('+842438253536');
  });
  it('refuses what is not a Vietnamese number', () => {
    for (const s of ['12345', '0012345678', '+1 202 555 0100', '09123456789', 'abc']) expect(toE164Vn(s)).toBeNull();
  });
  it('masks for display', () => {
    expect(maskPhone('+84912345678')).toBe('+84912***678');
    expect(maskEmail('nguyen.an@example.vn')).toBe('ng***@example.vn');
  });
});

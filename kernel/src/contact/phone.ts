// Vietnamese phone numbers in E.164 (+84…): 0912 345 678, 84912345678, +84 912-345-678 → +84912345678.
const MOBILE = /^(3[2-9]|5[2-9]|7[06-9]|8[1-9]|9[0-46-9])\d{7}$/; // ten-digit mobile numbers since 2018
const LANDLINE = /^2\d{9}$/;

/** The number in E.164, or null when it is not a Vietnamese mobile or landline number. */
export function toE164Vn(input: string): string | null {
  const digits = String(input ?? '').replace(/[\s.()-]/g, '');
  const national = digits.startsWith('+84') ? digits.slice(3) : digits.startsWith('84') && digits.length === 11 ? digits.slice(2) : digits.startsWith('0') ? digits.slice(1) : null;
  if (national === null || !/^\d+$/.test(national)) return null;
  return MOBILE.test(national) || LANDLINE.test(national) ? `+84${national}` : null;
}

/** For showing where a code was sent: +84912***678. */
export function maskPhone(e164: string): string {
  return e164.length > 7 ? `${e164.slice(0, 6)}***${e164.slice(-3)}` : '***';
}

export function maskEmail(email: string): string {
  const [user = '', domain = ''] = email.split('@');
  return `${user.slice(0, 2)}***@${domain}`;
}

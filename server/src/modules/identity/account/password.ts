// Passwords: argon2id with the OWASP parameters (19 MiB, 2 iterations, 1 lane), and the rules a
// new password must meet.
import { hash, verify } from '@node-rs/argon2';
import type { FieldProblem } from '../../../http/errors.ts';

const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const; // 2 = Argon2id

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(hashed: string, password: string): Promise<boolean> {
  try {
    return await verify(hashed, password);
  } catch {
    return false;
  }
}

// Spent on unknown accounts so that a wrong personal ID takes as long as a wrong password.
let dummy: Promise<string> | null = null;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummy ??= hashPassword('open06-dummy-password');
  await verifyPassword(await dummy, password);
}

/** NIST SP 800-63B: at least 8 characters, at most 128, and not the person's own identifiers. */
export function passwordProblems(password: string, path: string, own: (string | null)[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (password.length < 8)
    problems.push({ path, code: 'password_short', message: { vi: 'Mật khẩu cần ít nhất 8 ký tự.', en: 'The password needs at least 8 characters.' } });
  if (password.length > 128)
    problems.push({ path, code: 'password_long', message: { vi: 'Mật khẩu dài tối đa 128 ký tự.', en: 'The password may have at most 128 characters.' } });
  const mine = own.filter((o): o is string => !!o).flatMap((o) => [o, o.replace(/^\+84/, '0')]);
  if (mine.some((o) => password.includes(o)))
    problems.push({ path, code: 'password_personal', message: { vi: 'Mật khẩu không được chứa số định danh hay số điện thoại.', en: 'The password may not contain your personal ID or phone number.' } });
  if (/^(.)\1+$/.test(password) || /^(0123456789|12345678|123456789|password|matkhau)/i.test(password))
    problems.push({ path, code: 'password_common', message: { vi: 'Mật khẩu quá dễ đoán.', en: 'The password is too easy to guess.' } });
  return problems;
}

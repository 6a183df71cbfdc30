// Banks sign their payment notifications: HMAC-SHA256 of the exact request body with the secret
// shared with the bank, sent as `X-Open06-Signature: sha256=<hex>`. The secret lives in
// DATA_DIR/keys/bank-notify.key (created on first start; give it to the bank out of band).
import { createHmac, createSecretKey, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const SIGNATURE_HEADER = 'x-open06-signature';

export function loadBankSecret(keysDir: string): Buffer {
  const file = path.join(keysDir, 'bank-notify.key');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(keysDir, { recursive: true });
    try {
      fs.writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64url');
}

export function bankSigner(secret: Buffer) {
  const key = createSecretKey(secret);
  const mac = (body: string) => createHmac('sha256', key).update(body).digest();
  return {
    sign: (body: string) => `sha256=${mac(body).toString('hex')}`,
    verify(body: string, header: string | undefined): boolean {
      const m = /^sha256=([0-9a-f]{64})$/.exec(header ?? '');
      if (!m) return false;
      const given = Buffer.from(m[1]!, 'hex');
      return timingSafeEqual(given, mac(body));
    },
  };
}

export type BankSigner = ReturnType<typeof bankSigner>;

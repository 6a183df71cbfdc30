// Seals secrets the server must read back (TOTP seeds) with AES-256-GCM under a key kept in
// DATA_DIR/keys/identity-secrets.key, so a copy of the database alone does not give them away.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface SecretBox {
  seal(plain: string): string;
  open(sealed: string): string;
}

export function loadSecretBox(keysDir: string): SecretBox {
  const file = path.join(keysDir, 'identity-secrets.key');
  let key: Buffer;
  if (fs.existsSync(file)) key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
  else {
    key = randomBytes(32);
    fs.mkdirSync(keysDir, { recursive: true, mode: 0o700 });
    fs.writeFileSync(file, key.toString('base64'), { mode: 0o600 });
  }
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return `v1.${iv.toString('base64url')}.${body.toString('base64url')}.${c.getAuthTag().toString('base64url')}`;
    },
    open(sealed) {
      const [v, iv, body, tag] = sealed.split('.');
      if (v !== 'v1' || !iv || !body || !tag) throw new Error('not a sealed secret');
      const d = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      d.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([d.update(Buffer.from(body, 'base64url')), d.final()]).toString('utf8');
    },
  };
}

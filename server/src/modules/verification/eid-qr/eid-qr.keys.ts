// The e-ID QR signing keys (ES256), kept in DATA_DIR/keys/eid-qr-keys.json like the OpenID
// Provider's keys. Rotation is driven by time so that no verifier is ever surprised:
//   - the next key is published `prePublishSeconds` (default 1 day) before it starts signing, so
//     verifiers that refresh their cached key set daily know it before the first QR it signs;
//   - a key stops signing when its successor starts, and stays published until every QR it signed
//     has expired plus `graceSeconds` (default 1 hour, for verifiers' clocks): its `exp`;
//   - a key signs for `rotateAfterSeconds` (default 30 days).
// `rotateNow` starts a new key at once (suspected compromise): verifiers holding an old key set
// meet an unknown key id and must refetch the set.
import fs from 'node:fs';
import path from 'node:path';
import { generateEidQrKey, importEidQrKeys, importEidQrSigner, type EidQrKeyRing, type EidQrKeySet, type EidQrPublicKey, type EidQrSigner, type Jwk } from '@open06/kernel/eid-qr';

export const KEYS_FILE = 'eid-qr-keys.json';

interface StoredKey {
  kid: string;
  /** Private EC P-256 JWK (with `d`). */
  jwk: Jwk;
  /** Seconds since the epoch: when it starts signing. */
  nbf: number;
}

interface KeysFile {
  version: 1;
  keys: StoredKey[];
}

export interface EidQrKeyOptions {
  issuer: string;
  /** Lifetime of a QR (seconds, default 180). */
  qrLifetimeSeconds?: number;
  graceSeconds?: number;
  prePublishSeconds?: number;
  rotateAfterSeconds?: number;
}

export interface EidQrKeys {
  readonly issuer: string;
  readonly qrLifetimeSeconds: number;
  /** The key that signs at `now` (rotating first when it is due). */
  signer(now: Date): Promise<EidQrSigner>;
  /** The key set verifiers fetch: the signing key, the next one, and retired keys whose QRs may still be valid. */
  published(now: Date): Promise<EidQrKeySet>;
  /** The published keys imported for verification (re-imported only when they change). */
  ring(now: Date): Promise<EidQrKeyRing>;
  /** Starts a new signing key now; returns its kid. */
  rotateNow(now: Date): Promise<string>;
}

const sec = (d: Date) => Math.floor(d.getTime() / 1000);

export function loadEidQrKeys(keysDir: string, opts: EidQrKeyOptions): EidQrKeys {
  const file = path.join(keysDir, KEYS_FILE);
  const lifetime = opts.qrLifetimeSeconds ?? 180;
  const grace = opts.graceSeconds ?? 3600;
  const prePublish = opts.prePublishSeconds ?? 86_400;
  const period = opts.rotateAfterSeconds ?? 30 * 86_400;

  let keys: StoredKey[] = [];
  let mtimeMs = -1;
  let signers = new Map<string, Promise<EidQrSigner>>();
  let ringCache: { stamp: string; ring: Promise<EidQrKeyRing> } | undefined;

  /** Picks up what another process sharing DATA_DIR wrote. */
  function reload(): void {
    let st: fs.Stats;
    try {
      st = fs.statSync(file);
    } catch {
      return;
    }
    if (st.mtimeMs === mtimeMs) return;
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as KeysFile;
    keys = [...parsed.keys].sort((a, b) => a.nbf - b.nbf);
    mtimeMs = st.mtimeMs;
  }

  function save(): void {
    fs.mkdirSync(keysDir, { recursive: true, mode: 0o700 });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify({ version: 1, keys } satisfies KeysFile), { mode: 0o600 });
    fs.renameSync(tmp, file); // atomic: a reader sees the old file or the new one
    mtimeMs = fs.statSync(file).mtimeMs;
  }

  async function newKey(nbf: number): Promise<StoredKey> {
    const k = await generateEidQrKey();
    return { kid: k.kid, jwk: k.privateJwk, nbf };
  }

  /** When no QR of key i can be valid any more: its successor's start + a QR lifetime + grace. */
  function expiry(i: number): number | undefined {
    const successor = keys[i + 1];
    return successor ? successor.nbf + lifetime + grace : undefined;
  }

  /** Makes sure a key signs now and its successor is published; drops keys past their expiry. */
  async function ensure(now: number): Promise<void> {
    reload();
    let changed = false;
    if (!keys.some((k) => k.nbf <= now)) {
      keys.unshift(await newKey(now));
      changed = true;
    }
    const latest = keys[keys.length - 1]!;
    if (latest.nbf <= now) {
      keys.push(await newKey(Math.max(latest.nbf + period, now + prePublish)));
      changed = true;
    }
    const kept = keys.filter((_, i) => {
      const exp = expiry(i);
      return exp === undefined || exp >= now;
    });
    if (kept.length !== keys.length) {
      keys = kept;
      changed = true;
    }
    if (changed) save();
  }

  function current(now: number): StoredKey {
    let found: StoredKey | undefined;
    for (const k of keys) if (k.nbf <= now) found = k;
    return found!;
  }

  async function published(now: Date): Promise<EidQrKeySet> {
    const t = sec(now);
    await ensure(t);
    return {
      issuer: opts.issuer,
      keys: keys.map((k, i): EidQrPublicKey => {
        const exp = expiry(i);
        return { kid: k.kid, kty: 'EC', crv: 'P-256', x: String(k.jwk.x), y: String(k.jwk.y), alg: 'ES256', use: 'sig', nbf: k.nbf, ...(exp !== undefined ? { exp } : {}) };
      }),
    };
  }

  return {
    issuer: opts.issuer,
    qrLifetimeSeconds: lifetime,

    async signer(now) {
      const t = sec(now);
      await ensure(t);
      const k = current(t);
      let s = signers.get(k.kid);
      if (!s) {
        s = importEidQrSigner(k.kid, k.jwk);
        signers.set(k.kid, s);
      }
      return s;
    },

    published,

    async ring(now) {
      const set = await published(now);
      const stamp = set.keys.map((k) => `${k.kid}:${k.nbf}:${k.exp ?? ''}`).join(',');
      if (ringCache?.stamp !== stamp) ringCache = { stamp, ring: importEidQrKeys(set) };
      return ringCache.ring;
    },

    async rotateNow(now) {
      const t = sec(now);
      reload();
      const k = await newKey(t);
      // the new key signs from now on; keys planned for later stay as they are
      keys = [...keys.filter((x) => x.nbf <= t), k, ...keys.filter((x) => x.nbf > t)];
      save();
      signers = new Map();
      await ensure(t);
      return k.kid;
    },
  };
}

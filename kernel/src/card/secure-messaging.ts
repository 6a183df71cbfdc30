// Secure messaging after BAC or PACE (ICAO Doc 9303 Part 11 §9.8): each command's data encrypted
// in DO87, its expected length in DO97, and a MAC over the send sequence counter, the padded header
// and those objects in DO8E; each answer checked the same way. 3DES: CBC with a zero IV and the
// retail MAC (§9.8.6.1). AES: CBC with IV = E(KS_enc, SSC) and AES-CMAC truncated to 8 bytes
// (§9.8.6.2). Short APDUs only (a reader asks for at most 223 bytes per READ BINARY).
import { cbc, cmac, ecb } from '@noble/ciphers/aes.js';
import { concatBytes, equalBytes } from './bytes.ts';
import { CardInputError } from './card-error.ts';
import { padIso9797, retailMac, tdesCbcDecrypt, tdesCbcEncrypt, unpadIso9797 } from './des.ts';
import type { CardCipher } from './kdf.ts';
import { encodeTlv, readTlvs } from './tlv.ts';

export interface CommandApdu {
  cla: number;
  ins: number;
  p1: number;
  p2: number;
  data?: Uint8Array;
  /** Expected response length (0 or 256 = up to 256). */
  le?: number;
}

const smError = (what: string) =>
  new CardInputError('sm_failed', { vi: `Kênh bảo mật với chip bị lỗi (${what}).`, en: `Secure messaging with the chip failed (${what}).` });

export class SecureMessaging {
  readonly cipher: CardCipher;
  readonly #ksEnc: Uint8Array;
  readonly #ksMac: Uint8Array;
  readonly #ssc: Uint8Array;
  readonly #block: number;

  constructor(keys: { ksEnc: Uint8Array; ksMac: Uint8Array; ssc: Uint8Array; cipher: CardCipher }) {
    this.cipher = keys.cipher;
    this.#block = keys.cipher === '3DES' ? 8 : 16;
    if (keys.ssc.length !== this.#block) throw new RangeError(`the SSC of ${keys.cipher} has ${this.#block} bytes`);
    this.#ksEnc = keys.ksEnc;
    this.#ksMac = keys.ksMac;
    this.#ssc = Uint8Array.from(keys.ssc);
  }

  /** The send sequence counter as it stands. */
  get ssc(): Uint8Array {
    return Uint8Array.from(this.#ssc);
  }

  #increment() {
    for (let i = this.#ssc.length - 1; i >= 0; i--) if (++this.#ssc[i]! <= 0xff) return;
    else this.#ssc[i] = 0;
  }

  #pad(b: Uint8Array) {
    return padIso9797(b, this.#block);
  }

  #mac(data: Uint8Array): Uint8Array {
    const n = this.#pad(concatBytes(this.#ssc, data));
    return this.cipher === '3DES' ? retailMac(this.#ksMac, n, true) : cmac(n, this.#ksMac).subarray(0, 8);
  }

  #iv(): Uint8Array {
    return this.cipher === '3DES' ? new Uint8Array(8) : ecb(this.#ksEnc, { disablePadding: true }).encrypt(this.#ssc);
  }

  #encrypt(data: Uint8Array): Uint8Array {
    const p = this.#pad(data);
    return this.cipher === '3DES' ? tdesCbcEncrypt(this.#ksEnc, p, this.#iv()) : cbc(this.#ksEnc, this.#iv(), { disablePadding: true }).encrypt(p);
  }

  #decrypt(data: Uint8Array): Uint8Array {
    const p = this.cipher === '3DES' ? tdesCbcDecrypt(this.#ksEnc, data, this.#iv()) : cbc(this.#ksEnc, this.#iv(), { disablePadding: true }).decrypt(data);
    return unpadIso9797(p);
  }

  /** The protected form of a command (Part 11 §9.8.4); advances the counter. */
  protect(c: CommandApdu): Uint8Array {
    this.#increment();
    const header = Uint8Array.of(c.cla | 0x0c, c.ins, c.p1, c.p2);
    const do87 = c.data?.length ? encodeTlv(0x87, Uint8Array.of(0x01), this.#encrypt(c.data)) : new Uint8Array();
    const do97 = c.le === undefined ? new Uint8Array() : encodeTlv(0x97, Uint8Array.of(c.le & 0xff));
    const cc = this.#mac(concatBytes(this.#pad(header), do87, do97));
    const body = concatBytes(do87, do97, encodeTlv(0x8e, cc));
    if (body.length > 255) throw new RangeError('command too long for a short APDU');
    return concatBytes(header, Uint8Array.of(body.length), body, Uint8Array.of(0x00));
  }

  /** Checks and opens a protected answer (data ‖ SW1 SW2); advances the counter. Throws when the MAC is wrong. */
  unprotect(response: Uint8Array): { data: Uint8Array; sw: number } {
    this.#increment();
    if (response.length < 2) throw smError('short answer');
    const sw = (response[response.length - 2]! << 8) | response[response.length - 1]!;
    const objects = readTlvs(response.subarray(0, -2));
    const do87 = objects.find((o) => o.tag === 0x87);
    const do99 = objects.find((o) => o.tag === 0x99);
    const do8e = objects.find((o) => o.tag === 0x8e);
    if (!do8e) {
      // A chip answers an error it cannot protect in plain (e.g. 6987 / 6988): nothing to trust.
      throw smError(`no MAC, status ${sw.toString(16).toUpperCase()}`);
    }
    const k = concatBytes(do87?.raw ?? new Uint8Array(), do99?.raw ?? new Uint8Array());
    if (!equalBytes(this.#mac(k), do8e.value)) throw smError('wrong MAC');
    const data = do87 ? this.#decrypt(do87.value.subarray(1)) : new Uint8Array();
    return { data, sw: do99 ? (do99.value[0]! << 8) | do99.value[1]! : sw };
  }
}

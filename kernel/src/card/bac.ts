// Basic Access Control, ICAO Doc 9303 Part 11 §4.3 and the worked example of Appendix D.
// The keys come from the MRZ: K_seed = first 16 bytes of SHA-1(MRZ information) (§9.7.2),
// K_enc = KDF(K_seed, 1), K_mac = KDF(K_seed, 2) as parity-adjusted two-key 3DES keys.
import { sha1 } from '@noble/hashes/legacy.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { concatBytes, equalBytes, randomBytes, xorBytes } from './bytes.ts';
import { CardInputError } from './card-error.ts';
import { tdesCbcDecrypt, tdesCbcEncrypt, retailMac } from './des.ts';
import { kdf, KDF_ENC, KDF_MAC } from './kdf.ts';
import { mrzInformation } from './mrz.ts';

export interface BacKeys {
  kSeed: Uint8Array;
  kEnc: Uint8Array;
  kMac: Uint8Array;
}

/** K_seed, K_enc and K_mac from the document number and the yymmdd birth and expiry dates. */
export function bacKeys(documentNumber: string, dateOfBirth: string, dateOfExpiry: string): BacKeys {
  const kSeed = sha1(utf8ToBytes(mrzInformation(documentNumber, dateOfBirth, dateOfExpiry))).subarray(0, 16);
  return { kSeed, kEnc: kdf(kSeed, KDF_ENC, '3DES'), kMac: kdf(kSeed, KDF_MAC, '3DES') };
}

/** What the terminal sends in EXTERNAL AUTHENTICATE, and what it must remember for the answer. */
export interface BacChallengeResponse {
  /** E_IFD ‖ M_IFD: the 40-byte command data. */
  commandData: Uint8Array;
  rndIfd: Uint8Array;
  kIfd: Uint8Array;
}

/**
 * Terminal side of the mutual authentication (Part 11 §4.3.3.1, Appendix D.3): S = RND.IFD ‖ RND.IC ‖ K.IFD,
 * E_IFD = 3DES-CBC(K_enc, S), M_IFD = retail MAC(K_mac, E_IFD). `rndIfd` and `kIfd` are drawn at random unless given.
 */
export function bacExternalAuthenticate(keys: BacKeys, rndIc: Uint8Array, opts: { rndIfd?: Uint8Array; kIfd?: Uint8Array } = {}): BacChallengeResponse {
  if (rndIc.length !== 8) throw new RangeError('RND.IC has 8 bytes');
  const rndIfd = opts.rndIfd ?? randomBytes(8);
  const kIfd = opts.kIfd ?? randomBytes(16);
  const eIfd = tdesCbcEncrypt(keys.kEnc, concatBytes(rndIfd, rndIc, kIfd));
  return { commandData: concatBytes(eIfd, retailMac(keys.kMac, eIfd)), rndIfd, kIfd };
}

export interface SessionKeys {
  ksEnc: Uint8Array;
  ksMac: Uint8Array;
  /** Send sequence counter to start secure messaging with. */
  ssc: Uint8Array;
}

const authFailed = () =>
  new CardInputError('bac_failed', { vi: 'Chip trả lời sai: MRZ không đúng hoặc dữ liệu bị lỗi.', en: 'The chip’s answer does not verify: wrong MRZ or corrupted data.' });

/**
 * Checks the chip's 40-byte answer E_IC ‖ M_IC and derives the session keys from K.IFD ⊕ K.IC
 * (Part 11 §9.7.2, Appendix D.3); SSC = last 4 bytes of RND.IC ‖ last 4 bytes of RND.IFD.
 */
export function bacCompleteAuthentication(keys: BacKeys, rndIc: Uint8Array, sent: BacChallengeResponse, answer: Uint8Array): SessionKeys {
  if (answer.length !== 40) throw authFailed();
  const eIc = answer.subarray(0, 32);
  if (!equalBytes(retailMac(keys.kMac, eIc), answer.subarray(32))) throw authFailed();
  const r = tdesCbcDecrypt(keys.kEnc, eIc);
  if (!equalBytes(r.subarray(0, 8), rndIc) || !equalBytes(r.subarray(8, 16), sent.rndIfd)) throw authFailed();
  const seed = xorBytes(sent.kIfd, r.subarray(16, 32));
  return { ksEnc: kdf(seed, KDF_ENC, '3DES'), ksMac: kdf(seed, KDF_MAC, '3DES'), ssc: concatBytes(rndIc.subarray(4), sent.rndIfd.subarray(4)) };
}

import { brainpoolP256r1 } from '@noble/curves/misc.js';
import { describe, expect, it } from 'vitest';
import { bigintToBytes, bytesToBigint, fromHex, randomBytes, toHex } from './bytes.ts';
import { CardInputError } from './card-error.ts';
import { kdf } from './kdf.ts';
import {
  PACE_ECDH_GM_3DES,
  PACE_ECDH_GM_AES_128,
  PACE_ECDH_GM_AES_256,
  paceAuthToken,
  paceDecryptNonce,
  paceEncryptNonce,
  paceGeneralAuthenticate,
  paceMapGenerator,
  paceMseSetAt,
  pacePasswordKey,
  paceSessionKeys,
  PaceTerminal,
  paceTokenInput,
  parseCardAccess,
  parseGeneralAuthenticateResponse,
  type PacePassword,
} from './pace.ts';
import type { CardCipher } from './kdf.ts';

// ICAO Doc 9303 Part 11, Appendix G.1 "PACE – ECDH Generic Mapping": brainpoolP256r1, AES-128,
// MRZ password T22000129 / 640812 / 101031. Every value below is printed in the appendix.
const G1 = {
  mrz: { kind: 'mrz', documentNumber: 'T22000129', dateOfBirth: '640812', dateOfExpiry: '101031' } as PacePassword,
  cardAccess: '31143012060A04007F0007020204020202010202010D',
  kPi: '89DED1B26624EC1E634C1989302849DD',
  z: '95A3A016522EE98D01E76CB6B98B42C3',
  s: '3F00C4D39D153F2B2A214A078D899B22',
  skMapPcd: '7F4EF07B9EA82FD78AD689B38D0BC78CF21F249D953BC46F4C6E19259C010F99',
  pkMapPcd: '047ACF3EFC982EC45565A4B155129EFBC74650DCBFA6362D896FC70262E0C2CC5E544552DCB6725218799115B55C9BAA6D9F6BC3A9618E70C25AF71777A9C4922D',
  skMapIc: '498FF49756F2DC1587840041839A85982BE7761D14715FB091EFA7BCE9058560',
  pkMapIc: '04824FBA91C9CBE26BEF53A0EBE7342A3BF178CEA9F45DE0B70AA601651FBA3F5730D8C879AAA9C9F73991E61B58F4D52EB87A0A0C709A49DC63719363CCD13C54',
  h: '0460332EF2450B5D247EF6D3868397D398852ED6E8CAF6FFEEF6BF85CA57057FD50840CA7415BAF3E43BD414D35AA4608B93A2CAF3A4E3EA4E82C9C13D03EB7181',
  gHat: '048CED63C91426D4F0EB1435E7CB1D74A46723A0AF21C89634F65A9AE87A9265E28C879506743F8611AC33645C5B985C80B5F09A0B83407C1B6A4D857AE76FE522',
  skPcd: 'A73FB703AC1436A18E0CFA5ABB3F7BEC7A070E7A6788486BEE230C4A22762595',
  pkPcd: '042DB7A64C0355044EC9DF190514C625CBA2CEA48754887122F3A5EF0D5EDD301C3556F3B3B186DF10B857B58F6A7EB80F20BA5DC7BE1D43D9BF850149FBB36462',
  skIc: '107CF58696EF6155053340FD633392BA81909DF7B9706F226F32086C7AFF974A',
  pkIc: '049E880F842905B8B3181F7AF7CAA9F0EFB743847F44A306D2D28C1D9EC65DF6DB7764B22277A2EDDC3C265A9F018F9CB852E111B768B326904B59A0193776F094',
  k: '28768D20701247DAE81804C9E780EDE582A9996DB4A315020B2733197DB84925',
  ksEnc: 'F5F0E35C0D7161EE6724EE513A0D9A7F',
  ksMac: 'FE251C7858B356B24514B3BD5F4297D1',
  tPcd: 'C2B0BD78D94BA866',
  tIc: '3ABB9674BCE93C08',
};

/**
 * The chip's side of PACE-ECDH-GM on brainpoolP256r1, written from Part 11 §4.4 with the curve
 * arithmetic of @noble/curves: what the terminal is tested against.
 */
class SimulatedChip {
  readonly kPi: Uint8Array;
  readonly #s: Uint8Array;
  readonly #skMap: bigint;
  readonly #skEph: bigint;
  #gHat?: Uint8Array;
  #pkPcd?: Uint8Array;
  #keys?: { ksEnc: Uint8Array; ksMac: Uint8Array };
  readonly oid: string;
  readonly cipher: CardCipher;
  constructor(password: PacePassword, oid: string, cipher: CardCipher, fixed: { s?: Uint8Array; skMap?: Uint8Array; skEph?: Uint8Array } = {}) {
    this.oid = oid;
    this.cipher = cipher;
    this.kPi = pacePasswordKey(password, cipher);
    this.#s = fixed.s ?? randomBytes(cipher === '3DES' ? 8 : 16);
    this.#skMap = bytesToBigint(fixed.skMap ?? brainpoolP256r1.utils.randomSecretKey());
    this.#skEph = bytesToBigint(fixed.skEph ?? brainpoolP256r1.utils.randomSecretKey());
  }
  encryptedNonce(): Uint8Array {
    return paceEncryptNonce(this.kPi, this.#s, this.cipher);
  }
  mappingKey(pkMapPcd: Uint8Array): Uint8Array {
    const h = brainpoolP256r1.Point.fromBytes(pkMapPcd).multiply(this.#skMap);
    this.#gHat = paceMapGenerator(13, this.#s, h.toBytes(false));
    return brainpoolP256r1.Point.BASE.multiply(this.#skMap).toBytes(false);
  }
  ephemeralKey(pkPcd: Uint8Array): Uint8Array {
    this.#pkPcd = pkPcd;
    const gHat = brainpoolP256r1.Point.fromBytes(this.#gHat!);
    const k = bigintToBytes(brainpoolP256r1.Point.fromBytes(pkPcd).multiply(this.#skEph).toAffine().x, 32);
    this.#keys = paceSessionKeys(k, this.cipher);
    return gHat.multiply(this.#skEph).toBytes(false);
  }
  /** Checks T_PCD; answers T_IC, or null as a real chip answers 6300 to a wrong password. */
  token(tPcd: Uint8Array, pkIc: Uint8Array): Uint8Array | null {
    const expected = paceAuthToken(this.cipher, this.#keys!.ksMac, this.oid, pkIc);
    if (toHex(expected) !== toHex(tPcd)) return null;
    return paceAuthToken(this.cipher, this.#keys!.ksMac, this.oid, this.#pkPcd!);
  }
}

describe('PACE – ECDH Generic Mapping, ICAO Doc 9303 Part 11 Appendix G.1', () => {
  it('reads PACEInfo from EF.CardAccess', () => {
    expect(parseCardAccess(fromHex(G1.cardAccess))).toEqual([
      { oid: PACE_ECDH_GM_AES_128, mapping: 'ECDH-GM', cipher: 'AES-128', version: 2, parameterId: 13, supported: true },
    ]);
  });

  it('derives K_π from the MRZ and decrypts the nonce', () => {
    const kPi = pacePasswordKey(G1.mrz, 'AES-128');
    expect(toHex(kdf(fromHex('7E2D2A41C74EA0B38CD36F863939BFA8E9032AAD'), 3, 'AES-128'))).toBe(G1.kPi);
    expect(toHex(kPi)).toBe(G1.kPi);
    expect(toHex(paceDecryptNonce(kPi, fromHex(G1.z), 'AES-128'))).toBe(G1.s);
  });

  it('reproduces every intermediate value of the terminal and the exchanged tokens', () => {
    const t = new PaceTerminal({ oid: PACE_ECDH_GM_AES_128, parameterId: 13, password: G1.mrz, privateKeys: { mapping: fromHex(G1.skMapPcd), agreement: fromHex(G1.skPcd) } });
    expect(toHex(t.mappingPublicKey(fromHex(G1.z)))).toBe(G1.pkMapPcd);
    expect(toHex(t.nonce!)).toBe(G1.s);
    expect(toHex(t.ephemeralPublicKey(fromHex(G1.pkMapIc)))).toBe(G1.pkPcd);
    expect(toHex(t.mappedGenerator!)).toBe(G1.gHat);
    expect(toHex(t.terminalToken(fromHex(G1.pkIc)))).toBe(G1.tPcd);
    expect(toHex(t.sharedSecret!)).toBe(G1.k);
    const keys = t.finish(fromHex(G1.tIc));
    expect(toHex(keys.ksEnc)).toBe(G1.ksEnc);
    expect(toHex(keys.ksMac)).toBe(G1.ksMac);
    expect(toHex(keys.ssc)).toBe('00'.repeat(16));
  });

  it('maps the nonce: H and Ĝ = s·G + H', () => {
    const h = brainpoolP256r1.Point.fromBytes(fromHex(G1.pkMapIc)).multiply(bytesToBigint(fromHex(G1.skMapPcd)));
    expect(toHex(h.toBytes(false))).toBe(G1.h);
    expect(toHex(paceMapGenerator(13, fromHex(G1.s), fromHex(G1.h)))).toBe(G1.gHat);
  });

  it('authenticates the public-key data object 7F49 with OID 0.4.0.127.0.7.2.2.4.2.2', () => {
    expect(toHex(paceTokenInput(PACE_ECDH_GM_AES_128, fromHex(G1.pkIc)))).toBe('7F494F060A04007F000702020402028641' + G1.pkIc);
    expect(toHex(paceAuthToken('AES-128', fromHex(G1.ksMac), PACE_ECDH_GM_AES_128, fromHex(G1.pkIc)))).toBe(G1.tPcd);
    expect(toHex(paceAuthToken('AES-128', fromHex(G1.ksMac), PACE_ECDH_GM_AES_128, fromHex(G1.pkPcd)))).toBe(G1.tIc);
  });

  it('the simulated chip with the example’s fixed values answers exactly as the appendix prints', () => {
    const chip = new SimulatedChip(G1.mrz, PACE_ECDH_GM_AES_128, 'AES-128', { s: fromHex(G1.s), skMap: fromHex(G1.skMapIc), skEph: fromHex(G1.skIc) });
    expect(toHex(chip.encryptedNonce())).toBe(G1.z);
    expect(toHex(chip.mappingKey(fromHex(G1.pkMapPcd)))).toBe(G1.pkMapIc);
    expect(toHex(chip.ephemeralKey(fromHex(G1.pkPcd)))).toBe(G1.pkIc);
    expect(toHex(chip.token(fromHex(G1.tPcd), fromHex(G1.pkIc))!)).toBe(G1.tIc);
  });

  it('builds the command APDUs of the worked example', () => {
    expect(toHex(paceMseSetAt(PACE_ECDH_GM_AES_128, 'mrz'))).toBe('0022C1A40F800A04007F00070202040202830101');
    expect(toHex(paceMseSetAt(PACE_ECDH_GM_AES_128, 'can', 13))).toBe('0022C1A412800A04007F00070202040202830102840' + '10D');
    expect(toHex(paceGeneralAuthenticate(null, null, false))).toBe('10860000027C0000');
    expect(toHex(paceGeneralAuthenticate(0x81, fromHex(G1.pkMapPcd), false))).toBe('10860000457C438141' + G1.pkMapPcd + '00');
    expect(toHex(paceGeneralAuthenticate(0x85, fromHex(G1.tPcd), true))).toBe('008600000C7C0A8508C2B0BD78D94BA86600');
    expect(toHex(parseGeneralAuthenticateResponse(fromHex('7C12801095A3A016522EE98D01E76CB6B98B42C3'), 0x80))).toBe(G1.z);
    expect(() => parseGeneralAuthenticateResponse(fromHex('7C0A86083ABB9674BCE93C08'), 0x84)).toThrow(CardInputError);
  });
});

describe('PACE with the card access number, terminal against a simulated chip', () => {
  const run = (oid: string, cipher: CardCipher, chipCan: string, terminalCan: string) => {
    const chip = new SimulatedChip({ kind: 'can', can: chipCan }, oid, cipher);
    const t = new PaceTerminal({ oid, parameterId: 13, password: { kind: 'can', can: terminalCan } });
    const pkIc = chip.ephemeralKey(t.ephemeralPublicKey(chip.mappingKey(t.mappingPublicKey(chip.encryptedNonce()))));
    const tPcd = t.terminalToken(pkIc);
    const tIc = chip.token(tPcd, pkIc);
    return { t, tIc, chip };
  };

  for (const [oid, cipher] of [[PACE_ECDH_GM_AES_128, 'AES-128'], [PACE_ECDH_GM_AES_256, 'AES-256'], [PACE_ECDH_GM_3DES, '3DES']] as const) {
    it(`agrees on session keys with the right CAN (${cipher})`, () => {
      const { t, tIc } = run(oid, cipher, '123456', '123456');
      expect(tIc).not.toBeNull();
      const keys = t.finish(tIc!);
      expect(keys.ksEnc.length).toBe(cipher === 'AES-256' ? 32 : 16);
      expect(keys.ssc.length).toBe(cipher === '3DES' ? 8 : 16);
    });
  }

  it('fails on both sides with a wrong CAN', () => {
    const { t, tIc } = run(PACE_ECDH_GM_AES_128, 'AES-128', '123456', '123457');
    expect(tIc).toBeNull(); // the chip refuses the terminal's token
    expect(() => t.finish(fromHex('0000000000000000'))).toThrowError(/wrong CAN or MRZ/);
  });

  it('K_π for a CAN is KDF over the six digits themselves (Part 11 §9.7.3)', () => {
    expect(pacePasswordKey({ kind: 'can', can: '123456' }, 'AES-128')).toEqual(kdf(new TextEncoder().encode('123456'), 3, 'AES-128'));
    expect(() => pacePasswordKey({ kind: 'can', can: '12345' }, 'AES-128')).toThrow(CardInputError);
  });

  it('refuses a chip key that is not on the curve, and steps out of order', () => {
    const t = new PaceTerminal({ oid: PACE_ECDH_GM_AES_128, parameterId: 13, password: G1.mrz });
    t.mappingPublicKey(fromHex(G1.z));
    const bad = fromHex(G1.pkMapIc);
    bad[64]! ^= 1;
    expect(() => t.ephemeralPublicKey(bad)).toThrowError(/invalid/);
    expect(() => new PaceTerminal({ oid: PACE_ECDH_GM_AES_128, parameterId: 13, password: G1.mrz }).terminalToken(fromHex(G1.pkIc))).toThrowError(/out of order/);
    expect(() => new PaceTerminal({ oid: PACE_ECDH_GM_AES_128, parameterId: 9, password: G1.mrz })).toThrow(CardInputError);
    expect(() => new PaceTerminal({ oid: '0.4.0.127.0.7.2.2.4.1.2', parameterId: 13, password: G1.mrz })).toThrowError(/not supported/);
  });
});

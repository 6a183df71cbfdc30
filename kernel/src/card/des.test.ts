import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from './bytes.ts';
import { desDecryptBlock, desEncryptBlock, padIso9797, retailMac, tdesCbcDecrypt, tdesCbcEncrypt, unpadIso9797 } from './des.ts';

describe('DES, 3DES-CBC and the retail MAC', () => {
  it('matches the classic DES known answer (key 133457799BBCDFF1)', () => {
    expect(toHex(desEncryptBlock(fromHex('133457799BBCDFF1'), fromHex('0123456789ABCDEF')))).toBe('85E813540F0AB405');
    expect(toHex(desDecryptBlock(fromHex('133457799BBCDFF1'), fromHex('85E813540F0AB405')))).toBe('0123456789ABCDEF');
  });

  // ICAO Doc 9303 Part 11, Appendix D.3: E_IFD = 3DES-CBC(K_enc, S), M_IFD = MAC(K_mac, E_IFD).
  const kEnc = fromHex('AB94FDECF2674FDFB9B391F85D7F76F2');
  const kMac = fromHex('7962D9ECE03D1ACD4C76089DCE131543');
  const s = fromHex('781723860C06C2264608F919887022120B795240CB7049B01C19B33E32804F0B');
  const eIfd = fromHex('72C29C2371CC9BDB65B779B8E8D37B29ECC154AA56A8799FAE2F498F76ED92F2');

  it('encrypts and decrypts S of the BAC worked example', () => {
    expect(tdesCbcEncrypt(kEnc, s)).toEqual(eIfd);
    expect(tdesCbcDecrypt(kEnc, eIfd)).toEqual(s);
  });

  it('computes M_IFD of the worked example', () => {
    expect(toHex(retailMac(kMac, eIfd))).toBe('5F1448EEA8AD90A7');
    expect(toHex(retailMac(kMac, padIso9797(eIfd), true))).toBe('5F1448EEA8AD90A7');
  });

  it('pads with 80 00… and removes the padding', () => {
    expect(toHex(padIso9797(fromHex('011E')))).toBe('011E800000000000');
    expect(padIso9797(new Uint8Array(8)).length).toBe(16);
    expect(toHex(unpadIso9797(fromHex('011E800000000000')))).toBe('011E');
    expect(() => unpadIso9797(fromHex('0102030405060708'))).toThrow(/padding/);
  });

  it('encrypts the SELECT data of Appendix D.4 under KS_enc', () => {
    expect(toHex(tdesCbcEncrypt(fromHex('979EC13B1CBFE9DCD01AB0FED307EAE5'), padIso9797(fromHex('011E'))))).toBe('6375432908C044F6');
  });
});

import { describe, expect, it } from 'vitest';
import { CardInputError } from './card-error.ts';
import { fromHex, toHex } from './bytes.ts';
import { bacCompleteAuthentication, bacExternalAuthenticate, bacKeys } from './bac.ts';
import { adjustParity } from './kdf.ts';
import { mrzInformation } from './mrz.ts';

// ICAO Doc 9303 Part 11, Appendix D (worked example of Basic Access Control).
describe('BAC keys from the MRZ (Appendix D.2)', () => {
  it('derives K_seed, K_enc and K_mac of document L898902C<, born 690806, expiring 940623', () => {
    expect(mrzInformation('L898902C', '690806', '940623')).toBe('L898902C<369080619406236');
    const k = bacKeys('L898902C<', '690806', '940623');
    expect(toHex(k.kSeed)).toBe('239AB9CB282DAF66231DC5A4DF6BFBAE');
    expect(toHex(k.kEnc)).toBe('AB94FDECF2674FDFB9B391F85D7F76F2');
    expect(toHex(k.kMac)).toBe('7962D9ECE03D1ACD4C76089DCE131543');
  });

  it('keys a document number longer than 9 characters with the whole number (D23145890734)', () => {
    expect(mrzInformation('D23145890734', '340712', '950712')).toBe('D23145890734934071279507122');
    expect(toHex(bacKeys('D23145890734', '340712', '950712').kSeed)).toBe('B366AD857DDCA2B08C0E299811714730');
  });

  it('gives every 3DES key byte odd parity', () => {
    expect(toHex(adjustParity(fromHex('AB94FCEDF2664EDFB9B291F85D7F77F2')))).toBe('AB94FDECF2674FDFB9B391F85D7F76F2');
  });

  it('refuses dates that are not yymmdd', () => {
    expect(() => bacKeys('L898902C', '6908', '940623')).toThrow(CardInputError);
  });
});

describe('BAC mutual authentication (Appendix D.3)', () => {
  const keys = bacKeys('L898902C<', '690806', '940623');
  const rndIc = fromHex('4608F91988702212');
  const sent = bacExternalAuthenticate(keys, rndIc, { rndIfd: fromHex('781723860C06C226'), kIfd: fromHex('0B795240CB7049B01C19B33E32804F0B') });
  const answer = fromHex('46B9342A41396CD7386BF5803104D7CEDC122B9132139BAF2EEDC94EE178534F' + '2F2D235D074D7449');

  it('builds E_IFD ‖ M_IFD', () => {
    expect(toHex(sent.commandData)).toBe('72C29C2371CC9BDB65B779B8E8D37B29ECC154AA56A8799FAE2F498F76ED92F2' + '5F1448EEA8AD90A7');
  });

  it('checks the chip’s answer and derives KS_enc, KS_mac and the SSC', () => {
    const s = bacCompleteAuthentication(keys, rndIc, sent, answer);
    expect(toHex(s.ksEnc)).toBe('979EC13B1CBFE9DCD01AB0FED307EAE5');
    expect(toHex(s.ksMac)).toBe('F1CB1F1FB5ADF208806B89DC579DC1F8');
    expect(toHex(s.ssc)).toBe('887022120C06C226');
  });

  it('rejects an answer with a bad MAC or made with another MRZ', () => {
    const tampered = Uint8Array.from(answer);
    tampered[39]! ^= 1;
    expect(() => bacCompleteAuthentication(keys, rndIc, sent, tampered)).toThrow(CardInputError);
    const other = bacKeys('L898902C<', '690807', '940623');
    expect(() => bacCompleteAuthentication(other, rndIc, sent, answer)).toThrowError(/wrong MRZ/);
  });
});

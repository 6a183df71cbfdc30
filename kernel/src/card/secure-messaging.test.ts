import { cbc, cmac, ecb } from '@noble/ciphers/aes.js';
import { describe, expect, it } from 'vitest';
import { concatBytes, fromHex, toHex } from './bytes.ts';
import { padIso9797 } from './des.ts';
import { encodeTlv } from './tlv.ts';
import { CardInputError } from './card-error.ts';
import { SecureMessaging } from './secure-messaging.ts';

// ICAO Doc 9303 Part 11 Appendix D.4: 3DES secure messaging with the session keys of D.3,
// SELECT EF.COM then two READ BINARY.
const d4 = () => new SecureMessaging({ ksEnc: fromHex('979EC13B1CBFE9DCD01AB0FED307EAE5'), ksMac: fromHex('F1CB1F1FB5ADF208806B89DC579DC1F8'), ssc: fromHex('887022120C06C226'), cipher: '3DES' });

describe('secure messaging, 3DES (Appendix D.4)', () => {
  it('protects the commands and opens the answers of the worked example', () => {
    const sm = d4();
    expect(toHex(sm.protect({ cla: 0x00, ins: 0xa4, p1: 0x02, p2: 0x0c, data: fromHex('011E') }))).toBe('0CA4020C158709016375432908C044F68E08BF8B92D635FF24F800');
    expect(sm.unprotect(fromHex('990290008E08FA855A5D4C50A8ED9000'))).toEqual({ data: new Uint8Array(), sw: 0x9000 });
    expect(toHex(sm.protect({ cla: 0x00, ins: 0xb0, p1: 0x00, p2: 0x00, le: 4 }))).toBe('0CB000000D9701048E08ED6705417E96BA5500');
    expect(toHex(sm.unprotect(fromHex('8709019FF0EC34F9922651990290008E08AD55CC17140B2DED9000')).data)).toBe('60145F01');
    expect(toHex(sm.protect({ cla: 0x00, ins: 0xb0, p1: 0x00, p2: 0x04, le: 0x12 }))).toBe('0CB000040D9701128E082EA28A70F3C7B53500');
    expect(toHex(sm.unprotect(fromHex('871901FB9235F4E4037F2327DCC8964F1F9B8C30F42C8E2FFF224A990290008E08C8B2787EAEA07D749000')).data)).toBe('04303130365F36063034303030305C026175');
    expect(toHex(sm.ssc)).toBe('887022120C06C22C');
  });

  it('refuses an answer whose MAC is wrong, or that carries none', () => {
    const sm = d4();
    sm.protect({ cla: 0x00, ins: 0xa4, p1: 0x02, p2: 0x0c, data: fromHex('011E') });
    expect(() => sm.unprotect(fromHex('990290008E08FA855A5D4C50A8EE9000'))).toThrow(CardInputError);
    expect(() => d4().unprotect(fromHex('6988'))).toThrowError(/no MAC/);
  });
});

describe('secure messaging, AES', () => {
  // Known answer of an independent implementation (animamea, BSI TR-03110 test card): MSE:Set DST
  // under AES-128 session keys, SSC 15×00 04 before the command.
  it('matches an independent AES implementation', () => {
    const keys = { ksEnc: fromHex('68406B4162100563D9C901A6154D2901'), ksMac: fromHex('73FF268784F72AF833FDC9464049AFC9'), cipher: 'AES-128' as const };
    const sm = new SecureMessaging({ ...keys, ssc: fromHex('00000000000000000000000000000004') });
    expect(toHex(sm.protect({ cla: 0x00, ins: 0x22, p1: 0x81, p2: 0xb6, data: fromHex('830D44455445535444564445303139') }))).toBe('0C2281B61D871101A7BB8F230FFF9221162AD673B9F319A88E08D8713E9B7A600B4900');
    expect(sm.unprotect(fromHex('990290008E08C8488F79FEF386C79000'))).toEqual({ data: new Uint8Array(), sw: 0x9000 });
  });

  it('opens an answer built from the §9.8 formulas, and refuses it replayed', () => {
    const keys = { ksEnc: fromHex('F5F0E35C0D7161EE6724EE513A0D9A7F'), ksMac: fromHex('FE251C7858B356B24514B3BD5F4297D1'), ssc: new Uint8Array(16), cipher: 'AES-128' as const };
    const reader = new SecureMessaging(keys);
    reader.protect({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 0 }); // SSC 1
    const payload = Uint8Array.from({ length: 40 }, (_, i) => i);
    // The chip answers under SSC 2: DO87 = 01 ‖ AES-CBC(KS_enc, IV = E(KS_enc, SSC), pad(data)), DO99, DO8E = CMAC(pad(SSC ‖ DO87 ‖ DO99)).
    const ssc = new Uint8Array(16);
    ssc[15] = 2;
    const iv = ecb(keys.ksEnc, { disablePadding: true }).encrypt(ssc);
    const do87 = encodeTlv(0x87, Uint8Array.of(1), cbc(keys.ksEnc, iv, { disablePadding: true }).encrypt(padIso9797(payload, 16)));
    const do99 = fromHex('99029000');
    const mac = cmac(padIso9797(concatBytes(ssc, do87, do99), 16), keys.ksMac).subarray(0, 8);
    const answer = concatBytes(do87, do99, encodeTlv(0x8e, mac), fromHex('9000'));
    expect(reader.unprotect(answer)).toEqual({ data: payload, sw: 0x9000 });
    expect(() => reader.unprotect(answer)).toThrowError(/wrong MAC/); // the counter moved on
  });
});

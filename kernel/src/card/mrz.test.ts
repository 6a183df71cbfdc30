import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CardInputError } from './card-error.ts';
import { formatTd1, mrzCheckDigit, mrzDateToIso, mrzName, normalizeTd1Lines, parseTd1, vnPersonalIdFromTd1 } from './mrz.ts';

const today = new Date('2026-11-23T00:00:00Z');
// ICAO Doc 9303 Part 5 (TD1 specimen) and Part 11 Appendix D.2 (document number of 12 characters).
const ERIKSSON = ['I<UTOD231458907<<<<<<<<<<<<<<<', '7408122F1204159UTO<<<<<<<<<<<6', 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<'];
const STEVENSON = ['I<UTOD23145890<7349<<<<<<<<<<<', '3407127M9507122UTO<<<<<<<<<<<2', 'STEVENSON<<PETER<JOHN<<<<<<<<<'];

describe('MRZ check digits (Doc 9303 Part 3 §4.9)', () => {
  it('weighs 7-3-1 with letters 10–35 and the filler 0', () => {
    expect(mrzCheckDigit('D23145890')).toBe(7);
    expect(mrzCheckDigit('740812')).toBe(2);
    expect(mrzCheckDigit('120415')).toBe(9);
    expect(mrzCheckDigit('L898902C<')).toBe(3);
    expect(mrzCheckDigit('D23145890734')).toBe(9);
    expect(() => mrzCheckDigit('AB-1')).toThrow(CardInputError);
  });
});

describe('parseTd1', () => {
  it('reads the ICAO TD1 specimen and reports each check digit', () => {
    const m = parseTd1(ERIKSSON.join('\n'), today);
    expect(m).toMatchObject({
      documentCode: 'I', issuingState: 'UTO', documentNumber: 'D23145890', documentNumberOverflow: false,
      dateOfBirth: '740812', dateOfBirthIso: '1974-08-12', sex: 'F', dateOfExpiry: '120415', dateOfExpiryIso: '2012-04-15',
      nationality: 'UTO', surname: 'ERIKSSON', givenNames: 'ANNA MARIA', valid: true,
    });
    expect(m.checks.map((c) => [c.field, c.printed, c.computed, c.valid])).toEqual([
      ['documentNumber', '7', 7, true], ['dateOfBirth', '2', 2, true], ['dateOfExpiry', '9', 9, true], ['composite', '6', 6, true],
    ]);
  });

  it('follows a document number that overflows into the optional data', () => {
    const m = parseTd1(STEVENSON, today);
    expect(m.documentNumber).toBe('D23145890734');
    expect(m.documentNumberOverflow).toBe(true);
    expect(m.checks[0]).toMatchObject({ input: 'D23145890734', printed: '9', valid: true });
    expect(m.valid).toBe(true);
  });

  it('is tolerant of lower case, spaces for fillers, one long line and trimmed fillers', () => {
    const spaced = ERIKSSON.map((l) => l.toLowerCase().replace(/</g, ' ')).join('\r\n');
    expect(parseTd1(spaced, today).valid).toBe(true);
    expect(parseTd1(ERIKSSON.join(''), today).valid).toBe(true);
    expect(parseTd1(ERIKSSON.join(' '), today).valid).toBe(true);
    expect(parseTd1(ERIKSSON.map((l) => l.replace(/<+$/, '')), today).lines).toEqual(ERIKSSON);
  });

  it('names the check digit that is wrong', () => {
    const bad = [ERIKSSON[0]!, ERIKSSON[1]!.replace('7408122', '7408123'), ERIKSSON[2]!];
    const m = parseTd1(bad, today);
    expect(m.valid).toBe(false);
    expect(m.checks.filter((c) => !c.valid).map((c) => c.field)).toEqual(['dateOfBirth', 'composite']);
  });

  it('refuses what is not a TD1 MRZ', () => {
    expect(() => parseTd1('P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10')).toThrowError(/3 lines/);
    expect(() => parseTd1([ERIKSSON[0]! + '<<', ERIKSSON[1]!, ERIKSSON[2]!])).toThrowError(/32 characters/);
    expect(() => normalizeTd1Lines(['I<UTOD231458907#', ERIKSSON[1]!, ERIKSSON[2]!])).toThrow(CardInputError);
    expect(() => parseTd1('not an mrz')).toThrowError(/3 lines/);
    expect(() => parseTd1(['I<UTO', ERIKSSON[1]!, ERIKSSON[2]!])).toThrowError(/line 1 has 5/);
  });

  it('reads yymmdd dates with a sensible century', () => {
    expect(mrzDateToIso('991231', 'birth', today)).toBe('1999-12-31');
    expect(mrzDateToIso('250101', 'birth', today)).toBe('2025-01-01');
    expect(mrzDateToIso('400101', 'expiry', today)).toBe('2040-01-01');
    expect(mrzDateToIso('990101', 'expiry', today)).toBe('1999-01-01');
    expect(mrzDateToIso('990231', 'birth', today)).toBeNull();
  });
});

describe('formatTd1 and parseTd1 agree', () => {
  it('a Vietnamese card MRZ: ID number in the optional data, name without diacritics', () => {
    const lines = formatTd1({
      documentCode: 'ID', issuingState: 'VNM', documentNumber: '085012345', optionalData1: '001085012345',
      dateOfBirth: '850314', sex: 'M', dateOfExpiry: '450314', nationality: 'VNM', surname: 'Đặng', givenNames: 'Văn Bình',
    });
    expect(lines[2]).toBe('DANG<<VAN<BINH<<<<<<<<<<<<<<<<');
    const m = parseTd1(lines, today);
    expect(m.valid).toBe(true);
    expect(vnPersonalIdFromTd1(m)).toBe('001085012345');
    expect(mrzName('Nguyễn Thị Ðào')).toBe('NGUYEN<THI<DAO');
  });

  it('round-trips any fields, and any changed checked character breaks a check', () => {
    const alnum = (min: number, max: number) => fc.stringMatching(new RegExp(`^[A-Z0-9]{${min},${max}}$`));
    const date = fc.date({ min: new Date('1930-01-01'), max: new Date('2060-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(2, 10).replace(/-/g, ''));
    fc.assert(
      fc.property(alnum(1, 12), alnum(0, 3), date, date, fc.constantFrom('M' as const, 'F' as const, null), fc.nat(50), (doc, opt, dob, exp, sex, pos) => {
        const fields = { issuingState: 'VNM', documentNumber: doc, optionalData1: opt, dateOfBirth: dob, sex, dateOfExpiry: exp, nationality: 'VNM', surname: 'TRAN', givenNames: 'AN' };
        const lines = formatTd1(fields);
        const m = parseTd1(lines, today);
        expect(m.valid).toBe(true);
        expect(m.documentNumber).toBe(doc);
        expect(m.optionalData1).toBe(opt);
        expect([m.dateOfBirth, m.dateOfExpiry, m.sex]).toEqual([dob, exp, sex]);
        // change one digit of the birth date, expiry or document number: at least one check fails
        const l2 = lines[1].split('');
        const i = [0, 1, 2, 3, 4, 5, 8, 9, 10, 11, 12, 13][pos % 12]!;
        l2[i] = String((Number(l2[i]) + 1 + (pos % 9)) % 10);
        expect(parseTd1([lines[0], l2.join(''), lines[2]], today).valid).toBe(false);
      }),
    );
  });
});

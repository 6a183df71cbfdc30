import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from './bytes.ts';
import { CardInputError } from './card-error.ts';
import { parseDg1, parseDg13, parseDg2 } from './lds.ts';
import { formatTd1 } from './mrz.ts';
import { encodeTlv } from './tlv.ts';

const enc = new TextEncoder();
const utf8s = (s: string) => encodeTlv(0x0c, enc.encode(s));
const printable = (s: string) => encodeTlv(0x13, enc.encode(s));
const int = (n: number) => encodeTlv(0x02, Uint8Array.of(n));
const seq = (...parts: Uint8Array[]) => encodeTlv(0x30, ...parts);

/** DG13 as public CCCD readers find it: SEQUENCE { INTEGER n, value } entries (synthetic person). */
function dg13(entries: Uint8Array[], wrap: (e: Uint8Array[]) => Uint8Array[] = (e) => [seq(...e)]): Uint8Array {
  return encodeTlv(0x6d, ...wrap(entries));
}
const FULL = [
  seq(int(1), printable('001085012345')),
  seq(int(2), utf8s('Nguyễn Văn An')),
  seq(int(3), printable('14/03/1985')),
  seq(int(4), utf8s('Nam')),
  seq(int(5), utf8s('Việt Nam')),
  seq(int(6), utf8s('Kinh')),
  seq(int(7), utf8s('Không')),
  seq(int(8), utf8s('Xã Hải Bối, Đông Anh, Hà Nội')),
  seq(int(9), utf8s('Số 12, Phường Ba Đình, Thành phố Hà Nội')),
  seq(int(10), utf8s('Nốt ruồi C:2cm trên sau đuôi mắt trái')),
  seq(int(11), printable('10/05/2021')),
  seq(int(12), utf8s('14/03/2045')),
  seq(int(13), seq(utf8s('Nguyễn Văn Bình')), seq(utf8s('Lê Thị Cúc'))),
  seq(int(14)),
  seq(int(15), printable('123456789')),
  seq(int(16), printable('AB12CD34EF56GH78')),
];

describe('DG13, the Vietnamese personal-data group', () => {
  it('uses the entry layout readers expect (30 LL 02 01 NN 13|0C LL …)', () => {
    expect(toHex(FULL[0]!.subarray(0, 7))).toBe('301102010113' + '0C');
    expect(toHex(FULL[3]!)).toBe('300802010' + '40C034E616D');
  });

  it('reads every numbered field, the parents pair and an absent spouse', () => {
    const p = parseDg13(dg13(FULL));
    expect(p).toMatchObject({
      pid: '001085012345', fullName: 'Nguyễn Văn An', dateOfBirth: '1985-03-14', sex: 'M', nationality: 'Việt Nam',
      ethnicity: 'Kinh', religion: 'Không', hometown: 'Xã Hải Bối, Đông Anh, Hà Nội', residence: 'Số 12, Phường Ba Đình, Thành phố Hà Nội',
      identifyingMarks: 'Nốt ruồi C:2cm trên sau đuôi mắt trái', issueDate: '2021-05-10', expiryDate: '2045-03-14',
      fatherName: 'Nguyễn Văn Bình', motherName: 'Lê Thị Cúc', oldId: '123456789',
    });
    expect(p.spouseName).toBeUndefined();
    expect(p.fields.find((f) => f.number === 16)!.values).toEqual(['AB12CD34EF56GH78']);
  });

  it('does not depend on the wrapper around the entries, and takes a spouse and an open-ended card', () => {
    const entries = [seq(int(1), printable('031305001122')), seq(int(4), utf8s('Nữ')), seq(int(12), utf8s('Không thời hạn')), seq(int(14), seq(utf8s('Phạm Văn Dũng')))];
    const wrapped = dg13(entries, (e) => [seq(encodeTlv(0x06, fromHex('2B0601040182')), int(1), encodeTlv(0x31, ...e))]);
    const p = parseDg13(wrapped);
    expect(p).toMatchObject({ pid: '031305001122', sex: 'F', expiryDate: null, expiryText: 'Không thời hạn', spouseName: 'Phạm Văn Dũng' });
    expect(p.fields.map((f) => f.number)).toEqual([1, 4, 12, 14]);
    // entries straight under 6D, as some chips write them
    expect(parseDg13(dg13(entries, (e) => e)).pid).toBe('031305001122');
  });

  it('reads a group with only some fields', () => {
    const p = parseDg13(dg13([seq(int(2), utf8s('Lò Thị Mai'))]));
    expect(p).toEqual({ fullName: 'Lò Thị Mai', fields: [{ number: 2, values: ['Lò Thị Mai'] }] });
  });

  it('refuses another data group', () => {
    expect(() => parseDg13(encodeTlv(0x61, new Uint8Array(2)))).toThrow(CardInputError);
  });
});

describe('DG1 and DG2', () => {
  it('DG1 wraps the TD1 MRZ in 61 / 5F1F', () => {
    const mrz = formatTd1({ documentCode: 'ID', issuingState: 'VNM', documentNumber: '085012345', optionalData1: '001085012345', dateOfBirth: '850314', sex: 'M', dateOfExpiry: '450314', nationality: 'VNM', surname: 'Nguyen', givenNames: 'Van An' });
    const dg1 = encodeTlv(0x61, encodeTlv(0x5f1f, enc.encode(mrz.join(''))));
    const m = parseDg1(dg1, new Date('2026-01-01'));
    expect(m.valid).toBe(true);
    expect(m.surname).toBe('NGUYEN');
    expect(() => parseDg1(encodeTlv(0x61, encodeTlv(0x5f1f, enc.encode('P<UTO'))))).toThrowError(/TD1/);
  });

  it('DG2 yields the JPEG of the ISO/IEC 19794-5 facial record with its size', () => {
    const jpeg = fromHex('FFD8FFE000104A46494600010100000100010000FFD9');
    const header = Uint8Array.from([...enc.encode('FAC\0'), ...enc.encode('010\0'), 0, 0, 0, 0, 0, 1]);
    const info = new Uint8Array(20);
    const infoLen = 20 + 12 + jpeg.length;
    info.set([0, 0, 0, infoLen], 0);
    const image = new Uint8Array(12);
    image.set([1, 0, 0x01, 0xe0, 0x02, 0x80], 0); // type, data type JPEG, width 480, height 640
    const block = Uint8Array.from([...header, ...info, ...image, ...jpeg]);
    const dg2 = encodeTlv(0x75, encodeTlv(0x7f61, int(1), encodeTlv(0x7f60, encodeTlv(0xa1, encodeTlv(0x80, Uint8Array.of(1, 1))), encodeTlv(0x5f2e, block))));
    expect(parseDg2(dg2)).toEqual({ mime: 'image/jpeg', bytes: jpeg, width: 480, height: 640 });
    const jp2 = fromHex('0000000C6A5020200D0A870A00000014');
    expect(parseDg2(encodeTlv(0x75, encodeTlv(0x7f61, encodeTlv(0x7f60, encodeTlv(0x7f2e, Uint8Array.of(0xa0, 0x01, ...jp2))))))!.mime).toBe('image/jp2');
    expect(parseDg2(encodeTlv(0x75, encodeTlv(0x7f61, int(0))))).toBeUndefined();
  });
});

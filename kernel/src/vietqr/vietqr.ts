// VietQR: the NAPAS payment QR for transfers to a bank account or card through the NAPAS 247
// network, on the EMVCo Merchant-Presented Mode structure (see tlv.ts). The fields used:
//
//   00 "01" payload format · 01 point of initiation, "11" static / "12" dynamic (with an amount)
//   38 merchant account information (NAPAS):
//        00 GUID "A000000727" · 01 beneficiary organisation (00 acquirer BIN, 6 digits; 01 account or
//        card number) · 02 service "QRIBFTTA" (to an account) or "QRIBFTTC" (to a card)
//   53 "704" (VND) · 54 amount (whole đồng) · 58 "VN" · 59 name · 60 city
//   62 additional data: 08 purpose of transaction — here the payment reference the payer's bank
//      copies into the transfer description, by which the payment is matched
//   63 CRC
import type { Message } from '../personal-id/personal-id.ts';
import { stripDiacritics } from '../text/vietnamese.ts';
import { emvCrc, encodeTlv, parseTlv, type TlvField } from './tlv.ts';

export const VIETQR_GUID = 'A000000727';
const SERVICE_CODES = { account: 'QRIBFTTA', card: 'QRIBFTTC' } as const;
export type VietQrTarget = keyof typeof SERVICE_CODES;

export interface VietQrInput {
  /** The beneficiary bank's 6-digit BIN (acquirer ID) as NAPAS lists it, e.g. 970415. */
  bin: string;
  /** Account number, or card number when `to` is 'card'; letters and digits, up to 19. */
  account: string;
  to?: VietQrTarget;
  /** Whole đồng, 1 or more: makes the QR dynamic. */
  amount?: number;
  /** The unique payment reference (62/08): printable ASCII, up to 25 characters. */
  reference?: string;
  /** Beneficiary name (59, up to 25) and city (60, up to 15); diacritics are removed. */
  merchantName?: string;
  merchantCity?: string;
}

export interface VietQr {
  dynamic: boolean;
  bin: string;
  account: string;
  to: VietQrTarget;
  amount?: number;
  reference?: string;
  merchantName?: string;
  merchantCity?: string;
}

export type VietQrProblemCode =
  | 'empty'
  | 'malformed'
  | 'not_emv'
  | 'crc_missing'
  | 'crc_mismatch'
  | 'duplicate_field'
  | 'initiation_invalid'
  | 'not_vietqr'
  | 'bin_invalid'
  | 'account_invalid'
  | 'service_unsupported'
  | 'currency_not_vnd'
  | 'country_not_vn'
  | 'amount_invalid'
  | 'reference_invalid'
  | 'merchant_name_invalid'
  | 'merchant_city_invalid';

export interface VietQrProblem {
  code: VietQrProblemCode;
  message: Message;
}

export const VIETQR_MESSAGES: Record<VietQrProblemCode, Message> = {
  empty: { vi: 'Không có nội dung mã QR.', en: 'The QR code is empty.' },
  malformed: { vi: 'Mã QR bị hỏng: cấu trúc dữ liệu không đúng.', en: 'The QR code is damaged: its data structure is broken.' },
  not_emv: { vi: 'Đây không phải mã QR thanh toán.', en: 'This is not a payment QR code.' },
  crc_missing: { vi: 'Mã QR thiếu mã kiểm tra (CRC).', en: 'The QR code has no checksum (CRC).' },
  crc_mismatch: { vi: 'Mã kiểm tra (CRC) không khớp: mã QR bị sửa hoặc đọc sai.', en: 'The checksum (CRC) does not match: the QR code was altered or misread.' },
  duplicate_field: { vi: 'Mã QR có trường dữ liệu lặp lại.', en: 'The QR code repeats a data field.' },
  initiation_invalid: { vi: 'Phương thức khởi tạo mã QR không hợp lệ.', en: 'The point of initiation method is invalid.' },
  not_vietqr: { vi: 'Đây không phải mã VietQR chuyển khoản qua NAPAS.', en: 'This is not a VietQR transfer code (NAPAS).' },
  bin_invalid: { vi: 'Mã ngân hàng (BIN) phải gồm 6 chữ số.', en: 'The bank BIN must be 6 digits.' },
  account_invalid: { vi: 'Số tài khoản hoặc số thẻ không hợp lệ (chữ và số, tối đa 19 ký tự).', en: 'The account or card number is invalid (letters and digits, at most 19).' },
  service_unsupported: { vi: 'Chỉ hỗ trợ chuyển khoản đến tài khoản hoặc thẻ (QRIBFTTA, QRIBFTTC).', en: 'Only transfers to an account or card (QRIBFTTA, QRIBFTTC) are supported.' },
  currency_not_vnd: { vi: 'Đơn vị tiền tệ phải là đồng Việt Nam (704).', en: 'The currency must be the Vietnamese đồng (704).' },
  country_not_vn: { vi: 'Mã quốc gia phải là VN.', en: 'The country code must be VN.' },
  amount_invalid: { vi: 'Số tiền phải là số nguyên đồng dương, tối đa 13 chữ số.', en: 'The amount must be a positive whole number of đồng, at most 13 digits.' },
  reference_invalid: { vi: 'Mã tham chiếu thanh toán phải gồm 1–25 ký tự không dấu.', en: 'The payment reference must be 1–25 plain ASCII characters.' },
  merchant_name_invalid: { vi: 'Tên người thụ hưởng dài quá 25 ký tự hoặc có ký tự không hợp lệ.', en: 'The beneficiary name is longer than 25 characters or has invalid characters.' },
  merchant_city_invalid: { vi: 'Tên thành phố dài quá 15 ký tự hoặc có ký tự không hợp lệ.', en: 'The city is longer than 15 characters or has invalid characters.' },
};

const problem = (code: VietQrProblemCode): VietQrProblem => ({ code, message: VIETQR_MESSAGES[code] });

const BIN = /^\d{6}$/;
const ACCOUNT = /^[0-9A-Za-z]{1,19}$/;
const AMOUNT = /^\d{1,13}$/;
const printable = (max: number) => new RegExp(`^[\\x20-\\x7E]{1,${max}}$`);
const REFERENCE = printable(25);
const NAME = printable(25);
const CITY = printable(15);

export type VietQrBuild = { ok: true; text: string } | { ok: false; problems: VietQrProblem[] };

/** The VietQR text for a transfer; problems (with codes and messages) instead when the input is unusable. */
export function buildVietQr(input: VietQrInput): VietQrBuild {
  const problems: VietQrProblem[] = [];
  const name = input.merchantName === undefined ? undefined : stripDiacritics(input.merchantName).trim();
  const city = input.merchantCity === undefined ? undefined : stripDiacritics(input.merchantCity).trim();
  if (!BIN.test(input.bin)) problems.push(problem('bin_invalid'));
  if (!ACCOUNT.test(input.account)) problems.push(problem('account_invalid'));
  if (input.to !== undefined && !Object.hasOwn(SERVICE_CODES, input.to)) problems.push(problem('service_unsupported'));
  if (input.amount !== undefined && !(Number.isSafeInteger(input.amount) && input.amount > 0 && AMOUNT.test(String(input.amount)))) problems.push(problem('amount_invalid'));
  if (input.reference !== undefined && !REFERENCE.test(input.reference)) problems.push(problem('reference_invalid'));
  if (name !== undefined && !NAME.test(name)) problems.push(problem('merchant_name_invalid'));
  if (city !== undefined && !CITY.test(city)) problems.push(problem('merchant_city_invalid'));
  if (problems.length) return { ok: false, problems };

  const beneficiary = encodeTlv([
    { id: '00', value: input.bin },
    { id: '01', value: input.account },
  ]);
  const fields: TlvField[] = [
    { id: '00', value: '01' },
    { id: '01', value: input.amount === undefined ? '11' : '12' },
    {
      id: '38',
      value: encodeTlv([
        { id: '00', value: VIETQR_GUID },
        { id: '01', value: beneficiary },
        { id: '02', value: SERVICE_CODES[input.to ?? 'account'] },
      ]),
    },
    { id: '53', value: '704' },
    ...(input.amount === undefined ? [] : [{ id: '54', value: String(input.amount) }]),
    { id: '58', value: 'VN' },
    ...(name ? [{ id: '59', value: name }] : []),
    ...(city ? [{ id: '60', value: city }] : []),
    ...(input.reference === undefined ? [] : [{ id: '62', value: encodeTlv([{ id: '08', value: input.reference }]) }]),
  ];
  const body = `${encodeTlv(fields)}6304`;
  return { ok: true, text: body + emvCrc(body) };
}

export type VietQrParse = { ok: true; qr: VietQr } | { ok: false; problems: VietQrProblem[] };

function template(value: string | undefined): Map<string, string> | undefined {
  if (value === undefined) return new Map();
  const parsed = parseTlv(value);
  if (!parsed.ok) return undefined;
  return new Map(parsed.fields.map((f) => [f.id, f.value]));
}

/**
 * Reads a scanned VietQR text: structure, CRC, NAPAS account information, currency, country and
 * amount are checked. Never throws: an unusable text gives problems with codes and messages.
 */
export function parseVietQr(text: string): VietQrParse {
  const t = String(text ?? '').trim();
  if (!t) return { ok: false, problems: [problem('empty')] };
  const parsed = parseTlv(t);
  if (!parsed.ok) return { ok: false, problems: [problem(t.startsWith('000201') ? 'malformed' : 'not_emv')] };
  const { fields } = parsed;
  if (fields[0]?.id !== '00' || fields[0].value !== '01') return { ok: false, problems: [problem('not_emv')] };
  const last = fields[fields.length - 1]!;
  if (last.id !== '63' || !/^[0-9A-Fa-f]{4}$/.test(last.value)) return { ok: false, problems: [problem('crc_missing')] };
  if (emvCrc(t.slice(0, -4)) !== last.value.toUpperCase()) return { ok: false, problems: [problem('crc_mismatch')] };

  const problems: VietQrProblem[] = [];
  const top = new Map<string, string>();
  for (const f of fields) {
    if (top.has(f.id)) problems.push(problem('duplicate_field'));
    top.set(f.id, f.value);
  }
  const initiation = top.get('01');
  if (initiation !== undefined && initiation !== '11' && initiation !== '12') problems.push(problem('initiation_invalid'));

  const account = template(top.get('38'));
  const beneficiary = template(account?.get('01'));
  const additional = template(top.get('62'));
  if (!account || !beneficiary || !additional) return { ok: false, problems: [...problems, problem('malformed')] };
  if (account.get('00')?.toUpperCase() !== VIETQR_GUID) return { ok: false, problems: [...problems, problem('not_vietqr')] };
  const bin = beneficiary.get('00') ?? '';
  const number = beneficiary.get('01') ?? '';
  const service = account.get('02');
  const to = (Object.keys(SERVICE_CODES) as VietQrTarget[]).find((k) => SERVICE_CODES[k] === service);
  if (!BIN.test(bin)) problems.push(problem('bin_invalid'));
  if (!ACCOUNT.test(number)) problems.push(problem('account_invalid'));
  if (!to) problems.push(problem('service_unsupported'));
  if (top.get('53') !== '704') problems.push(problem('currency_not_vnd'));
  if (top.get('58') !== 'VN') problems.push(problem('country_not_vn'));
  const amount = top.get('54');
  if (amount !== undefined && (!AMOUNT.test(amount) || Number(amount) === 0)) problems.push(problem('amount_invalid'));
  if (problems.length || !to) return { ok: false, problems };

  const reference = additional.get('08');
  const merchantName = top.get('59');
  const merchantCity = top.get('60');
  return {
    ok: true,
    qr: {
      dynamic: initiation === '12',
      bin,
      account: number,
      to,
      ...(amount === undefined ? {} : { amount: Number(amount) }),
      ...(reference === undefined ? {} : { reference }),
      ...(merchantName === undefined ? {} : { merchantName }),
      ...(merchantCity === undefined ? {} : { merchantCity }),
    },
  };
}

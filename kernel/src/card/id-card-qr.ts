// The QR code printed on the chip ID card (CCCD since 2021, thẻ căn cước since 1/7/2024):
//   personal ID | old CMND (may be empty) | full name | DOB ddmmyyyy | Nam/Nữ | address | issue date ddmmyyyy
// Cards issued since 1/7/2024 add trailing fields (empty on the cards seen so far). The QR is not
// signed: anyone can print one, so what it says is never more than a claim (`verified: false`)
// until the registry or the chip confirms it.
import { CardInputError, type CardMessage } from './card-error.ts';
import { checkPersonalIdConsistency, parsePersonalId } from '../personal-id/personal-id.ts';
import { fold, nfc } from '../text/vietnamese.ts';

export interface IdCardQrWarning {
  code:
    | 'repeated_payload_differs'
    | 'province_unknown'
    | 'sex_mismatch'
    | 'birth_year_mismatch'
    | 'old_id_format'
    | 'extra_fields'
    | 'issue_before_birth'
    | 'issue_in_future'
    | 'dob_partial';
  message: CardMessage;
}

export interface IdCardQr {
  pid: string;
  oldId: string | null;
  fullName: string;
  /** yyyy-mm-dd (yyyy-mm or yyyy when the card prints 00 for an unknown day or month). */
  dob: string;
  sex: 'M' | 'F';
  address: string;
  issueDate: string;
  warnings: IdCardQrWarning[];
  /** Always false: the printed QR carries no signature. */
  verified: false;
}

export type IdCardQrErrorCode = 'qr_empty' | 'qr_not_id_card' | 'qr_fields_missing' | 'qr_pid_invalid' | 'qr_name_missing' | 'qr_dob_invalid' | 'qr_sex_invalid' | 'qr_issue_date_invalid';

/** A payload that cannot be read as an ID-card QR (the `code` names what is wrong). */
export class IdCardQrError extends CardInputError {
  declare readonly code: IdCardQrErrorCode;
  constructor(code: IdCardQrErrorCode, text: CardMessage) {
    super(code, text);
    this.name = 'IdCardQrError';
  }
}

/**
 * Keyboard-wedge scanners type the payload as keystrokes: they may end it with Enter, CR or Tab,
 * send it twice (with or without a line break between), or wrap it in control characters.
 * Returns the payload once, and whether the copies disagreed.
 */
function unwedge(raw: string): { payload: string; differs: boolean } {
  const segments = raw
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
    .split(/[\r\n\t]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (segments.length === 0) return { payload: '', differs: false };
  const copies: string[] = [];
  for (const seg of segments) copies.push(...splitRepeats(seg));
  const first = copies[0]!;
  return { payload: first, differs: copies.some((c) => nfc(c) !== nfc(first)) };
}

/** "A…A…" typed back to back: a new copy starts wherever the 12-digit ID and a `|` start again. */
function splitRepeats(seg: string): string[] {
  const m = /^(\d{12})\|/.exec(seg);
  if (!m) return [seg];
  const out: string[] = [];
  let rest = seg;
  for (;;) {
    const next = rest.indexOf(`${m[1]}|`, 13);
    if (next <= 0) break;
    out.push(rest.slice(0, next));
    rest = rest.slice(next);
  }
  out.push(rest);
  return out;
}

/** `Ð` (U+00D0, Icelandic eth) looks like `Đ` (U+0110) and turns up in typed and scanned names. */
function fixEth(s: string): string {
  return s.replace(/\u00d0/g, '\u0110').replace(/\u00f0/g, '\u0111');
}

const clean = (s: string) => fixEth(nfc(s)).replace(/\s+/g, ' ').trim();

function parseDdmmyyyy(s: string, allowUnknown: boolean): { iso: string; year: number; month?: number; day?: number } | null {
  if (!/^\d{8}$/.test(s)) return null;
  const day = Number(s.slice(0, 2));
  const month = Number(s.slice(2, 4));
  const year = Number(s.slice(4));
  if (year < 1800 || year > 2999) return null;
  if (allowUnknown && month === 0) return day === 0 ? { iso: `${year}`, year } : null;
  if (month < 1 || month > 12) return null;
  if (allowUnknown && day === 0) return { iso: `${year}-${s.slice(2, 4)}`, year, month };
  if (day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  return { iso: `${year}-${s.slice(2, 4)}-${s.slice(0, 2)}`, year, month, day };
}

/**
 * Reads an ID-card QR payload. Throws `IdCardQrError` when it is not one; otherwise returns the
 * fields with warnings for what looks wrong but still reads (an ID that disagrees with sex or
 * birth year, an old-ID number of an unusual shape, copies of the payload that differ).
 */
export function parseIdCardQr(raw: string, today: Date = new Date()): IdCardQr {
  const { payload, differs } = unwedge(String(raw ?? ''));
  if (!payload) throw new IdCardQrError('qr_empty', { vi: 'Mã QR trống.', en: 'The QR payload is empty.' });
  if (!payload.includes('|'))
    throw new IdCardQrError('qr_not_id_card', { vi: 'Đây không phải mã QR của thẻ căn cước.', en: 'This is not an ID-card QR payload.' });
  const fields = payload.split('|');
  if (fields.length < 7)
    throw new IdCardQrError('qr_fields_missing', {
      vi: `Mã QR thẻ căn cước có ít nhất 7 trường (nhận được ${fields.length}).`,
      en: `An ID-card QR has at least 7 fields (got ${fields.length}).`,
    });
  const warnings: IdCardQrWarning[] = [];
  if (differs)
    warnings.push({ code: 'repeated_payload_differs', message: { vi: 'Máy quét gửi nhiều bản khác nhau; dùng bản đầu tiên.', en: 'The scanner sent copies that differ; the first was used.' } });

  const pid = fields[0]!.trim();
  if (!/^\d{12}$/.test(pid))
    throw new IdCardQrError('qr_pid_invalid', { vi: 'Trường đầu tiên phải là số định danh 12 chữ số.', en: 'The first field must be the 12-digit personal ID.' });
  for (const e of parsePersonalId(pid).errors) if (e.code === 'province_unknown') warnings.push({ code: 'province_unknown', message: e.message });

  const oldRaw = fields[1]!.trim();
  const oldId = oldRaw === '' ? null : oldRaw;
  if (oldId && !/^(\d{9}|\d{12})$/.test(oldId))
    warnings.push({ code: 'old_id_format', message: { vi: 'Số CMND cũ không có 9 hoặc 12 chữ số.', en: 'The old ID number does not have 9 or 12 digits.' } });

  const fullName = clean(fields[2]!);
  if (!fullName) throw new IdCardQrError('qr_name_missing', { vi: 'Thiếu họ và tên.', en: 'The full name is missing.' });

  const dob = parseDdmmyyyy(fields[3]!.trim(), true);
  if (!dob || dob.year > today.getUTCFullYear())
    throw new IdCardQrError('qr_dob_invalid', { vi: 'Ngày sinh phải có dạng ngày-tháng-năm (ddmmyyyy).', en: 'The date of birth must be ddmmyyyy.' });
  if (dob.day === undefined)
    warnings.push({ code: 'dob_partial', message: { vi: 'Thẻ chỉ ghi một phần ngày sinh.', en: 'The card gives only part of the date of birth.' } });

  const sexWord = fold(clean(fields[4]!));
  const sex = sexWord === 'nam' ? 'M' : sexWord === 'nu' ? 'F' : null;
  if (!sex) throw new IdCardQrError('qr_sex_invalid', { vi: 'Giới tính phải là "Nam" hoặc "Nữ".', en: 'Sex must be "Nam" or "Nữ".' });

  const address = clean(fields[5]!);

  const issue = parseDdmmyyyy(fields[6]!.trim(), false);
  if (!issue) throw new IdCardQrError('qr_issue_date_invalid', { vi: 'Ngày cấp phải có dạng ddmmyyyy.', en: 'The issue date must be ddmmyyyy.' });
  if (issue.iso < dob.iso)
    warnings.push({ code: 'issue_before_birth', message: { vi: 'Ngày cấp trước ngày sinh.', en: 'The issue date is before the date of birth.' } });
  if (issue.iso > today.toISOString().slice(0, 10))
    warnings.push({ code: 'issue_in_future', message: { vi: 'Ngày cấp ở tương lai.', en: 'The issue date is in the future.' } });

  if (fields.slice(7).some((f) => f.trim() !== ''))
    warnings.push({ code: 'extra_fields', message: { vi: 'Mã QR có thêm trường chưa biết; đã bỏ qua.', en: 'The QR has further fields that are not understood; they were ignored.' } });

  for (const e of checkPersonalIdConsistency(pid, { sex, birthDate: { year: dob.year } }))
    warnings.push({ code: e.code as 'sex_mismatch' | 'birth_year_mismatch', message: e.message });

  return { pid, oldId, fullName, dob: dob.iso, sex, address, issueDate: issue.iso, warnings, verified: false };
}

// Chip passive authentication (modules/verification/chip) as a check uses it: a verdict, each
// check with its reason, the attributes the chip carries (DG13, else the MRZ of DG1) in the API's
// names, and the face image.
import { vnPersonalIdFromTd1 } from '@open06/kernel/card';
import type { Text } from '../../../http/errors.ts';
import { passiveAuthenticate, type ChipFiles, type PassiveAuthReport, type TrustStore } from '../chip/index.ts';
import type { Presented } from './attribute-match.ts';

export type { ChipFiles };

export interface ChipCheckLine {
  id: string;
  status: 'passed' | 'failed' | 'not_possible';
  /** Counts toward the verdict (hashes of groups the reader did not send do not). */
  required: boolean;
  detail: Text;
}

export interface ChipReportForCheck {
  verdict: 'genuine' | 'forged' | 'unverified';
  checks: ChipCheckLine[];
  /** The personal ID on the chip (DG13, else the MRZ). */
  pid: string | undefined;
  /** Attributes the chip carries, in the API's names. */
  presented: Presented;
  /** The face image (DG2), base64. */
  photo?: { mimeType: string; data: string } | undefined;
}

export type ChipCheck = (files: ChipFiles, at: Date) => Promise<ChipReportForCheck>;

/** What the chip says, DG13 first (names with diacritics), the MRZ otherwise. */
export function presentedOf(report: PassiveAuthReport): { pid: string | undefined; presented: Presented } {
  const p = report.personal;
  const mrz = report.mrz;
  const pid = p?.pid && /^\d{12}$/.test(p.pid) ? p.pid : mrz ? (vnPersonalIdFromTd1(mrz) ?? undefined) : undefined;
  const out: Presented = {};
  if (pid) out.pid = pid;
  const name = p?.fullName ?? (mrz ? `${mrz.surname} ${mrz.givenNames}`.replace(/\s+/g, ' ').trim() : undefined);
  if (name) out.fullName = name;
  const dob = p?.dateOfBirth && /^\d{4}-\d{2}-\d{2}$/.test(p.dateOfBirth) ? p.dateOfBirth : (mrz?.dateOfBirthIso ?? undefined);
  if (dob) out.birthDate = dob;
  const sex = p?.sex ?? mrz?.sex ?? undefined;
  if (sex) out.sex = sex;
  if (p?.oldId && /^(\d{9}|\d{12})$/.test(p.oldId)) out.oldId = p.oldId;
  const issued = p?.issueDate ? /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(p.issueDate) : null;
  if (issued) out.issueDate = `${issued[3]}-${issued[2]!.padStart(2, '0')}-${issued[1]!.padStart(2, '0')}`;
  else if (p?.issueDate && /^\d{4}-\d{2}-\d{2}$/.test(p.issueDate)) out.issueDate = p.issueDate;
  return { pid, presented: out };
}

/** Passive authentication against the trust store `trust` gives at the time of the check. */
export function chipCheckWith(trust: () => Promise<TrustStore>): ChipCheck {
  return async (files, at) => {
    const report = await passiveAuthenticate(files, { trust: await trust(), at, fieldPath: (f) => `body.chip.${f}` });
    const { pid, presented } = presentedOf(report);
    return {
      verdict: report.verdict,
      checks: report.checks.map((c) => ({ id: c.id, status: c.status, required: c.required, detail: c.detail })),
      pid,
      presented,
      photo: report.photo ? { mimeType: report.photo.mime, data: Buffer.from(report.photo.bytes).toString('base64') } : undefined,
    };
  };
}

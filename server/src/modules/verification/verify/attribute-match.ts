// Comparing what a verifier was shown with the registry's record, and the overall colour of a
// check. Pure: the answer is match / no_match / not_checked per attribute presented — never the
// record's value.
import { fold } from '@open06/kernel';

export const ATTRIBUTES = ['pid', 'fullName', 'birthDate', 'sex', 'oldId', 'issueDate'] as const;
export type AttributeName = (typeof ATTRIBUTES)[number];
/** The attributes that decide whether a person is who they say; the others only add confidence. */
export const CORE_ATTRIBUTES: readonly AttributeName[] = ['pid', 'fullName', 'birthDate', 'sex'];

export type AttributeResult = 'match' | 'no_match' | 'not_checked';
export type Presented = Partial<Record<AttributeName, string>>;

/** The part of a registry record the comparison uses; absent members were not visible to the reader. */
export interface RecordForMatch {
  pid: string;
  fullName?: string | undefined;
  birthDate?: string | undefined;
  sex?: 'M' | 'F' | undefined;
  oldId?: string | null | undefined;
  idCards?: { issuedOn: string }[] | undefined;
}

/** NFC, the Icelandic Ð typed for Đ, case and spacing ignored. */
function canonicalName(s: string): string {
  return s.normalize('NFC').replace(/Ð/g, 'Đ').replace(/ð/g, 'đ').toLocaleLowerCase('vi').replace(/\s+/g, ' ').trim();
}

/**
 * Names match exactly (up to case, spacing and Unicode form). A name typed without any diacritics
 * (a keyboard with no Vietnamese input) is compared without them: "Tran Thi Thu Ha" matches
 * "Trần Thị Thu Hà", but "Trần Thị Thu Hằng" does not.
 */
export function sameNameForVerification(presented: string, registered: string): boolean {
  const plain = !/[\u0300-\u036f]/.test(presented.normalize('NFD'));
  return plain ? fold(presented) === fold(registered) : canonicalName(presented) === canonicalName(registered);
}

/** Dates agree at the precision both have (the registry may hold only a year or a month). */
export function sameBirthDate(presented: string, registered: string): boolean {
  const n = Math.min(presented.length, registered.length);
  return presented.slice(0, n) === registered.slice(0, n);
}

export function matchAttributes(presented: Presented, record: RecordForMatch | undefined): Partial<Record<AttributeName, AttributeResult>> {
  const out: Partial<Record<AttributeName, AttributeResult>> = {};
  for (const name of ATTRIBUTES) {
    const p = presented[name];
    if (p === undefined) continue;
    if (!record) {
      out[name] = name === 'pid' ? 'no_match' : 'not_checked';
      continue;
    }
    switch (name) {
      case 'pid':
        out.pid = p === record.pid ? 'match' : 'no_match';
        break;
      case 'fullName':
        out.fullName = record.fullName === undefined ? 'not_checked' : sameNameForVerification(p, record.fullName) ? 'match' : 'no_match';
        break;
      case 'birthDate':
        out.birthDate = record.birthDate === undefined ? 'not_checked' : sameBirthDate(p, record.birthDate) ? 'match' : 'no_match';
        break;
      case 'sex':
        out.sex = record.sex === undefined ? 'not_checked' : p === record.sex ? 'match' : 'no_match';
        break;
      case 'oldId':
        // undefined: the reader may not see old ID numbers; null: the registry has none
        out.oldId = record.oldId === undefined ? 'not_checked' : p === record.oldId ? 'match' : 'no_match';
        break;
      case 'issueDate':
        out.issueDate = record.idCards === undefined ? 'not_checked' : record.idCards.some((c) => c.issuedOn === p) ? 'match' : 'no_match';
        break;
    }
  }
  return out;
}

export type CheckStatus = 'passed' | 'failed' | 'not_possible' | 'not_checked';
export interface CheckLine {
  name: string;
  status: CheckStatus;
  /** Why, when it did not pass (a stable code). */
  reason?: string;
}
export type Colour = 'green' | 'amber' | 'red';

/**
 * Red: something failed or an attribute does not match. Amber: nothing failed, but something that
 * matters could not be checked (the registry, a core attribute, the chip's certificate chain).
 * Green: everything that was checked passed.
 */
export function colourOf(checks: readonly CheckLine[], attributes: Partial<Record<AttributeName, AttributeResult>>): Colour {
  if (checks.some((c) => c.status === 'failed') || Object.values(attributes).includes('no_match')) return 'red';
  if (checks.some((c) => c.status === 'not_possible') || CORE_ATTRIBUTES.some((a) => attributes[a] === 'not_checked')) return 'amber';
  return 'green';
}

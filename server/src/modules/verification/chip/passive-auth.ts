// Passive authentication of what an NFC reader read from a chip ID card or passport
// (ICAO Doc 9303 Part 11 §5.1): EF.SOD's signature by the document signer (DS), the DS
// certificate's chain to a trusted CSCA, validity at a given time, and the hash of every data
// group received against the hash the issuer signed. Each check is passed, failed or
// not_possible; a chain that cannot be built is never "passed".
//
// Verdict: "forged" when an integrity check failed (signature, signer certificate, chain
// signature, a data-group hash); otherwise "unverified" when a required check was not possible or
// a certificate is outside its validity; otherwise "genuine".
import type { Message } from '@open06/kernel';
import { parseDg1, parseDg13, parseDg2, vnPersonalIdFromTd1, type FacePhoto, type Td1, type VnPersonalData } from '@open06/kernel/card';
import { ValidationError } from '../../../http/errors.ts';
import { dateOnly, displayName, serialHex, validAt } from './certificate.ts';
import { verifySigner } from './cms.ts';
import { digest, HASH_OIDS } from './signature.ts';
import { parseSod, SodFormatError } from './sod.ts';
import type { TrustStore, TrustedCertificate } from './trust-store.ts';

export type CheckStatus = 'passed' | 'failed' | 'not_possible';

/** EF.SOD and the data groups as read from the chip (DG1 MRZ, DG2 face, DG13 personal data, DG14 security infos, DG15 AA key …). */
export interface ChipFiles {
  sod: Uint8Array;
  dg1?: Uint8Array;
  dg2?: Uint8Array;
  dg3?: Uint8Array;
  dg4?: Uint8Array;
  dg5?: Uint8Array;
  dg6?: Uint8Array;
  dg7?: Uint8Array;
  dg8?: Uint8Array;
  dg9?: Uint8Array;
  dg10?: Uint8Array;
  dg11?: Uint8Array;
  dg12?: Uint8Array;
  dg13?: Uint8Array;
  dg14?: Uint8Array;
  dg15?: Uint8Array;
  dg16?: Uint8Array;
}

export interface PassiveAuthCheck {
  /** signer_certificate, sod_signature, ds_validity, csca_chain, csca_validity, dg<n>_hash, mrz_check_digits, dg13_matches_dg1 */
  id: string;
  status: CheckStatus;
  /** Counts toward the verdict. Hashes of groups the reader did not send, and consistency checks, do not. */
  required: boolean;
  detail: Message;
}

export interface PassiveAuthReport {
  verdict: 'genuine' | 'forged' | 'unverified';
  /** The moment validity was judged at (ISO 8601). */
  at: string;
  checks: PassiveAuthCheck[];
  documentSigner?: { subject: string; issuer: string; serialNumber: string; notBefore: string; notAfter: string; identifiedBy: 'issuer_serial' | 'subject_key_id' };
  csca?: { subject: string; source: string; notAfter: string };
  algorithms?: { dataGroupHash: string; signature: string | null };
  /** Data groups the SOD covers. */
  dataGroups?: number[];
  mrz?: Td1;
  personal?: VnPersonalData;
  photo?: FacePhoto;
}

export interface PassiveAuthOptions {
  trust: TrustStore;
  /** When validity is judged (default now). */
  at?: Date;
  /** Where a bad file is reported in a problem+json answer (default `body.<file>`). */
  fieldPath?: (file: string) => string;
}

const INTEGRITY = new Set(['signer_certificate', 'sod_signature', 'csca_chain']);
const VALIDITY = new Set(['ds_validity', 'csca_validity']);
const vi = (d: Date) => d.toISOString().slice(0, 10).split('-').reverse().join('/');

function verdictOf(checks: PassiveAuthCheck[]): PassiveAuthReport['verdict'] {
  if (checks.some((c) => c.status === 'failed' && (INTEGRITY.has(c.id) || /^dg\d+_hash$/.test(c.id)))) return 'forged';
  if (checks.some((c) => c.required && c.status === 'not_possible') || checks.some((c) => VALIDITY.has(c.id) && c.status === 'failed')) return 'unverified';
  return 'genuine';
}

function dgFiles(files: ChipFiles): Map<number, Uint8Array> {
  const out = new Map<number, Uint8Array>();
  for (const [k, v] of Object.entries(files)) {
    const m = /^dg(\d{1,2})$/.exec(k);
    if (m && v instanceof Uint8Array && Number(m[1]) >= 1 && Number(m[1]) <= 16) out.set(Number(m[1]), v);
  }
  return out;
}

export async function passiveAuthenticate(files: ChipFiles, opts: PassiveAuthOptions): Promise<PassiveAuthReport> {
  const at = opts.at ?? new Date();
  const field = opts.fieldPath ?? ((f: string) => `body.${f}`);
  if (!(files.sod instanceof Uint8Array) || files.sod.length === 0)
    throw ValidationError.field(field('sod'), 'required', { vi: 'Thiếu tệp EF.SOD.', en: 'EF.SOD is required.' });
  let sod;
  try {
    sod = parseSod(files.sod);
  } catch (e) {
    if (!(e instanceof SodFormatError)) throw e;
    throw ValidationError.field(field('sod'), 'sod_unreadable', { vi: `Không đọc được EF.SOD: ${e.message}.`, en: `EF.SOD cannot be read: ${e.message}.` });
  }
  const checks: PassiveAuthCheck[] = [];
  const add = (id: string, status: CheckStatus, detail: Message, required = true) => checks.push({ id, status, required, detail });
  const report: PassiveAuthReport = { verdict: 'unverified', at: at.toISOString(), checks, dataGroups: [...sod.hashes.keys()].sort((a, b) => a - b) };

  // 1. The document signer's certificate, named by issuer and serial number or by key identifier.
  const signer = verifySigner(sod.cms, opts.trust.documentSignerCertificates());
  const ds = signer.certificate;
  const how = signer.signerId.by === 'issuer_serial' ? { vi: 'tổ chức cấp và số sê-ri', en: 'issuer and serial number' } : { vi: 'định danh khoá', en: 'subject key identifier' };
  if (ds && signer.certificateSource === 'known')
    add('signer_certificate', 'passed', { vi: `EF.SOD không kèm chứng thư người ký; đã dùng chứng thư trong kho (theo ${how.vi}).`, en: `EF.SOD carries no signer certificate; the one in the trust store was used (by ${how.en}).` });
  else if (ds) add('signer_certificate', 'passed', { vi: `Tìm thấy chứng thư người ký tài liệu (theo ${how.vi}).`, en: `Document signer certificate found (by ${how.en}).` });
  else if (signer.certificateStatus === 'mismatch')
    add('signer_certificate', 'failed', { vi: `Không chứng thư nào trong EF.SOD khớp người ký (theo ${how.vi}).`, en: `No certificate in EF.SOD matches the signer (by ${how.en}).` });
  else add('signer_certificate', 'not_possible', { vi: 'EF.SOD không kèm chứng thư người ký tài liệu.', en: 'EF.SOD carries no document signer certificate.' });
  if (ds)
    report.documentSigner = {
      subject: displayName(ds.subject),
      issuer: displayName(ds.issuer),
      serialNumber: serialHex(ds),
      notBefore: dateOnly(ds.notBefore.value),
      notAfter: dateOnly(ds.notAfter.value),
      identifiedBy: signer.signerId.by,
    };
  report.algorithms = { dataGroupHash: HASH_OIDS[sod.hashAlgorithmOid] ?? sod.hashAlgorithmOid, signature: signer.algorithm?.name ?? null };

  // 2. The signature over the security object.
  if (signer.signature === 'passed') add('sod_signature', 'passed', { vi: `Chữ ký EF.SOD hợp lệ (${signer.algorithm!.name}).`, en: `EF.SOD signature is valid (${signer.algorithm!.name}).` });
  else if (signer.signature === 'failed') add('sod_signature', 'failed', { vi: `Chữ ký EF.SOD không hợp lệ (${signer.reason?.vi}).`, en: `EF.SOD signature is invalid (${signer.reason?.en}).` });
  else add('sod_signature', 'not_possible', { vi: `Không kiểm tra được chữ ký EF.SOD (${signer.reason?.vi}).`, en: `EF.SOD signature could not be checked (${signer.reason?.en}).` });

  // 3. The DS certificate's validity.
  if (!ds) add('ds_validity', 'not_possible', { vi: 'Không có chứng thư người ký để kiểm tra thời hạn.', en: 'No document signer certificate to check.' });
  else {
    const v = validAt(ds, at);
    if (v === 'valid') add('ds_validity', 'passed', { vi: `Chứng thư người ký còn hiệu lực đến ${vi(ds.notAfter.value)}.`, en: `Document signer certificate valid until ${dateOnly(ds.notAfter.value)}.` });
    else if (v === 'expired') add('ds_validity', 'failed', { vi: `Chứng thư người ký đã hết hạn ngày ${vi(ds.notAfter.value)}.`, en: `Document signer certificate expired on ${dateOnly(ds.notAfter.value)}.` });
    else add('ds_validity', 'failed', { vi: `Chứng thư người ký chỉ có hiệu lực từ ${vi(ds.notBefore.value)}.`, en: `Document signer certificate is not valid before ${dateOnly(ds.notBefore.value)}.` });
  }

  // 4. The chain DS → CSCA from the trust store.
  let csca: TrustedCertificate | undefined;
  if (!ds || !signer.certificateDer) add('csca_chain', 'not_possible', { vi: 'Không có chứng thư người ký để dựng chuỗi tin cậy.', en: 'No document signer certificate to build a chain from.' });
  else {
    const chain = opts.trust.chainOf(ds, signer.certificateDer);
    const issuer = displayName(ds.issuer);
    if (chain.status === 'passed') {
      csca = chain.csca;
      add('csca_chain', 'passed', { vi: `Chứng thư người ký do CSCA "${csca.subject}" cấp.`, en: `Document signer certificate issued by CSCA "${csca.subject}".` });
    } else if (chain.status === 'failed')
      add('csca_chain', 'failed', { vi: `Chữ ký của CSCA "${chain.csca.subject}" trên chứng thư người ký không hợp lệ.`, en: `The signature of CSCA "${chain.csca.subject}" on the document signer certificate is invalid.` });
    else if (chain.why === 'no_issuer') add('csca_chain', 'not_possible', { vi: `Kho tin cậy không có CSCA "${issuer}".`, en: `The trust store holds no CSCA "${issuer}".` });
    else if (chain.why === 'no_signing_issuer')
      add('csca_chain', 'not_possible', {
        vi: `Không CSCA nào mang tên "${issuer}" trong kho đã ký chứng thư này (có thể thiếu CSCA mới).`,
        en: `No CSCA named "${issuer}" in the trust store signed this certificate (a newer CSCA may be missing).`,
      });
    else add('csca_chain', 'not_possible', { vi: `Không kiểm tra được chữ ký của CSCA (chưa hỗ trợ: ${chain.reason}).`, en: `The CSCA signature could not be checked (${chain.reason}).` });
  }
  if (csca) {
    report.csca = { subject: csca.subject, source: csca.source, notAfter: dateOnly(csca.notAfter) };
    const v = validAt(csca.certificate, at);
    if (v === 'valid') add('csca_validity', 'passed', { vi: `CSCA còn hiệu lực đến ${vi(csca.notAfter)}.`, en: `CSCA valid until ${dateOnly(csca.notAfter)}.` });
    else add('csca_validity', 'failed', { vi: `CSCA không có hiệu lực vào thời điểm kiểm tra.`, en: `The CSCA is not valid at the time of the check.` });
  } else add('csca_validity', 'not_possible', { vi: 'Chưa xác định được CSCA.', en: 'No CSCA was established.' });

  // 5. Every data-group hash.
  const hash = HASH_OIDS[sod.hashAlgorithmOid];
  const given = dgFiles(files);
  for (const n of [...new Set([...sod.hashes.keys(), ...given.keys()])].sort((a, b) => a - b)) {
    const file = given.get(n);
    const signed = sod.hashes.get(n);
    const id = `dg${n}_hash`;
    if (file && !signed) add(id, 'failed', { vi: `DG${n} không được EF.SOD bảo vệ.`, en: `DG${n} is not covered by EF.SOD.` });
    else if (!file) add(id, 'not_possible', { vi: `Đầu đọc không gửi DG${n}.`, en: `The reader did not send DG${n}.` }, n === 1);
    else if (!hash) add(id, 'not_possible', { vi: `Chưa hỗ trợ thuật toán băm ${sod.hashAlgorithmOid}.`, en: `Hash algorithm ${sod.hashAlgorithmOid} is not supported.` });
    else if (Buffer.compare(digest(hash, file), signed!) === 0) add(id, 'passed', { vi: `Mã băm DG${n} khớp.`, en: `DG${n} hash matches.` });
    else add(id, 'failed', { vi: `Mã băm DG${n} không khớp: dữ liệu đã bị sửa.`, en: `DG${n} hash does not match: the data was altered.` });
  }
  if (!given.has(1) && !sod.hashes.has(1)) add('dg1_hash', 'not_possible', { vi: 'Không có DG1 (MRZ).', en: 'No DG1 (MRZ).' });

  // 6. Contents, for the caller to show (whatever the verdict) and for consistency.
  if (files.dg1) {
    try {
      report.mrz = parseDg1(files.dg1, at);
      const bad = report.mrz.checks.filter((c) => !c.valid).map((c) => c.field);
      add('mrz_check_digits', bad.length ? 'failed' : 'passed', bad.length ? { vi: `Số kiểm tra MRZ sai: ${bad.join(', ')}.`, en: `MRZ check digits wrong: ${bad.join(', ')}.` } : { vi: 'Các số kiểm tra MRZ đúng.', en: 'MRZ check digits are right.' }, false);
    } catch (e) {
      add('mrz_check_digits', 'not_possible', { vi: 'Không đọc được MRZ trong DG1.', en: `The MRZ in DG1 cannot be read (${(e as Error).message}).` }, false);
    }
  }
  if (files.dg13) {
    try {
      report.personal = parseDg13(files.dg13);
    } catch {
      add('dg13_content', 'not_possible', { vi: 'Không đọc được DG13.', en: 'DG13 cannot be read.' }, false);
    }
  }
  if (report.mrz && report.personal) {
    const pidMrz = vnPersonalIdFromTd1(report.mrz);
    const p = report.personal;
    const agree = (!pidMrz || !p.pid || pidMrz === p.pid) && (!report.mrz.dateOfBirthIso || !p.dateOfBirth || report.mrz.dateOfBirthIso === p.dateOfBirth) && (!report.mrz.sex || !p.sex || report.mrz.sex === p.sex);
    add('dg13_matches_dg1', agree ? 'passed' : 'failed', agree ? { vi: 'DG13 khớp với MRZ.', en: 'DG13 agrees with the MRZ.' } : { vi: 'DG13 không khớp với MRZ (số định danh, ngày sinh hoặc giới tính).', en: 'DG13 disagrees with the MRZ (ID, date of birth or sex).' }, false);
  }
  if (files.dg2) {
    try {
      const photo = parseDg2(files.dg2);
      if (photo) report.photo = photo;
    } catch {
      // an unreadable DG2 only means no photo to show; its hash was checked above
    }
  }
  report.verdict = verdictOf(checks);
  return report;
}

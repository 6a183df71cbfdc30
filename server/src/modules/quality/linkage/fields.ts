// Field specifications: `full_name=hoTen,dob=ngaySinh,text:hometown=queQuan,exact:ethnic=danToc`.
import { ValidationError } from '../../../http/errors.ts';
import { FIELD_KINDS, type FieldKind, type FieldSpec } from './linkage.types.ts';

const NAME_PARTS: FieldKind[] = ['family_name', 'middle_name', 'given_name'];

/** Parses `--fields`. Throws a ValidationError naming `path` when the text is wrong. */
export function parseFieldSpecs(text: string, path = 'fields'): FieldSpec[] {
  const specs: FieldSpec[] = [];
  for (const raw of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const eq = raw.indexOf('=');
    const left = (eq < 0 ? raw : raw.slice(0, eq)).trim();
    const column = (eq < 0 ? raw : raw.slice(eq + 1)).trim();
    const colon = left.indexOf(':');
    const kind = (colon < 0 ? left : left.slice(0, colon)) as FieldKind;
    if (!FIELD_KINDS.includes(kind))
      throw ValidationError.field(path, 'field_kind_unknown', {
        vi: `Loại trường "${kind}" không có; dùng một trong: ${FIELD_KINDS.join(', ')} (text và exact viết text:<tên>=<cột>).`,
        en: `Unknown field kind "${kind}"; use one of: ${FIELD_KINDS.join(', ')} (text and exact as text:<name>=<column>).`,
      });
    const generic = kind === 'text' || kind === 'exact';
    const name = generic ? left.slice(colon + 1).trim() : kind;
    if (generic && (colon < 0 || !/^[A-Za-z0-9_.-]+$/.test(name)))
      throw ValidationError.field(path, 'field_name_missing', {
        vi: `Trường ${kind} cần một tên: ${kind}:<tên>=<cột> (chữ, số, _ . -).`,
        en: `A ${kind} field needs a name: ${kind}:<name>=<column> (letters, digits, _ . -).`,
      });
    if (!generic && colon >= 0)
      throw ValidationError.field(path, 'field_name_unexpected', {
        vi: `Chỉ trường text và exact có tên riêng ("${left}").`,
        en: `Only text and exact fields take a name ("${left}").`,
      });
    if (!column)
      throw ValidationError.field(path, 'field_column_missing', { vi: `Thiếu tên cột cho "${left}".`, en: `No column given for "${left}".` });
    specs.push({ kind, name, column });
  }
  validateFieldSpecs(specs, path);
  return specs;
}

/** The rules every set of fields must follow (also for callers that build specs in code). */
export function validateFieldSpecs(specs: FieldSpec[], path = 'fields'): void {
  if (!specs.length) throw ValidationError.field(path, 'fields_missing', { vi: 'Cần ít nhất một trường để so sánh.', en: 'At least one field to compare is needed.' });
  const seen = new Set<string>();
  for (const s of specs) {
    const generic = s.kind === 'text' || s.kind === 'exact';
    const clash = generic && (s.name === 'name' || (FIELD_KINDS as readonly string[]).includes(s.name));
    if (clash || seen.has(s.name))
      throw ValidationError.field(path, 'field_duplicate', {
        vi: `Trường "${s.name}" được khai báo hai lần hoặc trùng tên một loại trường.`,
        en: `Field "${s.name}" is given twice or clashes with a field kind.`,
      });
    seen.add(s.name);
  }
  if (specs.some((s) => s.kind === 'full_name') && specs.some((s) => NAME_PARTS.includes(s.kind)))
    throw ValidationError.field(path, 'name_fields_conflict', {
      vi: 'Dùng full_name hoặc các phần họ / tên đệm / tên, không dùng cả hai.',
      en: 'Use full_name or the parts family_name / middle_name / given_name, not both.',
    });
}

// "Only when <field> is <value>": a condition of the catalogue (a field, a document, a step) in
// words, with the field's label and the chosen option's label rather than their ids.
import { useTranslation } from 'react-i18next';
import { type Condition, type Field, pick } from '../services.ts';

function valueLabel(field: Field | undefined, value: string | number | boolean, lang: string, yesNo: (v: boolean) => string): string {
  if (typeof value === 'boolean') return yesNo(value);
  const option = field?.type === 'select' ? field.options?.find((o) => o.value === value) : undefined;
  return option ? pick(option.label, lang) : String(value);
}

export function ConditionText({ when, fields }: { when: Condition; fields: Map<string, Field> }) {
  const { t, i18n } = useTranslation();
  const field = fields.get(when.field);
  const yesNo = (v: boolean) => t(v ? 'services.common.yes' : 'services.common.no');
  const values = (when.in ?? [when.equals!]).map((v) => `«${valueLabel(field, v, i18n.language, yesNo)}»`);
  return <>{t('services.common.when', { field: field ? pick(field.label, i18n.language) : when.field, values: values.join(t('services.common.or')) })}</>;
}

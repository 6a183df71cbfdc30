// A fee rule of the catalogue (config/services/README.md#fees) in words: free, a fixed amount,
// online vs at the desk, per unit beyond a free number, by a field's choice, a sum of parts, an
// amount taken from the form (a fine) or a rate the province sets — nested rules as nested lists.
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { type Field, type FeeRule, pick, vnd } from '../services.ts';

const LIST = { margin: '4px 0', paddingLeft: 20 };

export function FeeRuleView({ rule, fields }: { rule: FeeRule; fields: Map<string, Field> }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const label = (id: string) => {
    const f = fields.get(id);
    return f ? pick(f.label, lang) : id;
  };
  switch (rule.kind) {
    case 'free':
      return <Typography.Text strong>{t('services.fee.free')}</Typography.Text>;
    case 'fixed':
      return <Typography.Text strong>{vnd(rule.amount, lang)}</Typography.Text>;
    case 'by_channel':
      return (
        <ul style={LIST} data-testid="fee-by-channel">
          <li>
            {t('services.fee.online')}: <Typography.Text strong>{rule.online === 0 ? t('services.fee.free') : vnd(rule.online, lang)}</Typography.Text>
          </li>
          <li>
            {t('services.fee.desk')}: <Typography.Text strong>{rule.desk === 0 ? t('services.fee.free') : vnd(rule.desk, lang)}</Typography.Text>
          </li>
        </ul>
      );
    case 'per_unit':
      return (
        <>
          {t(rule.free ? 'services.fee.perUnitBeyond' : 'services.fee.perUnit', { field: label(rule.field), free: rule.free })}: <FeeRuleView rule={rule.rule} fields={fields} />
        </>
      );
    case 'by_field': {
      const field = fields.get(rule.field);
      return (
        <>
          {t('services.fee.byField', { field: label(rule.field) })}
          <ul style={LIST}>
            {Object.entries(rule.cases).map(([value, sub]) => {
              const option = field?.type === 'select' ? field.options?.find((o) => o.value === value) : undefined;
              return (
                <li key={value}>
                  {option ? pick(option.label, lang) : value}: <FeeRuleView rule={sub} fields={fields} />
                </li>
              );
            })}
          </ul>
        </>
      );
    }
    case 'sum':
      return (
        <ul style={LIST}>
          {rule.parts.map((part, i) => (
            <li key={i}>
              {pick(part.label, lang)}: <FeeRuleView rule={part.rule} fields={fields} />
            </li>
          ))}
        </ul>
      );
    case 'from_field':
      return <>{t('services.fee.fromField', { field: label(rule.field) })}</>;
    case 'local':
      return <>{t('services.fee.local')}</>;
  }
}

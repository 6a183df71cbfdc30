// The form of a procedure as a read-only preview: its sections and fields, what each expects, and
// which ones the platform fills from the national population database (prefill bindings) — the
// citizen never types those.
import { Card, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { type Field, type Prefill, type Section, pick } from '../services.ts';
import { ConditionText } from './Condition.tsx';

function FieldKind({ field }: { field: Field }) {
  const { t, i18n } = useTranslation();
  if (field.type === 'select' && field.options) return <>{t('services.field.selectOf', { options: field.options.map((o) => pick(o.label, i18n.language)).join(' · ') })}</>;
  if (field.type === 'select' && field.optionsFrom) return <>{t(`services.field.from.${field.optionsFrom}`)}</>;
  if (field.type === 'number' && field.unit) return <>{`${t('services.field.type.number')} (${pick(field.unit, i18n.language)})`}</>;
  if (field.type === 'file') return <>{t('services.field.fileOf', { size: field.maxSizeMb })}</>;
  return <>{t(`services.field.type.${field.type}`)}</>;
}

export function FormPreview({ sections, prefill, fields }: { sections: Section[]; prefill: Prefill[]; fields: Map<string, Field> }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const bound = new Map<string, boolean>();
  for (const p of prefill) bound.set(p.field, (bound.get(p.field) ?? false) || p.editable);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="form-preview">
      {sections.map((s) => (
        <Card key={s.id} size="small" title={pick(s.title, lang)}>
          {s.fields.map((f) => {
            const id = `${s.id}.${f.name}`;
            const editable = bound.get(id);
            return (
              <div key={id} style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }} data-testid={`field-${id}`}>
                <Typography.Text strong>
                  {pick(f.label, lang)}
                  {f.required && <span aria-label={t('services.field.required')} style={{ color: '#cf1322' }}> *</span>}
                </Typography.Text>{' '}
                <Typography.Text type="secondary">
                  — <FieldKind field={f} />
                </Typography.Text>
                <div>
                  {editable !== undefined && (
                    <Tag color="green" data-testid="prefill-tag">
                      {t('services.field.prefilled')}
                    </Tag>
                  )}
                  {editable && <Tag>{t('services.field.editable')}</Tag>}
                  {f.when && (
                    <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                      <ConditionText when={f.when} fields={fields} />
                    </Typography.Text>
                  )}
                </div>
                {f.help && editable === undefined && (
                  <Typography.Paragraph type="secondary" style={{ fontSize: 13, marginBottom: 0 }}>
                    {pick(f.help, lang)}
                  </Typography.Paragraph>
                )}
              </div>
            );
          })}
        </Card>
      ))}
    </Space>
  );
}

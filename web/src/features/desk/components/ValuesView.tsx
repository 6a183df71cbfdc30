// An application's values grouped by the sections of its procedure's form, each labelled as the
// form labels it; a value the population database filled carries a tag naming its source (what
// record, updated when, read from whose record).
import { Card, Descriptions, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { useCodeLists, useUnit } from '../../../api/reference.ts';
import { viDate } from '../../../components/dates.ts';
import { pick, type Field, type Section } from '../../services/services.ts';
import type { ApplicationDetail } from '../desk.ts';

function CommuneName({ code }: { code: string }) {
  const unit = useUnit(code);
  return <>{unit.data ? [unit.data.fullName, unit.data.provinceName].filter(Boolean).join(', ') : code}</>;
}

function FieldValue({ field, value }: { field: Field; value: unknown }) {
  const { t, i18n } = useTranslation();
  const codes = useCodeLists();
  const text = String(value);
  switch (field.type) {
    case 'boolean':
      return <>{value === true || value === 'true' ? t('desk.yes') : t('desk.no')}</>;
    case 'date':
      return <>{viDate(text)}</>;
    case 'commune':
      return <CommuneName code={text} />;
    case 'number':
      return <>{field.unit ? `${text} ${pick(field.unit, i18n.language)}` : text}</>;
    case 'select': {
      if (field.options) {
        const o = field.options.find((x) => x.value === text);
        return <>{o ? pick(o.label, i18n.language) : text}</>;
      }
      if (field.optionsFrom === 'ethnicities') return <>{codes.data?.ethnicities.find((e) => e.code === text)?.name ?? text}</>;
      if (field.optionsFrom === 'religions') {
        const r = codes.data?.religions.find((e) => e.code === text);
        return <>{r ? (i18n.language === 'en' ? r.nameEn : r.name) : text}</>;
      }
      return <>{text}</>;
    }
    default:
      return <span style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>{text}</span>;
  }
}

const KINDS = ['residence', 'id_card', 'household'];

/** What record of the population database a value came from (prefill.ts: residence, id_card, household, or the person's record and its last change). */
function sourceText(t: TFunction, source: string): string {
  if (source.startsWith('procedure:')) return t('desk.source.procedure', { code: source.split(':')[2] ?? source });
  return KINDS.includes(source) ? t(`desk.source.kind.${source}`) : t('desk.source.kind.registry');
}

/** "CSDL dân cư", with what record of it, updated when and whose, in a tooltip. */
export function SourceTag({ fieldId, source, whose }: { fieldId: string; source: { source: string; updatedAt: string; of: string }; whose: string }) {
  const { t } = useTranslation();
  const detail = [
    sourceText(t, source.source),
    source.updatedAt ? t('desk.source.updated', { date: viDate(source.updatedAt.slice(0, 10)) }) : null,
    t('desk.source.of', { of: whose }),
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <Tooltip title={detail}>
      <Tag color="geekblue" data-testid={`source-${fieldId}`} data-source={source.source} style={{ marginInlineStart: 8 }}>
        {t('desk.source.registry')}
      </Tag>
    </Tooltip>
  );
}

const present = (v: unknown) => v !== undefined && v !== null && v !== '';

export function ValuesView({ sections, app }: { sections: Section[]; app: ApplicationDetail }) {
  const { t, i18n } = useTranslation();
  /** Whose record a value was read from: a relative of the applicant, or the person of a pid field. */
  const whose = (of: string) => {
    if (!of.includes('.')) return t(`desk.source.person.${of}`, { defaultValue: of });
    const s = sections.find((x) => x.id === of.split('.')[0]);
    return s ? pick(s.title, i18n.language) : of;
  };
  const shown = sections
    .map((s) => ({ s, fields: s.fields.filter((f) => f.type !== 'file' && present(app.values[`${s.id}.${f.name}`])) }))
    .filter((x) => x.fields.length > 0);
  return (
    <>
      {shown.map(({ s, fields }) => (
        <Card key={s.id} size="small" title={pick(s.title, i18n.language)} style={{ marginBottom: 12 }} data-testid={`section-${s.id}`}>
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 1, md: 2 }}
            items={fields.map((f) => {
              const id = `${s.id}.${f.name}`;
              const source = app.prefilled[id];
              return {
                key: id,
                label: pick(f.label, i18n.language),
                children: (
                  <span data-testid={`value-${id}`}>
                    <FieldValue field={f} value={app.values[id]} />
                    {source && <SourceTag fieldId={id} source={source} whose={whose(source.of)} />}
                  </span>
                ),
              };
            })}
          />
        </Card>
      ))}
      {shown.length === 0 && <Typography.Text type="secondary">—</Typography.Text>}
    </>
  );
}

// Where a value of a form came from: "Từ CSDL quốc gia về dân cư · đăng ký cư trú · 01/03/2015" —
// the population database, the kind of record change that last set it (the original registration,
// a residence registration, an administrative procedure by name) and the day.
import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { viInstant } from '../../../components/dates.ts';
import { sourceKey } from '../applications.ts';
import { pick, useCatalogue } from '../services.ts';

export function useSourceText(): (source: string) => string {
  const { t, i18n } = useTranslation();
  const catalogue = useCatalogue({});
  return (source: string) => {
    const s = sourceKey(source);
    if (s.key === 'procedure') {
      const name = catalogue.data?.items.find((x) => x.id === s.service)?.name;
      return t('services.form.source.procedure', { name: name ? pick(name, i18n.language).toLocaleLowerCase(i18n.language) : s.service });
    }
    if (s.key === 'other') return source;
    return t(`services.form.source.${s.key}`);
  };
}

export function SourceTag({ source, updatedAt, testId = 'source-tag' }: { source: string; updatedAt: string; testId?: string }) {
  const { t } = useTranslation();
  const text = useSourceText();
  return (
    <Tooltip title={t('services.form.lockedNote')}>
      <Tag color="green" data-testid={testId} style={{ whiteSpace: 'normal', marginTop: 4, marginInlineEnd: 0 }}>
        {t('services.form.prefilledTag', { source: text(source), date: viInstant(updatedAt) })}
      </Tag>
    </Tooltip>
  );
}

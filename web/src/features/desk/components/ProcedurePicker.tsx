// The procedure to apply for at the desk: a searchable list of the catalogue's procedures that have a
// form (single and linked; lodging notifications have their own screens), typed with or without
// diacritics.
import { useMemo } from 'react';
import { Select, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { fold } from '@open06/kernel';
import { pick, useCatalogue } from '../../services/services.ts';

export function ProcedurePicker({ value, onChange }: { value: string | undefined; onChange: (id: string | undefined) => void }) {
  const { t, i18n } = useTranslation();
  const catalogue = useCatalogue({});
  const options = useMemo(
    () =>
      (catalogue.data?.items ?? [])
        .filter((s) => s.kind === 'single' || s.kind === 'linked')
        .map((s) => ({
          value: s.id,
          name: pick(s.name, i18n.language),
          search: fold(`${s.name.vi} ${s.name.en} ${s.nationalCode ?? ''} ${s.essential ?? ''}`),
          label: (
            <span style={{ whiteSpace: 'normal' }}>
              {s.essential ? `${s.essential}. ` : ''}
              {pick(s.name, i18n.language)}
              {s.kind === 'linked' && (
                <Tag color="purple" style={{ marginInlineStart: 6 }}>
                  {t('desk.receive.linked')}
                </Tag>
              )}
            </span>
          ),
        })),
    [catalogue.data, i18n.language, t],
  );
  return (
    <Select
      allowClear
      showSearch={{ filterOption: (input, o) => (o?.search ?? '').includes(fold(input)) }}
      loading={catalogue.isPending}
      value={value}
      onChange={onChange}
      options={options}
      optionLabelProp="name"
      placeholder={t('desk.receive.procedurePlaceholder')}
      aria-label={t('desk.receive.procedure')}
      style={{ width: '100%' }}
      data-testid="procedure-select"
    />
  );
}

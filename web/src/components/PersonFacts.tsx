// A person's main facts with where each value came from (its source and date): the citizen's own
// "my data" page and the police desk's person detail show the same thing.
import type { ReactNode } from 'react';
import { Descriptions, Tag, Tooltip, Typography, type DescriptionsProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCodeLists } from '../api/reference.ts';
import { viDate, viInstant } from './dates.ts';
import type { Person, Provenance } from './person.ts';

/** The source of a value (seed, import, registration, correction, procedure …) and when it was set. */
export function Source({ p }: { p: Provenance }) {
  const { t } = useTranslation();
  const kind = p.source.split(':')[0]!;
  return (
    <Tooltip title={p.source}>
      <Tag color={kind === 'correction' ? 'orange' : kind === 'procedure' ? 'blue' : 'default'} style={{ marginLeft: 8 }}>
        {t(`source.${kind}`, { defaultValue: kind })} · {viInstant(p.updatedAt)}
      </Tag>
    </Tooltip>
  );
}

export interface PersonFactsProps {
  person: Person;
  /** More rows after the common ones (the police desk shows more than a citizen needs). */
  extra?: { key: string; label: ReactNode; children: ReactNode }[];
  'data-testid'?: string;
}

export function PersonFacts({ person: p, extra = [], ...rest }: PersonFactsProps) {
  const { t, i18n } = useTranslation();
  const codes = useCodeLists();
  const src = (attr: string) => <Source p={p.sources.changed[attr] ?? p.sources.record} />;
  const ethnicity = codes.data?.ethnicities.find((e) => e.code === p.ethnicity)?.name ?? p.ethnicity ?? '—';
  const religion = codes.data?.religions.find((r) => r.code === p.religion);
  const permanent = p.residences.find((r) => r.kind === 'permanent');
  const card = p.idCards[0];
  const items: DescriptionsProps['items'] = [
    { key: 'pid', label: t('person.pid'), children: p.pid },
    { key: 'fullName', label: t('person.fullName'), children: <>{p.fullName}{src('fullName')}</> },
    { key: 'birthDate', label: t('person.birthDate'), children: <>{viDate(p.birthDate)}{src('birthDate')}</> },
    { key: 'sex', label: t('person.sex'), children: <>{t(p.sex === 'M' ? 'person.male' : 'person.female')}{src('sex')}</> },
    { key: 'ethnicity', label: t('person.ethnicity'), children: <>{ethnicity}{src('ethnicity')}</> },
    { key: 'religion', label: t('person.religion'), children: <>{religion ? (i18n.language === 'en' ? religion.nameEn : religion.name) : '—'}{src('religion')}</> },
    { key: 'hometown', label: t('person.hometown'), children: p.hometown ?? '—' },
    { key: 'oldId', label: t('person.oldId'), children: p.oldId ?? '—' },
    {
      key: 'permanent',
      label: t('person.permanent'),
      children: (
        <>
          {permanent ? [permanent.detail, permanent.communeName, permanent.provinceName].filter(Boolean).join(', ') : '—'}
          {permanent && <Typography.Text type="secondary"> ({t('my.since', { date: viDate(permanent.validFrom) })})</Typography.Text>}
        </>
      ),
    },
    { key: 'phone', label: t('person.phone'), children: <>{p.phone ?? '—'}{src('phone')}</> },
    {
      key: 'idCard',
      label: t('person.idCard'),
      children: card ? `${t(`card.${card.kind}`)} · ${t('my.issued', { date: viDate(card.issuedOn) })}${card.expiresOn ? ` · ${t('my.expires', { date: viDate(card.expiresOn) })}` : ''}` : '—',
    },
    ...extra,
  ];
  return <Descriptions column={1} bordered size="small" items={items} {...rest} />;
}

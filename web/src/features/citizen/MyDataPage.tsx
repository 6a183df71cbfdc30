// "My data": what the population registry holds about me, and where each value came from.
import { Alert, Card, Descriptions, Skeleton, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { viDate, viInstant } from '../../components/dates.ts';
import { useCodeLists } from '../../api/reference.ts';
import { useMyRecord, type Person, type Provenance } from './person.ts';

function Source({ p }: { p: Provenance }) {
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

export default function MyDataPage() {
  const { t, i18n } = useTranslation();
  const record = useMyRecord();
  const codes = useCodeLists();
  if (record.isPending) return <Skeleton active />;
  if (record.isError) return <Alert type="error" showIcon message={record.error.message} />;
  const p: Person = record.data;
  const src = (attr: string) => <Source p={p.sources.changed[attr] ?? p.sources.record} />;
  const ethnicity = codes.data?.ethnicities.find((e) => e.code === p.ethnicity)?.name ?? p.ethnicity ?? '—';
  const religion = codes.data?.religions.find((r) => r.code === p.religion);
  const permanent = p.residences.find((r) => r.kind === 'permanent');
  return (
    <>
      <Typography.Title level={2}>{t('my.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('my.intro')}</Typography.Paragraph>
      <Card>
        <Descriptions column={1} bordered size="small" data-testid="my-data">
          <Descriptions.Item label={t('person.pid')}>{p.pid}</Descriptions.Item>
          <Descriptions.Item label={t('person.fullName')}>
            {p.fullName}
            {src('fullName')}
          </Descriptions.Item>
          <Descriptions.Item label={t('person.birthDate')}>
            {viDate(p.birthDate)}
            {src('birthDate')}
          </Descriptions.Item>
          <Descriptions.Item label={t('person.sex')}>
            {t(p.sex === 'M' ? 'person.male' : 'person.female')}
            {src('sex')}
          </Descriptions.Item>
          <Descriptions.Item label={t('person.ethnicity')}>
            {ethnicity}
            {src('ethnicity')}
          </Descriptions.Item>
          <Descriptions.Item label={t('person.religion')}>
            {religion ? (i18n.language === 'en' ? religion.nameEn : religion.name) : '—'}
            {src('religion')}
          </Descriptions.Item>
          <Descriptions.Item label={t('person.hometown')}>{p.hometown ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('person.oldId')}>{p.oldId ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('person.permanent')}>
            {permanent ? [permanent.detail, permanent.communeName, permanent.provinceName].filter(Boolean).join(', ') : '—'}
            {permanent && <Typography.Text type="secondary"> ({t('my.since', { date: viDate(permanent.validFrom) })})</Typography.Text>}
          </Descriptions.Item>
          <Descriptions.Item label={t('person.phone')}>
            {p.phone ?? '—'}
            {src('phone')}
          </Descriptions.Item>
          <Descriptions.Item label={t('person.idCard')}>
            {p.idCards[0] ? `${t(`card.${p.idCards[0].kind}`)} · ${t('my.issued', { date: viDate(p.idCards[0].issuedOn) })}${p.idCards[0].expiresOn ? ` · ${t('my.expires', { date: viDate(p.idCards[0].expiresOn) })}` : ''}` : '—'}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        {t('my.correction')}
      </Typography.Paragraph>
    </>
  );
}

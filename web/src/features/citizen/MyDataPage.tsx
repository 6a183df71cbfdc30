// "My data": what the population registry holds about me, and where each value came from.
import { Alert, Card, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { PersonFacts } from '../../components/PersonFacts.tsx';
import { useMyRecord } from './person.ts';

export default function MyDataPage() {
  const { t } = useTranslation();
  const record = useMyRecord();
  if (record.isPending) return <Skeleton active />;
  if (record.isError) return <Alert type="error" showIcon message={record.error.message} />;
  return (
    <>
      <Typography.Title level={2}>{t('my.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('my.intro')}</Typography.Paragraph>
      <Card>
        <PersonFacts person={record.data} data-testid="my-data" />
      </Card>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        {t('my.correction')}
      </Typography.Paragraph>
    </>
  );
}

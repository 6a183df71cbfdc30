// Home: what the platform is, whether it is running, and where the API documentation lives.
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Descriptions, Row, Skeleton, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { getJson, type Health } from '../../api/client.ts';

export default function HomePage() {
  const { t, i18n } = useTranslation();
  const health = useQuery({ queryKey: ['health'], queryFn: () => getJson<Health>('/api/health') });
  const locale = i18n.language === 'en' ? 'en-US' : 'vi-VN';
  return (
    <>
      <Typography.Title level={2}>{t('home.title')}</Typography.Title>
      <Typography.Paragraph style={{ maxWidth: 720 }}>{t('home.intro')}</Typography.Paragraph>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title={t('home.status')} data-testid="status-card">
            {health.isPending && <Skeleton active />}
            {health.isError && (
              <Alert
                type="error"
                showIcon
                message={t('home.down')}
                description={health.error.message}
                action={<Button onClick={() => void health.refetch()}>{t('home.retry')}</Button>}
              />
            )}
            {health.data && (
              <>
                <Statistic title={t('home.people')} value={health.data.people.toLocaleString(locale)} data-testid="people-count" />
                <Descriptions column={1} size="small" style={{ marginTop: 16 }}>
                  <Descriptions.Item label={t('home.status')}>
                    <Typography.Text type="success">● {t('home.ok')}</Typography.Text>
                  </Descriptions.Item>
                  <Descriptions.Item label={t('home.database')}>{t(`home.${health.data.database}`)}</Descriptions.Item>
                  <Descriptions.Item label={t('home.version')}>{health.data.version}</Descriptions.Item>
                </Descriptions>
              </>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('home.docsTitle')}>
            <Typography.Paragraph>{t('home.docsText')}</Typography.Paragraph>
            <Button type="primary" href="/docs">
              {t('home.openDocs')}
            </Button>
          </Card>
        </Col>
      </Row>
    </>
  );
}

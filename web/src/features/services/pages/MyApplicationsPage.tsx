// "Hồ sơ của tôi": the citizen's applications, newest first — code, procedure, status, the day it was
// submitted and its deadline with the working days left (overdue in red). A table on a wide screen,
// cards on a phone.
import { Button, Card, Empty, Flex, Grid, List, Skeleton, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { viInstant } from '../../../components/dates.ts';
import { ProblemAlert } from '../../../components/problem.tsx';
import { type ApplicationSummary, applicationsApi } from '../applications.ts';
import { DueText, StatusTag } from '../components/ApplicationStatus.tsx';
import { pick } from '../services.ts';

export default function MyApplicationsPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const phone = !Grid.useBreakpoint().md;
  const mine = useQuery({ queryKey: ['applications', 'mine'], queryFn: applicationsApi.mine });
  const items = (mine.data?.items ?? []).filter((a) => !a.parentId);
  return (
    <div style={{ maxWidth: 1100 }}>
      <Typography.Title level={2}>{t('services.mine.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('services.mine.intro')}</Typography.Paragraph>
      {mine.isError ? (
        <ProblemAlert error={mine.error} />
      ) : mine.isPending ? (
        <Skeleton active />
      ) : !items.length ? (
        <Empty description={t('services.mine.none')}>
          <Link to="/services">
            <Button type="primary">{t('services.mine.toCatalogue')}</Button>
          </Link>
        </Empty>
      ) : phone ? (
        <List
          dataSource={items}
          data-testid="applications-list"
          renderItem={(a) => (
            <Card key={a.id} size="small" style={{ marginBottom: 8 }} data-testid={`application-${a.code}`}>
              <Flex justify="space-between" gap={8} wrap>
                <Link to={`/applications/${a.id}`}>
                  <Typography.Text strong>{a.code}</Typography.Text>
                </Link>
                <StatusTag status={a.status} />
              </Flex>
              <div style={{ margin: '4px 0' }}>{pick(a.serviceName, lang)}</div>
              <Flex justify="space-between" gap={8} wrap>
                <Typography.Text type="secondary">
                  {t('services.mine.submitted')}: {viInstant(a.submittedAt)}
                </Typography.Text>
                <DueText a={a} />
              </Flex>
            </Card>
          )}
        />
      ) : (
        <Table<ApplicationSummary>
          rowKey="id"
          dataSource={items}
          pagination={items.length > 20 ? { pageSize: 20 } : false}
          data-testid="applications-list"
          onRow={(a) => ({ 'data-testid': `application-${a.code}` }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { key: 'code', title: t('services.mine.code'), render: (_, a) => <Link to={`/applications/${a.id}`}>{a.code}</Link> },
            { key: 'procedure', title: t('services.mine.procedure'), render: (_, a) => pick(a.serviceName, lang) },
            { key: 'status', title: t('services.mine.status'), render: (_, a) => <StatusTag status={a.status} /> },
            { key: 'submitted', title: t('services.mine.submitted'), render: (_, a) => viInstant(a.submittedAt) },
            { key: 'due', title: t('services.mine.due'), render: (_, a) => <DueText a={a} /> },
          ]}
        />
      )}
    </div>
  );
}

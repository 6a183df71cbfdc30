// The desk's queue: what waits for the official's current role at their unit, the most urgent
// first (the API's order), read again every 15 seconds. Tabs by status with their counts, a filter
// by procedure, "overdue only"; overdue applications in red. A table on a wide screen, cards on a
// phone.
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Button, Card, Empty, Flex, Grid, List, Select, Space, Switch, Table, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { fold } from '@open06/kernel';
import { viDate } from '../../../components/dates.ts';
import { ProblemAlert } from '../../../components/problem.tsx';
import { pick, useCatalogue } from '../../services/services.ts';
import { ChannelTag, Due, useActing } from '../components/Tags.tsx';
import { QUEUE_STATUSES, type ApplicationSummary, type QueueStatus, useQueue } from '../desk.ts';

const OVERDUE_ROW = { background: '#fff1f0' };

function QueueCards({ items, loading }: { items: ApplicationSummary[]; loading: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <List
      loading={loading}
      dataSource={items}
      locale={{ emptyText: <Empty description={t('desk.queue.none')} /> }}
      data-testid="queue"
      renderItem={(a) => (
        <List.Item key={a.id} style={{ padding: '6px 0', border: 'none' }}>
          <Card size="small" style={{ width: '100%', ...(a.overdue ? { ...OVERDUE_ROW, borderColor: '#ff4d4f' } : {}) }} data-testid={`row-${a.code}`} data-overdue={a.overdue}>
            <Space orientation="vertical" size={2} style={{ width: '100%', minWidth: 0 }}>
              <Space size={4} wrap>
                <Link to={`/desk/applications/${a.id}`} style={{ fontWeight: 600 }}>
                  {a.code}
                </Link>
                <ChannelTag channel={a.channel} />
              </Space>
              <Typography.Text style={{ overflowWrap: 'anywhere' }}>{pick(a.serviceName, i18n.language)}</Typography.Text>
              <Typography.Text type="secondary">
                {t('desk.col.applicant')}: {a.applicantName ? `${a.applicantName} · ` : ''}
                {a.applicantPid}
              </Typography.Text>
              {a.step && (
                <Typography.Text type="secondary">
                  {t('desk.col.step')}: {pick(a.step.name, i18n.language)}
                </Typography.Text>
              )}
              <Typography.Text type="secondary">
                {t('desk.col.received')}: {viDate(a.receivedOn)}
              </Typography.Text>
              <Flex gap={4} align="flex-start">
                <Typography.Text type="secondary">{t('desk.col.due')}:</Typography.Text>
                <Due a={a} />
              </Flex>
            </Space>
          </Card>
        </List.Item>
      )}
    />
  );
}

function QueueTable({ items, loading }: { items: ApplicationSummary[]; loading: boolean }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  return (
    <Table<ApplicationSummary>
      size="small"
      rowKey="id"
      loading={loading}
      dataSource={items}
      data-testid="queue"
      pagination={{ pageSize: 25, hideOnSinglePage: true }}
      locale={{ emptyText: <Empty description={t('desk.queue.none')} /> }}
      scroll={{ x: 'max-content' }}
      onRow={(a) => ({
        style: { cursor: 'pointer', ...(a.overdue ? OVERDUE_ROW : {}) },
        onClick: (e) => {
          if (!(e.target as HTMLElement).closest('a')) void navigate(`/desk/applications/${a.id}`);
        },
        'data-testid': `row-${a.code}`,
        'data-overdue': a.overdue,
      })}
      columns={[
        { title: t('desk.col.code'), key: 'code', render: (_: unknown, a) => <Link to={`/desk/applications/${a.id}`}>{a.code}</Link> },
        { title: t('desk.col.procedure'), key: 'procedure', render: (_: unknown, a) => pick(a.serviceName, i18n.language) },
        {
          title: t('desk.col.applicant'),
          key: 'applicant',
          render: (_: unknown, a) => (
            <>
              {a.applicantName && <div>{a.applicantName}</div>}
              <Typography.Text type="secondary">{a.applicantPid}</Typography.Text>
            </>
          ),
        },
        { title: t('desk.col.channel'), key: 'channel', render: (_: unknown, a) => <ChannelTag channel={a.channel} /> },
        { title: t('desk.col.received'), key: 'received', render: (_: unknown, a) => viDate(a.receivedOn) },
        { title: t('desk.col.due'), key: 'due', render: (_: unknown, a) => <Due a={a} /> },
        { title: t('desk.col.step'), key: 'step', render: (_: unknown, a) => (a.step ? pick(a.step.name, i18n.language) : '—') },
      ]}
    />
  );
}

export default function QueuePage() {
  const { t, i18n } = useTranslation();
  const screens = Grid.useBreakpoint();
  const phone = !screens.md;
  const acting = useActing();
  const [status, setStatus] = useState<QueueStatus>('in_progress');
  const [serviceId, setServiceId] = useState<string | undefined>();
  const [overdue, setOverdue] = useState(false);
  const catalogue = useCatalogue({});
  // the listed status, and how many wait in each (the tabs' counts)
  const current = useQueue({ status, serviceId, overdue });
  const items = current.data?.items ?? [];
  const options = useMemo(
    () =>
      (catalogue.data?.items ?? [])
        .filter((s) => s.kind !== 'module')
        .map((s) => ({ value: s.id, label: pick(s.name, i18n.language), search: fold(`${s.name.vi} ${s.name.en} ${s.nationalCode ?? ''}`) })),
    [catalogue.data, i18n.language],
  );
  const count = (s: QueueStatus) => {
    const n = current.data?.counts[s];
    return n === undefined ? '…' : String(n);
  };

  return (
    <div style={{ maxWidth: '100%', minWidth: 0 }}>
      <Flex wrap gap={8} justify="space-between" align="center" style={{ marginBottom: 8 }}>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t('desk.queue.title')}
        </Typography.Title>
        <Link to="/desk/receive">
          <Button type="primary" data-testid="receive">
            {t('desk.queue.receive')}
          </Button>
        </Link>
      </Flex>
      <Typography.Paragraph type="secondary" data-testid="acting">
        {t('desk.queue.intro', { role: acting.roleName, unit: acting.unitName })}
      </Typography.Paragraph>
      <Space wrap style={{ marginBottom: 8, width: '100%' }}>
        <Select
          allowClear
          showSearch={{ filterOption: (input, o) => (o?.search ?? '').includes(fold(input)) }}
          placeholder={t('desk.queue.allProcedures')}
          aria-label={t('desk.queue.procedure')}
          value={serviceId}
          onChange={setServiceId}
          options={options}
          style={{ width: phone ? 'calc(100vw - 24px)' : 360, maxWidth: '100%' }}
          popupMatchSelectWidth={false}
          data-testid="procedure-filter"
        />
        <Space>
          <Switch checked={overdue} onChange={setOverdue} aria-label={t('desk.queue.overdueOnly')} data-testid="overdue-only" />
          <span>{t('desk.queue.overdueOnly')}</span>
        </Space>
      </Space>
      <Tabs
        activeKey={status}
        onChange={(k) => setStatus(k as QueueStatus)}
        data-testid="status-tabs"
        items={QUEUE_STATUSES.map((s) => ({
          key: s,
          label: (
            <span data-testid={`tab-${s}`}>
              {t(`desk.queue.tab.${s}`)}{' '}
              <Typography.Text type={s === 'in_progress' && count(s) !== '0' ? 'danger' : 'secondary'} strong data-testid={`count-${s}`}>
                ({count(s)})
              </Typography.Text>
            </span>
          ),
        }))}
      />
      {current.isError ? <ProblemAlert error={current.error} /> : phone ? <QueueCards items={items} loading={current.isPending} /> : <QueueTable items={items} loading={current.isPending} />}
    </div>
  );
}

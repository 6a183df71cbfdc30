// The message outbox: what the built-in delivery kept instead of sending (one-time codes,
// notices), for developers and testers. With SMTP configured, e-mails also went out.
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Button, Input, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { getJson } from '../../api/client.ts';
import { viInstant } from '../../components/dates.ts';
import { ProblemAlert } from '../../components/problem.tsx';
import type { Message } from './admin.ts';

export default function OutboxPage() {
  const { t } = useTranslation();
  const [recipient, setRecipient] = useState('');
  const messages = useQuery({
    queryKey: ['admin', 'outbox', recipient],
    queryFn: () => getJson<{ items: Message[] }>(`/api/v1/identity/messages?${new URLSearchParams({ limit: '100', ...(recipient ? { recipient } : {}) })}`),
  });
  return (
    <>
      <Typography.Title level={2}>{t('admin.outbox.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('admin.outbox.intro')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder={t('admin.outbox.recipient')} aria-label={t('admin.outbox.recipient')} onSearch={(v) => setRecipient(v.trim())} style={{ width: 280 }} />
        <Button onClick={() => void messages.refetch()} loading={messages.isFetching}>
          {t('admin.outbox.refresh')}
        </Button>
      </Space>
      {messages.isError ? (
        <ProblemAlert error={messages.error} />
      ) : (
        <Table<Message>
          rowKey="id"
          size="small"
          loading={messages.isPending}
          data-testid="outbox"
          dataSource={messages.data?.items ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: true }}
          locale={{ emptyText: t('admin.outbox.none') }}
          columns={[
            { title: t('admin.outbox.at'), dataIndex: 'createdAt', render: (at: string) => viInstant(at, true), width: 140 },
            {
              title: t('admin.outbox.to'),
              key: 'to',
              render: (_: unknown, m: Message) => (
                <>
                  <Tag>{m.channel === 'sms' ? 'SMS' : 'E-mail'}</Tag>
                  {m.recipient}
                </>
              ),
            },
            { title: t('admin.outbox.subject'), dataIndex: 'subject', responsive: ['md'] },
            { title: t('admin.outbox.body'), dataIndex: 'body', render: (b: string) => <span style={{ wordBreak: 'break-word' }}>{b}</span> },
            { title: t('admin.outbox.via'), dataIndex: 'sentVia', responsive: ['lg'] },
          ]}
        />
      )}
    </>
  );
}

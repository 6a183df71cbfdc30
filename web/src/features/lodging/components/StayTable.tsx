// Notified stays as the police read them (live feed, search): when recorded, the guest, where (an
// establishment, or a citizen's home), room, arrival, deadline, and tags for late, watchlist,
// foreigner, checked out — and "new" for rows that arrived while the console was open.
import { Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { viInstant } from '../../../components/dates.ts';
import type { Stay } from '../lodging.ts';
import { DeadlineText, GuestCell, StayTags, TypeLabel, VerificationTag } from './StayTags.tsx';

export function StayTable({ stays, fresh, loading, testId, empty }: { stays: Stay[]; fresh?: Set<string>; loading?: boolean; testId: string; empty: string }) {
  const { t } = useTranslation();
  return (
    <Table<Stay>
      size="small"
      rowKey="id"
      loading={loading}
      data-testid={testId}
      dataSource={stays}
      pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
      locale={{ emptyText: empty }}
      scroll={{ x: true }}
      onRow={(s) => ({ style: s.watchlistHit ? { background: '#fff0f6' } : fresh?.has(s.id) ? { background: '#f6ffed' } : {} })}
      columns={[
        {
          title: t('lodging.stay.recordedAt'),
          dataIndex: 'recordedAt',
          width: 150,
          render: (at: string, s) => (
            <>
              {viInstant(at, true)}
              {fresh?.has(s.id) && (
                <Tag color="green" style={{ marginLeft: 4 }}>
                  {t('lodging.feed.new')}
                </Tag>
              )}
            </>
          ),
        },
        { title: t('lodging.stay.guest'), key: 'guest', render: (_: unknown, s) => <GuestCell guest={s.guest} /> },
        {
          title: t('lodging.stay.place'),
          key: 'place',
          render: (_: unknown, s) => (
            <>
              <Typography.Text>{s.host ? t('lodging.feed.declaredBy', { name: s.host.fullName }) : s.establishmentName}</Typography.Text>
              <br />
              <Typography.Text type="secondary">
                <TypeLabel type={s.establishmentType} />
                {s.room ? ` · ${t(s.establishmentType === 'bus' ? 'lodging.stay.seat' : 'lodging.stay.room')} ${s.room}` : ''}
              </Typography.Text>
            </>
          ),
        },
        { title: t('lodging.stay.arrivedAt'), dataIndex: 'arrivedAt', width: 140, render: (at: string) => viInstant(at, true) },
        { title: t('lodging.stay.deadlineTitle'), key: 'deadline', render: (_: unknown, s) => <DeadlineText stay={s} bare /> },
        {
          title: t('lodging.stay.check'),
          key: 'tags',
          render: (_: unknown, s) => (
            <>
              <VerificationTag stay={s} />
              <StayTags stay={s} withLate={false} />
            </>
          ),
        },
      ]}
    />
  );
}

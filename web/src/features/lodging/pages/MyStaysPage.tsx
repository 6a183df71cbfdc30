// "Where I have stayed": every stay notified with me as the guest — which establishment (or which
// host) recorded me, where, when I arrived, when it was notified, when I left.
import { useQuery } from '@tanstack/react-query';
import { Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { viInstant } from '../../../components/dates.ts';
import { ProblemAlert } from '../../../components/problem.tsx';
import { TypeLabel } from '../components/StayTags.tsx';
import { type Stay, lodgingApi } from '../lodging.ts';

export default function MyStaysPage() {
  const { t } = useTranslation();
  const stays = useQuery({ queryKey: ['lodging', 'me', 'stays'], queryFn: lodgingApi.myStays });
  return (
    <>
      <Typography.Title level={2}>{t('lodging.myStays.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('lodging.myStays.intro')}</Typography.Paragraph>
      {stays.isError ? (
        <ProblemAlert error={stays.error} />
      ) : (
        <Table<Stay>
          size="small"
          rowKey="id"
          loading={stays.isPending}
          data-testid="my-stays"
          dataSource={stays.data?.items ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: t('lodging.myStays.none') }}
          scroll={{ x: true }}
          columns={[
            {
              title: t('lodging.stay.place'),
              key: 'place',
              render: (_: unknown, s) => (
                <>
                  <Typography.Text strong>{s.host ? t('lodging.myStays.hostedBy', { name: s.host.fullName }) : s.establishmentName}</Typography.Text>
                  <br />
                  <Typography.Text type="secondary">
                    <TypeLabel type={s.establishmentType} /> · {s.address}
                  </Typography.Text>
                </>
              ),
            },
            { title: t('lodging.stay.arrivedAt'), dataIndex: 'arrivedAt', render: (at: string) => viInstant(at, true) },
            { title: t('lodging.stay.recordedAt'), dataIndex: 'recordedAt', render: (at: string) => viInstant(at, true), responsive: ['md'] },
            { title: t('lodging.stay.checkedOutAt'), dataIndex: 'checkedOutAt', render: (at: string | null) => (at ? viInstant(at, true) : t('lodging.myStays.staying')) },
          ]}
        />
      )}
    </>
  );
}

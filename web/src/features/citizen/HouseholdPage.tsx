// "My household": the members and their relation to the head.
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Skeleton, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { getJson } from '../../api/client.ts';
import { useMyRecord } from './person.ts';
import { viDate } from '../../components/dates.ts';

interface Household {
  code: string;
  addressDetail: string | null;
  members: { pid: string; fullName: string; relation: string; joinedOn: string }[];
}

export default function HouseholdPage() {
  const { t } = useTranslation();
  const me = useMyRecord();
  const id = me.data?.household?.id;
  const household = useQuery({ queryKey: ['household', id], enabled: !!id, queryFn: () => getJson<Household>(`/api/v1/households/${id}?purpose=self_service`) });
  if (me.isPending || (id && household.isPending)) return <Skeleton active />;
  if (me.isError) return <Alert type="error" showIcon message={me.error.message} />;
  if (!id) return <Alert type="info" showIcon message={t('household.none')} />;
  if (household.isError) return <Alert type="error" showIcon message={household.error.message} />;
  const h = household.data!;
  return (
    <>
      <Typography.Title level={2}>{t('household.title')}</Typography.Title>
      <Card title={`${t('household.code')}: ${h.code}`} extra={h.addressDetail}>
        <Table
          rowKey="pid"
          pagination={false}
          size="small"
          data-testid="household-members"
          dataSource={h.members}
          columns={[
            { title: t('person.fullName'), dataIndex: 'fullName' },
            { title: t('household.relation'), dataIndex: 'relation', render: (r: string) => t(`relation.${r}`, { defaultValue: r }) },
            { title: t('household.since'), dataIndex: 'joinedOn', render: (d: string) => viDate(d), responsive: ['sm'] },
          ]}
        />
      </Card>
    </>
  );
}

// The guests staying now (newest first), each with room, arrival, deadline and a check-out button;
// a list rather than a table, to read on a phone.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Empty, List, Popconfirm, Skeleton, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { viInstant } from '../../../../components/dates.ts';
import { ProblemAlert } from '../../../../components/problem.tsx';
import { type Establishment, type Stay, lodgingApi } from '../../lodging.ts';
import { DeadlineText, GuestCell, StayTags, VerificationTag } from '../StayTags.tsx';

export function InHousePanel({ est }: { est: Establishment }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const stays = useQuery({ queryKey: ['lodging', 'stays', est.id, 'in-house'], queryFn: () => lodgingApi.stays(est.id, { inHouse: 'true' }) });
  const checkOut = useMutation({
    mutationFn: (s: Stay) => lodgingApi.checkOut(est.id, s.id),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['lodging', 'stays', est.id] }),
  });
  const place = t(est.type === 'bus' ? 'lodging.stay.seat' : 'lodging.stay.room');

  if (stays.isPending) return <Skeleton active />;
  if (stays.isError) return <ProblemAlert error={stays.error} />;
  return (
    <>
      {checkOut.isError && <ProblemAlert error={checkOut.error} />}
      <Typography.Paragraph type="secondary">{t('lodging.desk.inHouseCount', { count: stays.data.items.length })}</Typography.Paragraph>
      <List
        data-testid="in-house"
        dataSource={stays.data.items}
        locale={{ emptyText: <Empty description={t('lodging.desk.inHouseNone')} /> }}
        renderItem={(s) => (
          <List.Item key={s.id} data-testid="in-house-stay">
            <Space orientation="vertical" size={2} style={{ width: '100%' }}>
              <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
                <div>
                  <GuestCell guest={s.guest} />
                </div>
                <Popconfirm
                  title={t('lodging.desk.checkOutConfirm', { name: s.guest.fullName })}
                  okText={t('lodging.desk.checkOut')}
                  cancelText={t('common.cancel')}
                  onConfirm={() => checkOut.mutate(s)}
                >
                  <Button loading={checkOut.isPending && checkOut.variables?.id === s.id}>{t('lodging.desk.checkOut')}</Button>
                </Popconfirm>
              </div>
              <Typography.Text type="secondary">
                {s.room ? `${place} ${s.room} · ` : ''}
                {t('lodging.desk.arrived', { at: viInstant(s.arrivedAt, true) })} · {t('lodging.stay.nights', { count: s.expectedNights })}
              </Typography.Text>
              <Space size={4} wrap>
                <VerificationTag stay={s} />
                <StayTags stay={s} withLate={false} />
              </Space>
              <DeadlineText stay={s} />
            </Space>
          </List.Item>
        )}
      />
    </>
  );
}

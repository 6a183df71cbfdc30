// The police console's live feed: every notification of the jurisdiction as it is made, newest
// first, without reloading; late ones tagged; a check-in of a watched person raises a banner (no
// sound) that stays until an officer acknowledges it. Province police may narrow to one commune.
import { useMemo, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Badge, Button, Card, Col, Row, Space, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { viInstant } from '../../../components/dates.ts';
import { ProblemAlert } from '../../../components/problem.tsx';
import { UnitPicker } from '../../../components/UnitPicker.tsx';
import { useJurisdiction } from '../../police/WhyFields.tsx';
import { StayTable } from '../components/StayTable.tsx';
import { type FeedStatus, useFeed } from '../feed.ts';
import { type Alert as WatchAlert, lodgingApi } from '../lodging.ts';

const STATUS_BADGE: Record<FeedStatus, 'processing' | 'success' | 'warning' | 'error'> = { connecting: 'processing', live: 'success', retrying: 'warning', failed: 'error' };

function AlertBanner({ alert, onAck, pending }: { alert: WatchAlert; onAck: () => void; pending: boolean }) {
  const { t } = useTranslation();
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      data-testid="watch-alert"
      style={{ borderWidth: 2, marginBottom: 12 }}
      title={<b style={{ fontSize: 18 }}>{t('lodging.feed.alertTitle', { name: alert.guestName, place: alert.establishmentName })}</b>}
      description={t('lodging.feed.alertText', { reason: alert.watchReason, at: viInstant(alert.at, true) })}
      action={
        <Button danger type="primary" loading={pending} onClick={onAck} data-testid="ack">
          {t('lodging.feed.ack')}
        </Button>
      }
    />
  );
}

export default function PoliceFeedPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const jurisdiction = useJurisdiction();
  const [commune, setCommune] = useState<string | undefined>();
  const feed = useFeed(commune);
  const open = useQuery({ queryKey: ['lodging', 'alerts', commune], queryFn: () => lodgingApi.alerts({ ...(commune ? { communeCode: commune } : {}), open: 'true' }) });
  const [acked, setAcked] = useState<Set<string>>(new Set());
  const ack = useMutation({
    mutationFn: (id: string) => lodgingApi.ack(id),
    onSuccess: (a) => {
      setAcked((s) => new Set(s).add(a.id));
      void qc.invalidateQueries({ queryKey: ['lodging', 'alerts'] });
    },
  });

  const alerts = useMemo(() => {
    const byId = new Map<string, WatchAlert>();
    for (const a of [...(open.data?.items ?? []), ...feed.alerts]) byId.set(a.id, a);
    return [...byId.values()].filter((a) => !a.acknowledgedAt && !acked.has(a.id)).sort((a, b) => b.at.localeCompare(a.at));
  }, [open.data, feed.alerts, acked]);
  const late = feed.stays.filter((s) => s.late).length;
  const foreign = feed.stays.filter((s) => s.guest.kind === 'foreign').length;

  return (
    <>
      <Typography.Title level={2}>{t('lodging.feed.title')}</Typography.Title>
      <Space wrap style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">{t('lodging.feed.scope', { unit: jurisdiction.name })}</Typography.Text>
        <Badge status={STATUS_BADGE[feed.status]} text={<span data-testid="feed-status">{t(`lodging.feed.status.${feed.status}`)}</span>} />
      </Space>
      {jurisdiction.province && (
        <div style={{ maxWidth: 360, marginBottom: 12 }}>
          <UnitPicker level="commune" province={jurisdiction.province} value={commune ?? null} onChange={setCommune} placeholder={t('lodging.feed.allCommunes')} aria-label={t('lodging.feed.commune')} />
        </div>
      )}
      {ack.isError && <ProblemAlert error={ack.error} />}
      <div data-testid="alerts">
        {alerts.map((a) => (
          <AlertBanner key={a.id} alert={a} pending={ack.isPending && ack.variables === a.id} onAck={() => ack.mutate(a.id)} />
        ))}
      </div>
      {feed.error && <ProblemAlert error={feed.error} testId="feed-problem" />}
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        <Col xs={8} md={4}>
          <Card size="small">
            <Statistic title={t('lodging.feed.shown')} value={feed.stays.length} />
          </Card>
        </Col>
        <Col xs={8} md={4}>
          <Card size="small">
            <Statistic title={t('lodging.feed.late')} value={late} styles={{ content: late ? { color: '#b3261e' } : {} }} />
          </Card>
        </Col>
        <Col xs={8} md={4}>
          <Card size="small">
            <Statistic title={t('lodging.feed.foreign')} value={foreign} />
          </Card>
        </Col>
      </Row>
      <StayTable stays={feed.stays} fresh={feed.fresh} loading={feed.status === 'connecting'} testId="feed" empty={t('lodging.feed.none')} />
    </>
  );
}

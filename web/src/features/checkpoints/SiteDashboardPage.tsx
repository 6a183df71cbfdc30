// A site's dashboard, for its staff and the police of its area: people on site against the
// capacity, entries and exits of a day (any day back, Vietnamese time) hour by hour, and the last
// 30 days. Today's figures refresh by themselves.
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Button, Card, Col, Row, Skeleton, Space, Statistic, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useUnit } from '../../api/reference.ts';
import { useAuth } from '../../auth/AuthContext.tsx';
import { viDate } from '../../components/dates.ts';
import { ProblemAlert } from '../../components/problem.tsx';
import { fillPercent, shiftDay, shortDay, useSite, useSummary, vnToday } from './checkpoints.ts';
import { CountChart, IN_COLOUR, OUT_COLOUR } from './CountChart.tsx';
import { CapacityAlert, Occupancy } from './Occupancy.tsx';

export default function SiteDashboardPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const { role } = useAuth();
  const today = vnToday();
  const [day, setDay] = useState(today);
  const isToday = day === today;
  const site = useSite(id);
  const summary = useSummary(id, isToday ? undefined : day, isToday ? 15_000 : false);
  const unit = useUnit(site.data?.communeCode);
  const s = summary.data;

  const hours = useMemo(() => (s?.byHour ?? []).map((h) => `${h.hour}h`), [s]);
  const hourSeries = useMemo(
    () => [
      { name: t('checkpoints.dashboard.entries'), values: (s?.byHour ?? []).map((h) => h.in), color: IN_COLOUR },
      { name: t('checkpoints.dashboard.exits'), values: (s?.byHour ?? []).map((h) => h.out), color: OUT_COLOUR },
    ],
    [s, t],
  );
  const days = useMemo(() => (s?.byDay ?? []).map((d) => shortDay(d.day)), [s]);
  const daySeries = useMemo(
    () => [
      { name: t('checkpoints.dashboard.entries'), values: (s?.byDay ?? []).map((d) => d.in), color: IN_COLOUR },
      { name: t('checkpoints.dashboard.exits'), values: (s?.byDay ?? []).map((d) => d.out), color: OUT_COLOUR },
    ],
    [s, t],
  );

  if (site.isError) return <ProblemAlert error={site.error} />;
  if (summary.isError) return <ProblemAlert error={summary.error} />;
  if (site.isPending || !s) return <Skeleton active />;

  return (
    <>
      <Typography.Title level={2} style={{ marginBottom: 4 }} data-testid="dashboard-title">
        {site.data.name}
      </Typography.Title>
      <Space wrap style={{ marginBottom: 12 }}>
        <Tag>{t(`checkpoints.kind.${site.data.kind}`)}</Tag>
        <Typography.Text type="secondary">{unit.data ? [unit.data.fullName, unit.data.provinceName].filter(Boolean).join(', ') : site.data.communeCode}</Typography.Text>
        {role === 'citizen' ? (
          <Link to="/checkpoints/scan">{t('checkpoints.dashboard.toScanner')}</Link>
        ) : (
          <Link to="/checkpoints">{t('checkpoints.dashboard.toSites')}</Link>
        )}
      </Space>

      <Row gutter={[12, 12]}>
        <Col xs={24} md={12}>
          <Card size="small" style={{ height: '100%' }}>
            <Occupancy onSite={s.onSite} capacity={s.capacity} alert={s.alert} />
          </Card>
        </Col>
        <Col xs={24} md={12}>
          {s.alert ? (
            <CapacityAlert alert={s.alert} capacity={s.capacity} />
          ) : (
            <Card size="small" style={{ height: '100%' }}>
              <Statistic title={t('checkpoints.dashboard.fill')} value={fillPercent(s.onSite, s.capacity)} suffix="%" data-testid="kpi-fill" />
              <Typography.Text type="secondary">{t('checkpoints.dashboard.noAlert')}</Typography.Text>
            </Card>
          )}
        </Col>
      </Row>

      <Space wrap style={{ margin: '16px 0 8px' }} data-testid="day-picker">
        <Button onClick={() => setDay(shiftDay(day, -1))} aria-label={t('checkpoints.dashboard.previousDay')}>
          ‹
        </Button>
        <Typography.Text strong data-testid="day">
          {isToday ? t('checkpoints.dashboard.today', { day: viDate(day) }) : viDate(day)}
        </Typography.Text>
        <Button onClick={() => setDay(shiftDay(day, 1))} disabled={isToday} aria-label={t('checkpoints.dashboard.nextDay')}>
          ›
        </Button>
        {!isToday && <Button onClick={() => setDay(today)}>{t('checkpoints.dashboard.backToday')}</Button>}
      </Space>

      <Row gutter={[12, 12]} data-testid="kpis">
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('checkpoints.dashboard.entries')} value={s.entriesToday} groupSeparator="." styles={{ content: { color: IN_COLOUR } }} data-testid="kpi-entries" />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('checkpoints.dashboard.exits')} value={s.exitsToday} groupSeparator="." styles={{ content: { color: OUT_COLOUR } }} data-testid="kpi-exits" />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('checkpoints.dashboard.peakHour')} value={peakHour(s.byHour)} data-testid="kpi-peak" />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('checkpoints.dashboard.days30')} value={s.byDay.reduce((n, d) => n + d.in, 0)} groupSeparator="." data-testid="kpi-30" />
          </Card>
        </Col>
      </Row>

      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col xs={24} lg={14}>
          <Card size="small" title={t('checkpoints.dashboard.byHour', { day: viDate(day) })}>
            <CountChart type="bar" categories={hours} series={hourSeries} testId="chart-hours" label={t('checkpoints.dashboard.byHour', { day: viDate(day) })} />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('checkpoints.dashboard.byDay')}>
            <CountChart type="line" categories={days} series={daySeries} testId="chart-days" label={t('checkpoints.dashboard.byDay')} />
          </Card>
        </Col>
      </Row>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        {t('checkpoints.dashboard.retention', { days: site.data.retentionDays })}
      </Typography.Paragraph>
    </>
  );
}

/** The busiest hour by entries ("9h–10h"), or — when nobody came. */
function peakHour(hours: { hour: number; in: number }[]): string {
  const top = hours.reduce<{ hour: number; in: number } | null>((best, h) => (h.in > 0 && (!best || h.in > best.in) ? h : best), null);
  return top ? `${top.hour}h–${top.hour + 1}h` : '—';
}

// Statistics of notifications in the jurisdiction over a period (the last 30 days unless chosen):
// totals (all, late, foreign guests), a stacked bar per day by kind of establishment with the late
// ones as a line, and the totals per kind.
import { useEffect, useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Form, Input, Row, Skeleton, Statistic, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { viDate } from '../../../components/dates.ts';
import { ProblemAlert, applyProblem, clearErrorsOnChange } from '../../../components/problem.tsx';
import { UnitPicker } from '../../../components/UnitPicker.tsx';
import { useJurisdiction } from '../../police/WhyFields.tsx';
import { StatsChart } from '../components/StatsChart.tsx';
import { ESTABLISHMENT_TYPES, lodgingApi } from '../lodging.ts';
import { vnDay } from '@open06/kernel';
import { isoDate } from '../time.ts';

const KINDS = [...ESTABLISHMENT_TYPES, 'declaration'] as const;
const COLORS: Record<(typeof KINDS)[number], string> = {
  hotel: '#1f6fb2',
  homestay: '#2e7d32',
  guesthouse: '#7cb342',
  rental: '#c77c02',
  dormitory: '#5b4a8a',
  hospital: '#00838f',
  bus: '#6d4c41',
  declaration: '#9e9e9e',
};

interface Period {
  from: string;
  to: string;
  communeCode?: string;
}

/** Every day from `from` to `to` (yyyy-mm-dd), so that quiet days show as gaps. */
function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = Date.parse(`${from}T00:00:00Z`), end = Date.parse(`${to}T00:00:00Z`); d <= end && out.length < 400; d += 86_400_000) out.push(new Date(d).toISOString().slice(0, 10));
  return out;
}

export default function PoliceStatsPage() {
  const { t } = useTranslation();
  const jurisdiction = useJurisdiction();
  const [form] = Form.useForm<{ from: string; to: string; communeCode?: string }>();
  const today = vnDay(new Date());
  const [period, setPeriod] = useState<Period>({ from: vnDay(new Date(Date.now() - 29 * 86_400_000)), to: today });
  const stats = useQuery({
    queryKey: ['lodging', 'stats', period],
    retry: false,
    queryFn: () => lodgingApi.stats(period),
  });
  const [problem, setProblem] = useState<unknown>(null);
  useEffect(() => setProblem(stats.error ? applyProblem(form, stats.error, ['from', 'to', 'communeCode']) : null), [stats.error, form]);

  const chart = useMemo(() => {
    const days = daysBetween(period.from, period.to);
    const byDay = stats.data?.byDay ?? [];
    const present = KINDS.filter((k) => byDay.some((r) => r.type === k));
    return {
      labels: days.map((d) => viDate(d).slice(0, 5)),
      series: present.map((k) => ({ name: t(`lodging.type.${k}`), color: COLORS[k], values: days.map((d) => byDay.filter((r) => r.day === d && r.type === k).reduce((n, r) => n + r.count, 0)) })),
      late: days.map((d) => byDay.filter((r) => r.day === d).reduce((n, r) => n + r.late, 0)),
    };
  }, [stats.data, period, t]);

  return (
    <>
      <Typography.Title level={2}>{t('lodging.stats.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('lodging.stats.intro', { unit: jurisdiction.name })}</Typography.Paragraph>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Form
          form={form}
          layout="inline"
          initialValues={{ from: viDate(period.from), to: viDate(period.to) }}
          onValuesChange={clearErrorsOnChange(form)}
          onFinish={(v) => setPeriod({ from: isoDate(v.from), to: isoDate(v.to), ...(v.communeCode ? { communeCode: v.communeCode } : {}) })}
          style={{ rowGap: 8 }}
        >
          <Form.Item name="from" label={t('lodging.search.from')} rules={[{ required: true, message: t('lodging.stats.dateRequired') }]}>
            <Input placeholder="dd/mm/yyyy" style={{ width: 130 }} autoComplete="off" />
          </Form.Item>
          <Form.Item name="to" label={t('lodging.search.to')} rules={[{ required: true, message: t('lodging.stats.dateRequired') }]}>
            <Input placeholder="dd/mm/yyyy" style={{ width: 130 }} autoComplete="off" />
          </Form.Item>
          {jurisdiction.province && (
            <Form.Item name="communeCode" label={t('lodging.feed.commune')} style={{ minWidth: 300 }}>
              <UnitPicker level="commune" province={jurisdiction.province} placeholder={t('lodging.feed.allCommunes')} />
            </Form.Item>
          )}
          <Button type="primary" htmlType="submit" loading={stats.isFetching}>
            {t('lodging.stats.show')}
          </Button>
        </Form>
      </Card>
      {problem ? <ProblemAlert error={problem} /> : null}
      {stats.isPending ? (
        <Skeleton active />
      ) : stats.data ? (
        <>
          <Row gutter={[12, 12]} data-testid="stats-totals">
            <Col xs={8} md={4}>
              <Card size="small">
                <Statistic title={t('lodging.stats.total')} value={stats.data.total} groupSeparator="." />
              </Card>
            </Col>
            <Col xs={8} md={4}>
              <Card size="small">
                <Statistic title={t('lodging.stats.late')} value={stats.data.late} groupSeparator="." styles={{ content: stats.data.late ? { color: '#b3261e' } : {} }} />
              </Card>
            </Col>
            <Col xs={8} md={4}>
              <Card size="small">
                <Statistic title={t('lodging.stats.foreign')} value={stats.data.foreign} groupSeparator="." />
              </Card>
            </Col>
          </Row>
          <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
            <Col xs={24} lg={16}>
              <Card size="small" title={t('lodging.stats.byDay')}>
                <StatsChart days={chart.labels} series={chart.series} late={chart.late} lateName={t('lodging.stats.late')} />
              </Card>
            </Col>
            <Col xs={24} lg={8}>
              <Card size="small" title={t('lodging.stats.byType')}>
                <Table
                  size="small"
                  rowKey="type"
                  data-testid="stats-by-type"
                  pagination={false}
                  dataSource={[...stats.data.byType].sort((a, b) => b.count - a.count)}
                  locale={{ emptyText: t('lodging.stats.none') }}
                  columns={[
                    { title: t('lodging.est.type'), dataIndex: 'type', render: (k: string) => t(`lodging.type.${k}`) },
                    { title: t('lodging.stats.count'), dataIndex: 'count', align: 'right' },
                  ]}
                  summary={(rows) => (
                    <Table.Summary.Row>
                      <Table.Summary.Cell index={0}>
                        <b>{t('lodging.stats.total')}</b>
                      </Table.Summary.Cell>
                      <Table.Summary.Cell index={1} align="right">
                        <b>{rows.reduce((n, r) => n + r.count, 0)}</b>
                      </Table.Summary.Cell>
                    </Table.Summary.Row>
                  )}
                />
              </Card>
            </Col>
          </Row>
        </>
      ) : null}
    </>
  );
}

// The scorecard: how correct, complete, clean and alive the records of a unit are, as a chart and
// a table; a province drills down to its communes, a commune to its worklist.
import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Breadcrumb, Button, Card, Checkbox, Col, Empty, Row, Skeleton, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth/AuthContext.tsx';
import { viInstant } from '../../components/dates.ts';
import { ProblemAlert } from '../../components/problem.tsx';
import { FAMILIES, type ScoreRow, useScorecard } from './quality.ts';
import { ScoreChart } from './ScoreChart.tsx';

const COLORS: Record<string, string> = { correct: '#b3261e', complete: '#c77c02', clean: '#1f6fb2', alive: '#2e7d32', overall: '#5b4a8a' };

function pct(v: number, persons: number) {
  return persons ? `${v.toFixed(1)} %` : '—';
}

export default function ScorecardPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { role, roles } = useAuth();
  const myUnit = roles?.find((r) => r.role === role)?.unit ?? undefined;
  const unit = params.get('unit') ?? undefined;
  const card = useScorecard(unit);
  const [all, setAll] = useState(false);

  const families = useMemo(() => [...FAMILIES, 'overall'] as const, []);
  const weakest = useMemo(() => (card.data?.children ?? []).filter((c) => c.persons > 0).slice(0, 12), [card.data]);

  if (card.isError) return <ProblemAlert error={card.error} />;
  if (card.isPending) return <Skeleton active />;
  const { unit: u, children, checkedAt } = card.data;
  const drill = (code: string) => navigate(`/quality?unit=${code}`);
  const isProvince = u.level === 'province';

  return (
    <>
      {myUnit && myUnit.length === 2 && u.level === 'commune' && (
        <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: <Link to="/quality">{t('quality.scorecard.province')}</Link> }, { title: u.name }]} />
      )}
      <Typography.Title level={2}>{t('quality.scorecard.title', { unit: u.name })}</Typography.Title>
      <Typography.Paragraph type="secondary">
        {t('quality.scorecard.intro')} {checkedAt ? t('quality.scorecard.checkedAt', { at: viInstant(checkedAt, true) }) : t('quality.scorecard.never')}
      </Typography.Paragraph>

      <Row gutter={[12, 12]} data-testid="score-summary">
        {families.map((f) => (
          <Col key={f} xs={12} sm={8} lg={4}>
            <Card size="small">
              <Statistic title={t(`quality.family.${f}`)} value={u.persons ? u[f] : '—'} precision={1} suffix={u.persons ? '%' : undefined} styles={{ content: { color: COLORS[f] } }} />
            </Card>
          </Col>
        ))}
        <Col xs={12} sm={8} lg={4}>
          <Card size="small">
            <Statistic title={t('quality.scorecard.persons')} value={u.persons} groupSeparator="." />
          </Card>
        </Col>
      </Row>

      <Card size="small" style={{ marginTop: 12 }} title={t('quality.scorecard.openTitle')}>
        <Space wrap>
          <Tag color="red">{t('quality.severity.high')}: {u.open.high}</Tag>
          <Tag color="orange">{t('quality.severity.medium')}: {u.open.medium}</Tag>
          <Tag color="blue">{t('quality.severity.low')}: {u.open.low}</Tag>
          <Typography.Text>{t('quality.scorecard.completeness', { value: u.completeness.toFixed(1) })}</Typography.Text>
          <Link to={`/quality/findings${unit ? `?unit=${unit}` : ''}`}>
            <Button type="primary" data-testid="to-worklist">{t('quality.scorecard.toWorklist')}</Button>
          </Link>
        </Space>
      </Card>

      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col xs={24} lg={isProvince ? 10 : 24}>
          <Card size="small" title={t('quality.scorecard.byGoal')}>
            <ScoreChart
              testId="chart-goals"
              height={220}
              categories={families.map((f) => t(`quality.family.${f}`))}
              series={[{ name: u.name, values: families.map((f) => u[f]), colors: families.map((f) => COLORS[f]!) }]}
            />
          </Card>
        </Col>
        {isProvince && (
          <Col xs={24} lg={14}>
            <Card size="small" title={t('quality.scorecard.weakest')}>
              {weakest.length ? (
                <ScoreChart
                  testId="chart-weakest"
                  height={Math.max(220, weakest.length * 28)}
                  categories={weakest.map((c) => c.name)}
                  series={[{ name: t('quality.family.overall'), values: weakest.map((c) => c.overall), color: COLORS.overall }]}
                  onPick={(i) => drill(weakest[i]!.code)}
                />
              ) : (
                <Empty description={t('quality.scorecard.noData')} />
              )}
            </Card>
          </Col>
        )}
      </Row>

      {isProvince && (
        <Card
          size="small"
          style={{ marginTop: 12 }}
          title={t('quality.scorecard.communes')}
          extra={<Checkbox checked={all} onChange={(e) => setAll(e.target.checked)}>{t('quality.scorecard.showEmpty')}</Checkbox>}
        >
          <Table<ScoreRow>
            rowKey="code"
            size="small"
            data-testid="commune-table"
            dataSource={all ? children : children.filter((c) => c.persons > 0)}
            scroll={{ x: true }}
            pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
            columns={[
              { title: t('quality.scorecard.unit'), dataIndex: 'name', fixed: 'left', render: (name: string, r) => <a onClick={() => drill(r.code)}>{name}</a> },
              { title: t('quality.scorecard.persons'), dataIndex: 'persons', align: 'right', responsive: ['sm'], sorter: (a, b) => a.persons - b.persons, render: (n: number) => n.toLocaleString('vi-VN') },
              ...families.map((f) => ({
                title: t(`quality.family.${f}`),
                dataIndex: f,
                align: 'right' as const,
                sorter: (a: ScoreRow, b: ScoreRow) => a[f] - b[f],
                ...(f === 'overall' ? { defaultSortOrder: 'ascend' as const } : { responsive: ['md' as const] }),
                render: (v: number, r: ScoreRow) => pct(v, r.persons),
              })),
              { title: t('quality.scorecard.open'), key: 'open', align: 'right', render: (_: unknown, r) => <Link to={`/quality/findings?unit=${r.code}`}>{r.open.total}</Link>, responsive: ['sm'] },
            ]}
          />
        </Card>
      )}
    </>
  );
}

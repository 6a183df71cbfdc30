// The worklist: findings of the officer's units, filtered by unit, goal, rule, severity and status,
// worst first; each opens the finding with its evidence and the ways to resolve it.
import { Link, useSearchParams } from 'react-router';
import { Card, Form, Input, Select, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth/AuthContext.tsx';
import { viDate, viInstant } from '../../components/dates.ts';
import { ProblemAlert } from '../../components/problem.tsx';
import { UnitPicker } from '../../components/UnitPicker.tsx';
import { FAMILIES, SEVERITY_COLOR, text, type Finding, useFindings, useRules } from './quality.ts';

export default function WorklistPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const { role, roles } = useAuth();
  const myUnit = roles?.find((r) => r.role === role)?.unit ?? undefined;
  const rules = useRules();
  const filters = {
    unit: params.get('unit') ?? undefined,
    family: params.get('family') ?? undefined,
    rule: params.get('rule') ?? undefined,
    severity: params.get('severity') ?? undefined,
    status: params.get('status') ?? 'open',
    pid: params.get('pid') ?? undefined,
    page: Number(params.get('page') ?? 1),
    pageSize: Number(params.get('pageSize') ?? 20),
  };
  const list = useFindings(filters);
  const set = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    if (k !== 'page') next.delete('page');
    setParams(next);
  };
  const ruleLabel = (id: string) => text(rules.data?.rules.find((r) => r.id === id)?.label, i18n.language) || id;
  const ruleOptions = (rules.data?.rules ?? [])
    .filter((r) => !filters.family || r.family === filters.family)
    .map((r) => ({ value: r.id, label: `${text(r.label, i18n.language)}${list.data?.byRule[r.id] ? ` (${list.data.byRule[r.id]})` : ''}` }));

  return (
    <>
      <Typography.Title level={2}>{t('quality.worklist.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('quality.worklist.intro')}</Typography.Paragraph>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Form layout="vertical" data-testid="filters">
          <Space wrap align="start">
            {myUnit && myUnit.length === 2 && (
              <Form.Item label={t('quality.worklist.unit')} style={{ minWidth: 240, marginBottom: 8 }}>
                <UnitPicker level="commune" province={myUnit} value={filters.unit ?? null} onChange={(v) => set('unit', v)} placeholder={t('quality.worklist.allCommunes')} aria-label={t('quality.worklist.unit')} />
              </Form.Item>
            )}
            <Form.Item label={t('quality.worklist.family')} style={{ minWidth: 150, marginBottom: 8 }}>
              <Select allowClear aria-label={t('quality.worklist.family')} value={filters.family} onChange={(v) => set('family', v)} options={FAMILIES.map((f) => ({ value: f, label: t(`quality.family.${f}`) }))} placeholder={t('quality.worklist.all')} />
            </Form.Item>
            <Form.Item label={t('quality.worklist.rule')} style={{ minWidth: 260, marginBottom: 8 }}>
              <Select allowClear aria-label={t('quality.worklist.rule')} value={filters.rule} onChange={(v) => set('rule', v)} options={ruleOptions} placeholder={t('quality.worklist.all')} popupMatchSelectWidth={false} />
            </Form.Item>
            <Form.Item label={t('quality.worklist.severity')} style={{ minWidth: 130, marginBottom: 8 }}>
              <Select allowClear aria-label={t('quality.worklist.severity')} value={filters.severity} onChange={(v) => set('severity', v)} options={(['high', 'medium', 'low'] as const).map((s) => ({ value: s, label: t(`quality.severity.${s}`) }))} placeholder={t('quality.worklist.all')} />
            </Form.Item>
            <Form.Item label={t('quality.worklist.pid')} style={{ width: 190, marginBottom: 8 }}>
              <Input.Search
                key={filters.pid ?? ''}
                defaultValue={filters.pid}
                allowClear
                inputMode="numeric"
                maxLength={12}
                aria-label={t('quality.worklist.pid')}
                placeholder={t('quality.worklist.pidPlaceholder')}
                onSearch={(v) => set('pid', /^\d{12}$/.test(v.trim()) ? v.trim() : undefined)}
              />
            </Form.Item>
            <Form.Item label={t('quality.worklist.status')} style={{ minWidth: 140, marginBottom: 8 }}>
              <Select aria-label={t('quality.worklist.status')} value={filters.status} onChange={(v) => set('status', v)} options={(['open', 'resolved', 'dismissed'] as const).map((s) => ({ value: s, label: t(`quality.status.${s}`) }))} />
            </Form.Item>
          </Space>
        </Form>
      </Card>
      {list.isError ? (
        <ProblemAlert error={list.error} />
      ) : list.isPending ? (
        <Skeleton active />
      ) : (
        <Table<Finding>
          rowKey="id"
          size="small"
          data-testid="worklist"
          loading={list.isFetching}
          dataSource={list.data.items}
          scroll={{ x: true }}
          pagination={{
            current: filters.page,
            pageSize: filters.pageSize,
            total: list.data.total,
            showSizeChanger: false,
            showTotal: (n) => t('quality.worklist.total', { count: n }),
            onChange: (p) => set('page', String(p)),
          }}
          columns={[
            { title: t('quality.worklist.severity'), dataIndex: 'severity', width: 90, render: (s: Finding['severity']) => <Tag color={SEVERITY_COLOR[s]}>{t(`quality.severity.${s}`)}</Tag> },
            { title: t('quality.worklist.rule'), dataIndex: 'rule', render: (r: string, f) => <Space direction="vertical" size={0}><span>{ruleLabel(r)}</span><Typography.Text type="secondary">{t(`quality.family.${f.family}`)}</Typography.Text></Space> },
            {
              title: t('quality.worklist.person'),
              key: 'person',
              render: (_: unknown, f) => (
                <Space direction="vertical" size={0}>
                  <Typography.Text strong>{f.subjectName}</Typography.Text>
                  <Typography.Text type="secondary">{f.pid} · {viDate(f.subjectBirth)}</Typography.Text>
                </Space>
              ),
            },
            { title: t('quality.worklist.commune'), dataIndex: 'communeName', responsive: ['md'] },
            { title: t('quality.worklist.fix'), key: 'fix', responsive: ['lg'], render: (_: unknown, f) => <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ marginBottom: 0, maxWidth: 420 }}>{text(f.fix, i18n.language)}</Typography.Paragraph> },
            { title: t('quality.worklist.since'), dataIndex: 'firstSeenAt', responsive: ['xl'], render: (at: string) => viInstant(at) },
            { title: '', key: 'open', fixed: 'right', render: (_: unknown, f) => <Link to={`/quality/findings/${f.id}`}>{f.status === 'open' ? t('quality.worklist.handle') : t('quality.worklist.view')}</Link> },
          ]}
        />
      )}
    </>
  );
}

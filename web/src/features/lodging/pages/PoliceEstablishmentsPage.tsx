// Establishments of the jurisdiction: the pending ones for the commune police to approve or reject
// (with a reason), approved ones with their last week's activity — late notifications and those
// that have gone silent flagged — to suspend or reinstate.
import { useState, type ReactNode } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Form, Input, Modal, Popconfirm, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { viInstant } from '../../../components/dates.ts';
import { ProblemAlert, applyProblem } from '../../../components/problem.tsx';
import { UnitPicker } from '../../../components/UnitPicker.tsx';
import { useJurisdiction } from '../../police/WhyFields.tsx';
import { StatusTag, TypeLabel } from '../components/StayTags.tsx';
import { type Establishment, type EstablishmentStatus, lodgingApi } from '../lodging.ts';

type Decision = 'approve' | 'reject' | 'suspend' | 'reinstate';
/** The decisions that need a reason (asked in a dialog); approving and reinstating are confirmed only. */
type Reasoned = 'reject' | 'suspend';
const FILTERS = ['pending', 'approved', 'suspended', 'rejected', 'all'] as const;

function Activity({ e }: { e: Establishment }) {
  const { t } = useTranslation();
  const a = e.activity;
  if (!a || e.status !== 'approved') return <>—</>;
  return (
    <Space orientation="vertical" size={0}>
      <span>{t('lodging.est.last7', { count: a.last7Days })}</span>
      <Typography.Text type="secondary">{a.lastNotificationAt ? t('lodging.est.lastAt', { at: viInstant(a.lastNotificationAt, true) }) : t('lodging.est.never')}</Typography.Text>
      <Space size={4} wrap>
        {a.late7Days > 0 && (
          <Tag color="red" data-testid="flag-late">
            {t('lodging.est.late7', { count: a.late7Days })}
          </Tag>
        )}
        {a.silent && (
          <Tag color="orange" data-testid="flag-silent">
            {t('lodging.est.silent')}
          </Tag>
        )}
      </Space>
    </Space>
  );
}

export default function PoliceEstablishmentsPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const jurisdiction = useJurisdiction();
  const [filter, setFilter] = useState<(typeof FILTERS)[number]>('pending');
  const [q, setQ] = useState('');
  const [commune, setCommune] = useState<string | undefined>();
  const [asking, setAsking] = useState<{ e: Establishment; decision: Reasoned } | null>(null);
  const [reasonForm] = Form.useForm<{ reason: string }>();
  const list = useQuery({
    queryKey: ['lodging', 'establishments', filter, q, commune],
    queryFn: () => lodgingApi.establishments({ ...(filter !== 'all' ? { status: filter } : {}), ...(q.trim() ? { q: q.trim() } : {}), ...(commune ? { communeCode: commune } : {}) }),
  });
  const decide = useMutation({
    mutationFn: ({ e, decision, reason }: { e: Establishment; decision: Decision; reason?: string }) => lodgingApi.decide(e.id, decision, reason),
    onSuccess: () => {
      setAsking(null);
      void qc.invalidateQueries({ queryKey: ['lodging', 'establishments'] });
    },
    onError: (err) => {
      if (asking) applyProblem(reasonForm, err, ['reason']);
    },
  });
  // only the commune police decide; the province police watch
  const decides = jurisdiction.role === 'commune_police';

  const actions = (e: Establishment) => {
    const busy = decide.isPending && decide.variables?.e.id === e.id;
    const ask = (decision: Reasoned) => () => {
      decide.reset();
      setAsking({ e, decision });
    };
    const byStatus: Record<EstablishmentStatus, ReactNode> = {
      pending: (
        <Space wrap>
          <Popconfirm title={t('lodging.est.approveConfirm', { name: e.name })} okText={t('lodging.est.approve')} cancelText={t('common.cancel')} onConfirm={() => decide.mutate({ e, decision: 'approve' })}>
            <Button type="primary" size="small" loading={busy} data-testid="approve">
              {t('lodging.est.approve')}
            </Button>
          </Popconfirm>
          <Button danger size="small" onClick={ask('reject')} data-testid="reject">
            {t('lodging.est.reject')}
          </Button>
        </Space>
      ),
      approved: (
        <Button size="small" danger onClick={ask('suspend')}>
          {t('lodging.est.suspend')}
        </Button>
      ),
      suspended: (
        <Popconfirm title={t('lodging.est.reinstateConfirm', { name: e.name })} okText={t('lodging.est.reinstate')} cancelText={t('common.cancel')} onConfirm={() => decide.mutate({ e, decision: 'reinstate' })}>
          <Button size="small" loading={busy}>
            {t('lodging.est.reinstate')}
          </Button>
        </Popconfirm>
      ),
      rejected: null,
    };
    return byStatus[e.status];
  };

  return (
    <>
      <Typography.Title level={2}>{t('lodging.est.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('lodging.est.intro', { unit: jurisdiction.name })}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented value={filter} onChange={setFilter} options={FILTERS.map((f) => ({ value: f, label: t(f === 'all' ? 'lodging.est.all' : `lodging.status.${f}`) }))} data-testid="status-filter" />
        <Input.Search allowClear placeholder={t('lodging.est.searchPlaceholder')} onSearch={setQ} style={{ width: 260 }} aria-label={t('lodging.est.searchPlaceholder')} />
        {jurisdiction.province && (
          <div style={{ width: 280 }}>
            <UnitPicker level="commune" province={jurisdiction.province} value={commune ?? null} onChange={setCommune} placeholder={t('lodging.feed.allCommunes')} aria-label={t('lodging.feed.commune')} />
          </div>
        )}
      </Space>
      {decide.isError && !asking && <ProblemAlert error={decide.error} />}
      {list.isError ? (
        <ProblemAlert error={list.error} />
      ) : (
        <Table<Establishment>
          size="small"
          rowKey="id"
          loading={list.isPending}
          data-testid="establishments"
          dataSource={list.data?.items ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: t('lodging.est.none') }}
          scroll={{ x: true }}
          onRow={(e) => ({ style: e.activity?.silent || (e.activity?.late7Days ?? 0) > 0 ? { background: '#fff7e6' } : {} })}
          columns={[
            {
              title: t('lodging.est.name'),
              key: 'name',
              render: (_: unknown, e) => (
                <>
                  <Typography.Text strong>{e.name}</Typography.Text> <StatusTag status={e.status} />
                  <br />
                  <Typography.Text type="secondary">
                    <TypeLabel type={e.type} /> · {e.address}
                  </Typography.Text>
                  {e.decisionReason && (
                    <>
                      <br />
                      <Typography.Text type="secondary">{t('lodging.est.reasonShown', { reason: e.decisionReason })}</Typography.Text>
                    </>
                  )}
                </>
              ),
            },
            {
              title: t('lodging.est.responsible'),
              key: 'responsible',
              render: (_: unknown, e) => (
                <>
                  {e.responsible.fullName}
                  <br />
                  <Typography.Text type="secondary">{e.responsible.pid}</Typography.Text>
                </>
              ),
            },
            {
              title: t('lodging.est.licence'),
              key: 'licence',
              responsive: ['lg'],
              render: (_: unknown, e) => (
                <>
                  {e.licence ?? '—'}
                  <br />
                  <Typography.Text type="secondary">{e.phone ?? ''}</Typography.Text>
                </>
              ),
            },
            { title: t('lodging.est.createdAt'), dataIndex: 'createdAt', render: (at: string) => viInstant(at, true), responsive: ['md'] },
            { title: t('lodging.est.activity'), key: 'activity', render: (_: unknown, e) => <Activity e={e} /> },
            ...(decides ? [{ title: '', key: 'actions', render: (_: unknown, e: Establishment) => actions(e) }] : []),
          ]}
        />
      )}
      <Modal
        open={!!asking}
        title={asking ? t(`lodging.est.${asking.decision}Title`, { name: asking.e.name }) : ''}
        okText={asking ? t(`lodging.est.${asking.decision}`) : ''}
        okButtonProps={{ danger: true, loading: decide.isPending }}
        cancelText={t('common.cancel')}
        onCancel={() => setAsking(null)}
        onOk={() => void reasonForm.validateFields().then((v) => asking && decide.mutate({ ...asking, reason: v.reason.trim() }), () => undefined)}
        destroyOnHidden
      >
        <Form form={reasonForm} layout="vertical">
          <Form.Item name="reason" label={t('lodging.est.reason')} rules={[{ required: true, whitespace: true, message: t('lodging.est.reasonRequired') }]}>
            <Input.TextArea autoSize={{ minRows: 2 }} />
          </Form.Item>
        </Form>
        {decide.isError && <ProblemAlert error={decide.error} />}
      </Modal>
    </>
  );
}

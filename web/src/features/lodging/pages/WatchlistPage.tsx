// The province police's watchlist: people whose check-in anywhere in the province raises an alert
// at the commune police. Province police add (a citizen by personal ID, a foreigner by passport and
// nationality, with a reason), change the reason and deactivate; commune police only read it.
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Col, Form, Input, Popconfirm, Row, Segmented, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { viInstant } from '../../../components/dates.ts';
import { ProblemAlert, applyProblem, clearErrorsOnChange } from '../../../components/problem.tsx';
import { useJurisdiction } from '../../police/WhyFields.tsx';
import { NationalitySelect, nationalityName } from '../components/NationalitySelect.tsx';
import { type WatchEntry, lodgingApi } from '../lodging.ts';

interface Values {
  pid?: string;
  passportNo?: string;
  nationality?: string;
  fullName: string;
  reason: string;
}

export default function WatchlistPage() {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const jurisdiction = useJurisdiction();
  const manages = jurisdiction.role === 'province_police';
  const [form] = Form.useForm<Values>();
  const [by, setBy] = useState<'pid' | 'passport'>('pid');
  const [problem, setProblem] = useState<unknown>(null);
  const list = useQuery({ queryKey: ['lodging', 'watchlist'], queryFn: lodgingApi.watchlist });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['lodging', 'watchlist'] });
  const add = useMutation({
    mutationFn: (v: Values) =>
      lodgingApi.watch({
        ...(by === 'pid' ? { pid: (v.pid ?? '').trim() } : { passportNo: (v.passportNo ?? '').trim().toUpperCase(), nationality: v.nationality ?? '' }),
        fullName: v.fullName.trim(),
        reason: v.reason.trim(),
      }),
    onMutate: () => setProblem(null),
    onSuccess: () => {
      form.resetFields();
      refresh();
    },
    onError: (err) => setProblem(applyProblem(form, err, ['pid', 'passportNo', 'nationality', 'fullName', 'reason'])),
  });
  const toggle = useMutation({ mutationFn: (w: WatchEntry) => lodgingApi.updateWatch(w.id, { active: !w.active }), onSuccess: refresh });

  return (
    <>
      <Typography.Title level={2}>{t('lodging.watch.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t(manages ? 'lodging.watch.intro' : 'lodging.watch.introRead')}</Typography.Paragraph>
      {manages && (
        <Card title={t('lodging.watch.addTitle')} size="small" style={{ marginBottom: 16 }}>
          {problem ? <ProblemAlert error={problem} /> : null}
          <Segmented
            value={by}
            onChange={(v) => setBy(v as 'pid' | 'passport')}
            options={[
              { value: 'pid', label: t('lodging.watch.byPid') },
              { value: 'passport', label: t('lodging.watch.byPassport') },
            ]}
            style={{ marginBottom: 12 }}
          />
          <Form<Values> form={form} layout="vertical" requiredMark="optional" onValuesChange={clearErrorsOnChange(form)} onFinish={(v) => add.mutate(v)}>
            <Row gutter={16}>
              {by === 'pid' ? (
                <Col xs={24} md={8}>
                  <Form.Item name="pid" label={t('lodging.guest.pid')} rules={[{ required: true, pattern: /^\s*\d{12}\s*$/, message: t('lodging.guest.pidFormat') }]}>
                    <Input inputMode="numeric" maxLength={14} autoComplete="off" />
                  </Form.Item>
                </Col>
              ) : (
                <>
                  <Col xs={12} md={4}>
                    <Form.Item name="passportNo" label={t('lodging.guest.passportNo')} rules={[{ required: true, whitespace: true, message: t('lodging.guest.passportRequired') }]}>
                      <Input autoComplete="off" style={{ textTransform: 'uppercase' }} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={4}>
                    <Form.Item name="nationality" label={t('lodging.guest.nationality')} rules={[{ required: true, message: t('lodging.guest.nationalityRequired') }]}>
                      <NationalitySelect aria-label={t('lodging.guest.nationality')} />
                    </Form.Item>
                  </Col>
                </>
              )}
              <Col xs={24} md={8}>
                <Form.Item name="fullName" label={t('lodging.guest.fullName')} rules={[{ required: true, whitespace: true, message: t('lodging.guest.nameRequired') }]}>
                  <Input autoComplete="off" />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name="reason" label={t('lodging.watch.reason')} rules={[{ required: true, whitespace: true, message: t('lodging.watch.reasonRequired') }]}>
                  <Input autoComplete="off" />
                </Form.Item>
              </Col>
            </Row>
            <Button type="primary" htmlType="submit" loading={add.isPending}>
              {t('lodging.watch.add')}
            </Button>
          </Form>
        </Card>
      )}
      {toggle.isError && <ProblemAlert error={toggle.error} />}
      {list.isError ? (
        <ProblemAlert error={list.error} />
      ) : (
        <Table<WatchEntry>
          size="small"
          rowKey="id"
          loading={list.isPending}
          data-testid="watchlist"
          dataSource={list.data?.items ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: t('lodging.watch.none') }}
          scroll={{ x: true }}
          columns={[
            {
              title: t('lodging.guest.fullName'),
              key: 'who',
              render: (_: unknown, w) => (
                <>
                  <Typography.Text strong>{w.fullName}</Typography.Text>
                  <br />
                  <Typography.Text type="secondary">{w.pid ?? `${w.passportNo} · ${nationalityName(w.nationality ?? '', i18n.language)}`}</Typography.Text>
                </>
              ),
            },
            { title: t('lodging.watch.reason'), dataIndex: 'reason' },
            { title: t('lodging.watch.since'), dataIndex: 'createdAt', render: (at: string) => viInstant(at, true), responsive: ['md'] },
            { title: t('lodging.watch.state'), dataIndex: 'active', render: (a: boolean) => (a ? <Tag color="red">{t('lodging.watch.active')}</Tag> : <Tag>{t('lodging.watch.inactive')}</Tag>) },
            ...(manages
              ? [
                  {
                    title: '',
                    key: 'toggle',
                    render: (_: unknown, w: WatchEntry) => (
                      <Popconfirm
                        title={t(w.active ? 'lodging.watch.deactivateConfirm' : 'lodging.watch.reactivateConfirm', { name: w.fullName })}
                        okText={t(w.active ? 'lodging.watch.deactivate' : 'lodging.watch.reactivate')}
                        cancelText={t('common.cancel')}
                        onConfirm={() => toggle.mutate(w)}
                      >
                        <Button size="small" loading={toggle.isPending && toggle.variables?.id === w.id}>
                          {t(w.active ? 'lodging.watch.deactivate' : 'lodging.watch.reactivate')}
                        </Button>
                      </Popconfirm>
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
    </>
  );
}

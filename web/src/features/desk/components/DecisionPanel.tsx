// The decision on the current step, for the official whose role the step waits for: approve (the
// next step, or the result and its registry effects after the last), ask the applicant for a
// supplement (what to supply, required), or refuse (reasons, required). The version read is sent, so
// that a decision on an application someone has just acted on is refused (409) and the page offers a
// reload; a registry effect that fails on the last step comes back as the registry's own message.
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Modal, Popconfirm, Space, Typography, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client.ts';
import { ProblemAlert, applyProblem, clearErrorsOnChange } from '../../../components/problem.tsx';
import { pick } from '../../services/services.ts';
import { type ApplicationDetail, type Outcome, deskApi } from '../desk.ts';

type Reasoned = Exclude<Outcome, 'approve'>;

export function DecisionPanel({ app, last, onReload }: { app: ApplicationDetail; last: boolean; onReload: () => void }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [asking, setAsking] = useState<Reasoned | null>(null);
  const [form] = Form.useForm<{ note: string }>();
  const decide = useMutation({
    mutationFn: (body: { outcome: Outcome; note?: string }) => deskApi.decide(app.id, { ...body, version: app.version }),
    onSuccess: (done) => {
      setAsking(null);
      form.resetFields();
      qc.setQueryData(['desk', 'application', app.id], done);
      void qc.invalidateQueries({ queryKey: ['desk', 'queue'] });
    },
    onError: (err) => {
      if (asking) applyProblem(form, err, ['note']);
    },
  });
  const open = (outcome: Reasoned) => () => {
    decide.reset();
    form.resetFields();
    setAsking(outcome);
  };
  const conflict = decide.error instanceof ApiError && decide.error.problem.status === 409;
  /** The server's answer; after a conflict (someone acted meanwhile, or the registry refused the result) a reload. */
  const problem = () => (
    <>
      <ProblemAlert error={decide.error} testId="decision-problem" />
      {conflict && (
        <Button
          onClick={() => {
            decide.reset();
            onReload();
          }}
          style={{ marginBottom: 12 }}
          data-testid="reload"
        >
          {t('desk.detail.reload')}
        </Button>
      )}
    </>
  );

  return (
    <Card size="small" title={t('desk.decide.title', { step: app.step ? pick(app.step.name, i18n.language) : '' })} data-testid="decision" style={{ marginBottom: 16, borderColor: '#b3261e' }}>
      {decide.isError && !asking && problem()}
      <Space wrap>
        <Popconfirm
          title={t(last ? 'desk.decide.approveLastConfirm' : 'desk.decide.approveConfirm')}
          okText={t('desk.decide.approveOk')}
          cancelText={t('desk.cancel')}
          onConfirm={() => decide.mutate({ outcome: 'approve' })}
        >
          <Button type="primary" loading={decide.isPending && decide.variables?.outcome === 'approve'} data-testid="approve">
            {t(last ? 'desk.decide.approveLast' : 'desk.decide.approve')}
          </Button>
        </Popconfirm>
        <Button onClick={open('request_supplement')} data-testid="request-supplement">
          {t('desk.decide.supplement')}
        </Button>
        <Button danger onClick={open('refuse')} data-testid="refuse">
          {t('desk.decide.refuse')}
        </Button>
      </Space>
      <Modal
        open={asking !== null}
        title={asking ? t(`desk.decide.${asking === 'refuse' ? 'refuseTitle' : 'supplementTitle'}`) : ''}
        okText={asking ? t(`desk.decide.${asking === 'refuse' ? 'refuseOk' : 'supplementOk'}`) : ''}
        okButtonProps={{ danger: asking === 'refuse', loading: decide.isPending, 'data-testid': 'decision-send' } as ButtonProps}
        cancelText={t('desk.cancel')}
        onCancel={() => setAsking(null)}
        onOk={() => void form.validateFields().then((v) => decide.mutate({ outcome: asking!, note: v.note.trim() }), () => undefined)}
        destroyOnHidden
      >
        {decide.isError && asking && !(decide.error instanceof ApiError && decide.error.problem.errors?.some((e) => e.path === 'body.note')) && problem()}
        <Form form={form} layout="vertical" onValuesChange={clearErrorsOnChange(form)} data-testid="decision-form">
          <Form.Item
            name="note"
            label={t(asking === 'refuse' ? 'desk.decide.reasons' : 'desk.decide.what')}
            rules={[{ required: true, whitespace: true, message: t(asking === 'refuse' ? 'desk.decide.reasonsRequired' : 'desk.decide.whatRequired') }]}
          >
            <Input.TextArea rows={4} maxLength={2000} showCount autoFocus data-testid="decision-note" />
          </Form.Item>
        </Form>
        {asking === 'request_supplement' && <Typography.Text type="secondary">{t('desk.decide.supplementHint')}</Typography.Text>}
        {asking === 'refuse' && <Alert type="warning" showIcon title={t('desk.decide.refuseHint')} />}
      </Modal>
    </Card>
  );
}

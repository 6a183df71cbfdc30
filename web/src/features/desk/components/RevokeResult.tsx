// Revoking the result document of a completed application (issued in error, no longer true): the
// reason is required; the citizen's wallet shows it revoked and anyone who checks the credential
// against the issuer's status list sees it revoked. Once revoked, the page says when and why.
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Modal, Typography, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { viInstant } from '../../../components/dates.ts';
import { ProblemAlert, applyProblem, clearErrorsOnChange } from '../../../components/problem.tsx';
import { type ApplicationDetail, deskApi } from '../desk.ts';

export function RevokeResult({ app }: { app: ApplicationDetail }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  // what the form's field does not show (applyProblem puts a reason error on the field)
  const [problem, setProblem] = useState<unknown>(null);
  const [form] = Form.useForm<{ reason: string }>();
  const revoke = useMutation({
    mutationFn: (reason: string) => deskApi.revokeResult(app.id, reason),
    onSuccess: (done) => {
      setOpen(false);
      qc.setQueryData(['desk', 'application', app.id], done);
    },
    onMutate: () => setProblem(null),
    onError: (err) => setProblem(applyProblem(form, err, ['reason'])),
  });
  const revoked = [...app.events].reverse().find((e) => e.action === 'result_revoked');
  if (revoked)
    return <Alert type="warning" showIcon data-testid="result-revoked" style={{ marginBottom: 16 }} title={t('desk.revoke.done', { at: viInstant(revoked.at, true) })} description={revoked.note ?? undefined} />;
  return (
    <>
      <Button danger onClick={() => setOpen(true)} style={{ marginBottom: 16 }} data-testid="revoke-result">
        {t('desk.revoke.button')}
      </Button>
      <Modal
        open={open}
        title={t('desk.revoke.title')}
        okText={t('desk.revoke.ok')}
        okButtonProps={{ danger: true, loading: revoke.isPending, 'data-testid': 'revoke-send' } as ButtonProps}
        cancelText={t('desk.cancel')}
        onCancel={() => setOpen(false)}
        onOk={() => void form.validateFields().then((v) => revoke.mutate(v.reason.trim()), () => undefined)}
        destroyOnHidden
      >
        <Typography.Paragraph>{t('desk.revoke.explain')}</Typography.Paragraph>
        {problem ? <ProblemAlert error={problem} testId="revoke-problem" /> : null}
        <Form form={form} layout="vertical" onValuesChange={clearErrorsOnChange(form)}>
          <Form.Item name="reason" label={t('desk.revoke.reason')} rules={[{ required: true, whitespace: true, message: t('desk.revoke.reasonRequired') }]}>
            <Input.TextArea rows={3} maxLength={500} showCount autoFocus data-testid="revoke-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

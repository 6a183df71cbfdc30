// Forgotten password: a code to the registered phone or e-mail, then a new password (and the
// authenticator-app code when the account has one). The first answer is the same whether or not
// the details match an account.
import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Result, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { sendJson } from '../../api/client.ts';
import { useAuth } from '../../auth/AuthContext.tsx';
import { applyProblem, ProblemAlert } from '../../components/problem.tsx';

interface Started {
  recoveryId: string;
  message: { vi: string; en: string };
}

export default function RecoverPage() {
  const { t, i18n } = useTranslation();
  const { login } = useAuth();
  const [started, setStarted] = useState<Started | null>(null);
  const [done, setDone] = useState<{ level: number } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [ask] = Form.useForm();
  const [reset] = Form.useForm();

  async function run(form: typeof ask, fields: string[], work: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (err) {
      setError(applyProblem(form, err, fields));
    } finally {
      setBusy(false);
    }
  }

  if (done)
    return (
      <Result
        status="success"
        title={t('recover.doneTitle')}
        subTitle={<>{t('recover.doneText')}{done.level === 1 && <Alert style={{ marginTop: 12 }} type="warning" showIcon message={t('recover.doneLevel1')} />}</>}
        extra={<Button type="primary" onClick={() => void login('/my/account')}>{t('menu.login')}</Button>}
        data-testid="recover-done"
      />
    );
  return (
    <Card style={{ maxWidth: 560 }}>
      <Typography.Title level={2}>{t('recover.title')}</Typography.Title>
      {error ? <ProblemAlert error={error} /> : null}
      {!started ? (
        // keys: an antd Form keeps the form instance it was mounted with
        <Form
          key="ask"
          form={ask}
          layout="vertical"
          requiredMark={false}
          onFinish={(v: { pid: string; contact: string }) =>
            run(ask, ['pid', 'contact'], async () => setStarted(await sendJson<Started>('/api/v1/identity/recoveries', 'POST', { pid: v.pid.trim(), contact: v.contact })))
          }
        >
          <Typography.Paragraph type="secondary">{t('recover.intro')}</Typography.Paragraph>
          <Form.Item name="pid" label={t('recover.pid')} rules={[{ required: true, pattern: /^\s*\d{12}\s*$/, message: t('register.pidHelp') }]}>
            <Input inputMode="numeric" maxLength={12} autoComplete="username" />
          </Form.Item>
          <Form.Item name="contact" label={t('recover.contact')} rules={[{ required: true, message: t('register.required') }]}>
            <Input autoComplete="tel" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} block>
            {t('recover.send')}
          </Button>
        </Form>
      ) : (
        <Form
          key="reset"
          form={reset}
          layout="vertical"
          requiredMark={false}
          onFinish={(v: { code: string; password: string; totp?: string }) =>
            run(reset, ['code', 'password', 'totp'], async () =>
              setDone(await sendJson<{ level: number }>(`/api/v1/identity/recoveries/${started.recoveryId}/confirm`, 'POST', { code: v.code.trim(), password: v.password, ...(v.totp ? { totp: v.totp.trim() } : {}) })),
            )
          }
        >
          <Alert type="info" showIcon message={i18n.language === 'en' ? started.message.en : started.message.vi} style={{ marginBottom: 16 }} />
          <Form.Item name="code" label={t('recover.code')} rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: t('register.codeHelp') }]}>
            <Input inputMode="numeric" maxLength={6} autoComplete="one-time-code" />
          </Form.Item>
          <Form.Item name="password" label={t('recover.password')} extra={t('register.passwordHelp')} rules={[{ required: true, min: 8, message: t('register.passwordHelp') }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item name="totp" label={t('recover.totp')} extra={t('recover.totpHelp')}>
            <Input inputMode="numeric" maxLength={7} autoComplete="off" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} block>
            {t('recover.save')}
          </Button>
        </Form>
      )}
    </Card>
  );
}

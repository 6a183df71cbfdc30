// Level-1 e-ID registration: details checked against the registry, a one-time code, a password.
import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Result, Steps, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { parsePartialDate, toIsoPartial } from '@open06/kernel';
import { ApiError, sendJson } from '../../api/client.ts';
import { useAuth } from '../../auth/AuthContext.tsx';
import { PortraitCapture } from '../../components/PortraitCapture.tsx';

interface Started {
  registrationId: string;
  channel: 'sms' | 'email';
  sentTo: string;
}

/** Puts the server's field errors on the form's fields; returns the message for the rest. */
function applyProblem(form: ReturnType<typeof Form.useForm>[0], err: unknown): string {
  if (!(err instanceof ApiError)) return String((err as Error)?.message ?? err);
  const byField = (err.problem.errors ?? []).filter((e) => e.path.startsWith('body.') && e.path !== 'body');
  form.setFields(byField.map((e) => ({ name: e.path.slice('body.'.length), errors: [e.message] })));
  const general = (err.problem.errors ?? []).filter((e) => !byField.includes(e)).map((e) => e.message);
  return [...general, err.problem.detail ?? (byField.length ? '' : err.problem.title)].filter(Boolean).join(' ');
}

export default function RegisterPage() {
  const { t } = useTranslation();
  const { login } = useAuth();
  const [step, setStep] = useState(0);
  const [started, setStarted] = useState<Started | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [details] = Form.useForm();
  const [confirm] = Form.useForm();

  async function start(v: { pid: string; fullName: string; birthDate: string; phone?: string; email?: string }) {
    setBusy(true);
    setError(null);
    try {
      const dob = parsePartialDate(v.birthDate);
      const s = await sendJson<Started>('/api/v1/identity/registrations', 'POST', {
        pid: v.pid.trim(),
        fullName: v.fullName,
        birthDate: dob.ok ? toIsoPartial(dob.value) : v.birthDate,
        ...(v.phone ? { phone: v.phone } : {}),
        ...(v.email ? { email: v.email } : {}),
      });
      setStarted(s);
      setStep(1);
    } catch (err) {
      setError(applyProblem(details, err));
    } finally {
      setBusy(false);
    }
  }

  async function finish(v: { code: string; password: string; portrait?: string }) {
    setBusy(true);
    setError(null);
    try {
      await sendJson(`/api/v1/identity/registrations/${started!.registrationId}/confirm`, 'POST', { code: v.code.trim(), password: v.password, ...(v.portrait ? { portrait: v.portrait } : {}) });
      setStep(2);
    } catch (err) {
      setError(applyProblem(confirm, err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card style={{ maxWidth: 560 }}>
      <Typography.Title level={2}>{t('register.title')}</Typography.Title>
      <Steps current={step} size="small" style={{ marginBottom: 24 }} items={[{ title: t('register.stepDetails') }, { title: t('register.stepCode') }, { title: t('register.stepDone') }]} />
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="form-error" />}
      {step === 0 && (
        <Form form={details} layout="vertical" onFinish={start} requiredMark={false}>
          <Form.Item name="pid" label={t('register.pid')} rules={[{ required: true, pattern: /^\s*\d{12}\s*$/, message: t('register.pidHelp') }]}>
            <Input inputMode="numeric" maxLength={12} autoComplete="off" />
          </Form.Item>
          <Form.Item name="fullName" label={t('register.fullName')} rules={[{ required: true, message: t('register.required') }]}>
            <Input autoComplete="name" />
          </Form.Item>
          <Form.Item
            name="birthDate"
            label={t('register.birthDate')}
            extra={t('register.birthDateHelp')}
            rules={[{ required: true, message: t('register.required') }, { validator: async (_r, v: string) => { if (v && !parsePartialDate(v).ok) throw new Error(t('register.dateInvalid')); } }]}
          >
            <Input placeholder="dd/mm/yyyy" />
          </Form.Item>
          <Form.Item name="phone" label={t('register.phone')} extra={t('register.phoneHelp')}>
            <Input inputMode="tel" autoComplete="tel" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} block>
            {t('register.sendCode')}
          </Button>
        </Form>
      )}
      {step === 1 && started && (
        <Form form={confirm} layout="vertical" onFinish={finish} requiredMark={false}>
          <Alert type="info" showIcon message={t('register.codeSent', { to: started.sentTo })} style={{ marginBottom: 16 }} />
          <Form.Item name="code" label={t('register.code')} rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: t('register.codeHelp') }]}>
            <Input inputMode="numeric" maxLength={6} autoComplete="one-time-code" />
          </Form.Item>
          <Form.Item name="password" label={t('register.password')} extra={t('register.passwordHelp')} rules={[{ required: true, min: 8, message: t('register.passwordHelp') }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item name="portrait" label={t('register.portrait')} extra={t('register.portraitHelp')}>
            <PortraitCapture />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} block>
            {t('register.create')}
          </Button>
        </Form>
      )}
      {step === 2 && (
        <Result status="success" title={t('register.doneTitle')} subTitle={t('register.doneText')} extra={<Button type="primary" onClick={() => void login('/my/data')}>{t('menu.login')}</Button>} />
      )}
    </Card>
  );
}

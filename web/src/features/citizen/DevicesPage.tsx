// "My devices": authenticator apps (TOTP, a required second step after the password) and passkeys
// (log in without a password). The app's secret is shown once, as a QR code and as text.
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Form, Input, List, Modal, Popconfirm, Skeleton, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import QRCode from 'qrcode';
import { startRegistration, browserSupportsWebAuthn, type PublicKeyCredentialCreationOptionsJSON } from '@simplewebauthn/browser';
import { getJson, sendJson } from '../../api/client.ts';
import { viInstant } from '../../components/dates.ts';
import { applyProblem, ProblemAlert } from '../../components/problem.tsx';

interface Authenticator {
  id: string;
  kind: 'totp' | 'passkey';
  label: string;
  createdAt: string;
  lastUsedAt: string | null;
}

interface TotpStart {
  id: string;
  secret: string;
  uri: string;
}

function AddAppDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ code: string }>();
  const [started, setStarted] = useState<(TotpStart & { qr: string }) | null>(null);
  const [error, setError] = useState<unknown>(null);
  const start = useMutation({
    mutationFn: async () => {
      const s = await sendJson<TotpStart>('/api/v1/identity/me/authenticators/totp', 'POST', { label: t('citizen.devices.appLabel') });
      return { ...s, qr: await QRCode.toDataURL(s.uri, { margin: 1, width: 220 }) };
    },
    onSuccess: setStarted,
    onError: setError,
  });
  const confirm = useMutation({
    mutationFn: (code: string) => sendJson(`/api/v1/identity/me/authenticators/totp/${started!.id}/confirm`, 'POST', { code }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['me', 'authenticators'] });
      setStarted(null);
      form.resetFields();
      onClose();
    },
    onError: (err) => setError(applyProblem(form, err, ['code'])),
  });
  return (
    <Modal open={open} title={t('citizen.devices.addApp')} footer={null} onCancel={onClose} afterOpenChange={(o) => o && !started && start.mutate()} destroyOnHidden>
      {error ? <ProblemAlert error={error} /> : null}
      {!started ? (
        <Skeleton active />
      ) : (
        <>
          <Typography.Paragraph>{t('citizen.devices.scan')}</Typography.Paragraph>
          <div style={{ textAlign: 'center' }}>
            <img src={started.qr} alt={t('citizen.devices.qrAlt')} width={220} height={220} data-testid="totp-qr" />
          </div>
          <Typography.Paragraph type="secondary">
            {t('citizen.devices.orType')} <Typography.Text code copyable data-testid="totp-secret">{started.secret}</Typography.Text>
          </Typography.Paragraph>
          <Form form={form} layout="vertical" onFinish={(v) => { setError(null); confirm.mutate(v.code.trim()); }} requiredMark={false}>
            <Form.Item name="code" label={t('citizen.devices.firstCode')} rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: t('citizen.devices.codeHelp') }]}>
              <Input inputMode="numeric" maxLength={7} autoComplete="one-time-code" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={confirm.isPending} block>
              {t('citizen.devices.confirm')}
            </Button>
          </Form>
        </>
      )}
    </Modal>
  );
}

export default function DevicesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [adding, setAdding] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const list = useQuery({ queryKey: ['me', 'authenticators'], queryFn: () => getJson<{ items: Authenticator[] }>('/api/v1/identity/me/authenticators') });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['me', 'authenticators'] });
  const addPasskey = useMutation({
    mutationFn: async () => {
      const { challengeId, options } = await sendJson<{ challengeId: string; options: PublicKeyCredentialCreationOptionsJSON }>('/api/v1/identity/me/authenticators/passkey/options', 'POST');
      const response = await startRegistration({ optionsJSON: options });
      return sendJson('/api/v1/identity/me/authenticators/passkey', 'POST', { challengeId, label: t('citizen.devices.passkeyLabel'), response });
    },
    onSuccess: () => {
      void message.success(t('citizen.devices.passkeyAdded'));
      refresh();
    },
    onError: setError,
  });
  const remove = useMutation({ mutationFn: (id: string) => sendJson(`/api/v1/identity/me/authenticators/${id}`, 'DELETE'), onSuccess: refresh, onError: setError });

  return (
    <>
      <Typography.Title level={2}>{t('citizen.devices.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('citizen.devices.intro')}</Typography.Paragraph>
      {error ? <ProblemAlert error={error} /> : null}
      <Space wrap style={{ marginBottom: 16 }}>
        <Button type="primary" onClick={() => setAdding(true)}>
          {t('citizen.devices.addApp')}
        </Button>
        <Button onClick={() => { setError(null); addPasskey.mutate(); }} loading={addPasskey.isPending} disabled={!browserSupportsWebAuthn()}>
          {t('citizen.devices.addPasskey')}
        </Button>
      </Space>
      <Card>
        {list.isPending ? (
          <Skeleton active />
        ) : list.isError ? (
          <ProblemAlert error={list.error} />
        ) : list.data.items.length === 0 ? (
          <Empty description={t('citizen.devices.none')} />
        ) : (
          <List
            data-testid="authenticators"
            dataSource={list.data.items}
            renderItem={(a) => (
              <List.Item
                actions={[
                  <Popconfirm key="rm" title={t('citizen.devices.removeConfirm')} okText={t('citizen.devices.remove')} cancelText={t('common.cancel')} onConfirm={() => remove.mutate(a.id)}>
                    <Button danger size="small">{t('citizen.devices.remove')}</Button>
                  </Popconfirm>,
                ]}
              >
                <List.Item.Meta
                  title={
                    <Space>
                      {a.label}
                      {a.label !== t(`citizen.devices.kind.${a.kind}`) && <Tag color={a.kind === 'passkey' ? 'green' : 'blue'}>{t(`citizen.devices.kind.${a.kind}`)}</Tag>}
                    </Space>
                  }
                  description={`${t('citizen.devices.added', { date: viInstant(a.createdAt) })}${a.lastUsedAt ? ` · ${t('citizen.devices.used', { date: viInstant(a.lastUsedAt, true) })}` : ''}`}
                />
              </List.Item>
            )}
          />
        )}
      </Card>
      <AddAppDialog open={adding} onClose={() => setAdding(false)} />
    </>
  );
}

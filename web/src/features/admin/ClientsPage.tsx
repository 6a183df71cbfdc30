// Relying parties of the platform's OpenID Provider (portals, school systems, banks, sector
// systems): list, register, edit. A client's secret is shown once, when it is created or replaced.
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Form, Input, Modal, Popconfirm, Select, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { getJson, sendJson } from '../../api/client.ts';
import { ProblemAlert, applyProblem, clearErrorsOnChange } from '../../components/problem.tsx';
import { AUTH_METHODS, CLIENT_SCOPES, type Client, GRANT_TYPES, usesSecret } from './admin.ts';

interface Values {
  client_id: string;
  client_name: string;
  organization?: string;
  purpose?: string;
  grant_types: string[];
  token_endpoint_auth_method: Client['token_endpoint_auth_method'];
  redirect_uris?: string;
  post_logout_redirect_uris?: string;
  scope: string[];
  jwks?: string;
  api_role?: boolean;
}
const FIELDS = ['client_id', 'client_name', 'organization', 'purpose', 'grant_types', 'token_endpoint_auth_method', 'redirect_uris', 'post_logout_redirect_uris', 'scope', 'jwks', 'api_role'];

const lines = (s: string | undefined) => (s ?? '').split(/\s+/).map((x) => x.trim()).filter(Boolean);

function isUrl(s: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(s).protocol) || /^[a-z][a-z0-9+.-]*:/.test(s);
  } catch {
    return false;
  }
}

function toBody(v: Values) {
  return {
    client_name: v.client_name.trim(),
    ...(v.organization?.trim() ? { organization: v.organization.trim() } : {}),
    ...(v.purpose?.trim() ? { purpose: v.purpose.trim() } : {}),
    grant_types: v.grant_types,
    token_endpoint_auth_method: v.token_endpoint_auth_method,
    redirect_uris: lines(v.redirect_uris),
    post_logout_redirect_uris: lines(v.post_logout_redirect_uris),
    scope: v.scope.join(' '),
    ...(v.token_endpoint_auth_method === 'private_key_jwt' && v.jwks ? { jwks: JSON.parse(v.jwks) as unknown } : {}),
    ...(v.api_role && v.grant_types.includes('client_credentials') ? { api_role: 'sector_system' } : {}),
  };
}

function toValues(c: Client): Values {
  return {
    client_id: c.client_id,
    client_name: c.client_name,
    organization: c.organization ?? '',
    purpose: c.purpose ?? '',
    grant_types: c.grant_types,
    token_endpoint_auth_method: c.token_endpoint_auth_method,
    redirect_uris: c.redirect_uris.join('\n'),
    post_logout_redirect_uris: (c.post_logout_redirect_uris ?? []).join('\n'),
    scope: (c.scope ?? 'openid').split(' ').filter(Boolean),
    jwks: c.jwks ? JSON.stringify(c.jwks, null, 2) : '',
    api_role: c.api_role === 'sector_system',
  };
}

const EMPTY: Partial<Values> = { grant_types: ['authorization_code', 'refresh_token'], token_endpoint_auth_method: 'client_secret_basic', scope: ['openid', 'profile'] };

/** Register (editing = null) or edit a client. */
function ClientDialog({ editing, open, onClose, onSaved }: { editing: Client | null; open: boolean; onClose: () => void; onSaved: (r: { client_id: string; client_secret?: string }) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<unknown>(null);
  const method = Form.useWatch('token_endpoint_auth_method', form);
  const grants = Form.useWatch('grant_types', form);
  const save = useMutation({
    mutationFn: (v: Values) =>
      editing
        ? sendJson<{ client_id: string; client_secret?: string }>(`/api/v1/identity/clients/${encodeURIComponent(editing.client_id)}`, 'PUT', toBody(v))
        : sendJson<{ client_id: string; client_secret?: string }>('/api/v1/identity/clients', 'POST', { client_id: v.client_id.trim(), ...toBody(v) }),
    onSuccess: onSaved,
    onError: (err) => setProblem(applyProblem(form, err, FIELDS)),
  });
  return (
    <Modal
      open={open}
      title={editing ? t('admin.clients.editTitle', { id: editing.client_id }) : t('admin.clients.newTitle')}
      okText={editing ? t('admin.clients.save') : t('admin.clients.register')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      destroyOnHidden
      afterClose={() => setProblem(null)}
      width={720}
    >
      {problem ? <ProblemAlert error={problem} /> : null}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={editing ? toValues(editing) : EMPTY}
        onValuesChange={clearErrorsOnChange(form)}
        onFinish={(v) => {
          setProblem(null);
          save.mutate(v);
        }}
      >
        <Form.Item
          name="client_id"
          label={t('admin.clients.clientId')}
          extra={editing ? undefined : t('admin.clients.clientIdHelp')}
          rules={[{ required: true, pattern: /^[a-z0-9][a-z0-9._-]{2,63}$/, message: t('admin.clients.clientIdInvalid') }]}
        >
          <Input disabled={!!editing} autoComplete="off" />
        </Form.Item>
        <Form.Item name="client_name" label={t('admin.clients.name')} rules={[{ required: true, whitespace: true, min: 2, max: 200, message: t('admin.clients.nameInvalid') }]}>
          <Input />
        </Form.Item>
        <Form.Item name="organization" label={t('admin.clients.organization')} rules={[{ max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="purpose" label={t('admin.clients.purpose')} extra={t('admin.clients.purposeHelp')} rules={[{ max: 300 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="grant_types" label={t('admin.clients.grants')} rules={[{ required: true, type: 'array', min: 1, message: t('admin.clients.grantsRequired') }]}>
          <Checkbox.Group options={GRANT_TYPES.map((g) => ({ value: g, label: t(`admin.grant.${g}`) }))} />
        </Form.Item>
        <Form.Item name="token_endpoint_auth_method" label={t('admin.clients.authMethod')} rules={[{ required: true }]}>
          <Select options={AUTH_METHODS.map((m) => ({ value: m, label: t(`admin.auth.${m}`) }))} />
        </Form.Item>
        <Form.Item
          name="redirect_uris"
          label={t('admin.clients.redirects')}
          extra={t('admin.clients.oneUrlPerLine')}
          dependencies={['grant_types']}
          rules={[
            {
              validator: (_r, v: string | undefined) => {
                const urls = lines(v);
                if (grants?.includes('authorization_code') && !urls.length) return Promise.reject(new Error(t('admin.clients.redirectsRequired')));
                const bad = urls.find((u) => !isUrl(u));
                return bad ? Promise.reject(new Error(t('admin.clients.urlInvalid', { url: bad }))) : Promise.resolve();
              },
            },
          ]}
        >
          <Input.TextArea rows={2} placeholder="https://dichvucong.example.gov.vn/callback" />
        </Form.Item>
        <Form.Item
          name="post_logout_redirect_uris"
          label={t('admin.clients.logoutRedirects')}
          extra={t('admin.clients.oneUrlPerLine')}
          rules={[{ validator: (_r, v: string | undefined) => { const bad = lines(v).find((u) => !isUrl(u)); return bad ? Promise.reject(new Error(t('admin.clients.urlInvalid', { url: bad }))) : Promise.resolve(); } }]}
        >
          <Input.TextArea rows={1} />
        </Form.Item>
        {grants?.includes('client_credentials') && (
          <Form.Item name="api_role" valuePropName="checked" extra={t('admin.clients.apiRoleHelp')}>
            <Checkbox>{t('admin.clients.apiRole')}</Checkbox>
          </Form.Item>
        )}
        <Form.Item name="scope" label={t('admin.clients.scopes')} rules={[{ required: true, type: 'array', min: 1 }]}>
          <Checkbox.Group options={CLIENT_SCOPES.map((s) => ({ value: s, label: `${s} — ${t(`admin.scope.${s}`)}` }))} />
        </Form.Item>
        {method === 'private_key_jwt' && (
          <Form.Item
            name="jwks"
            label={t('admin.clients.jwks')}
            extra={t('admin.clients.jwksHelp')}
            rules={[
              {
                validator: (_r, v: string | undefined) => {
                  try {
                    const parsed = JSON.parse(v ?? '') as { keys?: unknown };
                    return Array.isArray(parsed.keys) && parsed.keys.length ? Promise.resolve() : Promise.reject(new Error(t('admin.clients.jwksInvalid')));
                  } catch {
                    return Promise.reject(new Error(t('admin.clients.jwksInvalid')));
                  }
                },
              },
            ]}
          >
            <Input.TextArea rows={4} placeholder='{"keys":[{"kty":"EC", …}]}' />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

/** The secret, once: it is never shown again (the list leaves it out), and leaves the page when closed. */
function SecretDialog({ shown, onClosed }: { shown: { client_id: string; client_secret: string } | null; onClosed: () => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(true);
  return (
    <Modal
      open={!!shown && open}
      title={t('admin.secret.title', { id: shown?.client_id ?? '' })}
      onOk={() => setOpen(false)}
      onCancel={() => setOpen(false)}
      afterClose={() => {
        setOpen(true);
        onClosed();
      }}
      okText={t('admin.secret.saved')}
      cancelButtonProps={{ style: { display: 'none' } }}
      mask={{ closable: false }}
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={t('admin.secret.once')} style={{ marginBottom: 16 }} />
      <Typography.Paragraph copyable={{ text: shown?.client_secret ?? '' }} code data-testid="client-secret" style={{ wordBreak: 'break-all' }}>
        {shown?.client_secret}
      </Typography.Paragraph>
    </Modal>
  );
}

export default function ClientsPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const clients = useQuery({ queryKey: ['admin', 'clients'], queryFn: () => getJson<{ items: Client[] }>('/api/v1/identity/clients') });
  const [dialog, setDialog] = useState<{ editing: Client | null } | null>(null);
  const [secret, setSecret] = useState<{ client_id: string; client_secret: string } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const rotate = useMutation({
    mutationFn: (id: string) => sendJson<{ client_id: string; client_secret: string }>(`/api/v1/identity/clients/${encodeURIComponent(id)}/secret`, 'POST'),
    onSuccess: (r) => setSecret(r),
  });

  if (clients.isPending) return <Skeleton active />;
  if (clients.isError) return <ProblemAlert error={clients.error} />;
  return (
    <>
      <Typography.Title level={2}>{t('admin.clients.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('admin.clients.intro')}</Typography.Paragraph>
      <Button type="primary" onClick={() => setDialog({ editing: null })} style={{ marginBottom: 16 }}>
        {t('admin.clients.new')}
      </Button>
      {notice && <Alert type="success" showIcon closable title={notice} onClose={() => setNotice(null)} style={{ marginBottom: 16 }} data-testid="clients-notice" />}
      {rotate.isError && <ProblemAlert error={rotate.error} />}
      <Table<Client>
        rowKey="client_id"
        size="small"
        data-testid="clients"
        dataSource={clients.data.items}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: true }}
        columns={[
          {
            title: t('admin.clients.name'),
            key: 'name',
            render: (_: unknown, c: Client) => (
              <>
                <b>{c.client_name}</b>
                <br />
                <Typography.Text type="secondary" code>
                  {c.client_id}
                </Typography.Text>
                {c.managed_by_platform && <Tag style={{ marginLeft: 4 }}>{t('admin.clients.platform')}</Tag>}
              </>
            ),
          },
          { title: t('admin.clients.organization'), dataIndex: 'organization', render: (o?: string) => o ?? '—', responsive: ['md'] },
          { title: t('admin.clients.purpose'), dataIndex: 'purpose', render: (p?: string) => p ?? '—', responsive: ['lg'] },
          { title: t('admin.clients.grants'), dataIndex: 'grant_types', render: (g: string[]) => g.map((x) => <Tag key={x}>{x}</Tag>) },
          {
            title: t('admin.clients.redirects'),
            dataIndex: 'redirect_uris',
            render: (u: string[]) => (u.length ? u.map((x) => <div key={x} style={{ wordBreak: 'break-all' }}>{x}</div>) : '—'),
            responsive: ['md'],
          },
          { title: t('admin.clients.authMethod'), dataIndex: 'token_endpoint_auth_method', render: (m: string) => <Tag color={m === 'none' ? 'default' : 'blue'}>{m}</Tag> },
          {
            title: '',
            key: 'actions',
            render: (_: unknown, c: Client) =>
              c.managed_by_platform ? null : (
                <Space wrap>
                  <Button size="small" onClick={() => setDialog({ editing: c })}>
                    {t('admin.clients.edit')}
                  </Button>
                  {usesSecret(c.token_endpoint_auth_method) && (
                    <Popconfirm title={t('admin.secret.rotateConfirm')} okText={t('admin.secret.rotate')} cancelText={t('common.cancel')} onConfirm={() => rotate.mutate(c.client_id)}>
                      <Button size="small" loading={rotate.isPending && rotate.variables === c.client_id}>
                        {t('admin.secret.rotate')}
                      </Button>
                    </Popconfirm>
                  )}
                </Space>
              ),
          },
        ]}
      />
      <ClientDialog
        key={dialog?.editing?.client_id ?? 'new'}
        open={!!dialog}
        editing={dialog?.editing ?? null}
        onClose={() => setDialog(null)}
        onSaved={(r) => {
          const wasEditing = !!dialog?.editing;
          setDialog(null);
          setNotice(t(wasEditing ? 'admin.clients.saved' : 'admin.clients.registered', { id: r.client_id }));
          if (r.client_secret) setSecret({ client_id: r.client_id, client_secret: r.client_secret });
          void qc.invalidateQueries({ queryKey: ['admin', 'clients'] });
        }}
      />
      <SecretDialog shown={secret} onClosed={() => setSecret(null)} />
    </>
  );
}

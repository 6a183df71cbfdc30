// Officials: a person's e-ID account plus roles, each in an administrative unit of the right level
// (a commune, a province, or none for national roles). Grant, list, revoke. Officials are listed
// by personal ID: administrators see no registry data.
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Form, Input, Popconfirm, Row, Select, Skeleton, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { getJson, sendJson } from '../../api/client.ts';
import { label, useRoles } from '../../api/reference.ts';
import { useAuth } from '../../auth/AuthContext.tsx';
import { viInstant } from '../../components/dates.ts';
import { ProblemAlert, applyProblem, clearErrorsOnChange } from '../../components/problem.tsx';
import { UnitPicker } from '../../components/UnitPicker.tsx';
import { OFFICIAL_ROLES, type Official, roleScope } from './admin.ts';

interface GrantValues {
  pid: string;
  role: string;
  unit?: string;
}

interface Row {
  key: string;
  pid: string;
  level: number;
  status: string;
  role: string;
  unit: string | null;
  unitName: string | null;
  grantedBy: string;
  grantedAt: string;
}

export default function OfficialsPage() {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const roleNames = useRoles();
  const { session } = useAuth();
  const [form] = Form.useForm<GrantValues>();
  const role = Form.useWatch('role', form);
  const scope = role ? roleScope(role) : undefined;
  const [filter, setFilter] = useState<string | undefined>(undefined);
  const [problem, setProblem] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const officials = useQuery({
    queryKey: ['admin', 'officials', filter],
    queryFn: () => getJson<{ items: Official[] }>(`/api/v1/identity/officials${filter ? `?role=${filter}` : ''}`),
  });
  const roleLabel = (r: string) => label(roleNames.data?.items, r, i18n.language);
  const refresh = () => void qc.invalidateQueries({ queryKey: ['admin', 'officials'] });

  const grant = useMutation({
    mutationFn: (v: GrantValues) => sendJson('/api/v1/identity/officials', 'POST', { pid: v.pid.trim(), role: v.role, ...(v.unit ? { unit: v.unit } : {}) }),
    onSuccess: (_r, v) => {
      setNotice(t('admin.officials.granted', { role: roleLabel(v.role), pid: v.pid.trim() }));
      form.resetFields();
      refresh();
    },
    onError: (err) => setProblem(applyProblem(form, err, ['pid', 'role', 'unit'])),
  });
  const revoke = useMutation({
    mutationFn: (r: Row) => sendJson(`/api/v1/identity/officials/${r.pid}/roles/${r.role}`, 'DELETE'),
    onSuccess: (_r, row) => {
      setNotice(t('admin.officials.revoked', { role: roleLabel(row.role), pid: row.pid }));
      refresh();
    },
  });

  const rows: Row[] = (officials.data?.items ?? []).flatMap((o) => o.roles.map((r) => ({ key: `${o.pid}-${r.role}`, pid: o.pid, level: o.level, status: o.status, ...r })));
  return (
    <>
      <Typography.Title level={2}>{t('admin.officials.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('admin.officials.intro')}</Typography.Paragraph>
      <Card title={t('admin.officials.grantTitle')} style={{ marginBottom: 16 }}>
        {problem ? <ProblemAlert error={problem} /> : null}
        <Form<GrantValues>
          form={form}
          layout="vertical"
          onFinish={(v) => {
            setProblem(null);
            setNotice(null);
            grant.mutate(v);
          }}
          onValuesChange={(changed: Partial<GrantValues>) => {
            clearErrorsOnChange(form)(changed);
            if ('role' in changed) form.setFieldValue('unit', undefined);
          }}
        >
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="pid" label={t('admin.officials.pid')} rules={[{ required: true, pattern: /^\s*\d{12}\s*$/, message: t('admin.officials.pidInvalid') }]} extra={t('admin.officials.pidHelp')}>
                <Input inputMode="numeric" maxLength={14} autoComplete="off" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="role" label={t('admin.officials.role')} rules={[{ required: true, message: t('admin.officials.roleRequired') }]}>
                <Select options={OFFICIAL_ROLES.map((r) => ({ value: r, label: roleLabel(r) }))} popupMatchSelectWidth={false} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              {scope === 'commune' || scope === 'province' ? (
                <Form.Item name="unit" label={t(scope === 'commune' ? 'admin.officials.commune' : 'admin.officials.province')} rules={[{ required: true, message: t('admin.officials.unitRequired') }]}>
                  <UnitPicker key={scope} level={scope} placeholder={t('admin.officials.unitPlaceholder')} />
                </Form.Item>
              ) : (
                <Form.Item label={t('admin.officials.unit')}>
                  <Typography.Text type="secondary">{scope === 'national' ? t('admin.officials.national') : t('admin.officials.chooseRole')}</Typography.Text>
                </Form.Item>
              )}
            </Col>
          </Row>
          <Button type="primary" htmlType="submit" loading={grant.isPending}>
            {t('admin.officials.grant')}
          </Button>
        </Form>
      </Card>
      {notice && <Alert type="success" showIcon closable title={notice} onClose={() => setNotice(null)} style={{ marginBottom: 16 }} data-testid="officials-notice" />}
      {revoke.isError && <ProblemAlert error={revoke.error} />}
      <div style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={t('admin.officials.filter')}
          aria-label={t('admin.officials.filter')}
          value={filter}
          onChange={setFilter}
          options={OFFICIAL_ROLES.map((r) => ({ value: r, label: roleLabel(r) }))}
          style={{ minWidth: 240 }}
          popupMatchSelectWidth={false}
        />
      </div>
      {officials.isPending ? (
        <Skeleton active />
      ) : officials.isError ? (
        <ProblemAlert error={officials.error} />
      ) : (
        <Table<Row>
          size="small"
          data-testid="officials"
          dataSource={rows}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: true }}
          locale={{ emptyText: t('admin.officials.none') }}
          columns={[
            {
              title: t('admin.officials.pid'),
              key: 'pid',
              render: (_: unknown, r: Row) => (
                <>
                  {r.pid}
                  {r.status === 'suspended' && <Tag color="red" style={{ marginLeft: 4 }}>{t('account.suspended')}</Tag>}
                  <br />
                  <Typography.Text type="secondary">{t(`account.level${r.level}`, { defaultValue: String(r.level) })}</Typography.Text>
                </>
              ),
            },
            { title: t('admin.officials.role'), dataIndex: 'role', render: (r: string) => roleLabel(r) },
            { title: t('admin.officials.unit'), key: 'unit', render: (_: unknown, r: Row) => r.unitName ?? r.unit ?? t('admin.officials.national') },
            { title: t('admin.officials.grantedAt'), dataIndex: 'grantedAt', render: (at: string) => viInstant(at, true), responsive: ['md'] },
            { title: t('admin.officials.grantedBy'), dataIndex: 'grantedBy', responsive: ['lg'] },
            {
              title: '',
              key: 'revoke',
              // an administrator's own admin role is revoked by another administrator (the API refuses it)
              render: (_: unknown, r: Row) =>
                r.role === 'admin' && r.pid === session?.claims.pid ? null : (
                  <Popconfirm title={t('admin.officials.revokeConfirm', { role: roleLabel(r.role), pid: r.pid })} okText={t('admin.officials.revoke')} okButtonProps={{ danger: true }} cancelText={t('common.cancel')} onConfirm={() => revoke.mutate(r)}>
                    <Button size="small" danger loading={revoke.isPending && revoke.variables?.key === r.key}>
                      {t('admin.officials.revoke')}
                    </Button>
                  </Popconfirm>
                ),
            },
          ]}
        />
      )}
    </>
  );
}

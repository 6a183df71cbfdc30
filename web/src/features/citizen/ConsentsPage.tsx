// "Services I gave my data to": consents, and withdrawing one.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, List, Popconfirm, Skeleton, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { getJson, sendJson } from '../../api/client.ts';
import { viInstant } from '../../components/dates.ts';

interface Consent {
  clientId: string;
  clientName: string;
  organization: string | null;
  scopes: string[];
  purpose: string | null;
  grantedAt: string;
}

export default function ConsentsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const consents = useQuery({ queryKey: ['me', 'consents'], queryFn: () => getJson<{ items: Consent[] }>('/api/v1/identity/me/consents') });
  const revoke = useMutation({
    mutationFn: (clientId: string) => sendJson(`/api/v1/identity/me/consents/${encodeURIComponent(clientId)}`, 'DELETE'),
    onSuccess: () => {
      void message.success(t('consents.revoked'));
      void qc.invalidateQueries({ queryKey: ['me', 'consents'] });
    },
  });
  if (consents.isPending) return <Skeleton active />;
  if (consents.isError) return <Alert type="error" showIcon message={consents.error.message} />;
  return (
    <>
      <Typography.Title level={2}>{t('consents.title')}</Typography.Title>
      {consents.data.items.length === 0 ? (
        <Empty description={t('consents.none')} />
      ) : (
        <List
          data-testid="consents"
          dataSource={consents.data.items}
          renderItem={(c) => (
            <Card style={{ marginBottom: 12 }} title={c.clientName} extra={c.organization}>
              {c.purpose && <Typography.Paragraph>{t('consents.purpose')}: {c.purpose}</Typography.Paragraph>}
              <div style={{ marginBottom: 12 }}>
                {c.scopes.filter((s) => !['openid', 'offline_access', 'api'].includes(s)).map((s) => (
                  <Tag key={s}>{t(`scope.${s}`, { defaultValue: s })}</Tag>
                ))}
              </div>
              <Typography.Text type="secondary">{t('consents.since', { date: viInstant(c.grantedAt) })}</Typography.Text>
              <div style={{ marginTop: 12 }}>
                <Popconfirm title={t('consents.confirm', { name: c.clientName })} okText={t('consents.revoke')} cancelText={t('common.cancel')} onConfirm={() => revoke.mutate(c.clientId)}>
                  <Button danger loading={revoke.isPending && revoke.variables === c.clientId}>
                    {t('consents.revoke')}
                  </Button>
                </Popconfirm>
              </div>
            </Card>
          )}
        />
      )}
    </>
  );
}

// "My account": the e-ID level, how it was verified, and what happened to the account.
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Descriptions, Skeleton, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { getJson } from '../../api/client.ts';
import { label, useRoles } from '../../api/reference.ts';
import { viInstant } from '../../components/dates.ts';

interface Account {
  level: 1 | 2;
  status: 'active' | 'suspended';
  phone: string | null;
  email: string | null;
  createdAt: string;
  level2: { at: string; place: string; method: string } | null;
}

interface AccountEvent {
  at: string;
  kind: string;
  detail: { place?: string; reason?: string; kind?: string; label?: string; child?: string; role?: string; unit?: string | null };
}

/** One line of the account's history, in words. */
function eventText(t: (k: string) => string, e: AccountEvent, roleName: (code: string) => string): string {
  const what = t(`citizen.history.${e.kind}`);
  if (e.kind === 'level2_raised' && e.detail.place) return `${what} — ${e.detail.place}`;
  if (e.kind === 'level2_withdrawn' && e.detail.reason === 'recovered_with_code_only') return `${what} — ${t('citizen.history.recoveredWithCodeOnly')}`;
  if ((e.kind === 'suspended' || e.kind === 'restored') && e.detail.reason) return `${what} — ${e.detail.reason}`;
  if (e.kind.startsWith('authenticator_') && e.detail.label) return `${what} — ${e.detail.label}`;
  if (e.kind.startsWith('role_') && e.detail.role) return `${what} — ${roleName(e.detail.role)}${e.detail.unit ? ` · ${e.detail.unit}` : ''}`;
  return what;
}

export default function AccountPage() {
  const { t, i18n } = useTranslation();
  const roles = useRoles();
  const account = useQuery({ queryKey: ['me', 'account'], queryFn: () => getJson<Account>('/api/v1/identity/me') });
  const events = useQuery({ queryKey: ['me', 'events'], queryFn: () => getJson<{ items: AccountEvent[] }>('/api/v1/identity/me/events') });
  if (account.isPending) return <Skeleton active />;
  if (account.isError) return <Alert type="error" showIcon message={account.error.message} />;
  const a = account.data;
  return (
    <>
      <Typography.Title level={2}>{t('account.title')}</Typography.Title>
      <Card>
        <Descriptions column={1} size="small" bordered data-testid="account">
          <Descriptions.Item label={t('account.level')}>
            <Tag color={a.level === 2 ? 'green' : 'blue'}>{t(`account.level${a.level}`)}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('account.status')}>{t(`account.${a.status}`)}</Descriptions.Item>
          <Descriptions.Item label={t('account.created')}>{viInstant(a.createdAt)}</Descriptions.Item>
          <Descriptions.Item label={t('person.phone')}>{a.phone ?? a.email ?? '—'}</Descriptions.Item>
          {a.level2 && <Descriptions.Item label={t('account.verified')}>{`${viInstant(a.level2.at)} · ${a.level2.place}`}</Descriptions.Item>}
        </Descriptions>
        {a.level === 1 && <Alert style={{ marginTop: 16 }} type="info" showIcon message={t('account.howToLevel2')} />}
      </Card>
      <Card title={t('citizen.history.title')} style={{ marginTop: 16 }}>
        {events.data ? (
          <Timeline data-testid="account-history" items={events.data.items.map((e) => ({ children: `${viInstant(e.at, true)} · ${eventText(t, e, (code) => label(roles.data?.items, code, i18n.language))}` }))} />
        ) : (
          <Skeleton active />
        )}
      </Card>
    </>
  );
}

// "Who accessed my data": every read and change of my record, by whom (role, unit), why, when.
import { useQuery } from '@tanstack/react-query';
import { Alert, Skeleton, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { getJson } from '../../api/client.ts';
import { label, usePurposes, useRoles, useUnit } from '../../api/reference.ts';
import { useAuth } from '../../auth/AuthContext.tsx';
import { viInstant } from '../../components/dates.ts';

interface Entry {
  seq: number;
  at: string;
  actor: string;
  actorRole: string;
  actorUnit: string | null;
  purpose: string;
  action: string;
  fields: string[];
  outcome: string;
}

/** An establishment (`est:<id>`) or a checkpoint site (`site:<id>`) that acted for its staff: its public name. */
function PlaceName({ actor }: { actor: string }) {
  const [kind, id] = [actor.slice(0, actor.indexOf(':')), actor.slice(actor.indexOf(':') + 1)];
  const url = kind === 'est' ? `/api/v1/lodging/establishments/${id}/public` : `/api/v1/checkpoints/sites/${id}/public`;
  const place = useQuery({ queryKey: ['public-place', actor], staleTime: Infinity, retry: false, queryFn: () => getJson<{ name: string }>(url) });
  return <b>{place.data?.name ?? (place.isPending ? '…' : id)}</b>;
}

function UnitName({ code }: { code: string | null }) {
  const unit = useUnit(code);
  if (!code) return <>—</>;
  return <>{unit.data ? unit.data.fullName : code}</>;
}

export default function AccessLogPage() {
  const { t, i18n } = useTranslation();
  const { session } = useAuth();
  const pid = session?.claims.pid;
  const log = useQuery({ queryKey: ['me', 'access-log', pid], enabled: !!pid, queryFn: () => getJson<{ items: Entry[] }>(`/api/v1/persons/${pid}/access-log?limit=200`) });
  const purposes = usePurposes();
  const roles = useRoles();
  if (log.isPending) return <Skeleton active />;
  if (log.isError) return <Alert type="error" showIcon message={log.error.message} />;
  return (
    <>
      <Typography.Title level={2}>{t('log.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('log.intro')}</Typography.Paragraph>
      <Table
        rowKey="seq"
        size="small"
        data-testid="access-log"
        dataSource={log.data.items}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: true }}
        columns={[
          { title: t('log.when'), dataIndex: 'at', render: (at: string) => viInstant(at, true), width: 140 },
          {
            title: t('log.who'),
            key: 'who',
            render: (_: unknown, e: Entry) =>
              e.actor.startsWith('est:') || e.actor.startsWith('site:') ? (
                <>
                  {label(roles.data?.items, e.actorRole, i18n.language)} · <PlaceName actor={e.actor} />
                </>
              ) : e.actor.startsWith('oidc:') || e.actor.startsWith('org:') ? (
                <>
                  {label(roles.data?.items, e.actorRole, i18n.language)} · {t('log.service')} <b>{e.actor.slice(e.actor.indexOf(':') + 1)}</b>
                </>
              ) : (
                <>
                  {label(roles.data?.items, e.actorRole, i18n.language)}
                  {e.actorUnit && (
                    <Typography.Text type="secondary">
                      {' '}
                      · <UnitName code={e.actorUnit} />
                    </Typography.Text>
                  )}
                </>
              ),
          },
          { title: t('log.purpose'), dataIndex: 'purpose', render: (p: string) => label(purposes.data?.items, p.split(':')[0]!, i18n.language) },
          {
            title: t('log.action'),
            key: 'action',
            render: (_: unknown, e: Entry) => (
              <>
                {t(`log.actions.${e.action}`, { defaultValue: e.action })}{' '}
                {e.outcome !== 'ok' && <Tag color="red">{t(`log.outcomes.${e.outcome}`, { defaultValue: e.outcome })}</Tag>}
              </>
            ),
          },
        ]}
      />
    </>
  );
}

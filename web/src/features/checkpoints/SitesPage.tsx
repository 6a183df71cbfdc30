// The police's checkpoint sites: every site of the jurisdiction with people on site, today's
// entries and exits and its alert; register a site, edit it, name its staff.
import { useState } from 'react';
import { Link } from 'react-router';
import { Button, Empty, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useUnit } from '../../api/reference.ts';
import { ProblemAlert } from '../../components/problem.tsx';
import { useSites, type SiteRow } from './checkpoints.ts';
import { Occupancy } from './Occupancy.tsx';
import { SiteDialog } from './SiteDialog.tsx';
import { StaffDialog } from './StaffDialog.tsx';

function UnitName({ code }: { code: string }) {
  const unit = useUnit(code);
  return <>{unit.data?.fullName ?? code}</>;
}

export default function SitesPage() {
  const { t } = useTranslation();
  const sites = useSites();
  const [editing, setEditing] = useState<SiteRow | 'new' | null>(null);
  const [staffOf, setStaffOf] = useState<SiteRow | null>(null);

  if (sites.isError) return <ProblemAlert error={sites.error} />;
  if (sites.isPending) return <Skeleton active />;

  return (
    <>
      <Typography.Title level={2}>{t('checkpoints.sites.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('checkpoints.sites.intro')}</Typography.Paragraph>
      <Button type="primary" onClick={() => setEditing('new')} style={{ marginBottom: 12 }} data-testid="register-site">
        {t('checkpoints.sites.register')}
      </Button>
      <Table<SiteRow>
        rowKey="id"
        size="small"
        data-testid="sites-table"
        dataSource={sites.data.items}
        scroll={{ x: true }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty description={t('checkpoints.sites.none')} /> }}
        columns={[
          {
            title: t('checkpoints.sites.name'),
            dataIndex: 'name',
            render: (name: string, r) => (
              <Space orientation="vertical" size={0}>
                <Link to={`/checkpoints/sites/${r.id}`}>{name}</Link>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t(`checkpoints.kind.${r.kind}`)} · <UnitName code={r.communeCode} />
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: t('checkpoints.sites.onSite'),
            key: 'onSite',
            render: (_: unknown, r) => (
              <Space orientation="vertical" size={2}>
                <Occupancy onSite={r.onSite} capacity={r.capacity} alert={r.alert} size="small" />
                {r.alert && (
                  <Tag color={r.alert.level === 'full' ? 'red' : 'orange'} data-testid="site-alert">
                    {t(`checkpoints.alert.short.${r.alert.level}`)}
                  </Tag>
                )}
              </Space>
            ),
          },
          { title: t('checkpoints.sites.today'), key: 'today', responsive: ['sm'], render: (_: unknown, r) => t('checkpoints.sites.inOut', { entries: r.entriesToday, exits: r.exitsToday }) },
          { title: t('checkpoints.sites.staff'), dataIndex: 'staffCount', responsive: ['md'], align: 'right' },
          {
            title: '',
            key: 'actions',
            render: (_: unknown, r) => (
              <Space wrap size={4}>
                <Button size="small" onClick={() => setEditing(r)}>
                  {t('checkpoints.sites.edit')}
                </Button>
                <Button size="small" onClick={() => setStaffOf(r)} data-testid={`staff-${r.id}`}>
                  {t('checkpoints.sites.staffButton', { count: r.staffCount ?? 0 })}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <SiteDialog editing={editing === 'new' ? null : editing} open={editing !== null} onClose={() => setEditing(null)} />
      <StaffDialog site={staffOf} onClose={() => setStaffOf(null)} />
    </>
  );
}

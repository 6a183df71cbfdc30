// The front desk of one establishment, for its staff on a phone or at a counter: check a guest in
// (scan or type), check a group in from a list, see who is staying and check them out, and — for
// the owner — manage the staff. Only an approved establishment may notify stays.
import { Link, useParams } from 'react-router';
import { Alert, Skeleton, Space, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../../components/problem.tsx';
import { CheckInPanel } from '../components/desk/CheckInPanel.tsx';
import { GroupPanel } from '../components/desk/GroupPanel.tsx';
import { InHousePanel } from '../components/desk/InHousePanel.tsx';
import { StaffPanel } from '../components/desk/StaffPanel.tsx';
import { StatusTag, TypeLabel } from '../components/StayTags.tsx';
import { useMyEstablishments } from '../lodging.ts';

export default function FrontDeskPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const mine = useMyEstablishments();
  if (mine.isPending) return <Skeleton active />;
  if (mine.isError) return <ProblemAlert error={mine.error} />;
  const est = mine.data.items.find((e) => e.id === id);
  if (!est)
    return (
      <Alert type="warning" showIcon title={t('lodging.desk.notYours')} description={<Link to="/lodging/mine">{t('lodging.menu.mine')}</Link>} data-testid="desk-not-yours" />
    );

  return (
    <div style={{ maxWidth: 720 }}>
      <Typography.Title level={3} style={{ marginBottom: 4 }} data-testid="desk-title">
        {est.name}
      </Typography.Title>
      <Space size={6} wrap style={{ marginBottom: 8 }}>
        <Typography.Text type="secondary">
          <TypeLabel type={est.type} /> · {est.address}
        </Typography.Text>
        <StatusTag status={est.status} />
      </Space>
      {est.status !== 'approved' ? (
        <Alert type="warning" showIcon title={t(`lodging.desk.closed.${est.status}`)} description={est.decisionReason ?? undefined} data-testid="desk-closed" />
      ) : (
        <Tabs
          tabBarGutter={20}
          items={[
            { key: 'checkin', label: t('lodging.desk.tab.checkIn'), children: <CheckInPanel est={est} /> },
            { key: 'inhouse', label: t('lodging.desk.tab.inHouse'), children: <InHousePanel est={est} /> },
            { key: 'group', label: t('lodging.desk.tab.group'), children: <GroupPanel est={est} /> },
            ...(est.myRole === 'owner' ? [{ key: 'staff', label: t('lodging.desk.tab.staff'), children: <StaffPanel est={est} /> }] : []),
          ]}
        />
      )}
    </div>
  );
}

// Small pieces the desk screens share: an application's status and channel as tags, its deadline
// with the working days left (overdue in red), the name of the official's role and unit.
import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { label, useRoles, useUnit } from '../../../api/reference.ts';
import { useAuth } from '../../../auth/AuthContext.tsx';
import { viDate } from '../../../components/dates.ts';
import type { ApplicationSummary, Channel, Status } from '../desk.ts';

const STATUS_COLOUR: Record<Status, string> = {
  in_progress: 'processing',
  supplement_requested: 'warning',
  awaiting_payment: 'gold',
  completed: 'success',
  refused: 'error',
  withdrawn: 'default',
};
const CHANNEL_COLOUR: Record<Channel, string> = { online: 'blue', desk: 'green', kiosk: 'purple' };

export function StatusTag({ status }: { status: Status }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLOUR[status]} data-testid="status">
      {t(`desk.status.${status}`)}
    </Tag>
  );
}

export function ChannelTag({ channel }: { channel: Channel }) {
  const { t } = useTranslation();
  return (
    <Tag color={CHANNEL_COLOUR[channel]} data-testid="channel">
      {t(`desk.channel.${channel}`)}
    </Tag>
  );
}

export function OverdueTag() {
  const { t } = useTranslation();
  return (
    <Tag color="red" data-testid="overdue">
      {t('desk.overdue')}
    </Tag>
  );
}

/** "còn 3 ngày làm việc", "đến hạn hôm nay", "quá hạn 2 ngày làm việc", or why there is no deadline now. */
export function daysLeftText(t: TFunction, a: Pick<ApplicationSummary, 'daysLeft' | 'status'> & { daysLeftWhenPaused?: number | null }): string {
  if (a.daysLeft === null) {
    if (a.status === 'supplement_requested') return a.daysLeftWhenPaused != null ? t('desk.due.pausedLeft', { count: a.daysLeftWhenPaused }) : t('desk.due.paused');
    if (a.status === 'awaiting_payment') return t('desk.due.afterPayment');
    return '';
  }
  if (a.daysLeft < 0) return t('desk.due.late', { count: -a.daysLeft });
  if (a.daysLeft === 0) return t('desk.due.today');
  return t('desk.due.left', { count: a.daysLeft });
}

/** The deadline (dd/mm/yyyy) and the working days left; red with "Quá hạn" when it has passed. */
export function Due({ a }: { a: Pick<ApplicationSummary, 'dueOn' | 'daysLeft' | 'status' | 'overdue'> & { daysLeftWhenPaused?: number | null } }) {
  const { t } = useTranslation();
  const left = daysLeftText(t, a);
  return (
    <div data-testid="due" style={{ display: 'flex', flexDirection: 'column', alignItems: 'flex-start' }}>
      <Space size={4} wrap>
        <Typography.Text type={a.overdue ? 'danger' : undefined} strong={a.overdue}>
          {a.dueOn ? viDate(a.dueOn) : '—'}
        </Typography.Text>
        {a.overdue && <OverdueTag />}
      </Space>
      {left && (
        <Typography.Text type={a.overdue ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
          {left}
        </Typography.Text>
      )}
    </div>
  );
}

/** The role the official acts in now, its unit, and their labels. */
export function useActing() {
  const { role, roles } = useAuth();
  const { i18n } = useTranslation();
  const roleNames = useRoles();
  const unit = roles?.find((r) => r.role === role)?.unit ?? null;
  const info = useUnit(unit);
  const unitName = info.data ? [info.data.fullName, info.data.provinceName].filter(Boolean).join(', ') : (unit ?? '');
  return { role, unit, roleName: label(roleNames.data?.items, role, i18n.language), unitName };
}

// An application's status as a coloured tag (Chờ thanh toán, Đang xử lý, Chờ bổ sung, Đã hoàn thành,
// Từ chối, Đã rút) and its deadline: dd/mm/yyyy with the working days left, in red once overdue.
import { Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { viDate } from '../../../components/dates.ts';
import type { ApplicationSummary, Status } from '../applications.ts';

const COLOUR: Record<Status, string> = {
  awaiting_payment: 'gold',
  in_progress: 'processing',
  supplement_requested: 'orange',
  completed: 'success',
  refused: 'error',
  withdrawn: 'default',
};

export function StatusTag({ status, large }: { status: Status; large?: boolean }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLOUR[status]} data-testid="application-status" style={large ? { fontSize: 15, padding: '2px 10px' } : undefined}>
      {t(`services.status.${status}`)}
    </Tag>
  );
}

/** "03/12/2026 · còn 5 ngày làm việc", or overdue in red; nothing while paused or finished. */
export function DueText({ a }: { a: Pick<ApplicationSummary, 'dueOn' | 'daysLeft' | 'overdue' | 'status'> }) {
  const { t } = useTranslation();
  if (a.status === 'supplement_requested') return <Typography.Text type="warning">{t('services.mine.paused')}</Typography.Text>;
  if (!a.dueOn) return <>—</>;
  const open = a.status === 'in_progress' || a.status === 'awaiting_payment';
  const late = open && (a.overdue || (a.daysLeft ?? 0) < 0);
  return (
    <span data-testid="application-due">
      <Typography.Text type={late ? 'danger' : undefined} strong={late}>
        {viDate(a.dueOn)}
      </Typography.Text>
      {open && a.daysLeft !== null && (
        <Typography.Text type={late ? 'danger' : 'secondary'} style={{ display: 'block', fontSize: 13 }} data-testid="application-days-left">
          {late ? t('services.mine.overdue', { count: Math.abs(a.daysLeft) }) : a.daysLeft === 0 ? t('services.mine.dueToday') : t('services.mine.daysLeft', { count: a.daysLeft })}
        </Typography.Text>
      )}
    </span>
  );
}

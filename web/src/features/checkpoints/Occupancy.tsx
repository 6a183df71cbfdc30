// People on site against the capacity: the figure, a bar that turns orange from 90 % and red when
// full, and the alert with the moment it started.
import { Alert, Progress, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { viInstant } from '../../components/dates.ts';
import { fillPercent, type AlertInfo } from './checkpoints.ts';

const COLOURS = { none: '#2e7d32', warning: '#c77c02', full: '#b3261e' };

export function CapacityAlert({ alert, capacity }: { alert: AlertInfo | null; capacity: number }) {
  const { t } = useTranslation();
  if (!alert) return null;
  return (
    <Alert
      type={alert.level === 'full' ? 'error' : 'warning'}
      showIcon
      role="alert"
      data-testid="capacity-alert"
      data-level={alert.level}
      title={t(`checkpoints.alert.${alert.level}`, { capacity })}
      description={t('checkpoints.alert.since', { at: viInstant(alert.since, true) })}
    />
  );
}

export function Occupancy({ onSite, capacity, alert, size = 'large' }: { onSite: number; capacity: number; alert: AlertInfo | null; size?: 'large' | 'small' }) {
  const { t } = useTranslation();
  const pct = fillPercent(onSite, capacity);
  const colour = COLOURS[alert?.level ?? 'none'];
  if (size === 'small')
    return (
      <div style={{ minWidth: 120 }}>
        <Typography.Text strong>
          {onSite.toLocaleString('vi-VN')} / {capacity.toLocaleString('vi-VN')}
        </Typography.Text>
        <Progress percent={Math.min(100, pct)} format={() => `${pct} %`} strokeColor={colour} size="small" />
      </div>
    );
  return (
    <div data-testid="occupancy">
      <Typography.Text type="secondary">{t('checkpoints.occupancy.now')}</Typography.Text>
      <div style={{ display: 'flex', alignItems: 'baseline', gap: 8, flexWrap: 'wrap' }}>
        <span style={{ fontSize: 44, fontWeight: 600, lineHeight: 1.1, color: colour }} data-testid="on-site">
          {onSite.toLocaleString('vi-VN')}
        </span>
        <Typography.Text style={{ fontSize: 18 }}>/ {t('checkpoints.occupancy.capacity', { capacity: capacity.toLocaleString('vi-VN') })}</Typography.Text>
      </div>
      <Progress percent={Math.min(100, pct)} format={() => `${pct} %`} strokeColor={colour} aria-label={t('checkpoints.occupancy.fill')} />
    </div>
  );
}

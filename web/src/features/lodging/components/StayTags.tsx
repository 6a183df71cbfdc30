// Small labels the lodging screens share: an establishment's type and status, how a guest's
// identity was checked (green / amber / red, or typed), a stay's deadline and whether it was late,
// a watchlist hit, and a guest's name with their document.
import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { viDate, viInstant } from '../../../components/dates.ts';
import type { Colour, EstablishmentStatus, Guest, Stay } from '../lodging.ts';
import { nationalityName } from './NationalitySelect.tsx';

const STATUS_COLOUR: Record<EstablishmentStatus, string> = { pending: 'gold', approved: 'green', rejected: 'red', suspended: 'default' };
const BADGE_COLOUR: Record<Colour, string> = { green: 'success', amber: 'warning', red: 'error' };

export function StatusTag({ status }: { status: EstablishmentStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLOUR[status]} data-testid="establishment-status">
      {t(`lodging.status.${status}`)}
    </Tag>
  );
}

export function TypeLabel({ type }: { type: string | null }) {
  const { t } = useTranslation();
  return <>{t(`lodging.type.${type ?? 'declaration'}`, { defaultValue: type ?? '' })}</>;
}

/** How the guest's identity was established (QR, chip, typed, passport) and the check's colour. */
export function VerificationTag({ stay }: { stay: Pick<Stay, 'verification' | 'source'> }) {
  const { t } = useTranslation();
  return (
    <>
      <Tag>{t(`lodging.source.${stay.source}`)}</Tag>
      {stay.verification && <Tag color={BADGE_COLOUR[stay.verification]}>{t(`lodging.verification.${stay.verification}`)}</Tag>}
    </>
  );
}

export function LateTag() {
  const { t } = useTranslation();
  return (
    <Tag color="red" data-testid="late-tag">
      {t('lodging.stay.late')}
    </Tag>
  );
}

/** Late (unless the deadline is shown beside it), watchlist, foreigner, group, checked out. */
export function StayTags({ stay, withLate = true }: { stay: Stay; withLate?: boolean }) {
  const { t } = useTranslation();
  return (
    <Space size={4} wrap>
      {withLate && stay.late && <LateTag />}
      {stay.watchlistHit && (
        <Tag color="magenta" data-testid="watch-tag">
          {t('lodging.stay.watchlist')}
        </Tag>
      )}
      {stay.guest.kind === 'foreign' && <Tag color="blue">{t('lodging.stay.foreign')}</Tag>}
      {stay.groupName && <Tag color="purple">{t('lodging.stay.group', { name: stay.groupName })}</Tag>}
      {stay.checkedOutAt && <Tag>{t('lodging.stay.checkedOut', { at: viInstant(stay.checkedOutAt, true) })}</Tag>}
    </Space>
  );
}

/** Name, then personal ID (or passport and nationality) and birth date. */
export function GuestCell({ guest }: { guest: Guest }) {
  const { i18n } = useTranslation();
  return (
    <>
      <Typography.Text strong>{guest.fullName}</Typography.Text>
      <br />
      <Typography.Text type="secondary">
        {guest.kind === 'citizen' ? guest.pid : `${guest.passportNo} · ${nationalityName(guest.nationality, i18n.language)}`} · {viDate(guest.birthDate)}
      </Typography.Text>
    </>
  );
}

/** "Due 24/11/2026 08:00" (`bare`: only the time, under a column that says it) with the late tag when it was missed. */
export function DeadlineText({ stay, bare = false }: { stay: Pick<Stay, 'deadlineAt' | 'late'>; bare?: boolean }) {
  const { t } = useTranslation();
  const at = viInstant(stay.deadlineAt, true);
  return (
    <Space size={4} wrap>
      <span data-testid="deadline">{bare ? at : t('lodging.stay.deadline', { at })}</span>
      {stay.late && <LateTag />}
    </Space>
  );
}

// What a stay is about besides the guest — room (or seat), reason, expected nights, arrival time —
// set once before scanning, and the notification deadline the arrival time gives, with a "late" tag
// when it has already passed. Shared by the desk's check-in, its group check-in and declarations.
import { AutoComplete, Col, Form, Input, InputNumber, Row, Space, Typography } from 'antd';
import { fold } from '@open06/kernel';
import { useTranslation } from 'react-i18next';
import { viInstant } from '../../../components/dates.ts';
import type { StayDetails } from '../lodging.ts';
import { notificationDeadline } from '@open06/kernel';
import { parseVnDateTime } from '../time.ts';
import { LateTag } from './StayTags.tsx';

export interface StayValues {
  room?: string;
  reason?: string;
  expectedNights?: number;
  /** dd/mm/yyyy HH:mm, Vietnam time; empty: now. */
  arrivedAt?: string;
}

export const STAY_FIELDS = ['room', 'reason', 'expectedNights', 'arrivedAt'];

export function stayDetailsOf(v: StayValues): StayDetails {
  const arrived = v.arrivedAt?.trim() ? parseVnDateTime(v.arrivedAt) : null;
  return {
    ...(v.room?.trim() ? { room: v.room.trim() } : {}),
    reason: (v.reason ?? '').trim(),
    expectedNights: v.expectedNights ?? 1,
    ...(arrived ? { arrivedAt: arrived.toISOString() } : {}),
  };
}

/** For suggestions while typing: an option is offered when a word of it starts like the text (diacritics optional). */
export function startsLike(input: string, option?: { value?: unknown }): boolean {
  const typed = fold(input);
  const value = fold(String(option?.value ?? ''));
  return value.startsWith(typed) || value.split(/[\s,]+/).some((w) => w.startsWith(typed));
}

/** The reasons people most often give, offered while typing (any other text is fine). */
export function useReasonOptions() {
  const { t } = useTranslation();
  return ['tourism', 'business', 'family', 'medical', 'study', 'work'].map((r) => ({ value: t(`lodging.reasons.${r}`) }));
}

/** The arrival time field, with the deadline it gives (or now's, when empty). */
export function ArrivalField({ guest }: { guest: 'citizen' | 'foreign' }) {
  const { t } = useTranslation();
  const typed = Form.useWatch<string | undefined>('arrivedAt');
  const arrived = typed?.trim() ? parseVnDateTime(typed) : new Date();
  const deadline = arrived ? notificationDeadline(arrived, guest) : null;
  return (
    <Form.Item
      name="arrivedAt"
      label={t('lodging.stay.arrivedAt')}
      rules={[
        {
          validator: (_r, v: string | undefined) => {
            if (!v?.trim()) return Promise.resolve();
            const at = parseVnDateTime(v);
            if (!at) return Promise.reject(new Error(t('lodging.stay.arrivedAtFormat')));
            if (at.getTime() > Date.now() + 60_000) return Promise.reject(new Error(t('lodging.stay.arrivedAtFuture')));
            return Promise.resolve();
          },
        },
      ]}
      extra={
        deadline ? (
          <Space size={4} wrap data-testid="deadline-preview">
            <Typography.Text type={deadline.getTime() < Date.now() ? 'danger' : 'secondary'}>
              {t(guest === 'foreign' ? 'lodging.stay.deadlineForeign' : 'lodging.stay.deadlineCitizen', { at: viInstant(deadline.toISOString(), true) })}
            </Typography.Text>
            {deadline.getTime() < Date.now() && <LateTag />}
          </Space>
        ) : (
          t('lodging.stay.arrivedAtHelp')
        )
      }
    >
      <Input placeholder={t('lodging.stay.arrivedAtPlaceholder')} autoComplete="off" allowClear />
    </Form.Item>
  );
}

/** Room (or seat), nights, reason and arrival; `guest` says which deadline rule applies. */
export function StayFields({ roomLabel, guest, withRoom = true }: { roomLabel?: string; guest: 'citizen' | 'foreign'; withRoom?: boolean }) {
  const { t } = useTranslation();
  const reasons = useReasonOptions();
  return (
    <>
      <Row gutter={12}>
        {withRoom && (
          <Col xs={12}>
            <Form.Item name="room" label={roomLabel ?? t('lodging.stay.room')}>
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
        )}
        <Col xs={withRoom ? 12 : 24}>
          <Form.Item name="expectedNights" label={t('lodging.stay.expectedNights')} rules={[{ required: true, message: t('lodging.stay.nightsRequired') }]}>
            <InputNumber min={1} max={365} precision={0} style={{ width: '100%' }} inputMode="numeric" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="reason" label={t('lodging.stay.reason')} rules={[{ required: true, whitespace: true, message: t('lodging.stay.reasonRequired') }]}>
        <AutoComplete options={reasons} filterOption={startsLike} />
      </Form.Item>
      <ArrivalField guest={guest} />
    </>
  );
}

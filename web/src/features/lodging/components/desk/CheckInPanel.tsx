// Checking a guest in at the front desk, built for a phone: room, reason and nights are set first;
// then one scan (a keyboard-wedge scanner types the QR into the focused field and presses Enter, or
// the phone's camera) shows the guest's name, birth date and personal ID with a green, amber or red
// badge, and one button records the stay. A guest can also be typed: a citizen by personal ID, a
// foreigner by passport. The server's field errors land on the fields; nothing typed is lost.
import { useEffect, useRef, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Collapse, Descriptions, Form, Input, List, Segmented, Space, Tag, Typography, type InputRef } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../../api/client.ts';
import { viDate, viInstant } from '../../../../components/dates.ts';
import { ProblemAlert, applyProblem, clearErrorsOnChange } from '../../../../components/problem.tsx';
import { QrScanner } from '../../../verify/QrScanner.tsx';
import { type Establishment, type GuestInput, type ScanResult, type Stay, lodgingApi } from '../../lodging.ts';
import { CitizenFields, ForeignFields, GUEST_FIELDS, GUEST_RENAME, type GuestValues, guestOf } from '../GuestFields.tsx';
import { STAY_FIELDS, StayFields, type StayValues, stayDetailsOf } from '../StayFields.tsx';
import { DeadlineText } from '../StayTags.tsx';

type Mode = 'scan' | 'citizen' | 'foreign';
const BANNER = { green: 'success', amber: 'warning', red: 'error' } as const;
const CHECK_COLOUR = { passed: 'green', failed: 'red', not_possible: 'orange', not_checked: 'default' } as const;

/** The message the server gave for one field, if it named it. */
function fieldMessage(err: unknown, path: string): string | undefined {
  return err instanceof ApiError ? err.problem.errors?.find((e) => e.path === path)?.message : undefined;
}

function ScannedGuest({ result, onTyped, checkIn, pending }: { result: ScanResult; onTyped: () => void; checkIn: () => void; pending: boolean }) {
  const { t, i18n } = useTranslation();
  const g = result.guest;
  return (
    <Card size="small" data-testid="scanned" data-result={result.result} style={{ borderColor: result.result === 'green' ? '#52c41a' : result.result === 'amber' ? '#faad14' : '#ff4d4f', borderWidth: 2 }}>
      <Alert type={BANNER[result.result]} showIcon role="status" title={<b style={{ fontSize: 18 }}>{t(`lodging.verification.${result.result}`)}</b>} description={result.message?.[i18n.language === 'en' ? 'en' : 'vi']} style={{ marginBottom: 12 }} />
      <Descriptions
        column={1}
        size="small"
        data-testid="scanned-guest"
        items={[
          { key: 'name', label: t('lodging.guest.fullName'), children: <b style={{ fontSize: 18 }}>{g.fullName}</b> },
          { key: 'birth', label: t('lodging.guest.birthDate'), children: viDate(g.birthDate) },
          { key: 'pid', label: t('lodging.guest.pid'), children: g.pid },
          ...(g.sex ? [{ key: 'sex', label: t('lodging.guest.sex'), children: t(`lodging.sex.${g.sex}`) }] : []),
        ]}
      />
      {result.checks.length > 0 && (
        <Collapse
          size="small"
          ghost
          items={[
            {
              key: 'checks',
              label: t('lodging.desk.checks'),
              children: (
                <List
                  size="small"
                  dataSource={result.checks}
                  renderItem={(c) => (
                    <List.Item>
                      <Space>
                        <Tag color={CHECK_COLOUR[c.status]}>{t(`verify.status.${c.status}`)}</Tag>
                        <span>
                          {t(`verify.checks.${c.name}`, { defaultValue: c.name })}
                          {c.reason && <Typography.Text type="secondary"> — {t(`verify.reasons.${c.reason}`, { defaultValue: c.reason })}</Typography.Text>}
                        </span>
                      </Space>
                    </List.Item>
                  )}
                />
              ),
            },
          ]}
        />
      )}
      {result.ticket ? (
        <Button type="primary" size="large" block autoFocus loading={pending} onClick={checkIn} data-testid="check-in">
          {t('lodging.desk.checkIn')}
        </Button>
      ) : (
        <Typography.Paragraph type="danger">{t('lodging.desk.noTicket')}</Typography.Paragraph>
      )}
      <Button type="link" onClick={onTyped} style={{ paddingInline: 0 }}>
        {t('lodging.desk.typeInstead')}
      </Button>
    </Card>
  );
}

export function CheckInPanel({ est }: { est: Establishment }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [stayForm] = Form.useForm<StayValues>();
  const [guestForm] = Form.useForm<GuestValues>();
  const [mode, setMode] = useState<Mode>('scan');
  const [qr, setQr] = useState('');
  const [qrError, setQrError] = useState<string | null>(null);
  const [camera, setCamera] = useState(false);
  const [scanned, setScanned] = useState<ScanResult | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const [done, setDone] = useState<Stay | null>(null);
  const qrField = useRef<InputRef>(null);

  const scan = useMutation({
    mutationFn: (text: string) => lodgingApi.scan(est.id, text),
    onMutate: () => {
      setProblem(null);
      setQrError(null);
      setScanned(null);
      setDone(null);
    },
    onSuccess: (r) => {
      setScanned(r);
      setQr('');
    },
    onError: (err) => {
      const message = fieldMessage(err, 'body.qr');
      if (!message) return setProblem(err);
      // the text stays, selected: the next scan replaces it
      setQrError(message);
      setTimeout(() => qrField.current?.select(), 0);
    },
  });

  const checkIn = useMutation({
    mutationFn: (body: Parameters<typeof lodgingApi.checkIn>[1]) => lodgingApi.checkIn(est.id, body),
    onSuccess: (stay) => {
      setDone(stay);
      setScanned(null);
      setQr('');
      guestForm.resetFields();
      // room, reason and nights stay for the next guest; the arrival time was this guest's
      stayForm.setFieldValue('arrivedAt', undefined);
      void qc.invalidateQueries({ queryKey: ['lodging', 'stays', est.id] });
    },
    onError: (err) => {
      const rest = applyProblem(stayForm, err, STAY_FIELDS);
      setProblem(rest ? applyProblem(guestForm, rest, GUEST_FIELDS, GUEST_RENAME) : null);
    },
  });

  // ready for the next guest: the scanner field has the focus
  useEffect(() => {
    if (mode === 'scan' && !scanned && !scan.isPending && !checkIn.isPending) qrField.current?.focus();
  }, [mode, scanned, scan.isPending, checkIn.isPending]);

  async function submit(guest: GuestInput) {
    setProblem(null);
    setDone(null);
    // the stay's details are above, perhaps out of sight on a phone: show the first one missing
    const stay = await stayForm.validateFields().catch((e: { errorFields?: { name: (string | number)[] }[] }) => {
      const first = e.errorFields?.[0]?.name;
      if (first) stayForm.scrollToField(first, { block: 'center' });
      return null;
    });
    if (stay) checkIn.mutate({ ...stayDetailsOf(stay), guest });
  }

  function submitQr(text: string) {
    const value = text.replace(/[\r\n\t]+$/, '');
    if (!value.trim()) return;
    setCamera(false);
    scan.mutate(value);
  }

  function typeInstead() {
    const g = scanned?.guest;
    if (g) guestForm.setFieldsValue({ pid: g.pid, fullName: g.fullName, birthDate: viDate(g.birthDate), ...(g.sex ? { sex: g.sex } : {}) });
    setScanned(null);
    setMode('citizen');
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small" title={t('lodging.desk.stepStay')}>
        <Form<StayValues> form={stayForm} name="stay" layout="vertical" requiredMark="optional" initialValues={{ expectedNights: 1 }} onValuesChange={clearErrorsOnChange(stayForm)} data-testid="stay-form">
          <StayFields guest={mode === 'foreign' ? 'foreign' : 'citizen'} roomLabel={est.type === 'bus' ? t('lodging.stay.seat') : undefined} />
        </Form>
      </Card>
      <Card size="small" title={t('lodging.desk.stepGuest')}>
        {done && (
          <Alert
            type="success"
            showIcon
            closable
            onClose={() => setDone(null)}
            style={{ marginBottom: 12 }}
            data-testid="checked-in"
            title={t('lodging.desk.done', { name: done.guest.fullName })}
            description={
              <Space orientation="vertical" size={2}>
                <span>
                  {done.room ? `${t(est.type === 'bus' ? 'lodging.stay.seat' : 'lodging.stay.room')} ${done.room} · ` : ''}
                  {t('lodging.desk.arrived', { at: viInstant(done.arrivedAt, true) })}
                </span>
                <DeadlineText stay={done} />
              </Space>
            }
          />
        )}
        <Segmented<Mode>
          block
          value={mode}
          onChange={(m) => {
            setMode(m);
            setProblem(null);
            setDone(null);
          }}
          options={(['scan', 'citizen', 'foreign'] as const).map((m) => ({ value: m, label: t(`lodging.desk.mode.${m}`) }))}
          style={{ marginBottom: 16 }}
          data-testid="guest-mode"
        />
        {mode === 'scan' && (
          <>
            <Form layout="vertical" onFinish={() => submitQr(qr)}>
              <Form.Item label={t('lodging.desk.qr')} extra={qrError ? undefined : t('lodging.desk.qrHelp')} validateStatus={qrError ? 'error' : undefined} help={qrError ?? undefined}>
                <Input
                  ref={qrField}
                  allowClear
                  autoComplete="off"
                  spellCheck={false}
                  value={qr}
                  onChange={(e) => {
                    setQr(e.target.value);
                    setQrError(null);
                    setDone(null);
                  }}
                  onPressEnter={(e) => {
                    e.preventDefault();
                    submitQr(qr);
                  }}
                  placeholder={t('lodging.desk.qrPlaceholder')}
                  aria-label={t('lodging.desk.qr')}
                  data-testid="qr-input"
                />
              </Form.Item>
              <Space wrap>
                <Button htmlType="submit" loading={scan.isPending} disabled={!qr.trim()}>
                  {t('lodging.desk.read')}
                </Button>
                <Button onClick={() => setCamera((c) => !c)}>{camera ? t('lodging.desk.cameraStop') : t('lodging.desk.camera')}</Button>
              </Space>
            </Form>
            {camera && (
              <div style={{ marginTop: 12 }}>
                <QrScanner onText={submitQr} />
              </div>
            )}
            {scanned && (
              <div style={{ marginTop: 12 }}>
                <ScannedGuest result={scanned} pending={checkIn.isPending} onTyped={typeInstead} checkIn={() => void submit({ kind: 'citizen', ticket: scanned.ticket! })} />
              </div>
            )}
          </>
        )}
        {/* kept mounted while scanning, so that a scanned guest can be handed over to it */}
        <Form<GuestValues>
          form={guestForm}
          name="guest"
          layout="vertical"
          requiredMark="optional"
          onValuesChange={(changed: object) => {
            clearErrorsOnChange(guestForm)(changed);
            setDone(null);
          }}
          onFinish={(v) => mode !== 'scan' && void submit(guestOf(mode, v))}
          style={mode === 'scan' ? { display: 'none' } : undefined}
          data-testid="guest-form"
        >
          {mode === 'foreign' ? <ForeignFields /> : <CitizenFields />}
          <Button type="primary" size="large" block htmlType="submit" loading={checkIn.isPending} data-testid="check-in-typed">
            {t('lodging.desk.checkIn')}
          </Button>
        </Form>
        {problem ? (
          <div style={{ marginTop: 12 }}>
            <ProblemAlert error={problem} testId="desk-problem" />
          </div>
        ) : null}
      </Card>
    </Space>
  );
}

// Who applies at the counter: a keyboard-wedge scan of the QR printed on their ID card (the scanner
// types it into the focused field and presses Enter) or of the signed QR of their e-ID app, the
// phone's camera, or their personal ID typed. The ID card's QR is read here (@open06/kernel/card) to
// show the name and birth date at once — a claim, not a proof; the e-ID QR is verified by the server
// (signature, expiry, single use: POST /api/v1/verification/checks, purpose
// verification_public_service, in the citizen's access log). Either way the form's data comes from
// the population database for that personal ID.
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Input, Space, type InputRef } from 'antd';
import { useTranslation } from 'react-i18next';
import { IdCardQrError, parseIdCardQr, type IdCardQr } from '@open06/kernel/card';
import { viDate } from '../../../components/dates.ts';
import { QrScanner } from '../../verify/QrScanner.tsx';
import { runCheck, sourceOfQr } from '../../verify/verify.ts';
import { problemText } from '../../../components/problem.tsx';

export interface Applicant {
  pid: string;
  /** What the card's QR says, when it was scanned. */
  card: IdCardQr | null;
  /** What a verified e-ID QR presented, when one was scanned. */
  eid?: { fullName: string | undefined; birthDate: string | undefined; level: 1 | 2 | undefined } | undefined;
}

/** Reads a scan or what was typed: a 12-digit personal ID, or an ID-card QR payload. */
export function readApplicant(text: string): Applicant | { error: { vi: string; en: string } } {
  const value = text.replace(/[\r\n\t]+$/, '').trim();
  if (/^\d{12}$/.test(value)) return { pid: value, card: null };
  if (!value.includes('|')) return { error: { vi: 'Số định danh cá nhân gồm 12 chữ số, hoặc quét mã QR trên thẻ căn cước.', en: 'Type the 12-digit personal ID, or scan the QR on the ID card.' } };
  try {
    const card = parseIdCardQr(value);
    return { pid: card.pid, card };
  } catch (err) {
    if (err instanceof IdCardQrError) return { error: err.text };
    throw err;
  }
}

export function ApplicantScan({ applicant, onApplicant }: { applicant: Applicant | null; onApplicant: (a: Applicant | null) => void }) {
  const { t, i18n } = useTranslation();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [camera, setCamera] = useState(false);
  const field = useRef<InputRef>(null);

  useEffect(() => {
    if (!applicant) field.current?.focus();
  }, [applicant]);

  async function readEid(qr: string) {
    try {
      const r = await runCheck({ purpose: 'verification_public_service', source: 'eid_qr', qr });
      if (r.result !== 'green' || !r.presented.pid) {
        // a genuine QR of someone the registry will not show this desk, or a QR that fails its checks
        const genuine = r.checks.every((c) => c.status === 'passed' || c.name === 'registry');
        setError(t(genuine ? 'desk.receive.eidOutside' : 'desk.receive.eidRefused'));
        return;
      }
      setError(null);
      setText('');
      onApplicant({ pid: r.presented.pid, card: null, eid: { fullName: r.presented.fullName, birthDate: r.presented.birthDate, level: r.accountLevel } });
    } catch (err) {
      setError(problemText(err).message);
    }
  }

  function read(raw: string) {
    if (!raw.trim()) return;
    setCamera(false);
    if (sourceOfQr(raw) === 'eid_qr') {
      void readEid(raw.trim());
      return;
    }
    const r = readApplicant(raw);
    if ('error' in r) {
      setError(i18n.language === 'en' ? r.error.en : r.error.vi);
      // the text stays, selected: the next scan replaces it
      setTimeout(() => field.current?.select(), 0);
      return;
    }
    setError(null);
    setText('');
    onApplicant(r);
  }

  if (applicant) {
    const c = applicant.card;
    return (
      <Card size="small" data-testid="applicant" style={{ borderColor: '#52c41a' }}>
        <Descriptions
          size="small"
          column={1}
          items={[
            ...(applicant.eid
              ? [
                  { key: 'name', label: t('desk.receive.fullName'), children: <b style={{ fontSize: 18 }}>{applicant.eid.fullName}</b> },
                  { key: 'birth', label: t('desk.receive.birthDate'), children: applicant.eid.birthDate ? viDate(applicant.eid.birthDate) : '—' },
                ]
              : []),
            ...(c
              ? [
                  { key: 'name', label: t('desk.receive.fullName'), children: <b style={{ fontSize: 18 }}>{c.fullName}</b> },
                  { key: 'birth', label: t('desk.receive.birthDate'), children: viDate(c.dob) },
                  { key: 'sex', label: t('desk.receive.sex'), children: t(c.sex === 'M' ? 'desk.receive.sexM' : 'desk.receive.sexF') },
                ]
              : []),
            { key: 'pid', label: t('desk.receive.pid'), children: <span data-testid="applicant-pid">{applicant.pid}</span> },
            ...(c?.oldId ? [{ key: 'old', label: t('desk.receive.oldId'), children: c.oldId }] : []),
          ]}
        />
        <Space orientation="vertical" style={{ width: '100%' }} size={4}>
          <span style={{ color: 'rgba(0,0,0,0.45)', fontSize: 12 }} data-testid="applicant-source">
            {applicant.eid ? t('desk.receive.fromEid', { level: applicant.eid.level ?? '?' }) : c ? t('desk.receive.fromCard') : t('desk.receive.typedPid')}
          </span>
          {c?.warnings.map((w) => <Alert key={w.code} type="warning" showIcon title={i18n.language === 'en' ? w.message.en : w.message.vi} />)}
          <Button onClick={() => onApplicant(null)} data-testid="change-applicant">
            {t('desk.receive.change')}
          </Button>
        </Space>
      </Card>
    );
  }

  return (
    <Form layout="vertical" component="div">
      <Form.Item label={t('desk.receive.qr')} help={error ?? t('desk.receive.qrHelp')} validateStatus={error ? 'error' : undefined} style={{ marginBottom: 8 }}>
        <Space.Compact style={{ width: '100%' }}>
          <Input
            ref={field}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setError(null);
            }}
            onPressEnter={(e) => {
              e.preventDefault();
              read(text);
            }}
            placeholder={t('desk.receive.qrPlaceholder')}
            autoComplete="off"
            data-testid="qr-input"
          />
          <Button onClick={() => read(text)}>{t('desk.receive.read')}</Button>
        </Space.Compact>
      </Form.Item>
      <Button onClick={() => setCamera((x) => !x)} data-testid="camera-toggle">
        {camera ? t('desk.receive.cameraStop') : t('desk.receive.camera')}
      </Button>
      {camera && (
        <div style={{ marginTop: 8 }}>
          <QrScanner onText={read} />
        </div>
      )}
    </Form>
  );
}

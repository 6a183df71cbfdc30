// The staff scanner, made for a phone at the gate: choose the site, "Vào" or "Ra", then scan the
// visitor's e-ID QR or ID-card QR (camera or keyboard-wedge scanner) — each scan is verified and
// counted, or refused with the reason — or press the counter for people without a card. People on
// site, the capacity and its alert stay in view and refresh by themselves.
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { Alert, Button, Card, Empty, Input, Select, Skeleton, Space, Typography, type InputRef } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/problem.tsx';
import { viInstant } from '../../components/dates.ts';
import { QrScanner } from '../verify/QrScanner.tsx';
import { countPassage, scanPassage, useSites, useSummary, type Direction, type Passage } from './checkpoints.ts';
import { CapacityAlert, Occupancy } from './Occupancy.tsx';

const SITE_KEY = 'open06.checkpoints.site';
const STEPS = [1, 5, 10];

export default function ScannerPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const sites = useSites();
  const [chosen, setChosen] = useState<string | null>(() => localStorage.getItem(SITE_KEY));
  const items = sites.data?.items ?? [];
  const site = items.find((s) => s.id === chosen) ?? items[0];
  const summary = useSummary(site?.id, undefined, 10_000);
  const [direction, setDirection] = useState<Direction>('in');
  const [qr, setQr] = useState('');
  const [camera, setCamera] = useState(false);
  const field = useRef<InputRef>(null);

  const done = (p: Passage) => {
    // the answer carries the new occupancy: show it at once, then refresh the rest
    queryClient.setQueryData(['checkpoints', 'summary', site?.id, 'today'], (old: unknown) => (old ? { ...(old as object), onSite: p.onSite, capacity: p.capacity, alert: p.alert } : old));
    void queryClient.invalidateQueries({ queryKey: ['checkpoints'] });
  };
  const scan = useMutation({ mutationFn: (v: { direction: Direction; qr: string }) => scanPassage(site!.id, v.direction, v.qr), onSuccess: done });
  const count = useMutation({ mutationFn: (v: { direction: Direction; count: number }) => countPassage(site!.id, v.direction, v.count), onSuccess: done });
  const last = [scan, count].filter((m) => m.submittedAt > 0).sort((a, b) => b.submittedAt - a.submittedAt)[0];

  function submitQr(text: string) {
    const value = text.replace(/[\r\n\t]+$/, '');
    if (!value.trim() || !site) return;
    scan.mutate({ direction, qr: value }, { onSettled: () => setQr('') });
  }

  // after each answer the scanner field is ready for the next visitor
  useEffect(() => {
    if (!scan.isPending) field.current?.focus();
  }, [scan.isPending, direction]);

  if (sites.isError) return <ProblemAlert error={sites.error} />;
  if (sites.isPending) return <Skeleton active />;
  if (!site)
    return (
      <>
        <Typography.Title level={2}>{t('checkpoints.scan.title')}</Typography.Title>
        <Empty description={t('checkpoints.scan.notStaff')} data-testid="not-staff" />
      </>
    );

  const s = summary.data;
  const choose = (id: string) => {
    localStorage.setItem(SITE_KEY, id);
    setChosen(id);
  };

  return (
    <div style={{ maxWidth: 560, margin: '0 auto' }}>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('checkpoints.scan.title')}
      </Typography.Title>
      {items.length > 1 ? (
        <Select
          aria-label={t('checkpoints.scan.site')}
          value={site.id}
          onChange={choose}
          options={items.map((x) => ({ value: x.id, label: x.name }))}
          style={{ width: '100%', marginBottom: 12 }}
          size="large"
          data-testid="site-select"
        />
      ) : (
        <Typography.Title level={4} style={{ marginTop: 0 }} data-testid="site-name">
          {site.name}
        </Typography.Title>
      )}

      <Card size="small" style={{ marginBottom: 12 }}>
        {s ? <Occupancy onSite={s.onSite} capacity={s.capacity} alert={s.alert} /> : <Skeleton active paragraph={{ rows: 1 }} />}
        {s?.alert && (
          <div style={{ marginTop: 8 }}>
            <CapacityAlert alert={s.alert} capacity={s.capacity} />
          </div>
        )}
      </Card>

      <div role="group" aria-label={t('checkpoints.scan.direction')} style={{ display: 'flex', gap: 8, marginBottom: 12 }}>
        {(['in', 'out'] as const).map((d) => (
          <Button
            key={d}
            type={direction === d ? 'primary' : 'default'}
            aria-pressed={direction === d}
            onClick={() => setDirection(d)}
            style={{ flex: 1, height: 64, fontSize: 24, fontWeight: 600, ...(direction === d && d === 'out' ? { background: '#c77c02', borderColor: '#c77c02' } : {}) }}
            data-testid={`direction-${d}`}
          >
            {t(`checkpoints.direction.${d}`)}
          </Button>
        ))}
      </div>

      <Card size="small" title={t('checkpoints.scan.qrTitle')} style={{ marginBottom: 12 }}>
        <Input
          ref={field}
          autoFocus
          allowClear
          size="large"
          autoComplete="off"
          spellCheck={false}
          value={qr}
          onChange={(e) => setQr(e.target.value)}
          onPressEnter={(e) => {
            e.preventDefault();
            submitQr(qr);
          }}
          placeholder={t('checkpoints.scan.placeholder')}
          aria-label={t('checkpoints.scan.qrLabel')}
          data-testid="checkpoint-qr"
        />
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0' }}>
          {t('checkpoints.scan.qrHelp')}
        </Typography.Paragraph>
        <Space wrap>
          <Button type="primary" onClick={() => submitQr(qr)} loading={scan.isPending} disabled={!qr.trim()}>
            {t(`checkpoints.scan.submit.${direction}`)}
          </Button>
          <Button onClick={() => setCamera((c) => !c)} data-testid="camera-toggle">
            {camera ? t('checkpoints.scan.cameraStop') : t('checkpoints.scan.camera')}
          </Button>
        </Space>
        {camera && (
          <div style={{ marginTop: 12 }}>
            <QrScanner continuous onText={submitQr} />
          </div>
        )}
      </Card>

      <div aria-live="polite" style={{ marginBottom: 12 }}>
        {last?.isError && <ProblemAlert error={last.error} testId="passage-problem" />}
        {last?.isSuccess && last.data && <PassageDone p={last.data} />}
      </div>

      <Card size="small" title={t('checkpoints.counter.title')} style={{ marginBottom: 12 }}>
        <Typography.Paragraph type="secondary">{t('checkpoints.counter.help')}</Typography.Paragraph>
        {(['in', 'out'] as const).map((d) => (
          <div key={d} style={{ display: 'flex', gap: 8, marginBottom: 8 }}>
            {STEPS.map((n) => (
              <Button
                key={n}
                size="large"
                style={{ flex: 1, height: 52, fontSize: 18 }}
                onClick={() => count.mutate({ direction: d, count: n })}
                disabled={count.isPending}
                aria-label={t(`checkpoints.counter.${d}`, { count: n })}
                data-testid={`count-${d}-${n}`}
              >
                {d === 'in' ? '+' : '−'}
                {n}
              </Button>
            ))}
          </div>
        ))}
        <Typography.Text type="secondary">{t('checkpoints.counter.legend')}</Typography.Text>
      </Card>

      <Link to={`/checkpoints/sites/${site.id}`}>
        <Button block data-testid="to-dashboard">
          {t('checkpoints.scan.toDashboard')}
        </Button>
      </Link>
    </div>
  );
}

function PassageDone({ p }: { p: Passage }) {
  const { t } = useTranslation();
  const notes = [
    p.verification === 'amber' ? t('checkpoints.done.amber') : null,
    p.direction === 'out' && p.matchedEntry === false ? t('checkpoints.done.noEntry') : null,
  ].filter(Boolean);
  return (
    <Alert
      type={p.verification === 'amber' ? 'warning' : 'success'}
      showIcon
      data-testid="passage-done"
      data-direction={p.direction}
      title={t(`checkpoints.done.${p.direction}`, { count: p.count, at: viInstant(p.at, true) })}
      description={notes.length ? notes.join(' ') : undefined}
    />
  );
}

// The self-service kiosk of a one-stop centre (/kiosk, full screen, no menu): big buttons for the
// procedures (with a search box), then the same form as online in large type, submitted as a kiosk
// application; the application code is shown large. After a minute without a touch or a key the
// session ends — logged out at the provider too — and the kiosk starts again for the next person.
// (`?idle=<seconds>` shortens the minute for demonstrations and tests.)
import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, Col, ConfigProvider, Empty, Flex, Input, Result, Row, Skeleton, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useAuth } from '../../../auth/AuthContext.tsx';
import { ProblemAlert } from '../../../components/problem.tsx';
import { type ApplicationDetail, applicationsApi } from '../applications.ts';
import { ApplicationForm } from '../components/ApplicationForm.tsx';
import { ProcedureHeader } from '../components/ProcedureHeader.tsx';
import { endKioskSession } from '../kiosk.ts';
import { pick, servicesApi, useCatalogue, vnd } from '../services.ts';

const IDLE_SECONDS = 60;
const WARN_SECONDS = 15;

/**
 * The kiosk's idle countdown: the seconds left once fewer than WARN_SECONDS remain (null before, so
 * the page is not redrawn while someone is using it); `onIdle` is called once at zero; `reset`
 * restarts the count (any touch, click or key does).
 */
function useIdleCountdown(limit: number, onIdle: () => void): [number | null, () => void] {
  const last = useRef(Date.now());
  const fired = useRef(false);
  const [left, setLeft] = useState<number | null>(null);
  const reset = useCallback(() => {
    last.current = Date.now();
    setLeft(null);
  }, []);
  useEffect(() => {
    const events = ['pointerdown', 'keydown', 'wheel', 'touchstart', 'input'] as const;
    for (const e of events) window.addEventListener(e, reset, { passive: true });
    const timer = setInterval(() => {
      const l = limit - Math.floor((Date.now() - last.current) / 1000);
      if (l <= 0 && !fired.current) {
        fired.current = true;
        onIdle();
      }
      setLeft(l <= Math.min(WARN_SECONDS, limit - 1) ? Math.max(0, l) : null);
    }, 500);
    return () => {
      for (const e of events) window.removeEventListener(e, reset);
      clearInterval(timer);
    };
  }, [reset, limit, onIdle]);
  return [left, reset];
}

function Choose({ onPick }: { onPick: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const [q, setQ] = useState('');
  const list = useCatalogue({ q: q.trim() });
  const items = (list.data?.items ?? []).filter((s) => s.kind !== 'module');
  return (
    <>
      <Typography.Title level={1} style={{ marginTop: 0 }}>
        {t('services.kiosk.title')}
      </Typography.Title>
      <Typography.Paragraph style={{ fontSize: 20 }}>{t('services.kiosk.intro')}</Typography.Paragraph>
      <Input.Search
        size="large"
        allowClear
        value={q}
        onChange={(e) => setQ(e.target.value)}
        placeholder={t('services.kiosk.search')}
        aria-label={t('services.kiosk.search')}
        style={{ marginBottom: 24 }}
        data-testid="kiosk-search"
      />
      {list.isError ? (
        <ProblemAlert error={list.error} />
      ) : list.isPending ? (
        <Skeleton active />
      ) : !items.length ? (
        <Empty description={t('services.kiosk.none')} />
      ) : (
        <Row gutter={[16, 16]} data-testid="kiosk-services">
          {items.map((s) => (
            <Col key={s.id} xs={24} md={12} xl={8}>
              <Button
                block
                onClick={() => onPick(s.id)}
                data-testid={`kiosk-service-${s.id}`}
                style={{ height: '100%', minHeight: 96, whiteSpace: 'normal', textAlign: 'left', justifyContent: 'flex-start', padding: '16px 20px', fontSize: 20, fontWeight: 600 }}
              >
                {s.essential !== null && <span style={{ color: '#da251d', marginRight: 12 }}>{s.essential}</span>}
                {pick(s.name, i18n.language)}
              </Button>
            </Col>
          ))}
        </Row>
      )}
    </>
  );
}

function Apply({ serviceId, onBack, onDone }: { serviceId: string; onBack: () => void; onDone: (a: ApplicationDetail) => void }) {
  const { t } = useTranslation();
  const def = useQuery({ queryKey: ['services', 'one', serviceId], queryFn: () => servicesApi.get(serviceId) });
  return (
    <>
      <Button size="large" onClick={onBack} style={{ marginBottom: 16 }} data-testid="kiosk-back">
        {t('services.kiosk.back')}
      </Button>
      {def.isError ? (
        <ProblemAlert error={def.error} />
      ) : def.isPending ? (
        <Skeleton active />
      ) : def.data.kind === 'module' ? (
        <Alert type="info" showIcon title={t('services.kiosk.module')} />
      ) : (
        <>
          <ProcedureHeader d={def.data} size="large" />
          <ApplicationForm
            service={def.data}
            channel="desk"
            submitLabel={t('services.apply.submit')}
            onSubmit={async (values, documents) => onDone(await applicationsApi.submit({ serviceId, values, ...(Object.keys(documents).length ? { documents } : {}), kiosk: true }))}
          />
        </>
      )}
    </>
  );
}

function Done({ a, onAgain, onEnd }: { a: ApplicationDetail; onAgain: () => void; onEnd: () => void }) {
  const { t, i18n } = useTranslation();
  return (
    <Result
      status="success"
      title={<span style={{ fontSize: 32 }}>{t('services.kiosk.done')}</span>}
      subTitle={<span style={{ fontSize: 20 }}>{pick(a.serviceName, i18n.language)}</span>}
      extra={
        <Flex vertical align="center" gap={16}>
          <Card style={{ minWidth: 280 }}>
            <Typography.Text style={{ fontSize: 18 }}>{t('services.kiosk.code')}</Typography.Text>
            <div data-testid="kiosk-code" style={{ fontSize: 44, fontWeight: 700, letterSpacing: 2, fontFamily: 'monospace' }}>
              {a.code}
            </div>
          </Card>
          <Typography.Paragraph style={{ fontSize: 18, maxWidth: 640 }}>{t('services.kiosk.keep')}</Typography.Paragraph>
          {a.status === 'awaiting_payment' && <Alert type="warning" showIcon title={t('services.kiosk.fee', { amount: vnd(a.fee.amount, i18n.language) })} />}
          <Flex gap={16} wrap justify="center">
            <Button size="large" type="primary" onClick={onAgain} data-testid="kiosk-again">
              {t('services.kiosk.again')}
            </Button>
            <Button size="large" onClick={onEnd} data-testid="kiosk-end">
              {t('services.kiosk.end')}
            </Button>
          </Flex>
        </Flex>
      }
    />
  );
}

export default function KioskPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const limit = Math.max(3, Number(params.get('idle')) || IDLE_SECONDS);
  const [serviceId, setServiceId] = useState<string | null>(null);
  const [done, setDone] = useState<ApplicationDetail | null>(null);
  const [ending, setEnding] = useState(false);
  const { session } = useAuth();
  const end = useCallback(() => {
    setEnding(true);
    void endKioskSession(`/kiosk${window.location.search}`);
  }, []);
  const [left, reset] = useIdleCountdown(limit, end);
  return (
    <ConfigProvider theme={{ token: { fontSize: 18, controlHeight: 44, controlHeightLG: 56, fontSizeLG: 20 } }} componentSize="large">
      <div style={{ minHeight: '100vh', background: '#f5f5f5' }} data-testid="kiosk">
        <Flex align="center" justify="space-between" gap={12} style={{ background: '#b3261e', padding: '12px 24px' }}>
          <span style={{ color: '#ffd54f', fontSize: 26, fontWeight: 700 }}>{t('brand')}</span>
          {session && !ending && (
            <Button onClick={end} data-testid="kiosk-logout">
              {t('services.kiosk.end')}
            </Button>
          )}
        </Flex>
        <div style={{ padding: '24px clamp(12px, 4vw, 48px)', maxWidth: 1400, margin: '0 auto' }}>
          {ending ? (
            <Result status="info" title={t('services.kiosk.ending')} />
          ) : (
            <>
              {left !== null && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('services.kiosk.idle', { seconds: left })} data-testid="kiosk-idle" />}
              {done ? (
                <Done
                  a={done}
                  onAgain={() => {
                    setDone(null);
                    setServiceId(null);
                    reset();
                  }}
                  onEnd={end}
                />
              ) : serviceId ? (
                <Apply serviceId={serviceId} onBack={() => setServiceId(null)} onDone={setDone} />
              ) : (
                <Choose onPick={setServiceId} />
              )}
            </>
          )}
        </div>
      </div>
    </ConfigProvider>
  );
}

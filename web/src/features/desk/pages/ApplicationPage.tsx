// One application at the desk: procedure, applicant, status, current step and deadline; the values
// grouped by the form's sections with the source of each prefilled value; the documents (uploads
// opened with the official's token); the fee; the steps of a linked procedure; the history; the
// result. The decision panel shows only when the current step waits for the official's current
// role. "In phiếu" prints the receipt, or the result once finished.
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, List, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { viDate, viInstant } from '../../../components/dates.ts';
import { ProblemAlert } from '../../../components/problem.tsx';
import { pick, servicesApi, vnd, type Definition } from '../../services/services.ts';
import { holds } from '../../services/applications.ts';
import { DecisionPanel } from '../components/DecisionPanel.tsx';
import { RevokeResult } from '../components/RevokeResult.tsx';
import { PrintSheet } from '../components/PrintSheet.tsx';
import { ChannelTag, Due, StatusTag, useActing } from '../components/Tags.tsx';
import { ValuesView } from '../components/ValuesView.tsx';
import { type ApplicationDetail, type DocumentRef, deskApi, useApplication } from '../desk.ts';

/** True when approving the current step finishes the procedure (no later step applies). */
function isLastStep(def: Definition | undefined, app: ApplicationDetail): boolean {
  if (def?.kind !== 'single' || !app.step) return false;
  const steps = def.workflow.steps;
  const i = steps.findIndex((s) => s.id === app.step!.id);
  return i >= 0 && !steps.slice(i + 1).some((s) => holds(s.when, app.values));
}

function OpenAttachment({ id, name }: { id: string; name: string }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<unknown>(null);
  async function open() {
    setBusy(true);
    setFailed(null);
    // the window is opened at the click (popup blockers), then shown the file fetched with the token
    const w = window.open('', '_blank');
    try {
      const url = URL.createObjectURL(await deskApi.attachment(id));
      if (w) w.location.href = url;
      else window.location.assign(url);
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (err) {
      w?.close();
      setFailed(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <>
      <Button size="small" loading={busy} onClick={() => void open()} data-testid={`open-${id}`} aria-label={`${t('desk.docs.open')} ${name}`}>
        {t('desk.docs.open')}
      </Button>
      {failed !== null && <ProblemAlert error={failed} testId="attachment-problem" />}
    </>
  );
}

function Documents({ def, app }: { def: Definition | undefined; app: ApplicationDetail }) {
  const { t, i18n } = useTranslation();
  const docs = def && def.kind !== 'module' ? def.documents : [];
  const entries = Object.entries(app.documents).filter((e): e is [string, DocumentRef] => !!e[1]);
  if (!entries.length) return <Typography.Text type="secondary">{t('desk.docs.none')}</Typography.Text>;
  return (
    <List
      size="small"
      data-testid="documents"
      dataSource={entries}
      renderItem={([docId, ref]) => {
        const title = docs.find((d) => d.id === docId)?.title;
        const name = title ? pick(title, i18n.language) : docId;
        return (
          <List.Item key={docId} actions={'attachmentId' in ref ? [<OpenAttachment key="open" id={ref.attachmentId} name={name} />] : []}>
            <Space orientation="vertical" size={0} style={{ minWidth: 0 }}>
              <span style={{ overflowWrap: 'anywhere' }}>{name}</span>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {'attachmentId' in ref ? t('desk.docs.upload') : t('desk.docs.wallet', { id: ref.walletDocumentId })}
              </Typography.Text>
            </Space>
          </List.Item>
        );
      }}
    />
  );
}

function Fee({ app }: { app: ApplicationDetail }) {
  const { t, i18n } = useTranslation();
  if (app.fee.amount === 0) return <Tag data-testid="fee">{t('desk.fee.free')}</Tag>;
  return (
    <Space size={4} wrap data-testid="fee">
      <span>{vnd(app.fee.amount, i18n.language)}</span>
      {app.fee.paid ? <Tag color="green">{t(`desk.fee.paid.${app.fee.paid}`)}</Tag> : <Tag color="gold">{t('desk.fee.unpaid')}</Tag>}
      {app.payment && !app.fee.paid && <Typography.Text type="secondary">{t('desk.fee.payment', { reference: app.payment.reference, status: t(`desk.fee.paymentStatus.${app.payment.status}`, { defaultValue: app.payment.status }) })}</Typography.Text>}
    </Space>
  );
}

function Outcome({ app }: { app: ApplicationDetail }) {
  const { t } = useTranslation();
  if (app.status === 'completed')
    return (
      <Alert
        type="success"
        showIcon
        data-testid="completed"
        style={{ marginBottom: 16 }}
        title={<b>{t('desk.result.completed')}</b>}
        description={
          <Space orientation="vertical" size={2}>
            {app.result?.outputs.newPid && <span data-testid="new-pid">{t('desk.result.newPid', { pid: app.result.outputs.newPid })}</span>}
            {app.result?.walletDocumentId && <span>{t('desk.result.inWallet')}</span>}
            {app.result?.reasons && <span>{app.result.reasons}</span>}
            {app.completedAt && <span>{t('desk.result.at', { at: viInstant(app.completedAt, true) })}</span>}
          </Space>
        }
      />
    );
  if (app.status === 'refused')
    return <Alert type="error" showIcon data-testid="refused" style={{ marginBottom: 16 }} title={<b>{t('desk.result.refused')}</b>} description={t('desk.result.reasons', { reasons: app.result?.reasons ?? '' })} />;
  if (app.status === 'withdrawn') return <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('desk.status.withdrawn')} />;
  if (app.status === 'supplement_requested') {
    const asked = [...app.events].reverse().find((e) => e.action === 'supplement_requested');
    return <Alert type="warning" showIcon data-testid="waiting-supplement" style={{ marginBottom: 16 }} title={t('desk.result.waitingSupplement')} description={asked?.note ?? undefined} />;
  }
  return null;
}

function History({ app }: { app: ApplicationDetail }) {
  const { t, i18n } = useTranslation();
  const colour: Record<string, string> = { refused: 'red', completed: 'green', approved: 'green', supplement_requested: 'orange', aborted: 'red' };
  return (
    <Timeline
      data-testid="history"
      items={app.events.map((e, i) => ({
        key: i,
        color: colour[e.action] ?? 'blue',
        title: viInstant(e.at, true),
        content: (
          <Space orientation="vertical" size={0}>
            <span>
              <b>{t(`desk.event.${e.action}`, { defaultValue: e.action })}</b> · {pick(e.roleLabel, i18n.language)}
            </span>
            {e.note && <Typography.Text type="secondary">{e.note}</Typography.Text>}
          </Space>
        ),
      }))}
    />
  );
}

export default function ApplicationPage() {
  const { id } = useParams();
  const { t, i18n } = useTranslation();
  const acting = useActing();
  const app = useApplication(id);
  const def = useQuery({
    queryKey: ['services', 'definition', app.data?.serviceId],
    enabled: !!app.data,
    staleTime: Infinity,
    queryFn: () => servicesApi.get(app.data!.serviceId),
  });

  if (app.isError) return <ProblemAlert error={app.error} />;
  if (!app.data) return <Skeleton active />;
  const a = app.data;
  const sections = def.data && def.data.kind !== 'module' ? def.data.form.sections : [];
  const name = a.applicantName;
  const linkedParent = def.data?.kind === 'linked';
  const mine = a.status === 'in_progress' && !!a.step && a.step.role === acting.role && a.queueUnit === acting.unit && !linkedParent;
  const current = linkedParent ? a.steps.find((s) => s.status !== 'completed' && s.status !== 'refused' && s.status !== 'withdrawn') : undefined;

  return (
    <>
      <PrintSheet app={a} applicant={name} unitName={acting.unitName} />
      <div className="desk-screen">
        <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
          <Link to="/desk">← {t('desk.detail.back')}</Link>
          <Space wrap>
            <Button onClick={() => void app.refetch()} loading={app.isFetching} data-testid="refresh">
              {t('desk.detail.reload')}
            </Button>
            <Button onClick={() => window.print()} data-testid="print">
              {t('desk.detail.print')}
            </Button>
          </Space>
        </Space>
        <Typography.Title level={2} style={{ marginTop: 12 }}>
          {pick(a.serviceName, i18n.language)}
        </Typography.Title>
        <Space wrap style={{ marginBottom: 12 }}>
          <Typography.Text strong copyable data-testid="code">
            {a.code}
          </Typography.Text>
          <StatusTag status={a.status} />
          <ChannelTag channel={a.channel} />
        </Space>
        <Outcome app={a} />
        {a.status === 'completed' && a.result?.walletDocumentId && <RevokeResult app={a} />}
        {mine && <DecisionPanel app={a} last={isLastStep(def.data, a)} onReload={() => void app.refetch()} />}
        {a.status === 'in_progress' && a.step && !mine && !linkedParent && (
          <Alert type="info" showIcon style={{ marginBottom: 16 }} data-testid="not-mine" title={t('desk.decide.notYours', { step: pick(a.step.name, i18n.language) })} />
        )}
        <Card size="small" style={{ marginBottom: 16 }}>
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 1, md: 2 }}
            data-testid="summary"
            items={[
              { key: 'applicant', label: t('desk.detail.applicant'), children: <span data-testid="applicant">{name ? `${name} · ${a.applicantPid}` : a.applicantPid}</span> },
              { key: 'submitted', label: t('desk.detail.submitted'), children: viInstant(a.submittedAt, true) },
              { key: 'received', label: t('desk.detail.received'), children: viDate(a.receivedOn) },
              { key: 'due', label: t('desk.detail.due'), children: <Due a={a} /> },
              { key: 'step', label: t('desk.detail.step'), children: <span data-testid="step">{a.step ? pick(a.step.name, i18n.language) : '—'}</span> },
              { key: 'fee', label: t('desk.detail.fee'), children: <Fee app={a} /> },
            ]}
          />
        </Card>
        {linkedParent && (
          <Card size="small" title={t('desk.detail.steps')} style={{ marginBottom: 16 }} data-testid="linked-steps">
            <List
              size="small"
              dataSource={a.steps}
              renderItem={(s) => (
                <List.Item key={s.id}>
                  <Space wrap>
                    <Link to={`/desk/applications/${s.id}`}>{s.code}</Link>
                    <span>{pick(s.serviceName, i18n.language)}</span>
                    <StatusTag status={s.status} />
                    {s.id === current?.id && s.step && <Tag>{pick(s.step.name, i18n.language)}</Tag>}
                  </Space>
                </List.Item>
              )}
            />
          </Card>
        )}
        <Typography.Title level={4}>{t('desk.detail.values')}</Typography.Title>
        {def.isError ? <ProblemAlert error={def.error} /> : def.isPending ? <Skeleton active /> : <ValuesView sections={sections} app={a} />}
        <Card size="small" title={t('desk.detail.documents')} style={{ margin: '4px 0 16px' }}>
          <Documents def={def.data} app={a} />
        </Card>
        <Card size="small" title={t('desk.detail.history')}>
          <History app={a} />
        </Card>
      </div>
    </>
  );
}

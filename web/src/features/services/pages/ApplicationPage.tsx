// One application, for its applicant (/applications/:id): status, the step it waits at and who acts
// there, the deadline in working days, the fee — with the VietQR to pay while it waits for payment
// (refreshed every 3 s until the bank's confirmation starts the clock) —, a form to answer a request
// for a supplement, withdrawal, the procedures a linked application chains, what the application
// says (each value the population database filled with its source), the history, and the result.
import { useState, type ReactNode } from 'react';
import { Alert, Button, Card, Descriptions, Flex, Grid, Input, Modal, Skeleton, Steps, Table, Timeline, Typography, App as AntApp } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { label, useRoles } from '../../../api/reference.ts';
import { viInstant } from '../../../components/dates.ts';
import { ProblemAlert } from '../../../components/problem.tsx';
import { type ApplicationDetail, type DocumentRef, type DocumentRefs, type Values, applicationsApi, isoToTyped } from '../applications.ts';
import { ApplicationForm } from '../components/ApplicationForm.tsx';
import { DueText, StatusTag } from '../components/ApplicationStatus.tsx';
import { useDisplay } from '../components/FieldInput.tsx';
import { PaymentView } from '../components/PaymentCard.tsx';
import { SourceTag } from '../components/SourceTag.tsx';
import { type Field, type FormDefinition, type Definition, fieldsById, pick, servicesApi, useCatalogue, vnd } from '../services.ts';

const OPEN = ['awaiting_payment', 'in_progress', 'supplement_requested'];

function Block({ title, children, testId, extra }: { title: ReactNode; children: ReactNode; testId?: string; extra?: ReactNode }) {
  return (
    <Card size="small" title={title} extra={extra} style={{ marginBottom: 16 }} data-testid={testId}>
      {children}
    </Card>
  );
}

function Payment({ a, onPaid }: { a: ApplicationDetail; onPaid: () => void }) {
  const { t } = useTranslation();
  const p = useQuery({ queryKey: ['payments', a.payment!.id], queryFn: () => servicesApi.payment(a.payment!.id) }); // the application itself is read every 3 s while it waits
  return (
    <Block title={t('services.application.pay')} testId="application-payment">
      <Typography.Paragraph type="secondary">{t('services.application.payWaiting')}</Typography.Paragraph>
      {p.isError ? <ProblemAlert error={p.error} /> : p.isPending ? <Skeleton active /> : <PaymentView p={p.data} onPaid={onPaid} />}
    </Block>
  );
}

function Supplement({ a, def }: { a: ApplicationDetail; def: FormDefinition }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const [note, setNote] = useState('');
  const asked = [...a.events].reverse().find((e) => e.action === 'supplement_requested');
  const fields = fieldsById(def.form.sections);
  // what was sent, as the form shows it: the person's own values (not those the database filled)
  const initialValues = Object.fromEntries(Object.entries(a.values).filter(([id]) => !a.prefilled[id] && fields.has(id)));
  const initialDocuments = a.documents as DocumentRefs;
  const typed = (id: string, v: unknown) => (fields.get(id)?.type === 'date' && typeof v === 'string' ? isoToTyped(v) : v);
  return (
    <Block title={t('services.application.supplementTitle')} testId="application-supplement">
      {asked?.note && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('services.application.supplementNote')} description={<span data-testid="supplement-note">{asked.note}</span>} />
      )}
      <ApplicationForm
        service={def}
        initialValues={initialValues}
        initialDocuments={initialDocuments}
        hideFee
        submitLabel={t('services.application.supplementSend')}
        extra={
          <div style={{ marginBottom: 16 }}>
            <Typography.Text>{t('services.application.supplementYourNote')}</Typography.Text>
            <Input.TextArea value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} autoSize={{ minRows: 2 }} aria-label={t('services.application.supplementYourNote')} />
          </div>
        }
        onSubmit={async (values: Values, documents: DocumentRefs) => {
          const changed: Values = {};
          for (const [id, v] of Object.entries(values)) if (typed(id, a.values[id]) !== v) changed[id] = v;
          const docs: DocumentRefs = {};
          for (const [id, d] of Object.entries(documents)) if (JSON.stringify(d) !== JSON.stringify(initialDocuments[id] as DocumentRef | undefined)) docs[id] = d;
          if (!Object.keys(changed).length && !Object.keys(docs).length && !note.trim()) {
            void message.warning(t('services.application.supplementNothing'));
            return;
          }
          const r = await applicationsApi.supplement(a.id, { values: changed, documents: docs, ...(note.trim() ? { note: note.trim() } : {}) });
          client.setQueryData(['applications', 'one', a.id], r);
          void client.invalidateQueries({ queryKey: ['applications', 'mine'] });
          void message.success(t('services.application.supplementSent'));
        }}
      />
    </Block>
  );
}

function Withdraw({ a }: { a: ApplicationDetail }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const w = useMutation({
    mutationFn: () => applicationsApi.withdraw(a.id, reason.trim() || undefined),
    onSuccess: (r) => {
      client.setQueryData(['applications', 'one', a.id], r);
      void client.invalidateQueries({ queryKey: ['applications', 'mine'] });
      setOpen(false);
      void message.success(t('services.application.withdrawn'));
    },
  });
  return (
    <>
      <Button danger onClick={() => setOpen(true)} data-testid="withdraw">
        {t('services.application.withdraw')}
      </Button>
      <Modal
        open={open}
        title={t('services.application.withdrawConfirm', { code: a.code })}
        okText={t('services.application.withdrawOk')}
        okButtonProps={{ danger: true, loading: w.isPending }}
        cancelText={t('services.application.withdrawCancel')}
        onOk={() => w.mutate()}
        onCancel={() => setOpen(false)}
      >
        <Typography.Paragraph>{t('services.application.withdrawHelp')}</Typography.Paragraph>
        {w.isError && <ProblemAlert error={w.error} />}
        <Input.TextArea value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} placeholder={t('services.application.withdrawReason')} aria-label={t('services.application.withdrawReason')} />
      </Modal>
    </>
  );
}

function LinkedSteps({ a, def }: { a: ApplicationDetail; def: Extract<Definition, { kind: 'linked' }> }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const current = a.steps.findIndex((s) => s.status !== 'completed');
  // steps not started yet are named from the catalogue
  const catalogue = useCatalogue({});
  const nameOf = (id: string) => catalogue.data?.items.find((x) => x.id === id)?.name;
  return (
    <Block title={t('services.application.steps')} testId="application-steps">
      <Steps
        orientation="vertical"
        size="small"
        current={current === -1 ? a.steps.length : current}
        items={def.steps.map((s, i) => {
          const child = a.steps[i];
          return {
            key: s.id,
            status: !child ? 'wait' : child.status === 'completed' ? 'finish' : child.status === 'refused' || child.status === 'withdrawn' ? 'error' : 'process',
            title: child ? pick(child.serviceName, lang) : nameOf(s.procedure) ? pick(nameOf(s.procedure)!, lang) : s.procedure,
            content: (
              <>
                <div>{pick(s.owner.agency, lang)}</div>
                {child ? (
                  <Flex gap={8} wrap align="center">
                    <StatusTag status={child.status} />
                    <Typography.Text type="secondary">{child.code}</Typography.Text>
                    {child.dueOn && <DueText a={child} />}
                  </Flex>
                ) : (
                  <Typography.Text type="secondary">{t('services.application.stepWaiting')}</Typography.Text>
                )}
              </>
            ),
          };
        })}
      />
    </Block>
  );
}

function ValueCell({ field, value }: { field: Field | undefined; value: unknown }) {
  return <>{useDisplay(field, value)}</>;
}

function ValuesTable({ a, def }: { a: ApplicationDetail; def: FormDefinition }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const phone = !Grid.useBreakpoint().sm;
  const rows = def.form.sections.flatMap((s) =>
    s.fields
      .map((f) => ({ id: `${s.id}.${f.name}`, section: pick(s.title, lang), field: f }))
      .filter((r) => a.values[r.id] !== undefined && a.values[r.id] !== null && a.values[r.id] !== ''),
  );
  return (
    <Block title={t('services.application.values')} testId="application-values">
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={rows}
        showHeader={!phone}
        onRow={(r) => ({ 'data-testid': `value-${r.id}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            key: 'field',
            title: t('services.application.field'),
            width: phone ? undefined : '40%',
            render: (_, r) => (
              <>
                <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
                  {r.section}
                </Typography.Text>
                {pick(r.field.label, lang)}
              </>
            ),
          },
          {
            key: 'value',
            title: t('services.application.value'),
            render: (_, r) => {
              const src = a.prefilled[r.id];
              return (
                <>
                  <Typography.Text strong>
                    <ValueCell field={r.field} value={a.values[r.id]} />
                  </Typography.Text>
                  <div>
                    {src ? (
                      <SourceTag source={src.source} updatedAt={src.updatedAt} />
                    ) : (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('services.application.typed')}
                      </Typography.Text>
                    )}
                  </div>
                </>
              );
            },
          },
        ]}
      />
      {Object.keys(a.documents).length > 0 && (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('services.application.documents')}
          </Typography.Title>
          <ul style={{ margin: 0, paddingLeft: 20 }} data-testid="application-documents">
            {Object.entries(a.documents).map(([id, d]) => {
              const doc = def.documents.find((x) => x.id === id);
              const wallet = !!d && typeof d === 'object' && 'walletDocumentId' in d;
              return (
                <li key={id}>
                  {doc ? pick(doc.title, lang) : id} — {t(wallet ? 'services.application.docWallet' : 'services.application.docUpload')}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </Block>
  );
}

function History({ a }: { a: ApplicationDetail }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <Block title={t('services.application.timeline')} testId="application-timeline">
      <Timeline
        items={a.events.map((e, i) => ({
          key: i,
          color: e.action === 'refused' || e.action === 'withdrawn' ? 'red' : e.action === 'completed' || e.action === 'paid' ? 'green' : e.action === 'supplement_requested' ? 'orange' : 'blue',
          content: (
            <div data-testid="timeline-event">
              <Typography.Text strong>{t(`services.application.action.${e.action}`, { defaultValue: e.action })}</Typography.Text>
              <div>
                <Typography.Text type="secondary">
                  {viInstant(e.at, true)} · {pick(e.roleLabel, lang)}
                </Typography.Text>
              </div>
              {e.note && <Typography.Paragraph style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }}>{e.note}</Typography.Paragraph>}
            </div>
          ),
        }))}
      />
    </Block>
  );
}

function Application({ a, def, refetch }: { a: ApplicationDetail; def: Definition | undefined; refetch: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const roles = useRoles();
  const wide = Grid.useBreakpoint().sm;
  const formDef = def && def.kind !== 'module' ? def : undefined;
  const revoked = [...a.events].reverse().find((e) => e.action === 'result_revoked');
  return (
    <>
      <Flex align="center" gap={12} wrap style={{ marginBottom: 8 }}>
        <Typography.Title level={2} style={{ margin: 0 }} data-testid="application-code">
          {t('services.application.title', { code: a.code })}
        </Typography.Title>
        <StatusTag status={a.status} large />
      </Flex>
      <Typography.Paragraph style={{ fontSize: 16 }}>
        <Link to={`/services/${a.serviceId}`}>{pick(a.serviceName, lang)}</Link>
      </Typography.Paragraph>
      <Descriptions bordered size="small" column={1} layout={wide ? 'horizontal' : 'vertical'} style={{ marginBottom: 16 }} data-testid="application-facts">
        <Descriptions.Item label={t('services.application.channel')}>{t(`services.channel.${a.channel}`)}</Descriptions.Item>
        <Descriptions.Item label={t('services.application.submitted')}>{viInstant(a.submittedAt, true)}</Descriptions.Item>
        {a.receivedOn && <Descriptions.Item label={t('services.application.received')}>{isoToTyped(a.receivedOn)}</Descriptions.Item>}
        {a.step && OPEN.includes(a.status) && (
          <Descriptions.Item label={t('services.application.step')}>
            <span data-testid="application-step">{t('services.application.stepBy', { step: pick(a.step.name, lang), who: label(roles.data?.items, a.step.role, lang) })}</span>
          </Descriptions.Item>
        )}
        {OPEN.includes(a.status) && (
          <Descriptions.Item label={t('services.application.deadline')}>
            {a.status === 'supplement_requested' && a.daysLeftWhenPaused !== null ? (
              <Typography.Text type="warning">{t('services.application.pausedDays', { count: a.daysLeftWhenPaused })}</Typography.Text>
            ) : (
              <DueText a={a} />
            )}
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('services.application.fee')}>
          <span data-testid="application-fee">
            {a.fee.amount === 0 ? t('services.application.free') : vnd(a.fee.amount, lang)}
            {a.fee.paid && ` — ${t(a.fee.paid === 'online' ? 'services.application.feePaidOnline' : 'services.application.feePaidDesk')}`}
          </span>
        </Descriptions.Item>
      </Descriptions>

      {a.status === 'completed' && (
        <Alert
          type={revoked ? 'warning' : 'success'}
          showIcon
          style={{ marginBottom: 16 }}
          title={t('services.application.completed')}
          description={revoked ? t('services.application.resultRevoked', { reason: revoked.note ?? '' }) : undefined}
          data-testid="application-result"
          action={
            a.result?.walletDocumentId ? (
              <Link to={`/wallet#${a.result.walletDocumentId}`}>
                <Button type="primary">{t('services.application.resultWallet')}</Button>
              </Link>
            ) : undefined
          }
        />
      )}
      {a.status === 'refused' && a.result?.reasons && (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} title={t('services.application.refusedReasons', { reasons: a.result.reasons })} data-testid="application-result" />
      )}
      {a.status === 'withdrawn' && a.result?.reasons && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('services.application.withdrawnReasons', { reasons: a.result.reasons })} />}

      {a.status === 'awaiting_payment' && a.payment && <Payment a={a} onPaid={refetch} />}
      {a.status === 'supplement_requested' && formDef && <Supplement a={a} def={formDef} />}
      {def?.kind === 'linked' && <LinkedSteps a={a} def={def} />}
      {formDef && <ValuesTable a={a} def={formDef} />}
      <History a={a} />
      {OPEN.includes(a.status) && !a.parentId && <Withdraw a={a} />}
    </>
  );
}

export default function ApplicationPage() {
  const { t } = useTranslation();
  const id = useParams().id ?? '';
  const app = useQuery({
    queryKey: ['applications', 'one', id],
    queryFn: () => applicationsApi.get(id),
    // waiting for the bank: look again every 3 s until the payment starts the clock; while the
    // agencies work on it, every 15 s (each step's decision shows without a reload)
    refetchInterval: (q) => {
      const status = q.state.data?.status;
      return status === 'awaiting_payment' ? 3000 : status === 'in_progress' || status === 'supplement_requested' ? 15_000 : false;
    },
  });
  const serviceId = app.data?.serviceId;
  const def = useQuery({ queryKey: ['services', 'one', serviceId], queryFn: () => servicesApi.get(serviceId!), enabled: !!serviceId });
  return (
    <div style={{ maxWidth: 960 }}>
      <Link to="/applications">← {t('services.application.back')}</Link>
      <div style={{ marginTop: 8 }}>
        {app.isError ? <ProblemAlert error={app.error} /> : app.isPending ? <Skeleton active /> : <Application a={app.data} def={def.data} refetch={() => void app.refetch()} />}
      </div>
    </div>
  );
}

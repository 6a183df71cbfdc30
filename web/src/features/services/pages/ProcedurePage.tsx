// One procedure of the catalogue, for anyone: who handles it, on what legal basis, how long it
// takes, what it costs (each fee rule in words, exemptions), the documents, the form as a read-only
// preview (fields the population database fills are marked), the workflow and the result; a linked
// procedure shows the procedures it chains, lodging notification leads to the lodging screens.
// "Nộp hồ sơ trực tuyến" opens the application form (/services/:id/apply; a module's own screens).
import type { ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, List, Skeleton, Space, Steps, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ProblemAlert } from '../../../components/problem.tsx';
import { ConditionText } from '../components/Condition.tsx';
import { FeeRuleView } from '../components/FeeRuleView.tsx';
import { FormPreview } from '../components/FormPreview.tsx';
import { type Definition, type Field, fieldsById, pick, servicesApi, useCatalogue } from '../services.ts';

/** Where a procedure served by another module of the platform is done. */
const MODULE_PAGES: Record<Extract<Definition, { kind: 'module' }>['handledBy'], string> = { lodging: '/lodging/declare' };

function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <Card size="small" title={title} style={{ marginBottom: 16 }} data-testid={testId}>
      {children}
    </Card>
  );
}

function Days({ days }: { days: number }) {
  const { t } = useTranslation();
  return <>{days === 0 ? t('services.days.sameDay') : t('services.days.working', { count: days })}</>;
}

function Fee({ d, fields }: { d: Definition; fields: Map<string, Field> }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <Section title={t('services.procedure.fee')} testId="procedure-fee">
      <FeeRuleView rule={d.fee.rule} fields={fields} />
      {d.fee.note && <Typography.Paragraph style={{ marginTop: 8 }}>{pick(d.fee.note, lang)}</Typography.Paragraph>}
      {d.fee.exemptions.length > 0 && (
        <>
          <Typography.Paragraph strong style={{ margin: '8px 0 4px' }}>
            {t('services.fee.exemptions')}
          </Typography.Paragraph>
          <ul style={{ margin: 0, paddingLeft: 20 }}>
            {d.fee.exemptions.map((e) => (
              <li key={e.category}>
                {pick(e.label, lang)}: {e.reduction === 100 ? t('services.fee.exempt') : t('services.fee.reduced', { percent: e.reduction })}
              </li>
            ))}
          </ul>
        </>
      )}
      {d.fee.basis.length > 0 && (
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 13 }}>
          {t('services.procedure.basis', { basis: d.fee.basis.join('; ') })}
        </Typography.Paragraph>
      )}
    </Section>
  );
}

function Documents({ d, fields }: { d: Extract<Definition, { documents: unknown }>; fields: Map<string, Field> }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <Section title={t('services.procedure.documents')} testId="procedure-documents">
      {d.documents.length === 0 ? (
        <Typography.Text>{t('services.procedure.noDocuments')}</Typography.Text>
      ) : (
        <List
          size="small"
          dataSource={d.documents}
          renderItem={(doc) => (
            <List.Item key={doc.id} style={{ display: 'block' }}>
              <Typography.Text strong>{pick(doc.title, lang)}</Typography.Text>{' '}
              <Tag color={doc.required ? 'red' : 'default'}>{t(doc.required ? 'services.document.required' : 'services.document.optional')}</Tag>
              {doc.reuse === 'wallet' && <Tag color="green">{t('services.document.reuse')}</Tag>}
              {doc.when && (
                <div>
                  <Typography.Text type="secondary">
                    <ConditionText when={doc.when} fields={fields} />
                  </Typography.Text>
                </div>
              )}
              {doc.note && <Typography.Paragraph style={{ margin: '4px 0 0' }}>{pick(doc.note, lang)}</Typography.Paragraph>}
            </List.Item>
          )}
        />
      )}
    </Section>
  );
}

function Chain({ d }: { d: Extract<Definition, { kind: 'linked' }> }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const all = useCatalogue({});
  const names = new Map(all.data?.items.map((s) => [s.id, s.name]));
  return (
    <Section title={t('services.procedure.chain')} testId="procedure-chain">
      <Typography.Paragraph>{t('services.procedure.chainIntro')}</Typography.Paragraph>
      <Steps
        orientation="vertical"
        size="small"
        current={-1}
        items={d.steps.map((s) => {
          const name = names.get(s.procedure);
          return {
            key: s.id,
            title: <Link to={`/services/${s.procedure}`}>{name ? pick(name, lang) : s.procedure}</Link>,
            description: (
              <>
                <div>
                  {pick(s.owner.agency, lang)} · <Days days={s.workingDays} />
                </div>
                <div>{t(`services.refusal.${s.onRefusal}`)}</div>
                {s.onRefusal === 'abort' && <Typography.Text type="secondary">{pick(s.compensation.description, lang)}</Typography.Text>}
              </>
            ),
          };
        })}
      />
    </Section>
  );
}

function Workflow({ d, fields }: { d: Extract<Definition, { kind: 'single' }>; fields: Map<string, Field> }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <>
      <Section title={t('services.procedure.workflow')} testId="procedure-workflow">
        <Steps
          orientation="vertical"
          size="small"
          current={-1}
          items={d.workflow.steps.map((s) => ({
            key: s.id,
            title: pick(s.name, lang),
            description: (
              <>
                {s.agency ? pick(s.agency, lang) : t(`services.unit.${s.unit}`)}
                {s.when && (
                  <div>
                    <ConditionText when={s.when} fields={fields} />
                  </div>
                )}
              </>
            ),
          }))}
        />
      </Section>
      <Section title={t('services.procedure.result')} testId="procedure-result">
        <Typography.Text strong>{pick(d.result.title, lang)}</Typography.Text>
        <div style={{ marginTop: 4 }}>
          {d.result.credential && <Tag color="green">{t('services.result.credential')}</Tag>}
          {d.result.delivery.map((w) => (
            <Tag key={w}>{t(`services.result.delivery.${w}`)}</Tag>
          ))}
        </div>
        {d.result.note && <Typography.Paragraph style={{ margin: '8px 0 0' }}>{pick(d.result.note, lang)}</Typography.Paragraph>}
      </Section>
    </>
  );
}

function Procedure({ d }: { d: Definition }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const fields = d.kind === 'module' ? new Map<string, Field>() : fieldsById(d.form.sections);
  const p = d.processing;
  return (
    <>
      <Typography.Title level={2} style={{ marginBottom: 8 }}>
        {pick(d.name, lang)}
      </Typography.Title>
      <Space wrap size={4} style={{ marginBottom: 16 }}>
        {d.essential !== null && <Tag color="red">{t('services.catalogue.number', { n: d.essential })}</Tag>}
        {d.kind === 'linked' && <Tag color="purple">{t('services.kind.linked')}</Tag>}
        <Tag color={d.online === 'full' ? 'green' : 'gold'}>{t(`services.online.${d.online}`)}</Tag>
        <Tag>{t('services.eidLevel', { level: d.eidLevel })}</Tag>
      </Space>
      <div style={{ marginBottom: 16 }}>
        <Link to={d.kind === 'module' ? MODULE_PAGES[d.handledBy] : `/services/${d.id}/apply`}>
          <Button type="primary" size="large" data-testid="apply-online">
            {t('services.procedure.apply')}
          </Button>
        </Link>
      </div>
      <Descriptions bordered size="small" column={1} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('services.procedure.nationalCode')}>{d.nationalCode ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('services.procedure.sector')}>{t(`services.sector.${d.sector}`)}</Descriptions.Item>
        <Descriptions.Item label={t('services.procedure.agency')}>
          {pick(d.agency.name, lang)}
          <br />
          <Typography.Text type="secondary">{t(`services.level.${d.agency.level}`)}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('services.procedure.processing')}>
          <span data-testid="procedure-days">
            <Days days={p.workingDays} />
          </span>
          {p.extendedWorkingDays !== undefined && p.extendedWhen && <div>{t('services.days.extended', { count: p.extendedWorkingDays, when: pick(p.extendedWhen, lang) })}</div>}
          {p.note && <div>{pick(p.note, lang)}</div>}
          {p.basis && (
            <div>
              <Typography.Text type="secondary">{t('services.procedure.basis', { basis: p.basis })}</Typography.Text>
            </div>
          )}
        </Descriptions.Item>
      </Descriptions>
      <Section title={t('services.procedure.legalBasis')} testId="procedure-legal">
        <ul style={{ margin: 0, paddingLeft: 20 }}>
          {d.legalBasis.map((b) => (
            <li key={b.doc}>
              {b.doc}
              {b.articles && `, ${b.articles}`}
              {b.note && <Typography.Text type="secondary"> — {pick(b.note, lang)}</Typography.Text>}
            </li>
          ))}
        </ul>
      </Section>
      <Fee d={d} fields={fields} />
      {d.kind === 'module' ? (
        <Section title={t('services.procedure.howTo')} testId="procedure-module">
          {d.note && <Typography.Paragraph>{pick(d.note, lang)}</Typography.Paragraph>}
          <Link to="/lodging/declare">
            <Button type="primary">{t('services.procedure.toLodging')}</Button>
          </Link>
        </Section>
      ) : (
        <>
          <Documents d={d} fields={fields} />
          <Section title={t('services.procedure.form')}>
            <Typography.Paragraph type="secondary">{t('services.procedure.formIntro')}</Typography.Paragraph>
            <FormPreview sections={d.form.sections} prefill={d.prefill} fields={fields} />
          </Section>
          {d.kind === 'linked' ? <Chain d={d} /> : <Workflow d={d} fields={fields} />}
        </>
      )}
    </>
  );
}

export default function ProcedurePage() {
  const { t } = useTranslation();
  const id = useParams().id ?? '';
  const def = useQuery({ queryKey: ['services', 'one', id], queryFn: () => servicesApi.get(id) });
  return (
    <div style={{ maxWidth: 960 }}>
      <Link to="/services">← {t('services.catalogue.title')}</Link>
      <div style={{ marginTop: 8 }}>{def.isError ? <ProblemAlert error={def.error} /> : def.isPending ? <Skeleton active /> : <Procedure d={def.data} />}</div>
    </div>
  );
}

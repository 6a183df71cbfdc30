// The application form of a procedure, for the citizen online, at a kiosk and at the one-stop desk
// (with `applicantPid`): the definition's sections and fields, shown or hidden live by their
// conditions; what the national population database knows filled in by POST
// /api/v1/services/:id/prefill — on opening and again whenever a value a binding depends on changes
// (who applies, a personal ID typed) — shown read-only with its source and date (a wrong value is
// corrected through its own procedure, never typed over), or as a suggestion the person may change;
// the documents (upload, or reuse from the wallet); the fee as it stands. Only what the person
// typed (and suggestions) is sent; the server's field errors land on their fields and in a summary.
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Alert, Button, Card, Col, Flex, Form, Row, Spin, Tag, Typography, type FormItemProps } from 'antd';
import { parsePartialDate } from '@open06/kernel';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client.ts';
import { ProblemAlert, problemText } from '../../../components/problem.tsx';
import {
  type DocumentRef,
  type DocumentRefs,
  type PrefillEntry,
  type Values,
  applicationsApi,
  holds,
  isoToTyped,
  prefillInputs,
  quoteFee,
  shownFields,
  useWallet,
} from '../applications.ts';
import { type Field, type FormDefinition, type ServiceDefinition, fieldsById, pick, vnd } from '../services.ts';
import { DocumentInput } from './DocumentInput.tsx';
import { FeeRuleView } from './FeeRuleView.tsx';
import { FieldInput, LockedValue } from './FieldInput.tsx';
import { SourceTag } from './SourceTag.tsx';

type Rule = NonNullable<FormItemProps['rules']>[number];

export interface ApplicationFormProps {
  service: ServiceDefinition;
  /** At the desk: the applicant whose record fills the form (officials only). */
  applicantPid?: string;
  /** Values typed (prefilled ones excluded, suggestions included) and documents; throw the API's error to show it on the fields. */
  onSubmit(values: Values, documents: DocumentRefs): Promise<void>;
  submitLabel: ReactNode;
  /** Shown above the submit button (the desk's "fee collected"). */
  extra?: ReactNode;
  /** How the fee is quoted; default online for a citizen, desk with `applicantPid` (a kiosk counts as the desk). */
  channel?: 'online' | 'desk';
  /** Values already given (a supplement): dates as the API returns them (yyyy-mm-dd). */
  initialValues?: Record<string, unknown>;
  initialDocuments?: DocumentRefs;
  /** Hide the fee card (a supplement). */
  hideFee?: boolean;
}

const DOC = 'document:';
const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** `body.values.child.birthDate` → `child.birthDate`; `body.documents.x` → `document:x`. */
function fieldOfPath(path: string): string | undefined {
  const v = /^body\.values\.(.+)$/.exec(path);
  if (v) return v[1];
  const d = /^body\.documents\.(.+)$/.exec(path);
  return d ? `${DOC}${d[1]}` : undefined;
}

function FeeCard({ def, values, channel }: { def: FormDefinition; values: Record<string, unknown>; channel: 'online' | 'desk' }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const fields = useMemo(() => fieldsById(def.form.sections), [def]);
  const q = quoteFee(def.fee.rule, channel, values);
  return (
    <Card size="small" title={t('services.form.fee')} data-testid="form-fee" style={{ marginBottom: 16 }}>
      {q ? (
        <>
          <Typography.Text>
            {t('services.form.feeDue')}{' '}
            <Typography.Text strong data-testid="form-fee-amount">
              {q.amount === 0 ? t('services.fee.free') : vnd(q.amount, lang)}
            </Typography.Text>
          </Typography.Text>
          {q.lines.length > 1 && (
            <ul style={{ margin: '4px 0 0', paddingLeft: 20 }}>
              {q.lines.map((l, i) => (
                <li key={i}>
                  {l.label ? pick(l.label, lang) : ''}: {l.amount === 0 ? t('services.fee.free') : vnd(l.amount, lang)}
                </li>
              ))}
            </ul>
          )}
        </>
      ) : (
        <>
          <Typography.Paragraph style={{ marginBottom: 4 }}>{t('services.form.feeRule')}</Typography.Paragraph>
          <FeeRuleView rule={def.fee.rule} fields={fields} />
        </>
      )}
      {def.fee.exemptions.length > 0 && (
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 13 }}>
          {t('services.form.feeExemptNote')}
        </Typography.Paragraph>
      )}
    </Card>
  );
}

function TheForm({ def, applicantPid, onSubmit, submitLabel, extra, channel, initialValues, initialDocuments, hideFee }: ApplicationFormProps & { def: FormDefinition; channel: 'online' | 'desk' }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [form] = Form.useForm();
  const fieldMap = useMemo(() => fieldsById(def.form.sections), [def]);
  const initial = useMemo(() => {
    const out: Record<string, unknown> = {};
    for (const [id, v] of Object.entries(initialValues ?? {})) out[id] = fieldMap.get(id)?.type === 'date' && typeof v === 'string' ? isoToTyped(v) : v;
    for (const [id, d] of Object.entries(initialDocuments ?? {})) out[`${DOC}${id}`] = d;
    return out;
  }, [initialValues, initialDocuments, fieldMap]);
  const [values, setValues] = useState<Record<string, unknown>>(initial);
  const [entries, setEntries] = useState<Record<string, PrefillEntry>>({});
  const [ready, setReady] = useState(false);
  const [loading, setLoading] = useState(false);
  const [prefillError, setPrefillError] = useState<unknown>(null);
  const [summary, setSummary] = useState<{ title: string; items: string[] } | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const touched = useRef(new Set<string>(Object.keys(initialValues ?? {})));
  const entriesRef = useRef(entries);
  const problemFields = useRef<string[]>([]);
  const seq = useRef(0);
  const summaryRef = useRef<HTMLDivElement>(null);

  const needsWallet = !applicantPid && def.documents.some((d) => d.reuse === 'wallet');
  const wallet = useWallet(needsWallet);

  const locked = (id: string) => !!entries[id] && !entries[id]!.editable;
  const shown = useMemo(() => shownFields(def.form.sections, values), [def, values]);

  // what the prefill depends on: the bindings' conditions and pid fields, as typed (not what it filled itself)
  const deps = useMemo(() => prefillInputs(def), [def]);
  const depValues: Values = {};
  for (const id of [...deps].sort()) {
    const v = values[id];
    if (blank(v) || locked(id)) continue;
    if (fieldMap.get(id)?.type === 'pid' && !/^\d{12}$/.test(String(v))) continue;
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') depValues[id] = v;
  }
  const depKey = JSON.stringify(depValues);

  useEffect(() => {
    const n = ++seq.current;
    const typed = JSON.parse(depKey) as Values;
    const timer = setTimeout(() => {
      setLoading(true);
      applicationsApi
        .prefill(def.id, typed, applicantPid)
        .then((r) => {
          if (n !== seq.current) return;
          setPrefillError(null);
          const before = entriesRef.current;
          const updates: Record<string, unknown> = {};
          for (const [id, e] of Object.entries(r.entries)) {
            if (!e.editable) updates[id] = e.value;
            else if (!touched.current.has(id)) updates[id] = fieldMap.get(id)?.type === 'date' && typeof e.value === 'string' ? isoToTyped(e.value) : e.value;
          }
          // a value filled for an earlier choice (the father's ID when the mother applied) goes with it
          for (const [id, e] of Object.entries(before)) if (!(id in r.entries) && (!e.editable || !touched.current.has(id))) updates[id] = undefined;
          form.setFieldsValue(updates);
          entriesRef.current = r.entries;
          setEntries(r.entries);
          // problems of the prefill (a person not linked to the applicant) on their fields
          const now = r.problems.map((p) => ({ name: fieldOfPath(p.path) ?? p.path, errors: [pick(p.message, lang)] }));
          form.setFields([...problemFields.current.filter((f) => !now.some((x) => x.name === f)).map((name) => ({ name, errors: [] })), ...now]);
          problemFields.current = now.map((x) => x.name);
          setValues(form.getFieldsValue(true) as Record<string, unknown>);
        })
        .catch((err: unknown) => n === seq.current && setPrefillError(err))
        .finally(() => {
          if (n !== seq.current) return;
          setLoading(false);
          setReady(true);
        });
    }, 250);
    return () => clearTimeout(timer);
    // depKey stands for the values the prefill depends on; the form instance and field map are stable
  }, [depKey, def.id, applicantPid]);

  const rulesOf = (f: Field): Rule[] => {
    const label = pick(f.label, lang);
    const rules: Rule[] = [];
    if (f.required) rules.push({ validator: async (_r, v) => (blank(v) ? Promise.reject(new Error(t('services.form.required', { field: label }))) : undefined) });
    if (f.type === 'date')
      rules.push({
        validator: async (_r, v: unknown) => {
          if (blank(v)) return;
          const p = parsePartialDate(String(v));
          if (!p.ok) throw new Error(pick(p.error, lang));
          if (!f.partial && p.value.day === undefined) throw new Error(t('services.form.dateFull'));
        },
      });
    if (f.type === 'pid') rules.push({ pattern: /^\d{12}$/, message: t('services.form.pidInvalid') });
    if (f.type === 'text' && f.pattern) {
      const re = (() => {
        try {
          return new RegExp(f.pattern, 'u');
        } catch {
          return null;
        }
      })();
      if (re) rules.push({ validator: async (_r, v: unknown) => (blank(v) || re.test(String(v).trim()) ? undefined : Promise.reject(new Error(t('services.form.pattern', { field: label })))) });
    }
    return rules;
  };

  const docsShown = def.documents.filter((d) => holds(d.when, Object.fromEntries(Object.entries(values).filter(([k]) => shown.has(k)))));
  const anyLocked = Object.values(entries).some((e) => !e.editable);

  const finish = async () => {
    const all = form.getFieldsValue(true) as Record<string, unknown>;
    const out: Values = {};
    for (const id of shown) {
      const v = all[id];
      if (blank(v) || locked(id)) continue;
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[id] = typeof v === 'string' ? v.trim() : v;
    }
    const docs: DocumentRefs = {};
    for (const d of docsShown) {
      const ref = all[`${DOC}${d.id}`] as DocumentRef | undefined;
      if (ref) docs[d.id] = ref;
    }
    setSummary(null);
    setSubmitting(true);
    try {
      await onSubmit(out, docs);
    } catch (err) {
      const { message } = problemText(err);
      const errors = err instanceof ApiError ? (err.problem.errors ?? []) : [];
      const onFields = errors.map((e) => ({ name: fieldOfPath(e.path), errors: [e.message] })).filter((x): x is { name: string; errors: string[] } => !!x.name);
      form.setFields(onFields);
      setSummary({ title: errors.length ? t('services.form.errorsTitle') : message, items: errors.length ? errors.map((e) => e.message) : [] });
      requestAnimationFrame(() => summaryRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' }));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Spin spinning={!ready} description={t('services.form.loadingPrefill')}>
      <div ref={summaryRef} />
      {summary && (
        <Alert
          type="error"
          showIcon
          role="alert"
          data-testid="form-errors"
          title={summary.title}
          description={
            summary.items.length ? (
              <ul style={{ margin: 0, paddingLeft: 20 }}>
                {summary.items.map((m, i) => (
                  <li key={i}>{m}</li>
                ))}
              </ul>
            ) : undefined
          }
          style={{ marginBottom: 16 }}
        />
      )}
      {prefillError ? <ProblemAlert error={prefillError} testId="prefill-problem" /> : null}
      {anyLocked && <Alert type="info" showIcon title={t('services.form.lockedNote')} style={{ marginBottom: 16 }} data-testid="locked-note" />}
      <Form
        form={form}
        layout="vertical"
        initialValues={initial}
        onValuesChange={(changed: Record<string, unknown>) => {
          for (const k of Object.keys(changed)) touched.current.add(k);
          setValues(form.getFieldsValue(true) as Record<string, unknown>);
        }}
        onFinish={() => void finish()}
        onFinishFailed={() => setSummary({ title: t('services.form.checkFields'), items: [] })}
        scrollToFirstError
        data-testid="application-form"
      >
        {def.form.sections.map((s) => {
          const fields = s.fields.filter((f) => shown.has(`${s.id}.${f.name}`));
          if (!fields.length) return null;
          return (
            <Card key={s.id} size="small" title={pick(s.title, lang)} style={{ marginBottom: 16 }} data-testid={`section-${s.id}`}>
              <Row gutter={16}>
                {fields.map((f) => {
                  const id = `${s.id}.${f.name}`;
                  const e = entries[id];
                  const wide = f.type === 'commune' || (f.type === 'text' && f.multiline) || f.type === 'file';
                  return (
                    <Col key={id} xs={24} md={wide ? 24 : 12} data-testid={`field-${id}`}>
                      {e && !e.editable ? (
                        <Form.Item name={id} label={pick(f.label, lang)} extra={<SourceTag source={e.source} updatedAt={e.updatedAt} />}>
                          <LockedValue field={f} />
                        </Form.Item>
                      ) : (
                        <Form.Item
                          name={id}
                          label={pick(f.label, lang)}
                          required={f.required}
                          rules={rulesOf(f)}
                          extra={
                            e ? (
                              <Tag color="blue" data-testid="suggested-tag" style={{ marginTop: 4 }}>
                                {t('services.form.suggested')}
                              </Tag>
                            ) : f.help ? (
                              pick(f.help, lang)
                            ) : undefined
                          }
                        >
                          <FieldInput field={f} applicantPid={applicantPid} />
                        </Form.Item>
                      )}
                    </Col>
                  );
                })}
              </Row>
            </Card>
          );
        })}
        {docsShown.length > 0 && (
          <Card size="small" title={t('services.form.documents')} style={{ marginBottom: 16 }} data-testid="form-documents">
            {docsShown.map((d) => (
              <Form.Item
                key={d.id}
                name={`${DOC}${d.id}`}
                label={pick(d.title, lang)}
                required={d.required}
                rules={d.required ? [{ validator: async (_r, v) => (v ? undefined : Promise.reject(new Error(t('services.form.documentRequired')))) }] : []}
                extra={d.note ? pick(d.note, lang) : undefined}
                data-testid={`document-${d.id}`}
              >
                <DocumentInput doc={d} applicantPid={applicantPid} wallet={(wallet.data?.items ?? []).filter((w) => w.status === 'valid' && w.kind === d.credential)} />
              </Form.Item>
            ))}
          </Card>
        )}
        {!hideFee && <FeeCard def={def} values={Object.fromEntries(Object.entries(values).filter(([k]) => shown.has(k)))} channel={channel} />}
        {extra}
        <Flex gap={8} align="center" wrap>
          <Button type="primary" htmlType="submit" size="large" loading={submitting} disabled={!ready} data-testid="application-submit">
            {submitLabel}
          </Button>
          {loading && ready && <Typography.Text type="secondary">{t('services.form.refreshing')}</Typography.Text>}
        </Flex>
      </Form>
    </Spin>
  );
}

export function ApplicationForm(props: ApplicationFormProps) {
  const { t } = useTranslation();
  const def = props.service;
  if (def.kind === 'module') return <Alert type="info" showIcon title={t('services.form.moduleKind')} />;
  // a fresh form per procedure and applicant: nothing typed for one leaks into another
  return <TheForm key={`${def.id}:${props.applicantPid ?? ''}`} {...props} def={def} channel={props.channel ?? (props.applicantPid ? 'desk' : 'online')} />;
}

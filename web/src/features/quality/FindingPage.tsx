// One finding: what the rule checks and why, the evidence, the suggested fix, the person's record
// as the registry holds it; and the ways to resolve it — correct the record, merge the duplicates
// (side-by-side view), or dismiss with a reason. Each is kept in the person's history.
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Select, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCodeLists } from '../../api/reference.ts';
import { viDate, viInstant } from '../../components/dates.ts';
import { PersonFacts } from '../../components/PersonFacts.tsx';
import type { Person } from '../../components/person.ts';
import { applyProblem, ProblemAlert } from '../../components/problem.tsx';
import { UnitPicker } from '../../components/UnitPicker.tsx';
import { probabilityText, SEVERITY_COLOR, text, type Finding, type ResolveResult, resolveFinding, usePersonForQuality, useFinding, useRules } from './quality.ts';

/** Attributes an officer may correct from a finding (the registry's editable ones). */
const EDITABLE = ['fullName', 'birthDate', 'sex', 'ethnicity', 'religion', 'nationality', 'birthRegProvince', 'birthPlace', 'hometown', 'oldId', 'lifeStatus', 'deathDate', 'maritalStatus', 'fatherPid', 'motherPid', 'spousePid', 'phone', 'email'];
const RESIDENCE_RULES = ['commune_abolished', 'address_current_units'];

/** The attributes a correction of this finding concerns, and the values it suggests. */
function correction(f: Finding, p: Person): { fields: string[]; suggested: Record<string, unknown> } {
  const e = f.evidence;
  const suggested: Record<string, unknown> = {};
  let fields = f.fields.filter((x) => EDITABLE.includes(x));
  if (f.rule === 'name_diacritics' || f.rule === 'name_spelling') {
    const s = String(e.suggestion ?? '');
    suggested.fullName = f.rule === 'name_spelling' && s && s !== '?' ? p.fullName.replace(String(e.word), s) : s && s !== '?' ? s : p.fullName;
  }
  if (f.rule === 'pid_consistent') {
    const problems = (e.problems as string[] | undefined) ?? [];
    if (problems.includes('sex_mismatch')) suggested.sex = p.sex === 'M' ? 'F' : 'M';
    if (problems.includes('birth_year_mismatch') && typeof e.pidYear === 'number') suggested.birthDate = `${e.pidYear}${p.birthDate.slice(4)}`;
  }
  if (f.rule === 'phone_e164' && e.suggestion && e.suggestion !== '?') suggested.phone = e.suggestion;
  if (f.rule === 'reported_dead_elsewhere' || f.rule === 'implausible_age_alive') {
    fields = ['lifeStatus', 'deathDate'];
    suggested.lifeStatus = 'deceased';
    if (typeof e.deathDate === 'string') suggested.deathDate = e.deathDate;
  }
  if (f.rule === 'sector_conflict') {
    const field = f.key.split(':')[1]!;
    fields = [field];
    if (field === 'sex') suggested.sex = p.sex === 'M' ? 'F' : 'M';
    else if (typeof e.sectorValue === 'string') suggested[field] = e.sectorValue;
  }
  if (f.rule === 'nothing_after_death') fields = ['deathDate', 'lifeStatus'];
  const values: Record<string, unknown> = {};
  for (const k of fields) values[k] = suggested[k] ?? (p as unknown as Record<string, unknown>)[k] ?? null;
  return { fields, suggested: values };
}

/** An input for one attribute; Form.Item's value, onChange and id pass through to it. */
function FieldInput({ name, ...rest }: { name: string; value?: unknown; onChange?: (v: unknown) => void; id?: string }) {
  const { t } = useTranslation();
  const codes = useCodeLists();
  const props = rest as Record<string, never>;
  if (name === 'sex') return <Select {...props} options={[{ value: 'M', label: t('person.male') }, { value: 'F', label: t('person.female') }]} />;
  if (name === 'lifeStatus') return <Select {...props} options={['alive', 'deceased', 'missing'].map((v) => ({ value: v, label: t(`quality.life.${v}`) }))} />;
  if (name === 'maritalStatus') return <Select {...props} allowClear options={['single', 'married', 'divorced', 'widowed'].map((v) => ({ value: v, label: t(`quality.marital.${v}`) }))} />;
  if (name === 'ethnicity') return <Select {...props} showSearch optionFilterProp="label" options={(codes.data?.ethnicities ?? []).map((e) => ({ value: e.code, label: e.name }))} />;
  if (name === 'religion') return <Select {...props} showSearch optionFilterProp="label" options={(codes.data?.religions ?? []).map((e) => ({ value: e.code, label: e.name }))} />;
  return <Input {...props} />;
}

function CorrectDialog({ finding, person, open, onClose, onDone }: { finding: Finding; person: Person; open: boolean; onClose: () => void; onDone: (r: ResolveResult) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const residence = RESIDENCE_RULES.includes(finding.rule);
  const { fields, suggested } = correction(finding, person);
  const kind = residence ? (finding.key === 'temporary' || finding.key === 'current' ? finding.key : 'permanent') : 'permanent';
  const current = person.residences.find((r) => r.kind === kind);
  const communes = (finding.evidence.suggestedCommunes as string[] | undefined) ?? [];
  const initial = residence
    ? { communeCode: communes[0] ?? current?.communeCode ?? undefined, detail: current?.detail ?? '', reason: '' }
    : { ...suggested, reason: '' };

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      const changes: Record<string, unknown> = {};
      if (!residence) for (const k of fields) if (v[k] !== (person as unknown as Record<string, unknown>)[k]) changes[k] = v[k] === '' ? null : v[k];
      const r = await resolveFinding(finding.id, residence
        ? { action: 'correct', reason: v.reason, residence: { kind, communeCode: v.communeCode, detail: v.detail } }
        : { action: 'correct', reason: v.reason, changes, version: person.version });
      onDone(r);
    } catch (err) {
      setError(applyProblem(form, err, [...fields, 'communeCode', 'detail', 'reason'], Object.fromEntries(fields.map((f) => [`body.changes.${f}`, f]))));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open={open} title={t('quality.correct.title')} onCancel={onClose} onOk={() => void submit()} okText={t('quality.correct.submit')} cancelText={t('quality.cancel')} confirmLoading={busy} destroyOnHidden width={560}>
      <Typography.Paragraph type="secondary">{t('quality.correct.intro')}</Typography.Paragraph>
      {error ? <ProblemAlert error={error} /> : null}
      <Form form={form} layout="vertical" initialValues={initial} data-testid="correct-form">
        {residence ? (
          <>
            <Form.Item name="communeCode" label={t('quality.correct.commune')} rules={[{ required: true, message: t('quality.correct.communeRequired') }]}>
              <UnitPicker level="commune" aria-label={t('quality.correct.commune')} />
            </Form.Item>
            <Form.Item name="detail" label={t('quality.correct.detail')} rules={[{ required: true, message: t('quality.correct.detailRequired') }]}>
              <Input />
            </Form.Item>
          </>
        ) : fields.length ? (
          fields.map((f) => (
            <Form.Item key={f} name={f} label={t(`quality.attr.${f}`, { defaultValue: f })}>
              <FieldInput name={f} />
            </Form.Item>
          ))
        ) : (
          <Alert type="info" showIcon title={t('quality.correct.nothing')} />
        )}
        <Form.Item name="reason" label={t('quality.reason')} rules={[{ required: true, min: 3, message: t('quality.reasonRequired') }]}>
          <Input.TextArea rows={2} placeholder={t('quality.correct.reasonPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function DismissDialog({ finding, open, onClose, onDone }: { finding: Finding; open: boolean; onClose: () => void; onDone: (r: ResolveResult) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      onDone(await resolveFinding(finding.id, { action: 'dismiss', reason: v.reason }));
    } catch (err) {
      setError(applyProblem(form, err, ['reason']));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} title={t('quality.dismiss.title')} onCancel={onClose} onOk={() => void submit()} okText={t('quality.dismiss.submit')} okButtonProps={{ danger: true }} cancelText={t('quality.cancel')} confirmLoading={busy} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('quality.dismiss.intro')}</Typography.Paragraph>
      {error ? <ProblemAlert error={error} /> : null}
      <Form form={form} layout="vertical" data-testid="dismiss-form">
        <Form.Item name="reason" label={t('quality.reason')} rules={[{ required: true, min: 3, message: t('quality.reasonRequired') }]}>
          <Input.TextArea rows={3} placeholder={t('quality.dismiss.reasonPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The evidence as the rule recorded it; a duplicate's score with what each comparison added. */
function Evidence({ f }: { f: Finding }) {
  const { t, i18n } = useTranslation();
  const e = f.evidence;
  if (Array.isArray(e.contributions)) {
    return (
      <>
        <Typography.Paragraph>{t('quality.finding.probability', { p: probabilityText(e, i18n.language) })}</Typography.Paragraph>
        <Table
          size="small"
          rowKey="comparison"
          pagination={false}
          data-testid="contributions"
          dataSource={e.contributions as { comparison: string; level: string; label: string; weight: number }[]}
          columns={[
            { title: t('quality.finding.comparison'), dataIndex: 'comparison', render: (c: string) => t(`quality.comparison.${c}`, { defaultValue: c }) },
            { title: t('quality.finding.level'), key: 'level', render: (_: unknown, c: { comparison: string; level: string; label: string }) => t(`quality.level.${c.comparison}.${c.level}`, { defaultValue: t(`quality.level.${c.level}`, { defaultValue: c.label }) }) },
            { title: t('quality.finding.weight'), dataIndex: 'weight', align: 'right', render: (w: number) => <Typography.Text type={w > 0 ? 'success' : w < 0 ? 'danger' : 'secondary'}>{w > 0 ? `+${w}` : w}</Typography.Text> },
          ]}
        />
      </>
    );
  }
  const show = (k: string, v: unknown): string => {
    if (v === null || v === undefined || v === '') return '—';
    if (typeof v === 'boolean') return t(v ? 'quality.yes' : 'quality.no');
    if (k === 'completeness' || k === 'probability') return `${Math.round(Number(v) * 100)} %`;
    if (k === 'problem' || k === 'problems') return (Array.isArray(v) ? v : [v]).map((c) => t(`quality.problem.${String(c)}`, { defaultValue: String(c) })).join(', ');
    if (Array.isArray(v)) return v.join(', ');
    if (typeof v === 'object' && 'vi' in (v as object)) return text(v as { vi: string; en: string }, i18n.language);
    return String(v);
  };
  return (
    <Descriptions size="small" column={1} bordered data-testid="evidence" items={Object.entries(e).map(([k, v]) => ({ key: k, label: t(`quality.evidence.${k}`, { defaultValue: k }), children: show(k, v) }))} />
  );
}

export default function FindingPage() {
  const { t, i18n } = useTranslation();
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const finding = useFinding(id);
  const rules = useRules();
  const person = usePersonForQuality(finding.data?.pid);
  const [dialog, setDialog] = useState<'correct' | 'dismiss' | null>(null);
  const [result, setResult] = useState<ResolveResult | null>(null);

  if (finding.isError) return <ProblemAlert error={finding.error} />;
  if (finding.isPending) return <Skeleton active />;
  const f = finding.data;
  const rule = rules.data?.rules.find((r) => r.id === f.rule);
  const isDuplicate = rule?.kind === 'duplicate';
  const done = (r: ResolveResult) => {
    setDialog(null);
    setResult(r);
    void queryClient.invalidateQueries({ queryKey: ['quality'] });
    if (r.finding.status === 'open') void message.warning(t('quality.correct.notFixed'));
    else void message.success(t(`quality.done.${r.finding.resolution ?? 'corrected'}`));
  };

  return (
    <>
      <Space style={{ marginBottom: 8 }} wrap>
        <Link to={`/quality/findings${f.communeCode ? `?unit=${f.communeCode}` : ''}`}>← {t('quality.finding.back')}</Link>
      </Space>
      <Typography.Title level={2}>{text(rule?.label, i18n.language) || f.rule}</Typography.Title>
      <Space wrap style={{ marginBottom: 12 }} data-testid="finding-status">
        <Tag color={SEVERITY_COLOR[f.severity]}>{t(`quality.severity.${f.severity}`)}</Tag>
        <Tag>{t(`quality.family.${f.family}`)}</Tag>
        <Tag color={f.status === 'open' ? 'gold' : f.status === 'resolved' ? 'green' : 'default'}>{t(`quality.status.${f.status}`)}</Tag>
        {f.resolution && <Typography.Text type="secondary">{t(`quality.resolution.${f.resolution}`)} · {f.resolvedBy} · {viInstant(f.resolvedAt, true)}{f.resolutionReason ? ` — ${f.resolutionReason}` : ''}</Typography.Text>}
      </Space>
      {result && result.finding.status === 'open' && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('quality.correct.notFixed')} description={text(result.finding.fix, i18n.language)} data-testid="not-fixed" />}

      <Card size="small" title={t('quality.finding.fix')} style={{ marginBottom: 12 }}>
        <Typography.Paragraph strong data-testid="fix">{text(f.fix, i18n.language)}</Typography.Paragraph>
        {f.status === 'open' && (
          <Space wrap>
            {isDuplicate ? (
              <Button type="primary" onClick={() => navigate(`/quality/findings/${f.id}/merge`)} data-testid="to-merge">{t('quality.finding.compare')}</Button>
            ) : (
              <Button type="primary" onClick={() => setDialog('correct')} disabled={!person.data}>{t('quality.finding.correct')}</Button>
            )}
            <Button onClick={() => setDialog('dismiss')}>{t('quality.finding.dismiss')}</Button>
          </Space>
        )}
      </Card>

      <Card size="small" title={t('quality.finding.evidence')} style={{ marginBottom: 12 }}>
        <Evidence f={f} />
      </Card>

      {rule && (
        <Card size="small" title={t('quality.finding.rule')} style={{ marginBottom: 12 }}>
          <Typography.Paragraph>{text(rule.checks, i18n.language)}</Typography.Paragraph>
          <Typography.Paragraph type="secondary">{text(rule.why, i18n.language)}</Typography.Paragraph>
          {rule.sources.length > 0 && (
            <ul style={{ paddingLeft: 18, marginBottom: 0 }}>
              {rule.sources.map((s) => <li key={s.key}><Typography.Text type="secondary">{s.text}</Typography.Text></li>)}
            </ul>
          )}
        </Card>
      )}

      <Card size="small" title={t('quality.finding.record', { name: f.subjectName })}>
        {person.data && person.data.pid !== f.pid && <Alert type="info" showIcon style={{ marginBottom: 8 }} title={t('quality.finding.merged', { retired: f.pid, survivor: person.data.pid })} />}
        {person.isError ? <ProblemAlert error={person.error} /> : person.isPending ? <Skeleton active /> : <PersonFacts person={person.data} data-testid="record" />}
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t('quality.finding.seen', { first: viInstant(f.firstSeenAt), last: viInstant(f.lastSeenAt), birth: viDate(f.subjectBirth) })}
        </Typography.Paragraph>
      </Card>

      {person.data && <CorrectDialog finding={f} person={person.data} open={dialog === 'correct'} onClose={() => setDialog(null)} onDone={done} />}
      <DismissDialog finding={f} open={dialog === 'dismiss'} onClose={() => setDialog(null)} onDone={done} />
    </>
  );
}

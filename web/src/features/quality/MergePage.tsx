// Two records of one person side by side, differences highlighted: the officer chooses the number
// to keep, which values the kept record takes from the other, and why; the other number will only
// point at the kept one. The registry keeps both histories.
import { useMemo, useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Form, Input, Popconfirm, Radio, Skeleton, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCodeLists } from '../../api/reference.ts';
import { viDate } from '../../components/dates.ts';
import { residenceAddress, type Person } from '../../components/person.ts';
import { applyProblem, ProblemAlert } from '../../components/problem.tsx';
import { probabilityText, resolveFinding, usePersonForQuality, useFinding } from './quality.ts';

interface Row {
  attr: string;
  /** An attribute the kept record can take from the other. */
  takeable: boolean;
  a: ReactNode;
  b: ReactNode;
  differs: boolean;
}

const ATTRS = ['fullName', 'birthDate', 'sex', 'ethnicity', 'religion', 'birthPlace', 'hometown', 'oldId', 'phone', 'email', 'maritalStatus', 'fatherPid', 'motherPid', 'spousePid', 'lifeStatus'] as const;

export default function MergePage() {
  const { t, i18n } = useTranslation();
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const codes = useCodeLists();
  const finding = useFinding(id);
  // the record the finding is on is the likely duplicate; the one it points at the likely keeper
  const left = usePersonForQuality(finding.data?.relatedPid);
  const right = usePersonForQuality(finding.data?.pid);
  const [keep, setKeep] = useState<'a' | 'b'>('a');
  const [take, setTake] = useState<string[]>([]);
  const [form] = Form.useForm();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const value = (p: Person, attr: string): string => {
    const v = (p as unknown as Record<string, unknown>)[attr];
    if (v === null || v === undefined || v === '') return '—';
    if (attr === 'birthDate' || attr === 'deathDate') return viDate(String(v));
    if (attr === 'sex') return t(v === 'M' ? 'person.male' : 'person.female');
    if (attr === 'ethnicity') return codes.data?.ethnicities.find((e) => e.code === v)?.name ?? String(v);
    if (attr === 'religion') return codes.data?.religions.find((e) => e.code === v)?.[i18n.language === 'en' ? 'nameEn' : 'name'] ?? String(v);
    if (attr === 'maritalStatus') return t(`quality.marital.${v}`);
    if (attr === 'lifeStatus') return t(`quality.life.${v}`);
    return String(v);
  };

  const rows: Row[] = useMemo(() => {
    if (!left.data || !right.data) return [];
    const a = left.data;
    const b = right.data;
    const out: Row[] = [{ attr: 'pid', takeable: false, a: a.pid, b: b.pid, differs: true }];
    for (const attr of ATTRS) out.push({ attr, takeable: true, a: value(a, attr), b: value(b, attr), differs: value(a, attr) !== value(b, attr) });
    const addr = (p: Person) => p.residences.filter((r) => r.kind !== 'absence').map((r) => `${t(`quality.residence.${r.kind}`)}: ${residenceAddress(r)}`).join('; ') || '—';
    out.push({ attr: 'residences', takeable: false, a: addr(a), b: addr(b), differs: addr(a) !== addr(b) });
    const hh = (p: Person) => (p.household ? `${p.household.code} (${t(`relation.${p.household.relation}`, { defaultValue: p.household.relation })})` : '—');
    out.push({ attr: 'household', takeable: false, a: hh(a), b: hh(b), differs: hh(a) !== hh(b) });
    const cards = (p: Person) => p.idCards.map((c) => `${viDate(c.issuedOn)} (${c.status})`).join(', ') || '—';
    out.push({ attr: 'idCards', takeable: false, a: cards(a), b: cards(b), differs: cards(a) !== cards(b) });
    return out;
  }, [left.data, right.data, codes.data, i18n.language]);

  if (finding.isError) return <ProblemAlert error={finding.error} />;
  if (left.isError) return <ProblemAlert error={left.error} />;
  if (right.isError) return <ProblemAlert error={right.error} />;
  if (finding.isPending || left.isPending || right.isPending) return <Skeleton active />;
  const f = finding.data;
  const survivor = keep === 'a' ? left.data : right.data;
  const retired = keep === 'a' ? right.data : left.data;

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      const r = await resolveFinding(f.id, { action: 'merge', survivorPid: survivor.pid, reason: v.reason, take });
      void queryClient.invalidateQueries({ queryKey: ['quality'] });
      void message.success(t('quality.merge.done', { retired: r.merge!.retiredPid, survivor: r.merge!.survivorPid }));
      navigate(`/quality/findings/${f.id}`);
    } catch (err) {
      setError(applyProblem(form, err, ['reason']));
    } finally {
      setBusy(false);
    }
  };

  const header = (side: 'a' | 'b', p: Person) => (
    <Radio checked={keep === side} onChange={() => { setKeep(side); setTake([]); }} data-testid={`keep-${side}`}>
      {t('quality.merge.keep', { pid: p.pid })}
    </Radio>
  );

  return (
    <>
      <Link to={`/quality/findings/${f.id}`}>← {t('quality.merge.back')}</Link>
      <Typography.Title level={2}>{t('quality.merge.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('quality.merge.intro', { p: probabilityText(f.evidence, i18n.language) })}</Typography.Paragraph>
      {f.status !== 'open' && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t(`quality.status.${f.status}`)} />}
      <Card size="small" style={{ marginBottom: 12 }}>
        <Table<Row>
          rowKey="attr"
          size="small"
          pagination={false}
          data-testid="merge-table"
          scroll={{ x: 640 }}
          dataSource={rows}
          rowClassName={(r) => (r.differs ? 'quality-differs' : '')}
          onRow={(r) => ({ style: r.differs ? { background: '#fff4e5' } : {} })}
          columns={[
            { title: t('quality.merge.attribute'), dataIndex: 'attr', width: 150, render: (a: string, r) => <Typography.Text strong={r.differs}>{t(`quality.attr.${a}`, { defaultValue: a })}</Typography.Text> },
            { title: header('a', left.data), dataIndex: 'a', render: (v: ReactNode, r) => <span data-differs={r.differs ? 'yes' : 'no'}>{v}</span> },
            { title: header('b', right.data), dataIndex: 'b', render: (v: ReactNode, r) => <span data-differs={r.differs ? 'yes' : 'no'}>{v}</span> },
            {
              title: t('quality.merge.take'),
              key: 'take',
              width: 150,
              render: (_: unknown, r) =>
                r.takeable && r.differs ? (
                  <Checkbox
                    aria-label={t('quality.merge.takeAria', { attr: t(`quality.attr.${r.attr}`, { defaultValue: r.attr }) })}
                    checked={take.includes(r.attr)}
                    onChange={(e) => setTake(e.target.checked ? [...take, r.attr] : take.filter((x) => x !== r.attr))}
                  >
                    {t('quality.merge.fromOther')}
                  </Checkbox>
                ) : null,
            },
          ]}
        />
      </Card>
      {f.status === 'open' && (
        <Card size="small">
          <Typography.Paragraph data-testid="merge-summary">
            {t('quality.merge.summary', { survivor: survivor.pid, retired: retired.pid })}
            {take.length ? ` ${t('quality.merge.taking', { attrs: take.map((a) => t(`quality.attr.${a}`, { defaultValue: a })).join(', ') })}` : ''}
          </Typography.Paragraph>
          {error ? <ProblemAlert error={error} /> : null}
          <Form form={form} layout="vertical">
            <Form.Item name="reason" label={t('quality.reason')} rules={[{ required: true, min: 3, message: t('quality.reasonRequired') }]}>
              <Input.TextArea rows={2} placeholder={t('quality.merge.reasonPlaceholder')} />
            </Form.Item>
          </Form>
          <Space>
            <Popconfirm title={t('quality.merge.confirm', { retired: retired.pid })} okText={t('quality.merge.submit')} cancelText={t('quality.cancel')} onConfirm={() => void submit()}>
              <Button type="primary" danger loading={busy} data-testid="merge-submit">{t('quality.merge.submit')}</Button>
            </Popconfirm>
          </Space>
        </Card>
      )}
    </>
  );
}

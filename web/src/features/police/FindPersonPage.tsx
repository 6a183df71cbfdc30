// Find a person at the police desk: by personal ID, old CMND number or name (diacritics optional),
// narrowed by date of birth and commune, always with a purpose. Only people living in the
// officer's jurisdiction are found; the search is written to each person's access log.
import { useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Alert, Button, Card, Col, Form, Input, Row, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useUnit } from '../../api/reference.ts';
import { viDate } from '../../components/dates.ts';
import { ProblemAlert, applyProblem, clearErrorsOnChange } from '../../components/problem.tsx';
import { UnitPicker } from '../../components/UnitPicker.tsx';
import { type Criteria, type Hit, type Why, useSearch } from './police.ts';
import { WhyFields, useJurisdiction } from './WhyFields.tsx';

interface Values {
  purpose: string;
  ref?: string;
  q: string;
  birthDate?: string;
  commune?: string;
}
const FIELDS = ['purpose', 'ref', 'q', 'birthDate', 'commune'];
const RENAME = { query: 'q', 'query.pid': 'q', 'query.oldId': 'q', 'query.name': 'q', 'query.purposeRef': 'ref' };

function CommuneName({ code }: { code: string | null }) {
  const unit = useUnit(code);
  return <>{code ? (unit.data?.fullName ?? code) : '—'}</>;
}

/** The detail page of a person, carrying the purpose of the look-up. */
export function detailPath(pid: string, why: Why): string {
  return `/police/persons/${pid}?${new URLSearchParams({ purpose: why.purpose, ...(why.ref ? { ref: why.ref } : {}) })}`;
}

export default function FindPersonPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [form] = Form.useForm<Values>();
  const jurisdiction = useJurisdiction();
  const get = (k: string) => params.get(k) ?? undefined;
  const criteria: Criteria | null = get('q') ? { q: get('q')!, birthDate: get('birthDate'), commune: get('commune') } : null;
  const why: Why | null = get('purpose') ? { purpose: get('purpose')!, ref: get('ref') } : null;
  const search = useSearch(criteria, why);
  const [problem, setProblem] = useState<unknown>(null);
  useEffect(() => setProblem(search.error ? applyProblem(form, search.error, FIELDS, RENAME) : null), [search.error, form]);

  function submit(v: Values) {
    const next: Record<string, string> = { purpose: v.purpose, q: v.q.trim() };
    if (v.ref?.trim()) next.ref = v.ref.trim();
    if (v.birthDate?.trim()) next.birthDate = v.birthDate.trim();
    if (v.commune) next.commune = v.commune;
    setParams(next);
  }

  return (
    <>
      <Typography.Title level={2}>{t('police.find.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">
        {t('police.find.intro')} <b data-testid="jurisdiction">{t('police.find.scope', { unit: jurisdiction.name })}</b>
      </Typography.Paragraph>
      <Card style={{ marginBottom: 16 }}>
        <Form<Values>
          form={form}
          layout="vertical"
          requiredMark="optional"
          onFinish={submit}
          onValuesChange={clearErrorsOnChange(form)}
          initialValues={{ purpose: get('purpose'), ref: get('ref'), q: get('q'), birthDate: get('birthDate'), commune: get('commune') }}
        >
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <WhyFields />
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name="q"
                label={t('police.find.q')}
                tooltip={t('police.find.qHelp')}
                rules={[
                  { required: true, whitespace: true, message: t('police.find.qRequired') },
                  {
                    validator: (_r, v: string | undefined) => {
                      const s = (v ?? '').replace(/\s+/g, '');
                      if (/^\d+$/.test(s) && s.length !== 12 && s.length !== 9) return Promise.reject(new Error(t('police.find.qDigits')));
                      if (!/^\d+$/.test(s) && (v ?? '').trim().length === 1) return Promise.reject(new Error(t('police.find.qShort')));
                      return Promise.resolve();
                    },
                  },
                ]}
              >
                <Input placeholder={t('police.find.qPlaceholder')} autoComplete="off" allowClear />
              </Form.Item>
              <Row gutter={12}>
                <Col xs={24} sm={jurisdiction.province ? 10 : 24}>
                  <Form.Item name="birthDate" label={t('police.find.birthDate')} tooltip={t('police.find.birthDateHelp')}>
                    <Input placeholder="dd/mm/yyyy" autoComplete="off" allowClear />
                  </Form.Item>
                </Col>
                {jurisdiction.province && (
                  <Col xs={24} sm={14}>
                    <Form.Item name="commune" label={t('police.find.commune')}>
                      <UnitPicker level="commune" province={jurisdiction.province} placeholder={t('police.find.communePlaceholder')} />
                    </Form.Item>
                  </Col>
                )}
              </Row>
            </Col>
          </Row>
          <Button type="primary" htmlType="submit" loading={search.isFetching}>
            {t('police.find.submit')}
          </Button>
        </Form>
      </Card>
      {problem ? <ProblemAlert error={problem} /> : null}
      {search.data && search.data.items.length === 0 && (
        <Alert type="info" showIcon data-testid="no-hits" title={t('police.find.none')} description={t('police.find.noneHelp', { unit: jurisdiction.name })} />
      )}
      {search.data && search.data.items.length > 0 && why && (
        <Table<Hit>
          rowKey="pid"
          size="middle"
          data-testid="search-results"
          dataSource={search.data.items}
          pagination={false}
          scroll={{ x: true }}
          onRow={(h) => ({ onClick: () => navigate(detailPath(h.pid, why)), style: { cursor: 'pointer' } })}
          columns={[
            {
              title: t('person.fullName'),
              key: 'name',
              render: (_: unknown, h: Hit) => (
                <>
                  <Link to={detailPath(h.pid, why)} onClick={(e) => e.stopPropagation()}>
                    {h.fullName}
                  </Link>
                  {h.lifeStatus !== 'alive' && <Tag color="default" style={{ marginLeft: 8 }}>{t(`police.lifeStatus.${h.lifeStatus}`, { defaultValue: h.lifeStatus })}</Tag>}
                  <br />
                  <Typography.Text type="secondary">{h.pid}</Typography.Text>
                </>
              ),
            },
            { title: t('person.birthDate'), dataIndex: 'birthDate', render: (d: string) => viDate(d) },
            { title: t('person.sex'), dataIndex: 'sex', render: (s: string) => t(s === 'M' ? 'person.male' : 'person.female'), responsive: ['sm'] },
            { title: t('police.find.residentIn'), dataIndex: 'communeCode', render: (c: string | null) => <CommuneName code={c} />, responsive: ['md'] },
          ]}
        />
      )}
    </>
  );
}

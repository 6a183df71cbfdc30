// Searching notifications: by person (personal ID, passport number or name), establishment and
// date range, late ones only if wanted — always with a purpose, since the answer names people (the
// search is logged). The criteria live in the address, so a search can be bookmarked and shared.
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Checkbox, Col, Form, Input, Row, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { usePurposes } from '../../../api/reference.ts';
import { ProblemAlert, applyProblem, clearErrorsOnChange } from '../../../components/problem.tsx';
import { UnitPicker } from '../../../components/UnitPicker.tsx';
import { useJurisdiction } from '../../police/WhyFields.tsx';
import { StayTable } from '../components/StayTable.tsx';
import { lodgingApi } from '../lodging.ts';
import { isoDate } from '../time.ts';

const PURPOSES = ['residence_management', 'investigation'];
const KEYS = ['purpose', 'q', 'establishmentId', 'communeCode', 'from', 'to', 'late'] as const;
const FIELDS = ['purpose', 'q', 'establishmentId', 'communeCode', 'from', 'to'];

interface Values {
  purpose?: string;
  q?: string;
  establishmentId?: string;
  communeCode?: string;
  from?: string;
  to?: string;
  late?: boolean;
}

export default function PoliceSearchPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [form] = Form.useForm<Values>();
  const jurisdiction = useJurisdiction();
  const purposes = usePurposes();
  const establishments = useQuery({ queryKey: ['lodging', 'establishments', 'all'], queryFn: () => lodgingApi.establishments({}) });
  const criteria = Object.fromEntries(KEYS.flatMap((k) => (params.get(k) ? [[k, params.get(k)!]] : []))) as Record<string, string>;
  const search = useQuery({
    queryKey: ['lodging', 'notifications', criteria],
    enabled: !!criteria.purpose,
    retry: false,
    queryFn: () =>
      lodgingApi.notifications({
        ...criteria,
        ...(criteria.from ? { from: isoDate(criteria.from) } : {}),
        ...(criteria.to ? { to: isoDate(criteria.to) } : {}),
        limit: '200',
      }),
  });
  const [problem, setProblem] = useState<unknown>(null);
  useEffect(() => setProblem(search.error ? applyProblem(form, search.error, FIELDS) : null), [search.error, form]);

  function submit(v: Values) {
    const next: Record<string, string> = {};
    for (const k of KEYS) {
      const val = v[k];
      if (typeof val === 'string' && val.trim()) next[k] = val.trim();
      if (val === true) next[k] = 'true';
    }
    setParams(next);
  }

  return (
    <>
      <Typography.Title level={2}>{t('lodging.search.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('lodging.search.intro', { unit: jurisdiction.name })}</Typography.Paragraph>
      <Card style={{ marginBottom: 16 }}>
        <Form<Values>
          form={form}
          layout="vertical"
          requiredMark="optional"
          onFinish={submit}
          onValuesChange={clearErrorsOnChange(form)}
          initialValues={{ ...criteria, late: criteria.late === 'true' }}
        >
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="purpose" label={t('lodging.search.purpose')} tooltip={t('lodging.search.purposeHelp')} rules={[{ required: true, message: t('lodging.search.purposeRequired') }]}>
                <Select
                  loading={purposes.isPending}
                  placeholder={t('lodging.search.purposePlaceholder')}
                  options={(purposes.data?.items ?? []).filter((p) => PURPOSES.includes(p.code)).map((p) => ({ value: p.code, label: i18n.language === 'en' ? p.en : p.vi }))}
                  popupMatchSelectWidth={false}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="q" label={t('lodging.search.q')} tooltip={t('lodging.search.qHelp')}>
                <Input placeholder={t('lodging.search.qPlaceholder')} autoComplete="off" allowClear />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="establishmentId" label={t('lodging.search.establishment')}>
                <Select
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  loading={establishments.isPending}
                  options={(establishments.data?.items ?? []).map((e) => ({ value: e.id, label: e.name }))}
                  popupMatchSelectWidth={false}
                />
              </Form.Item>
            </Col>
            {jurisdiction.province && (
              <Col xs={24} md={8}>
                <Form.Item name="communeCode" label={t('lodging.feed.commune')}>
                  <UnitPicker level="commune" province={jurisdiction.province} placeholder={t('lodging.feed.allCommunes')} />
                </Form.Item>
              </Col>
            )}
            <Col xs={12} md={4}>
              <Form.Item name="from" label={t('lodging.search.from')}>
                <Input placeholder="dd/mm/yyyy" autoComplete="off" allowClear />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item name="to" label={t('lodging.search.to')}>
                <Input placeholder="dd/mm/yyyy" autoComplete="off" allowClear />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="late" valuePropName="checked" label=" ">
                <Checkbox>{t('lodging.search.lateOnly')}</Checkbox>
              </Form.Item>
            </Col>
          </Row>
          <Button type="primary" htmlType="submit" loading={search.isFetching}>
            {t('lodging.search.submit')}
          </Button>
        </Form>
      </Card>
      {problem ? <ProblemAlert error={problem} /> : null}
      {search.data && <StayTable stays={search.data.items} testId="search-results" empty={t('lodging.search.none')} />}
    </>
  );
}

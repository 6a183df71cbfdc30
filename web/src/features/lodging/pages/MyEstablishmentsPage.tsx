// "My lodging establishments": the ones I run or work at, with their status (the commune police
// approve them), a way into the front desk of an approved one, and the form to register one — I
// become its responsible person and owner.
import { useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Empty, Form, Input, List, Row, Select, Skeleton, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { viInstant } from '../../../components/dates.ts';
import { ProblemAlert, applyProblem, clearErrorsOnChange } from '../../../components/problem.tsx';
import { UnitPicker } from '../../../components/UnitPicker.tsx';
import { StatusTag, TypeLabel } from '../components/StayTags.tsx';
import { ESTABLISHMENT_TYPES, type Establishment, type EstablishmentType, lodgingApi, useMyEstablishments } from '../lodging.ts';

interface Values {
  type: EstablishmentType;
  name: string;
  address: string;
  communeCode: string;
  licence?: string;
  phone?: string;
}
const FIELDS = ['type', 'name', 'address', 'communeCode', 'licence', 'phone'];

function EstablishmentItem({ e }: { e: Establishment }) {
  const { t } = useTranslation();
  return (
    <List.Item data-testid="my-establishment">
      <Space orientation="vertical" size={4} style={{ width: '100%' }}>
        <Space wrap size={6}>
          <Typography.Text strong style={{ fontSize: 16 }}>
            {e.name}
          </Typography.Text>
          <StatusTag status={e.status} />
          {e.myRole && <Tag>{t(`lodging.staffRole.${e.myRole}`)}</Tag>}
        </Space>
        <Typography.Text type="secondary">
          <TypeLabel type={e.type} /> · {e.address}
        </Typography.Text>
        {e.status === 'pending' && <Typography.Text type="secondary">{t('lodging.mine.pendingHelp', { at: viInstant(e.createdAt, true) })}</Typography.Text>}
        {(e.status === 'rejected' || e.status === 'suspended') && (
          <Typography.Text type="danger">
            {t(`lodging.mine.${e.status}Help`, { at: viInstant(e.decidedAt, true) })} {e.decisionReason}
          </Typography.Text>
        )}
        {e.status === 'approved' && (
          <Link to={`/lodging/desk/${e.id}`}>
            <Button type="primary" block data-testid="open-desk">
              {t('lodging.mine.openDesk')}
            </Button>
          </Link>
        )}
      </Space>
    </List.Item>
  );
}

export default function MyEstablishmentsPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const mine = useMyEstablishments();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<unknown>(null);
  const [done, setDone] = useState<Establishment | null>(null);
  const register = useMutation({
    mutationFn: (v: Values) =>
      lodgingApi.register({
        type: v.type,
        name: v.name.trim(),
        address: v.address.trim(),
        communeCode: v.communeCode,
        ...(v.licence?.trim() ? { licence: v.licence.trim() } : {}),
        ...(v.phone?.trim() ? { phone: v.phone.trim() } : {}),
      }),
    onSuccess: (e) => {
      setDone(e);
      form.resetFields();
      void qc.invalidateQueries({ queryKey: ['lodging', 'mine'] });
    },
    onError: (err) => setProblem(applyProblem(form, err, FIELDS)),
  });

  return (
    <>
      <Typography.Title level={2}>{t('lodging.mine.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('lodging.mine.intro')}</Typography.Paragraph>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title={t('lodging.mine.listTitle')} size="small">
            {mine.isPending ? (
              <Skeleton active />
            ) : mine.isError ? (
              <ProblemAlert error={mine.error} />
            ) : mine.data.items.length === 0 ? (
              <Empty description={t('lodging.mine.none')} />
            ) : (
              <List data-testid="my-establishments" dataSource={mine.data.items} renderItem={(e) => <EstablishmentItem key={e.id} e={e} />} />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('lodging.mine.registerTitle')} size="small">
            {done && (
              <Alert type="success" showIcon closable onClose={() => setDone(null)} style={{ marginBottom: 16 }} data-testid="registered" title={t('lodging.mine.registered', { name: done.name })} description={t('lodging.mine.registeredHelp')} />
            )}
            {problem ? <ProblemAlert error={problem} /> : null}
            <Form<Values>
              form={form}
              layout="vertical"
              requiredMark="optional"
              onValuesChange={clearErrorsOnChange(form)}
              onFinish={(v) => {
                setProblem(null);
                setDone(null);
                register.mutate(v);
              }}
            >
              <Form.Item name="type" label={t('lodging.est.type')} rules={[{ required: true, message: t('lodging.est.typeRequired') }]}>
                <Select options={ESTABLISHMENT_TYPES.map((x) => ({ value: x, label: t(`lodging.type.${x}`) }))} popupMatchSelectWidth={false} />
              </Form.Item>
              <Form.Item name="name" label={t('lodging.est.name')} rules={[{ required: true, whitespace: true, message: t('lodging.est.nameRequired') }]}>
                <Input autoComplete="organization" />
              </Form.Item>
              <Form.Item name="address" label={t('lodging.est.address')} extra={t('lodging.est.addressHelp')} rules={[{ required: true, whitespace: true, message: t('lodging.est.addressRequired') }]}>
                <Input autoComplete="street-address" />
              </Form.Item>
              <Form.Item name="communeCode" label={t('lodging.est.commune')} extra={t('lodging.est.communeHelp')} rules={[{ required: true, message: t('lodging.est.communeRequired') }]}>
                <UnitPicker level="commune" placeholder={t('lodging.est.communePlaceholder')} />
              </Form.Item>
              <Row gutter={12}>
                <Col xs={24} sm={12}>
                  <Form.Item name="licence" label={t('lodging.est.licence')}>
                    <Input autoComplete="off" />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item name="phone" label={t('lodging.est.phone')}>
                    <Input autoComplete="tel" inputMode="tel" />
                  </Form.Item>
                </Col>
              </Row>
              <Button type="primary" htmlType="submit" loading={register.isPending}>
                {t('lodging.mine.register')}
              </Button>
            </Form>
          </Card>
        </Col>
      </Row>
    </>
  );
}

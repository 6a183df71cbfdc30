// "Declare a stay": a citizen notifies the commune police of someone staying at their home (a
// relative, a carer, a renter). The address is the host's current residence, so it is not asked. A
// relative already declared at this address in the last 12 months needs no new notice — the answer
// says when it was made. Below: the declarations I have made.
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Form, Row, Segmented, Select, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { viInstant } from '../../../components/dates.ts';
import { ProblemAlert, applyProblem, clearErrorsOnChange } from '../../../components/problem.tsx';
import { CitizenFields, ForeignFields, GUEST_FIELDS, GUEST_RENAME, type GuestValues, guestOf } from '../components/GuestFields.tsx';
import { STAY_FIELDS, StayFields, type StayValues, stayDetailsOf } from '../components/StayFields.tsx';
import { DeadlineText, GuestCell } from '../components/StayTags.tsx';
import { type Declaration, type Stay, lodgingApi } from '../lodging.ts';

const RELATIONSHIPS = ['relative', 'carer', 'renter', 'other'] as const;
type Values = GuestValues & StayValues & { relationship: Declaration['relationship'] };

export default function DeclarePage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [kind, setKind] = useState<'citizen' | 'foreign'>('citizen');
  const [problem, setProblem] = useState<unknown>(null);
  const [answer, setAnswer] = useState<Awaited<ReturnType<typeof lodgingApi.declare>> | null>(null);
  const mine = useQuery({ queryKey: ['lodging', 'declarations'], queryFn: lodgingApi.myDeclarations });
  const declare = useMutation({
    mutationFn: (v: Values) => {
      const { reason, expectedNights, arrivedAt } = stayDetailsOf(v);
      return lodgingApi.declare({ guest: guestOf(kind, v), relationship: v.relationship, reason, expectedNights, ...(arrivedAt ? { arrivedAt } : {}) });
    },
    onMutate: () => {
      setProblem(null);
      setAnswer(null);
    },
    onSuccess: (a) => {
      setAnswer(a);
      form.resetFields();
      void qc.invalidateQueries({ queryKey: ['lodging', 'declarations'] });
    },
    onError: (err) => setProblem(applyProblem(form, err, ['relationship', ...STAY_FIELDS, ...GUEST_FIELDS], GUEST_RENAME)),
  });

  return (
    <>
      <Typography.Title level={2}>{t('lodging.declare.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('lodging.declare.intro')}</Typography.Paragraph>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card size="small">
            <Form<Values>
              form={form}
              layout="vertical"
              requiredMark="optional"
              initialValues={{ expectedNights: 1, relationship: 'relative' }}
              onValuesChange={(changed: object) => {
                clearErrorsOnChange(form)(changed);
                setAnswer(null);
              }}
              onFinish={(v) => declare.mutate(v)}
              data-testid="declare-form"
            >
              <Form.Item name="relationship" label={t('lodging.declare.relationship')} rules={[{ required: true, message: t('lodging.declare.relationshipRequired') }]}>
                <Select options={RELATIONSHIPS.map((r) => ({ value: r, label: t(`lodging.relationship.${r}`) }))} />
              </Form.Item>
              <Segmented<'citizen' | 'foreign'>
                block
                value={kind}
                onChange={setKind}
                options={[
                  { value: 'citizen', label: t('lodging.declare.citizen') },
                  { value: 'foreign', label: t('lodging.declare.foreign') },
                ]}
                style={{ marginBottom: 16 }}
              />
              {kind === 'citizen' ? <CitizenFields /> : <ForeignFields />}
              <StayFields guest={kind} withRoom={false} />
              {problem ? <ProblemAlert error={problem} /> : null}
              {answer?.stay && (
                <Alert
                  type="success"
                  showIcon
                  style={{ marginBottom: 16 }}
                  data-testid="declared"
                  title={t('lodging.declare.done', { name: answer.stay.guest.fullName })}
                  description={<DeadlineText stay={answer.stay} />}
                />
              )}
              {answer?.alreadyNotified && (
                <Alert type="info" showIcon style={{ marginBottom: 16 }} data-testid="already-notified" title={t('lodging.declare.already')} description={t('lodging.declare.alreadyHelp', { at: viInstant(answer.alreadyNotified.at, true) })} />
              )}
              <Button type="primary" htmlType="submit" loading={declare.isPending} data-testid="declare-submit">
                {t('lodging.declare.submit')}
              </Button>
            </Form>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('lodging.declare.mine')}>
            {mine.isError ? (
              <ProblemAlert error={mine.error} />
            ) : (
              <Table<Stay>
                size="small"
                rowKey="id"
                loading={mine.isPending}
                data-testid="my-declarations"
                dataSource={mine.data?.items ?? []}
                pagination={{ pageSize: 10, hideOnSinglePage: true }}
                locale={{ emptyText: t('lodging.declare.none') }}
                scroll={{ x: true }}
                columns={[
                  { title: t('lodging.stay.guest'), key: 'guest', render: (_: unknown, s) => <GuestCell guest={s.guest} /> },
                  { title: t('lodging.stay.arrivedAt'), dataIndex: 'arrivedAt', render: (at: string) => viInstant(at, true) },
                  { title: t('lodging.stay.nightsTitle'), dataIndex: 'expectedNights', responsive: ['sm'] },
                ]}
              />
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}

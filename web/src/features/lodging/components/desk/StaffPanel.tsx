// The owner's list of who may work the front desk: staff are added by personal ID (the server finds
// their name in the registry) and removed; the owner stays.
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Form, Input, List, Popconfirm, Skeleton, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { viInstant } from '../../../../components/dates.ts';
import { ProblemAlert, applyProblem, clearErrorsOnChange } from '../../../../components/problem.tsx';
import { type Establishment, type StaffMember, lodgingApi } from '../../lodging.ts';

export function StaffPanel({ est }: { est: Establishment }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ pid: string }>();
  const [problem, setProblem] = useState<unknown>(null);
  const staff = useQuery({ queryKey: ['lodging', 'staff', est.id], queryFn: () => lodgingApi.staff(est.id) });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['lodging', 'staff', est.id] });
  const add = useMutation({
    mutationFn: (pid: string) => lodgingApi.addStaff(est.id, pid),
    onMutate: () => setProblem(null),
    onSuccess: () => {
      form.resetFields();
      refresh();
    },
    onError: (err) => setProblem(applyProblem(form, err, ['pid'])),
  });
  const remove = useMutation({ mutationFn: (m: StaffMember) => lodgingApi.removeStaff(est.id, m.pid), onSuccess: refresh, onError: setProblem });

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {t('lodging.staff.intro')}
      </Typography.Paragraph>
      <Form form={form} name="staff" layout="vertical" onValuesChange={clearErrorsOnChange(form)} onFinish={(v) => add.mutate(v.pid.trim())}>
        <Form.Item name="pid" label={t('lodging.staff.pid')} rules={[{ required: true, pattern: /^\s*\d{12}\s*$/, message: t('lodging.guest.pidFormat') }]}>
          <Input inputMode="numeric" maxLength={14} autoComplete="off" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={add.isPending}>
          {t('lodging.staff.add')}
        </Button>
      </Form>
      {problem ? <ProblemAlert error={problem} /> : null}
      {staff.isPending ? (
        <Skeleton active />
      ) : staff.isError ? (
        <ProblemAlert error={staff.error} />
      ) : (
        <List
          data-testid="staff"
          dataSource={staff.data.items}
          renderItem={(m) => (
            <List.Item
              key={m.pid}
              actions={
                m.role === 'owner'
                  ? []
                  : [
                      <Popconfirm key="remove" title={t('lodging.staff.removeConfirm', { name: m.fullName })} okText={t('lodging.staff.remove')} okButtonProps={{ danger: true }} cancelText={t('common.cancel')} onConfirm={() => remove.mutate(m)}>
                        <Button size="small" danger loading={remove.isPending && remove.variables?.pid === m.pid}>
                          {t('lodging.staff.remove')}
                        </Button>
                      </Popconfirm>,
                    ]
              }
            >
              <List.Item.Meta
                title={
                  <Space size={6}>
                    {m.fullName}
                    <Tag>{t(`lodging.staffRole.${m.role}`)}</Tag>
                  </Space>
                }
                description={`${m.pid} · ${t('lodging.staff.since', { at: viInstant(m.addedAt) })}`}
              />
            </List.Item>
          )}
        />
      )}
    </Space>
  );
}

// "My children": accounts of children under 14, held through the parent's account.
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Form, Input, List, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { getJson, sendJson } from '../../api/client.ts';
import { viInstant } from '../../components/dates.ts';
import { applyProblem, ProblemAlert } from '../../components/problem.tsx';

interface ChildAccount {
  pid: string;
  level: 1 | 2;
  createdAt: string;
}

export default function ChildrenPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ pid: string }>();
  const [error, setError] = useState<unknown>(null);
  const children = useQuery({ queryKey: ['me', 'children'], queryFn: () => getJson<{ items: ChildAccount[] }>('/api/v1/identity/me/children') });
  const add = useMutation({
    mutationFn: (pid: string) => sendJson('/api/v1/identity/me/children', 'POST', { pid }),
    onSuccess: () => {
      void message.success(t('citizen.children.added'));
      form.resetFields();
      void qc.invalidateQueries({ queryKey: ['me', 'children'] });
    },
    onError: (err) => setError(applyProblem(form, err, ['pid'])),
  });
  return (
    <>
      <Typography.Title level={2}>{t('citizen.children.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('citizen.children.intro')}</Typography.Paragraph>
      <Card style={{ marginBottom: 16, maxWidth: 560 }}>
        {error ? <ProblemAlert error={error} /> : null}
        <Form form={form} layout="vertical" onFinish={(v) => { setError(null); add.mutate(v.pid.trim()); }} requiredMark={false}>
          <Form.Item name="pid" label={t('citizen.children.pid')} rules={[{ required: true, pattern: /^\s*\d{12}\s*$/, message: t('citizen.children.pidHelp') }]}>
            <Input inputMode="numeric" maxLength={12} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={add.isPending}>
            {t('citizen.children.add')}
          </Button>
        </Form>
      </Card>
      <Card>
        {children.isPending ? (
          <Skeleton active />
        ) : children.isError ? (
          <ProblemAlert error={children.error} />
        ) : children.data.items.length === 0 ? (
          <Empty description={t('citizen.children.none')} />
        ) : (
          <List
            data-testid="children"
            dataSource={children.data.items}
            renderItem={(c) => (
              <List.Item>
                <List.Item.Meta title={c.pid} description={t('citizen.children.since', { date: viInstant(c.createdAt) })} />
              </List.Item>
            )}
          />
        )}
      </Card>
    </>
  );
}

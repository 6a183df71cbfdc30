// A site's staff: the citizens (by personal ID) who scan and count there with their own e-ID.
// The police add and remove them; each change is in that person's access log.
import { useState } from 'react';
import { Button, Form, Input, List, Modal, Popconfirm, Skeleton, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { viInstant } from '../../components/dates.ts';
import { ProblemAlert, applyProblem, clearErrorsOnChange } from '../../components/problem.tsx';
import { addStaff, removeStaff, useSite, type SiteRow } from './checkpoints.ts';

export function StaffDialog({ site, onClose }: { site: SiteRow | null; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const detail = useSite(site?.id);
  const [form] = Form.useForm<{ pid: string }>();
  const [problem, setProblem] = useState<unknown>(null);
  const changed = () => void queryClient.invalidateQueries({ queryKey: ['checkpoints'] });
  const add = useMutation({
    mutationFn: (pid: string) => addStaff(site!.id, pid),
    onSuccess: () => {
      form.resetFields();
      changed();
    },
    onError: (err) => setProblem(applyProblem(form, err, ['pid'])),
  });
  const remove = useMutation({ mutationFn: (pid: string) => removeStaff(site!.id, pid), onSuccess: changed, onError: setProblem });

  return (
    <Modal open={!!site} title={site ? t('checkpoints.staff.title', { name: site.name }) : ''} footer={null} onCancel={onClose} destroyOnHidden afterClose={() => setProblem(null)}>
      <Typography.Paragraph type="secondary">{t('checkpoints.staff.intro')}</Typography.Paragraph>
      {problem ? <ProblemAlert error={problem} /> : null}
      <Form
        form={form}
        layout="vertical"
        onValuesChange={clearErrorsOnChange(form)}
        onFinish={(v) => {
          setProblem(null);
          add.mutate(v.pid.trim());
        }}
      >
        <Form.Item name="pid" label={t('checkpoints.staff.pid')} rules={[{ required: true, pattern: /^\s*\d{12}\s*$/, message: t('checkpoints.staff.pidInvalid') }]}>
          <Input inputMode="numeric" autoComplete="off" maxLength={14} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={add.isPending}>
          {t('checkpoints.staff.add')}
        </Button>
      </Form>
      {detail.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : (
        <List
          style={{ marginTop: 16 }}
          data-testid="staff-list"
          dataSource={detail.data?.staff ?? []}
          locale={{ emptyText: t('checkpoints.staff.none') }}
          renderItem={(m) => (
            <List.Item
              actions={[
                <Popconfirm key="remove" title={t('checkpoints.staff.removeConfirm', { pid: m.pid })} okText={t('checkpoints.staff.remove')} cancelText={t('common.cancel')} onConfirm={() => remove.mutate(m.pid)}>
                  <Button size="small" danger>
                    {t('checkpoints.staff.remove')}
                  </Button>
                </Popconfirm>,
              ]}
            >
              <List.Item.Meta title={<span style={{ fontVariantNumeric: 'tabular-nums' }}>{m.pid}</span>} description={t('checkpoints.staff.since', { at: viInstant(m.addedAt) })} />
            </List.Item>
          )}
        />
      )}
    </Modal>
  );
}

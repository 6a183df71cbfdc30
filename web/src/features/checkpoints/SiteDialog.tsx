// Register a checkpoint site (editing = null) or edit one: name, kind, commune (a commune's police:
// their own; a province's police: one of its communes), capacity and how long passages are kept.
import { useState } from 'react';
import { Form, Input, InputNumber, Modal, Select } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth/AuthContext.tsx';
import { ProblemAlert, applyProblem, clearErrorsOnChange } from '../../components/problem.tsx';
import { UnitPicker } from '../../components/UnitPicker.tsx';
import { KINDS, editSite, registerSite, type SiteInput, type SiteRow } from './checkpoints.ts';

const FIELDS = ['name', 'kind', 'communeCode', 'capacity', 'retentionDays'];

export function SiteDialog({ editing, open, onClose }: { editing: SiteRow | null; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { role, roles } = useAuth();
  const queryClient = useQueryClient();
  const myUnit = roles?.find((r) => r.role === role)?.unit ?? undefined;
  const communeOfficer = myUnit?.length === 5;
  const [form] = Form.useForm<SiteInput>();
  const [problem, setProblem] = useState<unknown>(null);
  const save = useMutation({
    mutationFn: (v: SiteInput) => {
      const body = { ...v, name: v.name.trim() };
      return editing ? editSite(editing.id, body) : registerSite(body);
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['checkpoints'] });
      onClose();
    },
    onError: (err) => setProblem(applyProblem(form, err, FIELDS)),
  });
  const initial: Partial<SiteInput> = editing
    ? { name: editing.name, kind: editing.kind, communeCode: editing.communeCode, capacity: editing.capacity, retentionDays: editing.retentionDays }
    : { kind: 'heritage', retentionDays: 30, ...(communeOfficer ? { communeCode: myUnit } : {}) };

  return (
    <Modal
      open={open}
      title={editing ? t('checkpoints.site.editTitle', { name: editing.name }) : t('checkpoints.site.newTitle')}
      okText={editing ? t('checkpoints.site.save') : t('checkpoints.site.register')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={save.isPending}
      destroyOnHidden
      afterClose={() => setProblem(null)}
    >
      {problem ? <ProblemAlert error={problem} /> : null}
      <Form<SiteInput>
        form={form}
        layout="vertical"
        initialValues={initial}
        onValuesChange={clearErrorsOnChange(form)}
        onFinish={(v) => {
          setProblem(null);
          save.mutate(v);
        }}
      >
        <Form.Item name="name" label={t('checkpoints.site.name')} rules={[{ required: true, whitespace: true, min: 2, max: 200, message: t('checkpoints.site.nameInvalid') }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="kind" label={t('checkpoints.site.kind')} rules={[{ required: true }]}>
          <Select options={KINDS.map((k) => ({ value: k, label: t(`checkpoints.kind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="communeCode" label={t('checkpoints.site.commune')} extra={communeOfficer ? t('checkpoints.site.communeOwn') : undefined} rules={[{ required: true, message: t('checkpoints.site.communeRequired') }]}>
          <UnitPicker level="commune" province={myUnit?.slice(0, 2)} disabled={communeOfficer} placeholder={t('checkpoints.site.communePlaceholder')} aria-label={t('checkpoints.site.commune')} />
        </Form.Item>
        <Form.Item name="capacity" label={t('checkpoints.site.capacity')} extra={t('checkpoints.site.capacityHelp')} rules={[{ required: true, type: 'integer', min: 1, message: t('checkpoints.site.capacityInvalid') }]}>
          <InputNumber min={1} max={1_000_000} precision={0} style={{ width: '100%' }} inputMode="numeric" />
        </Form.Item>
        <Form.Item name="retentionDays" label={t('checkpoints.site.retention')} extra={t('checkpoints.site.retentionHelp')} rules={[{ required: true, type: 'integer', min: 1, max: 365, message: t('checkpoints.site.retentionInvalid') }]}>
          <InputNumber min={1} max={365} precision={0} style={{ width: '100%' }} inputMode="numeric" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

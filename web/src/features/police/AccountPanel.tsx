// The citizen's e-ID account at the desk: level and status, how level 2 was verified; raising it
// to level 2 after checking the ID card and the fingerprints in person; suspending and restoring it.
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Descriptions, Form, Input, Modal, Radio, Skeleton, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError, sendJson } from '../../api/client.ts';
import { viInstant } from '../../components/dates.ts';
import type { Person } from '../../components/person.ts';
import { ProblemAlert, applyProblem, clearErrorsOnChange } from '../../components/problem.tsx';
import { type Account, useAccount, usePortrait } from './police.ts';
import { PortraitCapture } from '../../components/PortraitCapture.tsx';
import { useJurisdiction } from './WhyFields.tsx';

interface Level2Values {
  place: string;
  method: 'chip' | 'card';
  fingerprintVerified: boolean;
  portrait?: string;
}

function Level2Dialog({ person, open, onClose, onDone }: { person: Person; open: boolean; onClose: () => void; onDone: (a: Account) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Level2Values>();
  const jurisdiction = useJurisdiction();
  const [problem, setProblem] = useState<unknown>(null);
  const raise = useMutation({
    mutationFn: (v: Level2Values) => sendJson<Account>(`/api/v1/identity/accounts/${person.pid}/level2`, 'POST', { place: v.place.trim(), method: v.method, fingerprintVerified: v.fingerprintVerified, ...(v.portrait ? { portrait: v.portrait } : {}) }),
    onSuccess: (a) => onDone(a),
    onError: (err) => setProblem(applyProblem(form, err, ['place', 'method', 'fingerprintVerified', 'portrait'])),
  });
  return (
    <Modal
      open={open}
      title={t('police.level2.title', { name: person.fullName })}
      okText={t('police.level2.submit')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={raise.isPending}
      destroyOnHidden
      afterClose={() => setProblem(null)}
    >
      <Alert type="info" showIcon title={t('police.level2.checklist')} style={{ marginBottom: 16 }} />
      {problem ? <ProblemAlert error={problem} /> : null}
      <Form<Level2Values>
        form={form}
        layout="vertical"
        onValuesChange={clearErrorsOnChange(form)}
        initialValues={{ place: jurisdiction.name ? t('police.level2.placeDefault', { unit: jurisdiction.name.split(',')[0] }) : '', method: 'chip', fingerprintVerified: false }}
        onFinish={(v) => {
          setProblem(null);
          raise.mutate(v);
        }}
      >
        <Form.Item name="place" label={t('police.level2.place')} rules={[{ required: true, whitespace: true, min: 2, max: 200, message: t('police.level2.placeRequired') }]}>
          <Input />
        </Form.Item>
        <Form.Item name="method" label={t('police.level2.method')}>
          <Radio.Group
            options={[
              { value: 'chip', label: t('police.level2.chip') },
              { value: 'card', label: t('police.level2.card') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="fingerprintVerified"
          valuePropName="checked"
          rules={[{ validator: (_r, v: boolean) => (v ? Promise.resolve() : Promise.reject(new Error(t('police.level2.fingerprintRequired')))) }]}
        >
          <Checkbox>{t('police.level2.fingerprint')}</Checkbox>
        </Form.Item>
        <Form.Item name="portrait" label={t('police.level2.portrait')} extra={t('police.level2.portraitHelp')}>
          <PortraitCapture />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function StatusDialog({ person, action, onClose, onDone }: { person: Person; action: 'suspend' | 'restore' | null; onClose: () => void; onDone: (a: Account) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const [problem, setProblem] = useState<unknown>(null);
  const change = useMutation({
    mutationFn: (v: { reason: string }) => sendJson<Account>(`/api/v1/identity/accounts/${person.pid}/${action}`, 'POST', { reason: v.reason.trim() }),
    onSuccess: (a) => onDone(a),
    onError: (err) => setProblem(applyProblem(form, err, ['reason'])),
  });
  return (
    <Modal
      open={action !== null}
      title={action ? t(`police.status.${action}Title`, { name: person.fullName }) : ''}
      okText={action ? t(`police.status.${action}`) : ''}
      okButtonProps={{ danger: action === 'suspend' }}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={change.isPending}
      destroyOnHidden
      afterClose={() => setProblem(null)}
    >
      {action && <p>{t(`police.status.${action}Explain`)}</p>}
      {problem ? <ProblemAlert error={problem} /> : null}
      <Form
        form={form}
        layout="vertical"
        onValuesChange={clearErrorsOnChange(form)}
        onFinish={(v: { reason: string }) => {
          setProblem(null);
          change.mutate(v);
        }}
      >
        <Form.Item name="reason" label={t('police.status.reason')} rules={[{ required: true, whitespace: true, min: 3, max: 500, message: t('police.status.reasonRequired') }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function AccountPanel({ person }: { person: Person }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const account = useAccount(person.pid, true);
  const portrait = usePortrait(person.pid, account.data?.hasPortrait === true);
  const [level2Open, setLevel2Open] = useState(false);
  const [statusAction, setStatusAction] = useState<'suspend' | 'restore' | null>(null);
  // what was just done, kept as a text key so it follows a change of language
  const [done, setDone] = useState<string | null>(null);

  if (account.isPending) return <Skeleton active />;
  if (account.isError) {
    // no account yet: not a failure of the desk, the citizen registers level 1 first
    if (account.error instanceof ApiError && account.error.problem.status === 404)
      return <Alert type="info" showIcon data-testid="no-account" title={account.error.message} description={t('police.account.howToRegister')} />;
    return <ProblemAlert error={account.error} />;
  }
  const a = account.data;
  const updated = (next: Account, doneKey: string) => {
    qc.setQueryData(['police', 'account', person.pid], next);
    setDone(doneKey);
  };
  return (
    <>
      {done && <Alert type="success" showIcon title={t(done, { name: person.fullName })} style={{ marginBottom: 16 }} data-testid="account-done" closable onClose={() => setDone(null)} />}
      <Descriptions
        column={1}
        bordered
        size="small"
        data-testid="account"
        items={[
          { key: 'level', label: t('account.level'), children: <Tag color={a.level === 2 ? 'green' : 'blue'}>{t(`account.level${a.level}`)}</Tag> },
          { key: 'status', label: t('account.status'), children: <Tag color={a.status === 'active' ? 'green' : 'red'}>{t(`account.${a.status}`)}</Tag> },
          { key: 'created', label: t('account.created'), children: viInstant(a.createdAt) },
          { key: 'contact', label: t('police.account.contact'), children: a.phone ?? a.email ?? '—' },
          {
            key: 'level2',
            label: t('account.verified'),
            children: a.level2 ? `${viInstant(a.level2.at, true)} · ${a.level2.place} · ${t(`police.level2.${a.level2.method}`, { defaultValue: a.level2.method })}` : '—',
          },
          {
            key: 'portrait',
            label: t('police.account.portrait'),
            children: portrait.data ? <img src={portrait.data} alt={t('police.account.portrait')} data-testid="kept-portrait" style={{ maxWidth: 160, borderRadius: 6 }} /> : '—',
          },
        ]}
      />
      <Space wrap style={{ marginTop: 16 }}>
        {a.level === 1 && a.status === 'active' && (
          <Button type="primary" onClick={() => setLevel2Open(true)}>
            {t('police.level2.open')}
          </Button>
        )}
        {a.status === 'active' ? (
          <Button danger onClick={() => setStatusAction('suspend')}>
            {t('police.status.suspend')}
          </Button>
        ) : (
          <Button onClick={() => setStatusAction('restore')}>{t('police.status.restore')}</Button>
        )}
      </Space>
      <Level2Dialog
        person={person}
        open={level2Open}
        onClose={() => setLevel2Open(false)}
        onDone={(next) => {
          setLevel2Open(false);
          updated(next, 'police.level2.done');
        }}
      />
      <StatusDialog
        person={person}
        action={statusAction}
        onClose={() => setStatusAction(null)}
        onDone={(next) => {
          const doneKey = statusAction === 'suspend' ? 'police.status.suspended' : 'police.status.restored';
          setStatusAction(null);
          updated(next, doneKey);
        }}
      />
    </>
  );
}

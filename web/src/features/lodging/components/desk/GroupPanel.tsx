// Checking a whole group in at once (a tour group, a bus's passengers): the list pasted or uploaded
// as CSV, shown as a table to check, then sent in one request. All or nothing: when the server
// refuses any row, nobody is recorded and every refused row is shown with its number and field.
import { useMemo, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Space, Table, Tag, Typography, Upload } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../../api/client.ts';
import { viDate } from '../../../../components/dates.ts';
import { ProblemAlert, clearErrorsOnChange } from '../../../../components/problem.tsx';
import { type GroupRow, TEMPLATE_HEADER, batchErrorPlace, readGroup } from '../../group.ts';
import { type Establishment, type Stay, lodgingApi } from '../../lodging.ts';
import { GuestCell } from '../StayTags.tsx';
import { StayFields, type StayValues, stayDetailsOf } from '../StayFields.tsx';

interface GroupValues extends StayValues {
  groupName?: string;
}

interface RowError {
  row: number;
  field: string;
  message: string;
}

/** The server's refusals of single rows (`body.items.<n>.<field>`), and what it said about the whole. */
function rowErrors(err: unknown): { rows: RowError[]; rest: unknown } {
  if (!(err instanceof ApiError)) return { rows: [], rest: err };
  const rows: RowError[] = [];
  const others = (err.problem.errors ?? []).filter((e) => {
    const place = batchErrorPlace(e.path);
    if (place) rows.push({ ...place, message: e.message });
    return !place;
  });
  return { rows, rest: rows.length && !others.length ? null : new ApiError({ ...err.problem, errors: others }) };
}

export function GroupPanel({ est }: { est: Establishment }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<GroupValues>();
  const [text, setText] = useState('');
  const [refused, setRefused] = useState<RowError[]>([]);
  const [problem, setProblem] = useState<unknown>(null);
  const [done, setDone] = useState<{ groupName?: string; items: Stay[] } | null>(null);
  const group = useMemo(() => readGroup(text, { entryPurpose: t('lodging.entryPurposes.tourism') }), [text, t]);
  const place = t(est.type === 'bus' ? 'lodging.stay.seat' : 'lodging.stay.room');
  const fieldLabel = (f: string) => t(`lodging.fields.${f}`, { defaultValue: f });

  const submit = useMutation({
    mutationFn: ({ values, rows }: { values: GroupValues; rows: GroupRow[] }) => {
      const details = stayDetailsOf(values);
      return lodgingApi.checkInGroup(est.id, {
        ...(values.groupName?.trim() ? { groupName: values.groupName.trim() } : {}),
        items: rows.map((r) => ({ ...details, ...(r.room ? { room: r.room } : {}), guest: r.guest })),
      });
    },
    onMutate: () => {
      setRefused([]);
      setProblem(null);
      setDone(null);
    },
    onSuccess: (res, { values }) => {
      setDone({ ...(values.groupName?.trim() ? { groupName: values.groupName.trim() } : {}), items: res.items });
      setText('');
      void qc.invalidateQueries({ queryKey: ['lodging', 'stays', est.id] });
    },
    onError: (err) => {
      const { rows, rest } = rowErrors(err);
      setRefused(rows);
      setProblem(rest);
    },
  });

  const blocked = group.missingColumns || group.rows.length === 0 || group.rows.some((r) => r.problems.length > 0);
  const template = `data:text/csv;charset=utf-8,${encodeURIComponent(`\uFEFF${TEMPLATE_HEADER}\n`)}`;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small" title={t('lodging.group.stepStay')}>
        <Form<GroupValues> form={form} name="group" layout="vertical" requiredMark="optional" initialValues={{ expectedNights: 1 }} onValuesChange={clearErrorsOnChange(form)}>
          <Form.Item name="groupName" label={t('lodging.group.name')}>
            <Input autoComplete="off" placeholder={t('lodging.group.namePlaceholder')} />
          </Form.Item>
          <StayFields guest="citizen" roomLabel={t(est.type === 'bus' ? 'lodging.group.seatDefault' : 'lodging.group.roomDefault')} />
        </Form>
      </Card>
      <Card size="small" title={t('lodging.group.stepList')}>
        <Typography.Paragraph type="secondary">
          {t('lodging.group.help')}{' '}
          <a href={template} download="danh-sach-khach.csv">
            {t('lodging.group.template')}
          </a>
        </Typography.Paragraph>
        <Input.TextArea
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setRefused([]);
          }}
          autoSize={{ minRows: 4, maxRows: 10 }}
          placeholder={TEMPLATE_HEADER}
          aria-label={t('lodging.group.paste')}
          data-testid="group-csv"
          style={{ fontSize: 13 }}
        />
        <Upload
          accept=".csv,text/csv,text/plain"
          showUploadList={false}
          beforeUpload={(file) => {
            void file.text().then((s) => {
              setText(s);
              setRefused([]);
            });
            return false;
          }}
        >
          <Button style={{ marginTop: 8 }} data-testid="group-file">
            {t('lodging.group.upload')}
          </Button>
        </Upload>
        {text.trim() && group.missingColumns && <Alert type="warning" showIcon style={{ marginTop: 12 }} title={t('lodging.group.missingColumns')} />}
        {group.unknownHeaders.length > 0 && (
          <Typography.Paragraph type="warning" style={{ marginTop: 8 }}>
            {t('lodging.group.unknownHeaders', { headers: group.unknownHeaders.join(', ') })}
          </Typography.Paragraph>
        )}
      </Card>
      {group.rows.length > 0 && (
        <Card size="small" title={t('lodging.group.preview', { count: group.rows.length })}>
          {refused.length > 0 && (
            <Alert
              type="error"
              showIcon
              role="alert"
              data-testid="group-refused"
              style={{ marginBottom: 12 }}
              title={t('lodging.group.refused', { count: new Set(refused.map((r) => r.row)).size })}
              description={
                <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                  {refused.map((r) => (
                    <li key={`${r.row}-${r.field}`}>{t('lodging.group.refusedRow', { row: r.row, field: fieldLabel(r.field), message: r.message })}</li>
                  ))}
                </ul>
              }
            />
          )}
          <Table<GroupRow>
            size="small"
            rowKey="row"
            data-testid="group-preview"
            dataSource={group.rows}
            pagination={false}
            scroll={{ x: true }}
            onRow={(r) => ({ style: r.problems.length || refused.some((e) => e.row === r.row) ? { background: '#fff1f0' } : {} })}
            columns={[
              { title: '#', dataIndex: 'row', width: 40 },
              { title: t('lodging.guest.fullName'), key: 'guest', render: (_: unknown, r) => <GuestCell guest={r.guest} /> },
              { title: place, dataIndex: 'room', render: (room?: string) => room ?? '—' },
              {
                title: t('lodging.group.check'),
                key: 'problems',
                render: (_: unknown, r) => {
                  const mine = refused.filter((e) => e.row === r.row);
                  if (!r.problems.length && !mine.length) return <Tag color="green">{t('lodging.group.rowOk')}</Tag>;
                  return (
                    <Space orientation="vertical" size={0}>
                      {r.problems.map((p) => (
                        <Typography.Text key={p} type="danger">
                          {t(`lodging.group.problem.${p}`)}
                        </Typography.Text>
                      ))}
                      {mine.map((e) => (
                        <Typography.Text key={e.field} type="danger">
                          {fieldLabel(e.field)}: {e.message}
                        </Typography.Text>
                      ))}
                    </Space>
                  );
                },
              },
            ]}
          />
          <Button
            type="primary"
            size="large"
            block
            style={{ marginTop: 12 }}
            disabled={blocked}
            loading={submit.isPending}
            data-testid="group-submit"
            onClick={() => void form.validateFields().then((values) => submit.mutate({ values, rows: group.rows }), () => undefined)}
          >
            {t('lodging.group.submit', { count: group.rows.length })}
          </Button>
        </Card>
      )}
      {problem ? <ProblemAlert error={problem} testId="group-problem" /> : null}
      {done && (
        <Alert
          type="success"
          showIcon
          data-testid="group-done"
          title={done.groupName ? t('lodging.group.doneNamed', { count: done.items.length, name: done.groupName }) : t('lodging.group.done', { count: done.items.length })}
          description={done.items.map((s) => `${s.guest.fullName} (${viDate(s.guest.birthDate)})`).join(', ')}
        />
      )}
    </Space>
  );
}

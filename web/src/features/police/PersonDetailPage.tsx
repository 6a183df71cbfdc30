// A person's record at the police desk: the facts with their sources, residences, household,
// ID cards, the history of changes and the e-ID account. Each part is read from the API only when
// the officer opens its tab (each read is logged with the purpose of the look-up).
import { useState, type ReactNode } from 'react';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { Alert, Button, Card, Form, Skeleton, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { label } from '../../api/reference.ts';
import { viDate, viInstant } from '../../components/dates.ts';
import { residenceAddress, type IdCard, type Person, type Residence } from '../../components/person.ts';
import { PersonFacts } from '../../components/PersonFacts.tsx';
import { ProblemAlert } from '../../components/problem.tsx';
import { AccountPanel } from './AccountPanel.tsx';
import { type HistoryEntry, type Why, useHistory, useHousehold, usePerson, useRolePurposes } from './police.ts';
import { WhyFields } from './WhyFields.tsx';

function Loading({ q, children }: { q: { isPending: boolean; isError: boolean; error: unknown }; children: () => ReactNode }) {
  if (q.isError) return <ProblemAlert error={q.error} />;
  if (q.isPending) return <Skeleton active />;
  return <>{children()}</>;
}

function PersonLink({ pid, why }: { pid: string | null | undefined; why: Why }) {
  if (!pid) return <>—</>;
  return <Link to={`/police/persons/${pid}?${new URLSearchParams({ purpose: why.purpose, ...(why.ref ? { ref: why.ref } : {}) })}`}>{pid}</Link>;
}

function show(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'object') return Object.values(v as Record<string, unknown>).filter((x) => x !== null && x !== undefined).join(', ');
  return String(v);
}

function History({ pid, why }: { pid: string; why: Why }) {
  const { t } = useTranslation();
  const history = useHistory(pid, why, true);
  return (
    <Loading q={history}>
      {() => (
        <Table<HistoryEntry>
          rowKey={(e) => `${e.at}-${e.change}`}
          size="small"
          data-testid="history"
          dataSource={history.data!.items}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: true }}
          columns={[
            { title: t('police.history.at'), dataIndex: 'at', render: (at: string) => viInstant(at, true), width: 140 },
            { title: t('police.history.change'), dataIndex: 'change', render: (c: string) => t(`police.history.changes.${c}`, { defaultValue: c }) },
            {
              title: t('police.history.what'),
              key: 'diff',
              render: (_: unknown, e: HistoryEntry) =>
                e.diff
                  ? Object.entries(e.diff).map(([k, [from, to]]) => (
                      <div key={k}>
                        <Typography.Text strong>{t(`police.attr.${k}`, { defaultValue: k })}</Typography.Text>: {show(from)} → {show(to)}
                      </div>
                    ))
                  : '—',
            },
            { title: t('police.history.source'), dataIndex: 'source', render: (s: string) => t(`source.${s.split(':')[0]}`, { defaultValue: s }), responsive: ['md'] },
            { title: t('police.history.reason'), dataIndex: 'reason', render: (r: string | null) => r ?? '—', responsive: ['md'] },
            { title: t('police.history.by'), dataIndex: 'actor', responsive: ['lg'] },
          ]}
        />
      )}
    </Loading>
  );
}

function Household({ person, why }: { person: Person; why: Why }) {
  const { t } = useTranslation();
  const household = useHousehold(person.household?.id, why, true);
  if (!person.household) return <Alert type="info" showIcon title={t('police.household.none')} />;
  return (
    <Loading q={household}>
      {() => (
        <Card size="small" title={`${t('household.code')}: ${household.data!.code}`} extra={household.data!.addressDetail}>
          <Table
            rowKey="pid"
            size="small"
            pagination={false}
            data-testid="household"
            dataSource={household.data!.members}
            scroll={{ x: true }}
            columns={[
              { title: t('person.fullName'), dataIndex: 'fullName' },
              { title: t('person.pid'), dataIndex: 'pid', render: (pid: string) => (pid === person.pid ? pid : <PersonLink pid={pid} why={why} />) },
              { title: t('household.relation'), dataIndex: 'relation', render: (r: string) => t(`relation.${r}`, { defaultValue: r }) },
              { title: t('household.since'), dataIndex: 'joinedOn', render: (d: string) => viDate(d), responsive: ['sm'] },
            ]}
          />
        </Card>
      )}
    </Loading>
  );
}

function Residences({ items }: { items: Residence[] }) {
  const { t } = useTranslation();
  return (
    <Table<Residence>
      rowKey={(r) => `${r.kind}-${r.validFrom}-${r.communeCode ?? r.legacyAddress ?? ''}`}
      size="small"
      pagination={false}
      data-testid="residences"
      dataSource={items}
      scroll={{ x: true }}
      locale={{ emptyText: t('police.residence.none') }}
      columns={[
        { title: t('police.residence.kind'), dataIndex: 'kind', render: (k: string) => t(`police.residence.kinds.${k}`, { defaultValue: k }) },
        { title: t('police.residence.address'), key: 'address', render: (_: unknown, r: Residence) => residenceAddress(r) },
        { title: t('police.residence.from'), dataIndex: 'validFrom', render: (d: string) => viDate(d) },
        { title: t('police.residence.to'), dataIndex: 'validTo', render: (d: string | null | undefined) => (d ? viDate(d) : t('police.residence.current')), responsive: ['sm'] },
      ]}
    />
  );
}

function Cards({ items }: { items: IdCard[] }) {
  const { t } = useTranslation();
  return (
    <Table<IdCard>
      rowKey="number"
      size="small"
      pagination={false}
      data-testid="id-cards"
      dataSource={items}
      scroll={{ x: true }}
      locale={{ emptyText: t('police.cards.none') }}
      columns={[
        { title: t('police.cards.kind'), dataIndex: 'kind', render: (k: string) => t(`card.${k}`, { defaultValue: k }), responsive: ['sm'] },
        { title: t('police.cards.number'), dataIndex: 'number' },
        { title: t('police.cards.issued'), dataIndex: 'issuedOn', render: (d: string) => viDate(d) },
        { title: t('police.cards.expires'), dataIndex: 'expiresOn', render: (d: string | null) => (d ? viDate(d) : t('police.cards.noExpiry')) },
        {
          title: t('police.cards.status'),
          key: 'status',
          // a card still marked valid after its expiry date has expired
          render: (_: unknown, c: IdCard) => {
            const s = c.status === 'valid' && c.expiresOn && c.expiresOn < new Date().toISOString().slice(0, 10) ? 'expired' : c.status;
            return <Tag color={s === 'valid' ? 'green' : 'default'}>{t(`police.cards.statuses.${s}`, { defaultValue: s })}</Tag>;
          },
        },
      ]}
    />
  );
}

/** When the page is opened without a purpose (a link, a bookmark): ask for one first. */
function AskWhy({ onChosen }: { onChosen: (why: Why) => void }) {
  const { t } = useTranslation();
  return (
    <Card style={{ maxWidth: 520 }}>
      <Typography.Paragraph>{t('police.detail.whyFirst')}</Typography.Paragraph>
      <Form layout="vertical" onFinish={(v: { purpose: string; ref?: string }) => onChosen({ purpose: v.purpose, ref: v.ref?.trim() || undefined })}>
        <WhyFields />
        <Button type="primary" htmlType="submit">
          {t('police.detail.open')}
        </Button>
      </Form>
    </Card>
  );
}

export default function PersonDetailPage() {
  const { t, i18n } = useTranslation();
  const { pid = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const location = useLocation();
  const purposes = useRolePurposes();
  const why: Why | null = params.get('purpose') ? { purpose: params.get('purpose')!, ref: params.get('ref') ?? undefined } : null;
  const person = usePerson(pid, why);
  const [tab, setTab] = useState('facts');

  const back = (
    <Button onClick={() => (location.key === 'default' ? navigate('/police/find') : navigate(-1))} style={{ marginBottom: 12 }}>
      ← {t('police.detail.back')}
    </Button>
  );
  if (!why)
    return (
      <>
        <Typography.Title level={2}>{t('police.detail.title')}</Typography.Title>
        <AskWhy onChosen={(w) => setParams({ purpose: w.purpose, ...(w.ref ? { ref: w.ref } : {}) })} />
      </>
    );
  if (person.isError)
    return (
      <>
        {back}
        <Typography.Title level={2}>{t('police.detail.title')}</Typography.Title>
        <ProblemAlert error={person.error} testId="refusal" />
      </>
    );
  if (person.isPending) return <Skeleton active />;
  const p = person.data;
  const extra = [
    { key: 'lifeStatus', label: t('police.attr.lifeStatus'), children: <>{t(`police.lifeStatus.${p.lifeStatus}`, { defaultValue: p.lifeStatus })}{p.deathDate ? ` · ${viDate(p.deathDate)}` : ''}</> },
    { key: 'maritalStatus', label: t('police.attr.maritalStatus'), children: p.maritalStatus ? t(`police.marital.${p.maritalStatus}`, { defaultValue: p.maritalStatus }) : '—' },
    { key: 'birthPlace', label: t('police.attr.birthPlace'), children: p.birthPlace ?? '—' },
    { key: 'nationality', label: t('police.attr.nationality'), children: p.nationality },
    { key: 'email', label: t('police.attr.email'), children: p.email ?? '—' },
    { key: 'fatherPid', label: t('police.attr.fatherPid'), children: <PersonLink pid={p.fatherPid} why={why} /> },
    { key: 'motherPid', label: t('police.attr.motherPid'), children: <PersonLink pid={p.motherPid} why={why} /> },
    { key: 'spousePid', label: t('police.attr.spousePid'), children: <PersonLink pid={p.spousePid} why={why} /> },
  ];
  return (
    <>
      {back}
      <Typography.Title level={2} style={{ marginBottom: 4 }} data-testid="person-name">
        {p.fullName}
      </Typography.Title>
      <Space wrap style={{ marginBottom: 16 }}>
        <Typography.Text type="secondary">{p.pid}</Typography.Text>
        {p.lifeStatus !== 'alive' && <Tag>{t(`police.lifeStatus.${p.lifeStatus}`, { defaultValue: p.lifeStatus })}</Tag>}
        <Tag color="geekblue">
          {t('police.detail.purpose')}: {label(purposes.data?.items, why.purpose, i18n.language)}
          {why.ref ? ` · ${why.ref}` : ''}
        </Tag>
      </Space>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        destroyOnHidden={false}
        items={[
          { key: 'facts', label: t('police.tabs.facts'), children: <PersonFacts person={p} extra={extra} data-testid="person-facts" /> },
          { key: 'residences', label: t('police.tabs.residences'), children: <Residences items={p.residences} /> },
          { key: 'household', label: t('police.tabs.household'), children: tab === 'household' ? <Household person={p} why={why} /> : null },
          { key: 'cards', label: t('police.tabs.cards'), children: <Cards items={p.idCards} /> },
          { key: 'history', label: t('police.tabs.history'), children: tab === 'history' ? <History pid={p.pid} why={why} /> : null },
          { key: 'account', label: t('police.tabs.account'), children: tab === 'account' ? <AccountPanel person={p} /> : null },
        ]}
      />
    </>
  );
}

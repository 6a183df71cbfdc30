// "Ví giấy tờ": the results of the citizen's procedures, each a signed SD-JWT VC — title, issue date,
// status (with the reason when revoked) and what it certifies, labelled with the procedure's own
// field names. "Kiểm tra chữ ký và trạng thái" checks the credential in the browser, offline, as any
// verifier would: the issuer's public key from
// /.well-known/jwt-vc-issuer and verifySdJwtVc of @open06/kernel/sd-jwt — nothing is sent back to
// the platform; then, when online, whether it was revoked, from the issuer's signed status list
// (the whole list is fetched, so the issuer does not learn which document is checked). "Sao chép"
// copies the credential text to present it elsewhere.
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Descriptions, Empty, Flex, Grid, Input, Skeleton, Space, Tag, Typography, App as AntApp } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { checkStatus, STATUS_MESSAGES, statusReferenceOf, verifySdJwtVc, type CredentialStatus, type EcJwk, type SdJwtVerification } from '@open06/kernel/sd-jwt';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { viDate, viInstant } from '../../../components/dates.ts';
import { ProblemAlert, problemText } from '../../../components/problem.tsx';
import { type WalletDocument, applicationsApi, useWallet } from '../applications.ts';
import { useDisplay } from '../components/FieldInput.tsx';
import { type Definition, type Field, type Section, pick, servicesApi, useCatalogue } from '../services.ts';

/** Claims that are about the credential itself, not what it certifies. */
const TECHNICAL = new Set(['iss', 'iat', 'nbf', 'exp', 'vct', 'cnf', 'sub', 'status', '_sd', '_sd_alg', 'document_id', 'kind', 'title']);

interface ClaimLabel {
  label: string;
  field?: Field;
}

/** The document's own facts first, in this order; then the form's fields in the form's order. */
const HEAD = ['procedure', 'application', 'issued_on', 'new_pid', 'subject_pid'];

/** `child_fullName` → "Thông tin của trẻ — Họ, chữ đệm và tên" from the procedure's form, and the claims' order. */
function useClaimLabels(procedureName: unknown): { labelOf: (key: string) => ClaimLabel; rank: (key: string) => number } {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const catalogue = useCatalogue({});
  const serviceId = catalogue.data?.items.find((s) => s.name.vi === procedureName)?.id;
  const def = useQuery({ queryKey: ['services', 'one', serviceId], queryFn: () => servicesApi.get(serviceId!), enabled: !!serviceId, staleTime: Infinity });
  const sections: Section[] = def.data && def.data.kind !== 'module' ? (def.data as Exclude<Definition, { kind: 'module' }>).form.sections : [];
  const order = new Map(sections.flatMap((s) => s.fields.map((f) => `${s.id}_${f.name}`)).map((k, i) => [k, i]));
  const rank = (key: string) => (HEAD.includes(key) ? HEAD.indexOf(key) - HEAD.length : (order.get(key) ?? 10_000));
  const labelOf = (key: string): ClaimLabel => {
    const known = t(`services.claims.${key}`, { defaultValue: '' });
    if (known) return { label: known };
    const m = /^([a-z][a-zA-Z0-9]*)_([a-z][a-zA-Z0-9]*)$/.exec(key);
    const section = m ? sections.find((s) => s.id === m[1]) : undefined;
    const field = section?.fields.find((f) => f.name === m![2]);
    if (section && field) return { label: `${pick(section.title, lang)} — ${pick(field.label, lang)}`, field };
    return { label: key };
  };
  return { labelOf, rank };
}

function ClaimValue({ field, value }: { field: Field | undefined; value: unknown }) {
  const shown = useDisplay(field, value);
  if (!field && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return <>{viDate(value)}</>;
  if (!field && typeof value === 'object' && value !== null) return <>{JSON.stringify(value)}</>;
  return <>{field ? shown : String(value)}</>;
}

function Claims({ claims, testId }: { claims: Record<string, unknown>; testId?: string }) {
  const wide = Grid.useBreakpoint().sm;
  const { labelOf, rank } = useClaimLabels(claims.procedure);
  const entries = Object.entries(claims)
    .filter(([k, v]) => !TECHNICAL.has(k) && v !== null && v !== undefined && v !== '')
    .sort(([a], [b]) => rank(a) - rank(b));
  return (
    <Descriptions size="small" column={1} bordered layout={wide ? 'horizontal' : 'vertical'} data-testid={testId}>
      {entries.map(([k, v]) => {
        const l = labelOf(k);
        return (
          <Descriptions.Item key={k} label={l.label}>
            <ClaimValue field={l.field} value={v} />
          </Descriptions.Item>
        );
      })}
    </Descriptions>
  );
}

type Check = { state: 'checking' } | { state: 'done'; result: SdJwtVerification; status: CredentialStatus | null; issuer: string } | { state: 'error'; message: string };

/** Whether a verified credential is revoked, from the issuer's status list; not checked when offline. */
async function revocationStatus(claims: Record<string, unknown>, issuer: string, issuerKey: EcJwk): Promise<CredentialStatus> {
  const ref = statusReferenceOf(claims);
  if (!ref) return { checked: false, problem: STATUS_MESSAGES.noReference };
  let token: string;
  try {
    token = await applicationsApi.statusList(ref.uri, issuer);
  } catch {
    return { checked: false, problem: STATUS_MESSAGES.unreachable };
  }
  return checkStatus(ref, token, { issuerKey });
}

function StatusLine({ status }: { status: CredentialStatus }) {
  const { t, i18n } = useTranslation();
  if (!status.checked) return <Typography.Text type="warning">{t('services.wallet.statusUnknown', { reason: pick(status.problem, i18n.language) })}</Typography.Text>;
  return <Typography.Text strong>{t(`services.wallet.statusChecked.${status.status}`, { at: viInstant(new Date(status.listIssuedAt * 1000).toISOString(), true) })}</Typography.Text>;
}

function WalletCard({ d, highlight }: { d: WalletDocument; highlight: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const [check, setCheck] = useState<Check | null>(null);
  const [text, setText] = useState<string | null>(null);

  const credential = () => client.fetchQuery({ queryKey: ['wallet', d.id], queryFn: () => applicationsApi.walletDocument(d.id), staleTime: Infinity }).then((x) => x.credential);

  const verify = async () => {
    setCheck({ state: 'checking' });
    try {
      const [sdJwt, meta] = await Promise.all([credential(), client.fetchQuery({ queryKey: ['wallet', 'issuer'], queryFn: applicationsApi.issuer, staleTime: 5 * 60_000 })]);
      // offline: the published key and the credential, nothing else
      let result: SdJwtVerification | null = null;
      let issuerKey: EcJwk | undefined;
      for (const key of meta.jwks.keys) {
        issuerKey = key as unknown as EcJwk;
        result = await verifySdJwtVc(sdJwt, { issuerKey, issuer: meta.issuer, now: Date.now() });
        if (result.valid) break;
      }
      const status = result?.valid && issuerKey ? await revocationStatus(result.claims, meta.issuer, issuerKey) : null;
      setCheck({ state: 'done', result: result ?? { valid: false, problems: [] }, status, issuer: meta.issuer });
    } catch (err) {
      setCheck({ state: 'error', message: problemText(err).message });
    }
  };

  const copy = async () => {
    try {
      const c = await credential();
      setText(c);
      await navigator.clipboard.writeText(c);
      void message.success(t('services.wallet.copied'));
    } catch {
      void message.warning(t('services.wallet.copyFailed'));
    }
  };

  return (
    <Card
      id={d.id}
      data-testid={`wallet-${d.kind}`}
      style={{ marginBottom: 16, ...(highlight ? { borderColor: '#b3261e', boxShadow: '0 0 0 2px rgba(179,38,30,.15)' } : {}) }}
      title={
        <Flex gap={8} wrap align="center" style={{ whiteSpace: 'normal', padding: '8px 0' }}>
          <span>{pick(d.title, lang)}</span>
          <Tag color={d.status === 'valid' ? 'success' : 'error'}>{t(`services.wallet.status.${d.status}`)}</Tag>
        </Flex>
      }
    >
      {d.revoked && (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} data-testid="wallet-revoked" title={t('services.wallet.revokedOn', { date: viInstant(d.revoked.at, true) })} description={d.revoked.reason} />
      )}
      <Typography.Paragraph type="secondary">
        {t('services.wallet.issued')}: {viInstant(d.issuedAt)}
        {d.applicationId && (
          <>
            {' · '}
            <Link to={`/applications/${d.applicationId}`}>{t('services.wallet.application')}</Link>
          </>
        )}
      </Typography.Paragraph>
      <Claims claims={d.claims} testId="wallet-claims" />
      <Space wrap style={{ marginTop: 12 }}>
        <Button type="primary" onClick={() => void verify()} loading={check?.state === 'checking'} data-testid="wallet-verify">
          {t('services.wallet.verify')}
        </Button>
        <Button onClick={() => void copy()} data-testid="wallet-copy">
          {t('services.wallet.copy')}
        </Button>
      </Space>
      {check?.state === 'error' && <Alert type="error" showIcon style={{ marginTop: 12 }} title={check.message} />}
      {check?.state === 'done' &&
        (check.result.valid ? (
          <Alert
            type={check.status?.checked && check.status.status !== 'valid' ? 'error' : check.status?.checked ? 'success' : 'warning'}
            showIcon
            style={{ marginTop: 12 }}
            data-testid="wallet-verify-result"
            title={t('services.wallet.valid', { issuer: check.issuer })}
            description={
              <>
                <Typography.Paragraph type="secondary" style={{ margin: '0 0 8px' }}>
                  {t('services.wallet.checkedOffline')}
                </Typography.Paragraph>
                {check.status && (
                  <Typography.Paragraph style={{ margin: '0 0 8px' }} data-testid="wallet-verify-status">
                    <StatusLine status={check.status} />
                  </Typography.Paragraph>
                )}
                <Typography.Text strong>{t('services.wallet.disclosed')}</Typography.Text>
                <div style={{ marginTop: 4 }}>
                  <Claims claims={check.result.claims} testId="wallet-disclosed" />
                </div>
              </>
            }
          />
        ) : (
          <Alert
            type="error"
            showIcon
            style={{ marginTop: 12 }}
            data-testid="wallet-verify-result"
            title={t('services.wallet.invalid')}
            description={
              <ul style={{ margin: 0, paddingLeft: 20 }}>
                {check.result.problems.map((p, i) => (
                  <li key={i}>{pick(p.message, lang)}</li>
                ))}
              </ul>
            }
          />
        ))}
      {text && (
        <div style={{ marginTop: 12 }}>
          <Typography.Text type="secondary">{t('services.wallet.credential')}</Typography.Text>
          <Input.TextArea readOnly value={text} autoSize={{ minRows: 2, maxRows: 6 }} style={{ fontFamily: 'monospace', fontSize: 12 }} data-testid="wallet-credential" onFocus={(e) => e.target.select()} />
        </div>
      )}
    </Card>
  );
}

export default function WalletPage() {
  const { t } = useTranslation();
  const wallet = useWallet();
  const { hash } = useLocation();
  const target = hash.slice(1);
  useEffect(() => {
    if (target && wallet.data) document.getElementById(target)?.scrollIntoView({ block: 'start' });
  }, [target, wallet.data]);
  return (
    <div style={{ maxWidth: 960 }}>
      <Typography.Title level={2}>{t('services.wallet.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('services.wallet.intro')}</Typography.Paragraph>
      {wallet.isError ? (
        <ProblemAlert error={wallet.error} />
      ) : wallet.isPending ? (
        <Skeleton active />
      ) : !wallet.data.items.length ? (
        <Empty description={t('services.wallet.none')} />
      ) : (
        wallet.data.items.map((d) => <WalletCard key={d.id} d={d} highlight={d.id === target} />)
      )}
    </div>
  );
}

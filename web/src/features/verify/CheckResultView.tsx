// The answer to a check, readable at a glance: a green, amber or red banner, what was presented
// with match / no match beside each attribute, and every check made with its outcome.
import { Alert, Card, Collapse, Descriptions, Image, List, Space, Tag, Typography, type DescriptionsProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { viDate, viInstant } from '../../components/dates.ts';
import type { AttributeName, AttributeResult, CheckResult } from './verify.ts';

const BANNER = { green: 'success', amber: 'warning', red: 'error' } as const;
const MATCH_COLOUR: Record<AttributeResult, string> = { match: 'green', no_match: 'red', not_checked: 'default' };
const STATUS_COLOUR = { passed: 'green', failed: 'red', not_possible: 'orange', not_checked: 'default' } as const;
const STATUS_MARK = { passed: '✓', failed: '✗', not_possible: '?', not_checked: '–' } as const;
const ORDER: AttributeName[] = ['fullName', 'pid', 'birthDate', 'sex', 'oldId', 'issueDate'];

export function CheckResultView({ result }: { result: CheckResult }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  const shown = (a: AttributeName, v: string) => (a === 'birthDate' || a === 'issueDate' ? viDate(v) : a === 'sex' ? t(`verify.sex.${v}`) : v);
  const attrs = ORDER.filter((a) => result.presented[a] !== undefined || result.attributes[a] !== undefined);
  const items: NonNullable<DescriptionsProps['items']> = attrs.map((a) => {
    const verdict = result.attributes[a];
    return {
      key: a,
      label: t(`verify.attr.${a}`),
      children: (
        <Space wrap>
          <span>{result.presented[a] !== undefined ? shown(a, result.presented[a]) : '—'}</span>
          {verdict && <Tag color={MATCH_COLOUR[verdict]}>{t(`verify.match.${verdict}`)}</Tag>}
        </Space>
      ),
    };
  });
  if (result.accountLevel)
    items.push({ key: 'level', label: t('verify.result.level'), children: <Tag color={result.accountLevel === 2 ? 'green' : 'blue'}>{t(`verify.result.level${result.accountLevel}`)}</Tag> });
  if (result.qr) items.push({ key: 'qr', label: t('verify.result.qrValid'), children: viInstant(result.qr.expiresAt, true) });
  if (result.card) items.push({ key: 'card', label: t('verify.result.card'), children: t(`verify.result.cardVerdict.${result.card.verdict}`) });
  const suggestion = result.card?.communeSuggestion;
  if (suggestion)
    items.push({
      key: 'suggestion',
      label: t('verify.result.suggestionLabel'),
      children: (
        <Typography.Text type="secondary" data-testid="commune-suggestion">
          {t('verify.result.suggestion', { communes: suggestion.communes.map((c) => `${c.fullName}, ${c.province}`).join('; ') })}
          <br />
          <small>
            {suggestion.note[lang]} {t('verify.result.suggestionHelp')}
          </small>
        </Typography.Text>
      ),
    });
  if (result.chip) {
    const colour = result.chip.verdict === 'genuine' ? 'green' : result.chip.verdict === 'forged' ? 'red' : 'orange';
    items.push({ key: 'chip', label: t('verify.result.chip'), children: <Tag color={colour}>{t(`verify.result.chipVerdict.${result.chip.verdict}`)}</Tag> });
  }
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="verify-result" data-result={result.result}>
      <Alert
        type={BANNER[result.result]}
        showIcon
        role="status"
        title={<span style={{ fontSize: 22, fontWeight: 600 }}>{t(`verify.result.${result.result}`)}</span>}
        description={t(`verify.result.${result.result}Help`)}
        style={{ borderWidth: 2 }}
      />
      <Card size="small" title={t('verify.result.presented')}>
        <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap' }}>
          {result.photo && result.photo.mimeType === 'image/jpeg' && (
            <Image src={`data:${result.photo.mimeType};base64,${result.photo.data}`} alt={t('verify.result.photo')} width={96} data-testid="chip-photo" />
          )}
          <Descriptions column={1} size="small" style={{ flex: 1, minWidth: 240 }} data-testid="presented" items={items} />
        </div>
      </Card>
      <Card size="small" title={t('verify.result.checks')}>
        <List
          size="small"
          data-testid="checks"
          dataSource={result.checks}
          renderItem={(c) => (
            <List.Item>
              <Space align="start">
                <Tag color={STATUS_COLOUR[c.status]} style={{ minWidth: 28, textAlign: 'center' }} aria-label={t(`verify.status.${c.status}`)}>
                  {STATUS_MARK[c.status]}
                </Tag>
                <span>
                  {t(`verify.checks.${c.name}`, { defaultValue: c.name })}
                  {c.reason && (
                    <Typography.Text type={c.status === 'failed' ? 'danger' : 'secondary'} style={{ display: 'block' }}>
                      {t(`verify.reasons.${c.reason}`, { defaultValue: c.reason })}
                    </Typography.Text>
                  )}
                </span>
              </Space>
            </List.Item>
          )}
        />
        {result.chip && (
          <Collapse
            size="small"
            ghost
            items={[
              {
                key: 'chip',
                label: t('verify.result.chipDetails'),
                children: (
                  <List
                    size="small"
                    data-testid="chip-checks"
                    dataSource={result.chip.checks}
                    renderItem={(c) => (
                      <List.Item>
                        <Space align="start">
                          <Tag color={STATUS_COLOUR[c.status]} style={{ minWidth: 28, textAlign: 'center' }}>
                            {STATUS_MARK[c.status]}
                          </Tag>
                          <span>{c.detail[lang]}</span>
                        </Space>
                      </List.Item>
                    )}
                  />
                ),
              },
            ]}
          />
        )}
        {result.card?.warnings.map((w) => (
          <Typography.Paragraph key={w.code} type="warning" style={{ marginBottom: 0 }}>
            {w.message[lang]}
          </Typography.Paragraph>
        ))}
      </Card>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('verify.result.reference', { id: result.id.slice(0, 8), at: viInstant(result.at, true) })}
      </Typography.Text>
    </Space>
  );
}

// A procedure's heading where one applies: its name, number among the essential services, linked
// or not, fully or partly online, the competent agency and the time limit in working days.
import { Descriptions, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { type Definition, pick } from '../services.ts';

export function ProcedureHeader({ d, size = 'default' }: { d: Definition; size?: 'default' | 'large' }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const days = d.processing.workingDays;
  return (
    <>
      <Typography.Title level={size === 'large' ? 1 : 2} style={{ marginBottom: 8 }} data-testid="apply-title">
        {pick(d.name, lang)}
      </Typography.Title>
      <Space wrap size={4} style={{ marginBottom: 12 }}>
        {d.essential !== null && <Tag color="red">{t('services.catalogue.number', { n: d.essential })}</Tag>}
        {d.kind === 'linked' && <Tag color="purple">{t('services.kind.linked')}</Tag>}
        <Tag color={d.online === 'full' ? 'green' : 'gold'}>{t(`services.online.${d.online}`)}</Tag>
      </Space>
      <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }} data-testid="apply-header">
        <Descriptions.Item label={t('services.apply.agency')}>{pick(d.agency.name, lang)}</Descriptions.Item>
        <Descriptions.Item label={t('services.apply.processing')}>{days === 0 ? t('services.days.sameDay') : t('services.days.working', { count: days })}</Descriptions.Item>
      </Descriptions>
    </>
  );
}

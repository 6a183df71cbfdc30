// One procedure in the catalogue: its number among the 25 essential services, name, agency,
// fully or partly online, the e-ID level needed, processing time, free or not, linked or not.
import { Card, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type ServiceSummary, pick } from '../services.ts';

export function ServiceCard({ s }: { s: ServiceSummary }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <Card size="small" data-testid={`service-${s.id}`} style={{ height: '100%' }}>
      <Flex gap={12} align="flex-start">
        {s.essential !== null && (
          <div aria-label={t('services.catalogue.number', { n: s.essential })} style={{ minWidth: 36, height: 36, borderRadius: 18, background: '#da251d', color: '#fff', fontWeight: 600, display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
            {s.essential}
          </div>
        )}
        <div style={{ minWidth: 0 }}>
          <Link to={`/services/${s.id}`}>
            <Typography.Text strong style={{ fontSize: 16 }}>
              {pick(s.name, lang)}
            </Typography.Text>
          </Link>
          <Typography.Paragraph type="secondary" style={{ margin: '4px 0 8px' }}>
            {pick(s.agency.name, lang)}
          </Typography.Paragraph>
          <Flex wrap gap={4}>
            {s.kind === 'linked' && <Tag color="purple">{t('services.kind.linked')}</Tag>}
            <Tag color={s.online === 'full' ? 'green' : 'gold'}>{t(`services.online.${s.online}`)}</Tag>
            <Tag>{t('services.eidLevel', { level: s.eidLevel })}</Tag>
            <Tag>{s.workingDays === 0 ? t('services.days.sameDay') : t('services.days.working', { count: s.workingDays })}</Tag>
            {s.free && <Tag color="blue">{t('services.fee.free')}</Tag>}
          </Flex>
        </div>
      </Flex>
    </Card>
  );
}

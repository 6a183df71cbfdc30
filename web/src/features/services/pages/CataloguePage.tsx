// "Dịch vụ công trực tuyến": the catalogue, open to anyone — the 25 essential online services of
// Decision 06/QĐ-TTg in their numbered order (and, on request, the procedures the linked services
// chain), searched by name without needing diacritics and filtered by sector.
import { useDeferredValue, useState } from 'react';
import { Checkbox, Col, Empty, Flex, Input, Row, Select, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../../components/problem.tsx';
import { ServiceCard } from '../components/ServiceCard.tsx';
import { type Sector, useCatalogue } from '../services.ts';

export default function CataloguePage() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [sector, setSector] = useState<Sector | undefined>();
  const [all, setAll] = useState(false);
  const words = useDeferredValue(q.trim());
  const list = useCatalogue({ q: words, sector, essential: all ? undefined : 'true' });
  // the sectors the catalogue has, in its order
  const everything = useCatalogue({});
  const sectors = [...new Set((everything.data?.items ?? []).map((s) => s.sector))];
  return (
    <>
      <Typography.Title level={2}>{t('services.catalogue.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('services.catalogue.intro')}</Typography.Paragraph>
      <Flex wrap gap={8} style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          value={q}
          onChange={(e) => setQ(e.target.value)}
          placeholder={t('services.catalogue.search')}
          aria-label={t('services.catalogue.search')}
          maxLength={100}
          style={{ flex: '1 1 260px' }}
          data-testid="services-search"
        />
        <Select<Sector>
          allowClear
          value={sector}
          onChange={setSector}
          placeholder={t('services.catalogue.allSectors')}
          aria-label={t('services.catalogue.sector')}
          options={sectors.map((s) => ({ value: s, label: t(`services.sector.${s}`) }))}
          style={{ flex: '1 1 200px' }}
          data-testid="services-sector"
        />
        <Checkbox checked={all} onChange={(e) => setAll(e.target.checked)}>
          {t('services.catalogue.includeChained')}
        </Checkbox>
      </Flex>
      {list.isError ? (
        <ProblemAlert error={list.error} />
      ) : list.isPending ? (
        <Skeleton active />
      ) : list.data.items.length === 0 ? (
        <Empty description={t('services.catalogue.none')} />
      ) : (
        <Row gutter={[12, 12]} data-testid="services-list">
          {list.data.items.map((s) => (
            <Col key={s.id} xs={24} md={12} xl={8}>
              <ServiceCard s={s} />
            </Col>
          ))}
        </Row>
      )}
    </>
  );
}

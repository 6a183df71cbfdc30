// Receiving an application at the counter: the citizen's ID card scanned (or their personal ID
// typed), the procedure picked from the catalogue, then the procedure's form prefilled from the
// population database for that person — the reads run under the official and are written to the
// citizen's access log. A fee may be collected on the spot. The server's field errors land on the
// form's fields; once received, the desk's page of the new application opens.
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Card, Checkbox, Skeleton, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../../components/problem.tsx';
import { ApplicationForm } from '../../services/components/ApplicationForm.tsx';
import { servicesApi, useCatalogue } from '../../services/services.ts';
import { ApplicantScan, type Applicant } from '../components/ApplicantScan.tsx';
import { ProcedurePicker } from '../components/ProcedurePicker.tsx';
import { deskApi } from '../desk.ts';

export default function ReceivePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [applicant, setApplicant] = useState<Applicant | null>(null);
  const [serviceId, setServiceId] = useState<string | undefined>();
  const [feeCollected, setFeeCollected] = useState(false);
  const catalogue = useCatalogue({});
  const def = useQuery({
    queryKey: ['services', 'definition', serviceId],
    enabled: !!serviceId,
    staleTime: Infinity,
    queryFn: () => servicesApi.get(serviceId!),
  });
  const paid = catalogue.data?.items.find((s) => s.id === serviceId)?.free === false;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', minWidth: 0 }}>
      <div>
        <Typography.Title level={2}>{t('desk.receive.title')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('desk.receive.intro')}</Typography.Paragraph>
      </div>
      <Card size="small" title={t('desk.receive.stepPerson')}>
        <ApplicantScan applicant={applicant} onApplicant={setApplicant} />
      </Card>
      <Card size="small" title={t('desk.receive.stepProcedure')}>
        <ProcedurePicker
          value={serviceId}
          onChange={(id) => {
            setServiceId(id);
            setFeeCollected(false);
          }}
        />
      </Card>
      <Card size="small" title={t('desk.receive.stepForm')} data-testid="receive-form">
        {!applicant ? (
          <Typography.Text type="secondary">{t('desk.receive.pickFirst')}</Typography.Text>
        ) : !serviceId ? (
          <Typography.Text type="secondary">{t('desk.receive.pickProcedure')}</Typography.Text>
        ) : def.isError ? (
          <ProblemAlert error={def.error} />
        ) : !def.data ? (
          <Skeleton active />
        ) : (
          <ApplicationForm
            service={def.data}
            applicantPid={applicant.pid}
            submitLabel={t('desk.receive.submit')}
            extra={
              paid ? (
                <Alert
                  type="info"
                  style={{ marginBottom: 16 }}
                  title={
                    <Checkbox checked={feeCollected} onChange={(e) => setFeeCollected(e.target.checked)} data-testid="fee-collected">
                      {t('desk.receive.feeCollected')}
                    </Checkbox>
                  }
                  description={t('desk.receive.feeHint')}
                />
              ) : undefined
            }
            onSubmit={async (values, documents) => {
              const done = await deskApi.receive({ serviceId, applicantPid: applicant.pid, values, documents, ...(paid ? { feeCollected } : {}) });
              qc.setQueryData(['desk', 'application', done.id], done);
              void qc.invalidateQueries({ queryKey: ['desk', 'queue'] });
              void navigate(`/desk/applications/${done.id}`);
            }}
          />
        )}
      </Card>
    </Space>
  );
}

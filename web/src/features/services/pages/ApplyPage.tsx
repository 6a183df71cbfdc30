// "Nộp hồ sơ trực tuyến" for one procedure (/services/:id/apply), for a citizen: the procedure's
// name, agency and time limit, then its form filled in from the population database; once the
// application is accepted, its page (status, deadline, the fee's VietQR when there is one).
import { Alert, Skeleton, App as AntApp } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useAuth } from '../../../auth/AuthContext.tsx';
import { ProblemAlert } from '../../../components/problem.tsx';
import { applicationsApi } from '../applications.ts';
import { ApplicationForm } from '../components/ApplicationForm.tsx';
import { ProcedureHeader } from '../components/ProcedureHeader.tsx';
import { servicesApi } from '../services.ts';

export default function ApplyPage() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const id = useParams().id ?? '';
  const navigate = useNavigate();
  const client = useQueryClient();
  const def = useQuery({ queryKey: ['services', 'one', id], queryFn: () => servicesApi.get(id) });
  // the login's assurance level (acr): a level-1 account cannot apply where level 2 is needed
  const acr = useAuth().session?.claims.acr;
  const level = acr === 'urn:open06:loa:2' ? 2 : acr === 'urn:open06:loa:1' ? 1 : undefined;
  return (
    <div style={{ maxWidth: 960 }}>
      <Link to={`/services/${id}`}>← {t('services.apply.back')}</Link>
      <div style={{ marginTop: 8 }}>
        {def.isError ? (
          <ProblemAlert error={def.error} />
        ) : def.isPending ? (
          <Skeleton active />
        ) : (
          <>
            <ProcedureHeader d={def.data} />
            {level !== undefined && level < def.data.eidLevel && (
              <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('services.apply.eidLevel', { level: def.data.eidLevel })} data-testid="eid-level" />
            )}
            <ApplicationForm
              service={def.data}
              submitLabel={t('services.apply.submit')}
              onSubmit={async (values, documents) => {
                const a = await applicationsApi.submit({ serviceId: id, values, ...(Object.keys(documents).length ? { documents } : {}) });
                client.setQueryData(['applications', 'one', a.id], a);
                void client.invalidateQueries({ queryKey: ['applications', 'mine'] });
                void message.success(t('services.apply.submitted', { code: a.code }));
                void navigate(`/applications/${a.id}`);
              }}
            />
          </>
        )}
      </div>
    </div>
  );
}

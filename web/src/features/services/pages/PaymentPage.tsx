// A payment request, for its payer (or an official who may read payments): what it is for, the
// amount, its reference, the VietQR to scan in any banking app with the beneficiary account, and its
// status with the deadline (components/PaymentCard.tsx).
import { Skeleton, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ProblemAlert } from '../../../components/problem.tsx';
import { PaymentView } from '../components/PaymentCard.tsx';
import { servicesApi } from '../services.ts';

export default function PaymentPage() {
  const { t } = useTranslation();
  const id = useParams().id ?? '';
  const payment = useQuery({ queryKey: ['payments', id], queryFn: () => servicesApi.payment(id) });
  return (
    <>
      <Typography.Title level={2}>{t('services.payment.title')}</Typography.Title>
      {payment.isError ? <ProblemAlert error={payment.error} /> : payment.isPending ? <Skeleton active /> : <PaymentView p={payment.data} />}
    </>
  );
}

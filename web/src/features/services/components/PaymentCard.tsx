// A payment request as its payer sees it: what it is for, the amount, the VietQR to scan in any
// banking app with the beneficiary account and reference, its status and deadline; in demos the
// built-in bank simulator "transfers" the exact amount through the same signed notification a bank
// sends. Used by the payment page and by an application waiting for its fee.
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Descriptions, Flex, Grid, Skeleton, Tag, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import QRCode from 'qrcode';
import { useTranslation } from 'react-i18next';
import { viInstant } from '../../../components/dates.ts';
import { ProblemAlert } from '../../../components/problem.tsx';
import { type Payment, servicesApi, vnd } from '../services.ts';

const STATUS_COLOUR: Record<Payment['status'], string> = { pending: 'warning', paid: 'success', expired: 'default', cancelled: 'default' };

/** A VietQR (EMVCo text) as an image a banking app's camera reads. */
export function VietQr({ text, alt }: { text: string; alt: string }) {
  const [image, setImage] = useState<string | null>(null);
  useEffect(() => {
    void QRCode.toDataURL(text, { errorCorrectionLevel: 'M', margin: 2, width: 320 }).then(setImage);
  }, [text]);
  return image ? <img src={image} alt={alt} width={260} height={260} style={{ imageRendering: 'pixelated', maxWidth: '100%', height: 'auto' }} data-qr={text} /> : <Skeleton.Image active />;
}

export function PaymentView({ p, onPaid }: { p: Payment; onPaid?: () => void }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  // label above value on a phone: the reference stays on one line
  const wide = Grid.useBreakpoint().sm;
  const simulate = useMutation({
    mutationFn: () => servicesApi.simulateTransfer(p.id),
    // whatever the bank's answer (matched, or already paid), the request's own state is what counts
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['payments', p.id] });
      onPaid?.();
    },
  });
  return (
    <Card style={{ maxWidth: 560 }}>
      <Flex vertical align="center" gap={8} style={{ marginBottom: 16 }}>
        <Typography.Text type="secondary">{p.description}</Typography.Text>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="payment-amount">
          {vnd(p.amount, i18n.language)}
        </Typography.Title>
        <Tag key={p.status} color={STATUS_COLOUR[p.status]} data-testid="payment-status" style={{ fontSize: 14, padding: '2px 10px' }}>
          {t(`services.payment.status.${p.status}`)}
        </Tag>
        {p.status === 'pending' && p.vietQr && (
          <div data-testid="payment-qr" style={{ textAlign: 'center' }}>
            <VietQr text={p.vietQr} alt={t('services.payment.qr')} />
            <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
              {t('services.payment.scan')}
            </Typography.Paragraph>
          </div>
        )}
      </Flex>
      <Descriptions bordered size="small" column={1} layout={wide ? 'horizontal' : 'vertical'}>
        <Descriptions.Item label={t('services.payment.reference')}>
          <Typography.Text copyable strong>
            {p.reference}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('services.payment.bank')}>{p.beneficiary.bin}</Descriptions.Item>
        <Descriptions.Item label={t('services.payment.account')}>{p.beneficiary.account}</Descriptions.Item>
        <Descriptions.Item label={t('services.payment.beneficiary')}>{p.beneficiary.name}</Descriptions.Item>
        {p.status === 'paid' ? (
          <Descriptions.Item label={t('services.payment.paidAt')}>{viInstant(p.paidAt, true)}</Descriptions.Item>
        ) : (
          <Descriptions.Item label={t('services.payment.expiresAt')}>
            <span data-testid="payment-expiry">{viInstant(p.expiresAt, true)}</span>
          </Descriptions.Item>
        )}
      </Descriptions>
      {p.status === 'pending' && (
        <>
          <Typography.Paragraph type="secondary" style={{ margin: '12px 0 8px' }}>
            {t('services.payment.exact')}
          </Typography.Paragraph>
          {simulate.isError && <ProblemAlert error={simulate.error} />}
          <Button block onClick={() => simulate.mutate()} loading={simulate.isPending} data-testid="simulate-transfer">
            {t('services.payment.simulate')}
          </Button>
        </>
      )}
      {p.status === 'paid' && <Alert type="success" showIcon title={t('services.payment.done')} style={{ marginTop: 12 }} />}
    </Card>
  );
}

// The citizen's own e-ID QR: signed by the platform, valid three minutes, good for one check. The
// page counts down and offers a new code when it expires.
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Progress, Space, Tag, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import QRCode from 'qrcode';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../auth/AuthContext.tsx';
import { ProblemAlert } from '../../components/problem.tsx';
import { issueQr } from './verify.ts';

function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, [active]);
  return now;
}

export default function MyQrPage() {
  const { t } = useTranslation();
  const { session } = useAuth();
  const issue = useMutation({ mutationFn: issueQr });
  const [image, setImage] = useState<string | null>(null);
  const qr = issue.data;
  const expiresAt = qr ? Date.parse(qr.expiresAt) : 0;
  const now = useNow(!!qr);
  const left = Math.max(0, Math.round((expiresAt - now) / 1000));
  const lifetime = qr ? Math.max(1, (expiresAt - Date.parse(qr.issuedAt)) / 1000) : 1;

  useEffect(() => {
    if (!qr) return;
    // alphanumeric mode (the Base45 alphabet) keeps the code small enough for any phone camera
    void QRCode.toDataURL([{ data: qr.qr, mode: 'alphanumeric' }], { errorCorrectionLevel: 'M', margin: 2, width: 320 }).then(setImage);
  }, [qr]);

  return (
    <>
      <Typography.Title level={2}>{t('verify.myQr.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('verify.myQr.intro')}</Typography.Paragraph>
      {issue.isError && <ProblemAlert error={issue.error} />}
      <Card style={{ maxWidth: 420 }}>
        {qr && image ? (
          <Space orientation="vertical" align="center" style={{ width: '100%' }} data-testid="eid-qr">
            <Typography.Text strong style={{ fontSize: 18 }}>
              {session?.claims.name}
            </Typography.Text>
            <Tag color={qr.level === 2 ? 'green' : 'blue'}>{t(`verify.result.level${qr.level}`)}</Tag>
            <img src={image} alt={t('verify.myQr.title')} width={280} height={280} style={{ opacity: left ? 1 : 0.15, imageRendering: 'pixelated' }} data-qr={qr.qr} />
            {left > 0 ? (
              <>
                <Progress percent={Math.round((left / lifetime) * 100)} showInfo={false} style={{ width: 280 }} />
                <Typography.Text>{t('verify.myQr.remaining', { time: `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}` })}</Typography.Text>
              </>
            ) : (
              <Alert type="warning" showIcon title={t('verify.myQr.expired')} />
            )}
            <Button type={left ? 'default' : 'primary'} onClick={() => issue.mutate()} loading={issue.isPending}>
              {t('verify.myQr.renew')}
            </Button>
          </Space>
        ) : (
          <Space orientation="vertical">
            <Typography.Text type="secondary">{t('verify.myQr.holds')}</Typography.Text>
            <Button type="primary" size="large" onClick={() => issue.mutate()} loading={issue.isPending}>
              {t('verify.myQr.create')}
            </Button>
          </Space>
        )}
      </Card>
    </>
  );
}

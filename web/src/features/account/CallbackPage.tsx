// /auth/callback: the provider sends the browser back here with a code (or an error).
import { useEffect, useState } from 'react';
import { Alert, Button, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { completeLogin } from '../../auth/session.ts';

export default function CallbackPage() {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const params = new URLSearchParams(window.location.search);
    if (params.get('error')) {
      setError(params.get('error_description') ?? params.get('error'));
      return;
    }
    completeLogin()
      .then((to) => window.location.replace(to))
      .catch((err: unknown) => setError(String((err as Error).message ?? err)));
  }, []);
  if (error)
    return <Alert type="error" showIcon message={t('login.failed')} description={error} action={<Button href="/">{t('notFound.back')}</Button>} data-testid="login-error" />;
  return <Spin tip={t('login.finishing')} style={{ margin: 48 }} />;
}

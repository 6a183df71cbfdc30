// Providers and routes. Screens are loaded lazily, one chunk per feature.
import { lazy, Suspense, type ReactNode } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { Button, ConfigProvider, Result, Spin, App as AntApp } from 'antd';
import enUS from 'antd/locale/en_US';
import viVN from 'antd/locale/vi_VN';
import { useTranslation } from 'react-i18next';
import { AuthProvider, useAuth } from '../auth/AuthContext.tsx';
import { AppLayout } from './AppLayout.tsx';

const HomePage = lazy(() => import('../features/home/HomePage.tsx'));
const NotFoundPage = lazy(() => import('../features/home/NotFoundPage.tsx'));
const RegisterPage = lazy(() => import('../features/account/RegisterPage.tsx'));
const CallbackPage = lazy(() => import('../features/account/CallbackPage.tsx'));
const MyDataPage = lazy(() => import('../features/citizen/MyDataPage.tsx'));
const HouseholdPage = lazy(() => import('../features/citizen/HouseholdPage.tsx'));
const AccessLogPage = lazy(() => import('../features/citizen/AccessLogPage.tsx'));
const ConsentsPage = lazy(() => import('../features/citizen/ConsentsPage.tsx'));
const AccountPage = lazy(() => import('../features/citizen/AccountPage.tsx'));

const queryClient = new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } } });

/** Pages for a logged-in person: others are asked to log in first. */
function LoggedIn({ children }: { children: ReactNode }) {
  const { session, login } = useAuth();
  const { t } = useTranslation();
  if (session) return <>{children}</>;
  return <Result status="403" title={t('login.needed')} extra={<Button type="primary" onClick={() => void login(window.location.pathname)}>{t('menu.login')}</Button>} />;
}

export function App() {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : viVN} theme={{ token: { colorPrimary: '#b3261e', borderRadius: 6 } }}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <AuthProvider>
            <BrowserRouter>
              <Suspense fallback={<Spin style={{ margin: 48 }} />}>
                <Routes>
                  <Route element={<AppLayout />}>
                    <Route index element={<HomePage />} />
                    <Route path="register" element={<RegisterPage />} />
                    <Route path="auth/callback" element={<CallbackPage />} />
                    <Route path="my/data" element={<LoggedIn><MyDataPage /></LoggedIn>} />
                    <Route path="my/household" element={<LoggedIn><HouseholdPage /></LoggedIn>} />
                    <Route path="my/access-log" element={<LoggedIn><AccessLogPage /></LoggedIn>} />
                    <Route path="my/consents" element={<LoggedIn><ConsentsPage /></LoggedIn>} />
                    <Route path="my/account" element={<LoggedIn><AccountPage /></LoggedIn>} />
                    <Route path="*" element={<NotFoundPage />} />
                  </Route>
                </Routes>
              </Suspense>
            </BrowserRouter>
          </AuthProvider>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}

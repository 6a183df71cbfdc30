// Providers and routes. Routes come from each feature's `feature.tsx` (see features.ts); screens
// are loaded lazily, one chunk each.
import { Suspense, type ReactNode } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { Button, ConfigProvider, Result, Space, Spin, App as AntApp } from 'antd';
import enUS from 'antd/locale/en_US';
import viVN from 'antd/locale/vi_VN';
import { useTranslation } from 'react-i18next';
import { label, useRoles } from '../api/reference.ts';
import { AuthProvider, useAuth } from '../auth/AuthContext.tsx';
import { AppLayout } from './AppLayout.tsx';
import { allowed, features, type Access } from './features.ts';

const queryClient = new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } } });

/** Shows a page to those its access allows; asks others to log in or to switch role. */
function Gate({ access, children }: { access: Access; children: ReactNode }) {
  const { session, roles, role, setRole, login } = useAuth();
  const { t, i18n } = useTranslation();
  const roleNames = useRoles();
  if (allowed(access, { loggedIn: !!session, role })) return <>{children}</>;
  if (!session)
    return <Result status="403" title={t('login.needed')} extra={<Button type="primary" onClick={() => void login(window.location.pathname)}>{t('menu.login')}</Button>} />;
  if (!roles) return <Spin style={{ margin: 48 }} />;
  // logged in, acting in another role: offer the roles of theirs that may open the page
  const fitting = ['citizen', ...roles.map((r) => r.role)].filter((r) => allowed(access, { loggedIn: true, role: r }));
  return (
    <Result
      status="403"
      title={fitting.length ? t('login.switchRole') : t('login.notForYou')}
      extra={
        <Space wrap>
          {fitting.map((r) => (
            <Button key={r} type="primary" onClick={() => setRole(r)}>
              {label(roleNames.data?.items, r, i18n.language)}
            </Button>
          ))}
        </Space>
      }
    />
  );
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
                    {features.flatMap((f) =>
                      f.routes.filter((r) => r.layout !== 'bare').map(({ path, page: Page, access }) => (
                        <Route key={path} path={path} element={<Gate access={access}><Page /></Gate>} />
                      )),
                    )}
                  </Route>
                  {features.flatMap((f) =>
                    f.routes.filter((r) => r.layout === 'bare').map(({ path, page: Page, access }) => (
                      <Route key={path} path={path} element={<Gate access={access}><Page /></Gate>} />
                    )),
                  )}
                </Routes>
              </Suspense>
            </BrowserRouter>
          </AuthProvider>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}

// The shell: brand, side menu (a drawer on phones), language switch.
import { useState } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { Button, Drawer, Grid, Layout, Menu, Segmented, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/AuthContext.tsx';
import { setLang, type Lang } from '../i18n/index.ts';

const { Header, Sider, Content } = Layout;

function NavMenu({ onNavigate }: { onNavigate?: () => void }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const { session, login, logout } = useAuth();
  const link = (to: string, text: string) => ({ key: to, label: <Link to={to}>{text}</Link> });
  const items = session
    ? [
        link('/', t('menu.home')),
        { type: 'group' as const, key: 'mine', label: session.claims.name ?? t('menu.mine'), children: [
          link('/my/data', t('menu.myData')),
          link('/my/household', t('menu.household')),
          link('/my/access-log', t('menu.accessLog')),
          link('/my/consents', t('menu.consents')),
          link('/my/account', t('menu.account')),
        ] },
        { key: 'logout', label: <a onClick={() => void logout()}>{t('menu.logout')}</a> },
        { key: '/docs', label: <a href="/docs">{t('menu.apiDocs')}</a> },
      ]
    : [
        link('/', t('menu.home')),
        { key: 'login', label: <a onClick={() => void login('/my/data')}>{t('menu.login')}</a> },
        link('/register', t('menu.register')),
        { key: '/docs', label: <a href="/docs">{t('menu.apiDocs')}</a> },
      ];
  return <Menu mode="inline" selectedKeys={[pathname]} onClick={onNavigate} items={items} />;
}

export function AppLayout() {
  const { t, i18n } = useTranslation();
  const screens = Grid.useBreakpoint();
  const phone = !screens.md;
  const [open, setOpen] = useState(false);
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Header style={{ display: 'flex', alignItems: 'center', gap: 12, background: '#b3261e', paddingInline: phone ? 12 : 24 }}>
        {phone && (
          <Button aria-label="menu" type="text" onClick={() => setOpen(true)} style={{ color: '#fff', fontSize: 20 }}>
            ☰
          </Button>
        )}
        <Link to="/" style={{ display: 'flex', alignItems: 'baseline', gap: 10, minWidth: 0 }}>
          <Typography.Text strong style={{ color: '#ffd54f', fontSize: 22 }}>
            {t('brand')}
          </Typography.Text>
          {!phone && <Typography.Text style={{ color: '#fff' }}>{t('tagline')}</Typography.Text>}
        </Link>
        <div style={{ marginLeft: 'auto' }}>
          <Segmented<Lang>
            aria-label={t('language')}
            size="small"
            value={i18n.language === 'en' ? 'en' : 'vi'}
            options={[
              { label: 'VI', value: 'vi' },
              { label: 'EN', value: 'en' },
            ]}
            onChange={(v) => setLang(v)}
          />
        </div>
      </Header>
      <Layout>
        {phone ? (
          <Drawer placement="left" open={open} onClose={() => setOpen(false)} title={t('brand')} width={260}>
            <NavMenu onNavigate={() => setOpen(false)} />
          </Drawer>
        ) : (
          <Sider width={220} theme="light">
            <NavMenu />
          </Sider>
        )}
        <Content style={{ padding: phone ? 12 : 24 }}>
          <Outlet />
        </Content>
      </Layout>
    </Layout>
  );
}

// The shell: brand, side menu (a drawer on phones) built from the features' menu entries, the
// role an official acts in, language switch.
import { useState } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { Button, Drawer, Grid, Layout, Menu, Segmented, Select, Typography, type MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { label, useRoles } from '../api/reference.ts';
import { useAuth } from '../auth/AuthContext.tsx';
import { setLang, type Lang } from '../i18n/index.ts';
import { allowed, features, type MenuGroup } from './features.ts';

const { Header, Sider, Content } = Layout;

const GROUPS: MenuGroup[] = ['main', 'mine', 'work', 'admin'];

function NavMenu({ onNavigate }: { onNavigate?: () => void }) {
  const { t, i18n } = useTranslation();
  const { pathname } = useLocation();
  const { session, role, login, logout } = useAuth();
  const roleNames = useRoles();
  const who = { loggedIn: !!session, role };
  const entries = features
    .flatMap((f) => f.menu ?? [])
    .filter((m) => allowed(m.access, who))
    .sort((a, b) => (a.order ?? 100) - (b.order ?? 100));
  const groupLabel: Record<MenuGroup, string> = {
    main: '',
    mine: session?.claims.name ?? t('menu.mine'),
    work: label(roleNames.data?.items, role, i18n.language),
    admin: t('menu.admin'),
  };
  const link = (to: string, text: string) => ({ key: to, label: <Link to={to}>{text}</Link> });
  const items: NonNullable<MenuProps['items']> = GROUPS.flatMap((g): NonNullable<MenuProps['items']> => {
    const links = entries.filter((m) => m.group === g).map((m) => link(m.to, t(m.label)));
    if (!links.length) return [];
    return g === 'main' ? links : [{ type: 'group' as const, key: g, label: groupLabel[g], children: links }];
  });
  items.push(
    session
      ? { key: 'logout', label: <a onClick={() => void logout()}>{t('menu.logout')}</a> }
      : { key: 'login', label: <a onClick={() => void login('/')}>{t('menu.login')}</a> },
    { key: '/docs', label: <a href="/docs">{t('menu.apiDocs')}</a> },
  );
  return <Menu mode="inline" selectedKeys={[pathname]} onClick={onNavigate} items={items} />;
}

/** For officials: the role they act in (their own pages are the "citizen" role). */
function RoleSwitch() {
  const { t, i18n } = useTranslation();
  const { roles, role, setRole } = useAuth();
  const roleNames = useRoles();
  if (!roles?.length) return null;
  const options = ['citizen', ...roles.map((r) => r.role)].map((r) => {
    const unit = roles.find((x) => x.role === r)?.unit;
    return { value: r, label: `${label(roleNames.data?.items, r, i18n.language)}${unit ? ` · ${unit}` : ''}` };
  });
  return <Select aria-label={t('menu.actingAs')} size="small" value={role} options={options} onChange={setRole} popupMatchSelectWidth={false} style={{ maxWidth: 260 }} data-testid="role-switch" />;
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
        <div style={{ marginLeft: 'auto', display: 'flex', gap: 8, alignItems: 'center' }}>
          {!phone && <RoleSwitch />}
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
            <div style={{ padding: '0 16px 12px' }}>
              <RoleSwitch />
            </div>
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

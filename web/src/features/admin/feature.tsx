// Administration (role admin): relying parties of the OpenID Provider, officials and their roles,
// and the message outbox of the built-in delivery.
import { lazy } from 'react';
import type { Feature } from '../../app/features.ts';

const ADMIN = ['admin'];

export const feature: Feature = {
  routes: [
    { path: '/admin/clients', page: lazy(() => import('./ClientsPage.tsx')), access: ADMIN },
    { path: '/admin/officials', page: lazy(() => import('./OfficialsPage.tsx')), access: ADMIN },
    { path: '/admin/outbox', page: lazy(() => import('./OutboxPage.tsx')), access: ADMIN },
  ],
  menu: [
    { to: '/admin/clients', label: 'admin.menu.clients', group: 'admin', access: ADMIN, order: 10 },
    { to: '/admin/officials', label: 'admin.menu.officials', group: 'admin', access: ADMIN, order: 20 },
    { to: '/admin/outbox', label: 'admin.menu.outbox', group: 'admin', access: ADMIN, order: 30 },
  ],
};

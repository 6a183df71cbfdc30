// Online public services (issue 6): the catalogue of the 25 essential services of Decision
// 06/QĐ-TTg and one procedure's page, open to anyone; a payment request with its VietQR for its
// payer or the officials who may read payments; for citizens, applying online, their applications,
// the wallet of results, and the self-service kiosk of a one-stop centre (full screen).
import { lazy } from 'react';
import type { Feature } from '../../app/features.ts';
import { PAYMENT_ACCESS } from './services.ts';

export const feature: Feature = {
  routes: [
    { path: '/services', page: lazy(() => import('./pages/CataloguePage.tsx')), access: 'anyone' },
    { path: '/services/:id', page: lazy(() => import('./pages/ProcedurePage.tsx')), access: 'anyone' },
    { path: '/services/:id/apply', page: lazy(() => import('./pages/ApplyPage.tsx')), access: 'person' },
    { path: '/payments/:id', page: lazy(() => import('./pages/PaymentPage.tsx')), access: PAYMENT_ACCESS },
    { path: '/applications', page: lazy(() => import('./pages/MyApplicationsPage.tsx')), access: 'person' },
    { path: '/applications/:id', page: lazy(() => import('./pages/ApplicationPage.tsx')), access: 'person' },
    { path: '/wallet', page: lazy(() => import('./pages/WalletPage.tsx')), access: 'person' },
    { path: '/kiosk', page: lazy(() => import('./pages/KioskPage.tsx')), access: 'person', layout: 'bare' },
  ],
  menu: [
    { to: '/services', label: 'services.menu.catalogue', group: 'main', access: 'anyone', order: 10 },
    { to: '/applications', label: 'services.menu.applications', group: 'mine', access: 'person', order: 20 },
    { to: '/wallet', label: 'services.menu.wallet', group: 'mine', access: 'person', order: 21 },
  ],
};

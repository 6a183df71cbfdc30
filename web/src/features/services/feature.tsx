// Online public services (issue 6): the catalogue of the 25 essential services of Decision
// 06/QĐ-TTg and one procedure's page, open to anyone; a payment request with its VietQR for its
// payer or the officials who may read payments.
import { lazy } from 'react';
import type { Feature } from '../../app/features.ts';
import { PAYMENT_ACCESS } from './services.ts';

export const feature: Feature = {
  routes: [
    { path: '/services', page: lazy(() => import('./pages/CataloguePage.tsx')), access: 'anyone' },
    { path: '/services/:id', page: lazy(() => import('./pages/ProcedurePage.tsx')), access: 'anyone' },
    { path: '/payments/:id', page: lazy(() => import('./pages/PaymentPage.tsx')), access: PAYMENT_ACCESS },
  ],
  menu: [{ to: '/services', label: 'services.menu.catalogue', group: 'main', access: 'anyone', order: 10 }],
};

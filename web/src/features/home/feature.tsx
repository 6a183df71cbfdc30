// The landing page and the page for unknown addresses.
import { lazy } from 'react';
import type { Feature } from '../../app/features.ts';

export const feature: Feature = {
  routes: [
    { path: '/', page: lazy(() => import('./HomePage.tsx')), access: 'anyone' },
    { path: '*', page: lazy(() => import('./NotFoundPage.tsx')), access: 'anyone' },
  ],
  menu: [{ to: '/', label: 'menu.home', group: 'main', access: 'anyone', order: 0 }],
};

// Entry and exit checkpoints at heritage sites, stations and temples: the staff's scanner (a
// citizen named as staff, on their phone), a site's dashboard (its staff and the police of its
// area), and the police's list of sites with registration, editing and staff.
import { lazy } from 'react';
import type { Feature } from '../../app/features.ts';
import { POLICE_ROLES } from './checkpoints.ts';

export const feature: Feature = {
  routes: [
    { path: '/checkpoints', page: lazy(() => import('./SitesPage.tsx')), access: POLICE_ROLES },
    { path: '/checkpoints/scan', page: lazy(() => import('./ScannerPage.tsx')), access: 'person' },
    { path: '/checkpoints/sites/:id', page: lazy(() => import('./SiteDashboardPage.tsx')), access: ['citizen', ...POLICE_ROLES] },
  ],
  menu: [
    { to: '/checkpoints', label: 'checkpoints.menu.sites', group: 'work', access: POLICE_ROLES, order: 50 },
    { to: '/checkpoints/scan', label: 'checkpoints.menu.scan', group: 'mine', access: 'person', order: 60 },
  ],
};

// A citizen's own pages: their data with its sources, household, who accessed their data,
// consents given to services, their e-ID account and its history, their devices and passkeys,
// and their children's accounts.
import { lazy } from 'react';
import type { Feature } from '../../app/features.ts';

export const feature: Feature = {
  routes: [
    { path: '/my/data', page: lazy(() => import('./MyDataPage.tsx')), access: 'person' },
    { path: '/my/household', page: lazy(() => import('./HouseholdPage.tsx')), access: 'person' },
    { path: '/my/access-log', page: lazy(() => import('./AccessLogPage.tsx')), access: 'person' },
    { path: '/my/consents', page: lazy(() => import('./ConsentsPage.tsx')), access: 'person' },
    { path: '/my/account', page: lazy(() => import('./AccountPage.tsx')), access: 'person' },
    { path: '/my/devices', page: lazy(() => import('./DevicesPage.tsx')), access: 'person' },
    { path: '/my/children', page: lazy(() => import('./ChildrenPage.tsx')), access: 'person' },
  ],
  menu: [
    { to: '/my/data', label: 'menu.myData', group: 'mine', access: 'person', order: 10 },
    { to: '/my/household', label: 'menu.household', group: 'mine', access: 'person', order: 20 },
    { to: '/my/access-log', label: 'menu.accessLog', group: 'mine', access: 'person', order: 30 },
    { to: '/my/consents', label: 'menu.consents', group: 'mine', access: 'person', order: 40 },
    { to: '/my/account', label: 'menu.account', group: 'mine', access: 'person', order: 50 },
    { to: '/my/devices', label: 'menu.devices', group: 'mine', access: 'person', order: 60 },
    { to: '/my/children', label: 'menu.children', group: 'mine', access: 'person', order: 70 },
  ],
};

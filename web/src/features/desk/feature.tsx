// The one-stop desk (bộ phận một cửa, services module issue 6): the queue of what waits for the
// official's role at their unit, one application with its decision panel and printable sheet, and
// receiving an application at the counter for a citizen identified by their ID card. Open to every
// role that processes applications (config/roles.json: application.process).
import { lazy } from 'react';
import type { Feature } from '../../app/features.ts';
import { DESK_ROLES } from './desk.ts';

export const feature: Feature = {
  routes: [
    { path: '/desk', page: lazy(() => import('./pages/QueuePage.tsx')), access: DESK_ROLES },
    { path: '/desk/receive', page: lazy(() => import('./pages/ReceivePage.tsx')), access: DESK_ROLES },
    { path: '/desk/applications/:id', page: lazy(() => import('./pages/ApplicationPage.tsx')), access: DESK_ROLES },
  ],
  menu: [
    { to: '/desk', label: 'desk.menu.queue', group: 'work', access: DESK_ROLES, order: 10 },
    { to: '/desk/receive', label: 'desk.menu.receive', group: 'work', access: DESK_ROLES, order: 11 },
  ],
};

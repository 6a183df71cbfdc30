// The police desk (commune and province police): find a person with a purpose, read their record,
// and manage their e-ID account (raise to level 2 in person, suspend, restore).
import { lazy } from 'react';
import type { Feature } from '../../app/features.ts';

/** Who works at the desk (config/roles.json: both may manage e-ID accounts in their jurisdiction). */
const POLICE_ROLES = ['commune_police', 'province_police'];

export const feature: Feature = {
  routes: [
    { path: '/police/find', page: lazy(() => import('./FindPersonPage.tsx')), access: POLICE_ROLES },
    { path: '/police/persons/:pid', page: lazy(() => import('./PersonDetailPage.tsx')), access: POLICE_ROLES },
  ],
  menu: [{ to: '/police/find', label: 'police.menu.find', group: 'work', access: POLICE_ROLES, order: 10 }],
};

// Data quality ("đúng, đủ, sạch, sống") for commune and province police: the scorecard with
// drill-down from the province to its communes, the worklist of findings, a finding with its
// evidence and the ways to resolve it, and the side-by-side merge of two records of one person.
import { lazy } from 'react';
import type { Feature } from '../../app/features.ts';
import { DATA_ROLES } from './quality.ts';

export const feature: Feature = {
  routes: [
    { path: '/quality', page: lazy(() => import('./ScorecardPage.tsx')), access: DATA_ROLES },
    { path: '/quality/findings', page: lazy(() => import('./WorklistPage.tsx')), access: DATA_ROLES },
    { path: '/quality/findings/:id', page: lazy(() => import('./FindingPage.tsx')), access: DATA_ROLES },
    { path: '/quality/findings/:id/merge', page: lazy(() => import('./MergePage.tsx')), access: DATA_ROLES },
  ],
  menu: [
    { to: '/quality', label: 'quality.menu.scorecard', group: 'work', access: DATA_ROLES, order: 40 },
    { to: '/quality/findings', label: 'quality.menu.worklist', group: 'work', access: DATA_ROLES, order: 41 },
  ],
};

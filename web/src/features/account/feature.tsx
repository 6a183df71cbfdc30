// Getting an e-ID account (level 1 self-registration), recovering a forgotten password, and coming
// back from the login page.
import { lazy } from 'react';
import type { Feature } from '../../app/features.ts';

export const feature: Feature = {
  routes: [
    { path: '/register', page: lazy(() => import('./RegisterPage.tsx')), access: 'anyone' },
    { path: '/recover', page: lazy(() => import('./RecoverPage.tsx')), access: 'anyone' },
    { path: '/auth/callback', page: lazy(() => import('./CallbackPage.tsx')), access: 'anyone' },
  ],
  menu: [{ to: '/register', label: 'menu.register', group: 'main', access: 'guest', order: 20 }],
};

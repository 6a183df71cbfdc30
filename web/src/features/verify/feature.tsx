// Identity verification: the verifier screen for a clerk, an officer or a kiosk (scan an e-ID QR
// or the QR of an ID card with the camera or a keyboard-wedge scanner, type what a document says,
// or upload the files a chip reader read), and the citizen's own e-ID QR to show.
import { lazy } from 'react';
import type { Feature } from '../../app/features.ts';

/** Officials who may verify identities (config/purposes.json: the roles of the verification purposes). */
export const VERIFIER_ROLES = ['one_stop_officer', 'commune_police', 'province_police'];

export const feature: Feature = {
  routes: [
    { path: '/verify', page: lazy(() => import('./VerifyPage.tsx')), access: VERIFIER_ROLES },
    { path: '/my/eid-qr', page: lazy(() => import('./MyQrPage.tsx')), access: 'person' },
  ],
  menu: [
    { to: '/verify', label: 'verify.menu.verify', group: 'work', access: VERIFIER_ROLES, order: 20 },
    { to: '/my/eid-qr', label: 'verify.menu.myQr', group: 'mine', access: 'person', order: 15 },
  ],
};

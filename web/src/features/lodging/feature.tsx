// Lodging notifications (thông báo lưu trú, Law on Residence 2020 art. 30): the front desk of a
// hotel, homestay, guesthouse, rental house, dormitory, hospital or long-distance bus (its staff
// are citizens logged in with their e-ID), a citizen declaring a guest at home and seeing where
// they stayed, and the commune and province police's console: live feed, search, statistics,
// establishments to approve, the watchlist.
import { lazy } from 'react';
import type { Feature } from '../../app/features.ts';
import { POLICE_ROLES } from './lodging.ts';

export const feature: Feature = {
  routes: [
    { path: '/lodging/mine', page: lazy(() => import('./pages/MyEstablishmentsPage.tsx')), access: 'person' },
    { path: '/lodging/desk/:id', page: lazy(() => import('./pages/FrontDeskPage.tsx')), access: 'person' },
    { path: '/lodging/declare', page: lazy(() => import('./pages/DeclarePage.tsx')), access: 'person' },
    { path: '/my/stays', page: lazy(() => import('./pages/MyStaysPage.tsx')), access: 'person' },
    { path: '/lodging/police', page: lazy(() => import('./pages/PoliceFeedPage.tsx')), access: POLICE_ROLES },
    { path: '/lodging/police/search', page: lazy(() => import('./pages/PoliceSearchPage.tsx')), access: POLICE_ROLES },
    { path: '/lodging/police/stats', page: lazy(() => import('./pages/PoliceStatsPage.tsx')), access: POLICE_ROLES },
    { path: '/lodging/police/establishments', page: lazy(() => import('./pages/PoliceEstablishmentsPage.tsx')), access: POLICE_ROLES },
    { path: '/lodging/police/watchlist', page: lazy(() => import('./pages/WatchlistPage.tsx')), access: POLICE_ROLES },
  ],
  menu: [
    { to: '/lodging/mine', label: 'lodging.menu.mine', group: 'mine', access: 'person', order: 80 },
    { to: '/lodging/declare', label: 'lodging.menu.declare', group: 'mine', access: 'person', order: 81 },
    { to: '/my/stays', label: 'lodging.menu.myStays', group: 'mine', access: 'person', order: 82 },
    { to: '/lodging/police', label: 'lodging.menu.feed', group: 'work', access: POLICE_ROLES, order: 50 },
    { to: '/lodging/police/search', label: 'lodging.menu.search', group: 'work', access: POLICE_ROLES, order: 51 },
    { to: '/lodging/police/stats', label: 'lodging.menu.stats', group: 'work', access: POLICE_ROLES, order: 52 },
    { to: '/lodging/police/establishments', label: 'lodging.menu.establishments', group: 'work', access: POLICE_ROLES, order: 53 },
    { to: '/lodging/police/watchlist', label: 'lodging.menu.watchlist', group: 'work', access: POLICE_ROLES, order: 54 },
  ],
};

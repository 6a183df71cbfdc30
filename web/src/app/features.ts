// Every screen belongs to a feature folder (`web/src/features/<feature>/`), which declares its
// routes and menu entries in its own `feature.tsx` — the app collects them here, so adding a
// feature touches no shared file. Texts live beside it in `locales/{vi,en}.json`.
import type { ComponentType, LazyExoticComponent } from 'react';

/**
 * Who may open a page or see a menu entry:
 * - `anyone`; `guest`: only when logged out (registration);
 * - `person`: logged in and acting as a citizen (their own data);
 * - a list of official roles (`commune_police`, `admin` …): logged in and acting in one of them.
 */
export type Access = 'anyone' | 'guest' | 'person' | readonly string[];

/** Menu sections: the platform, the citizen's own pages, an official's work, administration. */
export type MenuGroup = 'main' | 'mine' | 'work' | 'admin';

export interface FeatureRoute {
  path: string;
  page: LazyExoticComponent<ComponentType>;
  access: Access;
  /** `bare`: the page fills the screen without the shell's header and menu (a self-service kiosk). */
  layout?: 'bare';
}

export interface FeatureMenuItem {
  to: string;
  /** i18n key of the label. */
  label: string;
  group: MenuGroup;
  access: Access;
  /** Position within its group (lower first; default 100). */
  order?: number;
}

export interface Feature {
  routes: FeatureRoute[];
  menu?: FeatureMenuItem[];
}

const modules = import.meta.glob<{ feature: Feature }>('../features/*/feature.tsx', { eager: true });
export const features: Feature[] = Object.values(modules).map((m) => m.feature);

export interface Viewer {
  loggedIn: boolean;
  /** The role the person acts in: `citizen`, or one of their official roles. */
  role: string;
}

export function allowed(access: Access, who: Viewer): boolean {
  if (access === 'anyone') return true;
  if (access === 'guest') return !who.loggedIn;
  if (!who.loggedIn) return false;
  if (access === 'person') return who.role === 'citizen';
  return access.includes(who.role);
}

// Who is logged in, for the screens: the session's claims, and login / logout actions.
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { currentSession, login, logout, type Session } from './session.ts';

interface Auth {
  session: Session | null;
  login: (returnTo?: string) => Promise<void>;
  logout: () => Promise<void>;
}

const Ctx = createContext<Auth>({ session: null, login, logout });

export function AuthProvider({ children }: { children: ReactNode }) {
  const value = useMemo<Auth>(() => ({ session: currentSession(), login, logout }), []);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useAuth(): Auth {
  return useContext(Ctx);
}

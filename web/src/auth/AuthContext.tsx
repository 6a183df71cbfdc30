// Who is logged in, for the screens: the session's claims, the official roles granted to the
// account, the role the person acts in now (a citizen, or one of those roles), login and logout.
import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getJson } from '../api/client.ts';
import { chooseRole, currentRole, currentSession, login, logout, type Session } from './session.ts';

export interface OfficialRole {
  role: string;
  unit: string | null;
}

interface Me {
  level: 1 | 2;
  roles: OfficialRole[];
}

interface Auth {
  session: Session | null;
  /** Official roles of the account (empty for most citizens); undefined while loading. */
  roles: OfficialRole[] | undefined;
  /** `citizen` or one of `roles`. */
  role: string;
  setRole: (role: string) => void;
  login: (returnTo?: string) => Promise<void>;
  logout: () => Promise<void>;
}

const Ctx = createContext<Auth>({ session: null, roles: [], role: 'citizen', setRole: () => {}, login, logout });

export function AuthProvider({ children }: { children: ReactNode }) {
  const session = useMemo(() => currentSession(), []);
  const queryClient = useQueryClient();
  // The account is read as the person themself, whatever role was chosen before.
  const me = useQuery({
    queryKey: ['me', 'roles'],
    enabled: !!session,
    staleTime: Infinity,
    queryFn: () => getJson<Me>('/api/v1/identity/me', { headers: { 'x-open06-role': 'citizen' } }),
  });
  const roles = session ? me.data?.roles : [];
  const [chosen, setChosen] = useState<string | null>(currentRole());
  // An official starts in their first role; anyone else as a citizen.
  const role = chosen && (chosen === 'citizen' || roles?.some((r) => r.role === chosen)) ? chosen : (roles?.[0]?.role ?? 'citizen');
  if (session && roles && currentRole() !== role) chooseRole(role);
  const value = useMemo<Auth>(
    () => ({
      session,
      roles,
      role,
      setRole: (r) => {
        chooseRole(r);
        setChosen(r);
        // every answer depends on the role the request was made in
        void queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
      },
      login,
      logout,
    }),
    [session, roles, role, queryClient],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useAuth(): Auth {
  return useContext(Ctx);
}

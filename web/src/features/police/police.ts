// What the police desk reads and changes through the API. Every read of a person states the
// purpose the officer chose (and a case number, if any); the registry logs it.
import { useQuery } from '@tanstack/react-query';
import { getBlob, getJson } from '../../api/client.ts';
import { useAuth } from '../../auth/AuthContext.tsx';
import type { Person } from '../../components/person.ts';

/** Why the officer reads (a code of GET /api/v1/purposes) and the case it belongs to. */
export interface Why {
  purpose: string;
  ref?: string | undefined;
}

export function whyQuery(why: Why): Record<string, string> {
  return { purpose: why.purpose, ...(why.ref ? { purposeRef: why.ref } : {}) };
}

/** The purposes the role the officer acts in may state. */
export function useRolePurposes() {
  const { role } = useAuth();
  const q = useQuery({
    queryKey: ['purposes', 'with-roles'],
    staleTime: Infinity,
    queryFn: () => getJson<{ items: { code: string; vi: string; en: string; roles: string[] }[] }>('/api/v1/purposes'),
  });
  return { ...q, items: (q.data?.items ?? []).filter((p) => p.roles.includes(role)) };
}

export interface Criteria {
  /** Personal ID (12 digits), old CMND number (9 digits) or a name. */
  q: string;
  birthDate?: string | undefined;
  commune?: string | undefined;
}

export interface Hit {
  pid: string;
  fullName: string;
  birthDate: string;
  sex: 'M' | 'F';
  lifeStatus: string;
  communeCode: string | null;
  score: number;
}

/** Which search parameter the text is: a personal ID, an old ID number, or a name. */
export function criterionOf(q: string): { pid: string } | { oldId: string } | { name: string } {
  const s = q.trim();
  const digits = s.replace(/\s+/g, '');
  if (/^\d{12}$/.test(digits)) return { pid: digits };
  if (/^\d{9}$/.test(digits)) return { oldId: digits };
  return { name: s };
}

// Reads are logged: answers are kept a few minutes so going back and forth does not read again.
const KEEP = 5 * 60_000;

export function useSearch(c: Criteria | null, why: Why | null) {
  return useQuery({
    queryKey: ['police', 'search', c, why],
    enabled: !!c && !!why,
    staleTime: KEEP,
    retry: false,
    queryFn: () =>
      getJson<{ items: Hit[] }>(
        `/api/v1/persons?${new URLSearchParams({
          ...criterionOf(c!.q),
          ...(c!.birthDate ? { birthDate: c!.birthDate } : {}),
          ...(c!.commune ? { commune: c!.commune } : {}),
          ...whyQuery(why!),
          limit: '20',
        })}`,
      ),
  });
}

export function usePerson(pid: string, why: Why | null) {
  return useQuery({
    queryKey: ['police', 'person', pid, why],
    enabled: !!why,
    staleTime: KEEP,
    retry: false,
    queryFn: () => getJson<Person>(`/api/v1/persons/${pid}?${new URLSearchParams(whyQuery(why!))}`),
  });
}

export interface HistoryEntry {
  at: string;
  actor: string;
  source: string;
  reason: string | null;
  change: string;
  diff: Record<string, [unknown, unknown]> | null;
}

export function useHistory(pid: string, why: Why, enabled: boolean) {
  return useQuery({
    queryKey: ['police', 'history', pid, why],
    enabled,
    staleTime: KEEP,
    retry: false,
    queryFn: () => getJson<{ items: HistoryEntry[] }>(`/api/v1/persons/${pid}/history?${new URLSearchParams(whyQuery(why))}`),
  });
}

export interface Household {
  id: number;
  code: string;
  addressDetail: string | null;
  members: { pid: string; fullName: string; relation: string; joinedOn: string }[];
}

export function useHousehold(id: number | undefined, why: Why, enabled: boolean) {
  return useQuery({
    queryKey: ['police', 'household', id, why],
    enabled: enabled && id !== undefined,
    staleTime: KEEP,
    retry: false,
    queryFn: () => getJson<Household>(`/api/v1/households/${id}?${new URLSearchParams(whyQuery(why))}`),
  });
}

export interface Account {
  id: string;
  pid: string;
  level: 1 | 2;
  status: 'active' | 'suspended';
  phone: string | null;
  email: string | null;
  createdAt: string;
  level2: { at: string; by: string; place: string; method: string } | null;
  hasPortrait: boolean;
}

/** The portrait kept with the account (from registration or the desk), as an object URL. */
export function usePortrait(pid: string, enabled: boolean) {
  return useQuery({
    queryKey: ['police', 'portrait', pid],
    enabled,
    retry: false,
    staleTime: 0,
    gcTime: 0,
    queryFn: async () => URL.createObjectURL(await getBlob(`/api/v1/identity/accounts/${pid}/portrait`)),
  });
}

/** The citizen's e-ID account (the API reads the person again for `account_management`). */
export function useAccount(pid: string, enabled: boolean) {
  return useQuery({
    queryKey: ['police', 'account', pid],
    enabled,
    retry: false,
    queryFn: () => getJson<Account>(`/api/v1/identity/accounts/${pid}`),
  });
}

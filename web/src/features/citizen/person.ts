// The citizen's own record, as the registry API returns it.
import { useQuery } from '@tanstack/react-query';
import { getJson } from '../../api/client.ts';
import { useAuth } from '../../auth/AuthContext.tsx';
import type { Person } from '../../components/person.ts';

export type { Person, Provenance } from '../../components/person.ts';

export function useMyRecord() {
  const { session } = useAuth();
  const pid = session?.claims.pid;
  return useQuery({ queryKey: ['me', 'person', pid], enabled: !!pid, queryFn: () => getJson<Person>(`/api/v1/persons/${pid}?purpose=self_service`) });
}

// The citizen's own record, as the registry API returns it.
import { useQuery } from '@tanstack/react-query';
import { getJson } from '../../api/client.ts';
import { useAuth } from '../../auth/AuthContext.tsx';

export interface Provenance {
  source: string;
  updatedAt: string;
}

export interface Person {
  pid: string;
  fullName: string;
  birthDate: string;
  sex: 'M' | 'F';
  ethnicity: string | null;
  religion: string | null;
  nationality: string;
  hometown: string | null;
  birthPlace: string | null;
  oldId: string | null;
  lifeStatus: string;
  maritalStatus: string | null;
  phone: string | null;
  email: string | null;
  idCards: { number: string; kind: string; issuedOn: string; expiresOn: string | null; status: string }[];
  residences: { kind: string; communeName: string | null; provinceName: string | null; detail: string | null; legacyAddress: string | null; validFrom: string }[];
  household: { id: number; code: string; relation: string; headPid: string | null } | null;
  sources: { record: Provenance; changed: Record<string, Provenance> };
  version: number;
}

export function useMyRecord() {
  const { session } = useAuth();
  const pid = session?.claims.pid;
  return useQuery({ queryKey: ['me', 'person', pid], enabled: !!pid, queryFn: () => getJson<Person>(`/api/v1/persons/${pid}?purpose=self_service`) });
}

// Reference data the screens label things with (cached for the session).
import { useQuery } from '@tanstack/react-query';
import { getJson } from './client.ts';

interface Labelled {
  code: string;
  vi: string;
  en: string;
}

export function usePurposes() {
  return useQuery({ queryKey: ['purposes'], queryFn: () => getJson<{ items: Labelled[] }>('/api/v1/purposes'), staleTime: Infinity });
}

export function useRoles() {
  return useQuery({ queryKey: ['roles'], queryFn: () => getJson<{ items: Labelled[] }>('/api/v1/roles'), staleTime: Infinity });
}

export function useCodeLists() {
  return useQuery({
    queryKey: ['code-lists'],
    queryFn: () => getJson<{ ethnicities: { code: string; name: string }[]; religions: { code: string; name: string; nameEn: string }[] }>('/api/v1/code-lists'),
    staleTime: Infinity,
  });
}

export function useUnit(code: string | null | undefined) {
  return useQuery({
    queryKey: ['unit', code],
    enabled: !!code,
    queryFn: () => getJson<{ code: string; fullName: string; provinceName?: string | null }>(`/api/v1/units/${code}`),
    staleTime: Infinity,
  });
}

/** Looks a code up in a labelled list, in the current language. */
export function label(list: Labelled[] | undefined, code: string, lang: string): string {
  const hit = list?.find((x) => x.code === code);
  return hit ? (lang === 'en' ? hit.en : hit.vi) : code;
}

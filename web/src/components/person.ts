// A person's record as the registry API returns it (GET /api/v1/persons/:pid): the fields a role
// may not see are absent. Shared by the citizen's own pages and the police desk.

export interface Provenance {
  source: string;
  updatedAt: string;
}

export interface Residence {
  kind: 'permanent' | 'temporary' | 'current' | 'absence';
  communeCode?: string | null;
  communeName: string | null;
  provinceName: string | null;
  detail: string | null;
  legacyAddress: string | null;
  validFrom: string;
  validTo?: string | null;
}

export interface IdCard {
  number: string;
  kind: string;
  issuedOn: string;
  expiresOn: string | null;
  status: string;
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
  deathDate?: string | null;
  maritalStatus: string | null;
  fatherPid?: string | null;
  motherPid?: string | null;
  spousePid?: string | null;
  phone: string | null;
  email: string | null;
  idCards: IdCard[];
  residences: Residence[];
  household: { id: number; code: string; relation: string; headPid: string | null } | null;
  sources: { record: Provenance; changed: Record<string, Provenance> };
  version: number;
}

/** "detail, commune, province" of a residence (or its pre-2025 address when it has no commune). */
export function residenceAddress(r: Residence): string {
  const parts = [r.detail, r.communeName, r.provinceName].filter(Boolean);
  return parts.length ? parts.join(', ') : (r.legacyAddress ?? '—');
}

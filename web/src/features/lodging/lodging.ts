// What the lodging screens send to and read from the API (/api/v1/lodging, Law on Residence 2020
// art. 30): establishments and their staff, stays notified by a front desk or declared by a citizen,
// the police's search, statistics, alerts and watchlist.
import { useQuery } from '@tanstack/react-query';
import { getJson, sendJson } from '../../api/client.ts';

export const API = '/api/v1/lodging';

/** Officials who read lodging notifications (config/roles.json: lodging.read). */
export const POLICE_ROLES = ['commune_police', 'province_police'];

export const ESTABLISHMENT_TYPES = ['hotel', 'homestay', 'guesthouse', 'rental', 'dormitory', 'hospital', 'bus'] as const;
export type EstablishmentType = (typeof ESTABLISHMENT_TYPES)[number];
export type EstablishmentStatus = 'pending' | 'approved' | 'rejected' | 'suspended';

export interface Activity {
  last7Days: number;
  late7Days: number;
  lastNotificationAt: string | null;
  silent: boolean;
}

export interface Establishment {
  id: string;
  type: EstablishmentType;
  name: string;
  address: string;
  communeCode: string;
  licence: string | null;
  phone: string | null;
  responsible: { pid: string; fullName: string };
  status: EstablishmentStatus;
  decidedAt: string | null;
  decisionReason: string | null;
  createdAt: string;
  myRole?: 'owner' | 'staff';
  activity?: Activity;
}

export type Sex = 'M' | 'F';

export interface CitizenGuest {
  kind: 'citizen';
  pid: string;
  fullName: string;
  birthDate: string;
  sex?: Sex;
}

export interface ForeignGuest {
  kind: 'foreign';
  fullName: string;
  sex: Sex;
  birthDate: string;
  nationality: string;
  passportNo: string;
  visaNo?: string;
  entryDate: string;
  entryPurpose: string;
}

export type Guest = CitizenGuest | ForeignGuest;
export type Colour = 'green' | 'amber' | 'red';
export type StaySource = 'eid_qr' | 'id_card_qr' | 'chip' | 'typed' | 'passport';

export interface Stay {
  id: string;
  seq: number;
  establishmentId: string | null;
  establishmentName: string;
  establishmentType: EstablishmentType | null;
  host?: { pid: string; fullName: string };
  communeCode: string;
  address: string;
  guest: Guest;
  source: StaySource;
  verification: Colour | null;
  room: string | null;
  reason: string;
  expectedNights: number;
  arrivedAt: string;
  recordedAt: string;
  deadlineAt: string;
  late: boolean;
  checkedOutAt: string | null;
  groupId: string | null;
  /** What the desk called the group (a tour, a bus manifest). */
  groupName: string | null;
  watchlistHit?: boolean;
}

export interface Alert {
  id: string;
  at: string;
  stayId: string;
  communeCode: string;
  guestName: string;
  watchReason: string;
  establishmentName: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
}

export interface WatchEntry {
  id: string;
  provinceCode: string;
  pid: string | null;
  passportNo: string | null;
  nationality: string | null;
  fullName: string;
  reason: string;
  active: boolean;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
}

export interface StaffMember {
  pid: string;
  fullName: string;
  role: 'owner' | 'staff';
  addedAt: string;
}

export interface ScanResult {
  result: Colour;
  source: 'eid_qr' | 'id_card_qr';
  guest: { pid: string; fullName: string; birthDate: string; sex?: Sex };
  checks: { name: string; status: 'passed' | 'failed' | 'not_possible' | 'not_checked'; reason?: string }[];
  ticket: string | null;
  message?: { vi: string; en: string };
}

export interface Stats {
  total: number;
  late: number;
  foreign: number;
  byDay: { day: string; type: EstablishmentType | 'declaration'; count: number; late: number }[];
  byType: { type: EstablishmentType | 'declaration'; count: number }[];
}

/** What a stay is about, besides the guest: set once at the desk, then one scan per guest. */
export interface StayDetails {
  room?: string;
  reason: string;
  expectedNights: number;
  arrivedAt?: string;
}

/** A guest as check-in accepts one: a scan's ticket, typed citizen details, or a foreign guest. */
export type GuestInput = { kind: 'citizen'; ticket: string } | CitizenGuest | ForeignGuest;

export type StayInput = StayDetails & { guest: GuestInput };

export interface NewEstablishment {
  type: EstablishmentType;
  name: string;
  address: string;
  communeCode: string;
  licence?: string;
  phone?: string;
}

export interface Declaration {
  guest: CitizenGuest | ForeignGuest;
  relationship: 'relative' | 'carer' | 'renter' | 'other';
  reason: string;
  expectedNights: number;
  arrivedAt?: string;
}

const q = (params: Record<string, string | undefined | false>) => {
  const s = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''));
  return s.size ? `?${s}` : '';
};

export const lodgingApi = {
  mine: () => getJson<{ items: Establishment[] }>(`${API}/establishments/mine`),
  register: (body: NewEstablishment) => sendJson<Establishment>(`${API}/establishments`, 'POST', body),
  establishments: (f: { status?: string; communeCode?: string; q?: string }) => getJson<{ items: Establishment[] }>(`${API}/establishments${q(f)}`),
  decide: (id: string, decision: 'approve' | 'reject' | 'suspend' | 'reinstate', reason?: string) =>
    sendJson<Establishment>(`${API}/establishments/${id}/decision`, 'POST', { decision, ...(reason ? { reason } : {}) }),
  staff: (id: string) => getJson<{ items: StaffMember[] }>(`${API}/establishments/${id}/staff`),
  addStaff: (id: string, pid: string) => sendJson<{ items: StaffMember[] }>(`${API}/establishments/${id}/staff`, 'POST', { pid }),
  removeStaff: (id: string, pid: string) => sendJson<{ items: StaffMember[] }>(`${API}/establishments/${id}/staff/${pid}`, 'DELETE'),
  scan: (id: string, qr: string) => sendJson<ScanResult>(`${API}/establishments/${id}/scan`, 'POST', { qr }),
  checkIn: (id: string, body: StayInput) => sendJson<Stay>(`${API}/establishments/${id}/stays`, 'POST', body),
  checkInGroup: (id: string, body: { groupName?: string; items: StayInput[] }) => sendJson<{ groupId: string; items: Stay[] }>(`${API}/establishments/${id}/stays/batch`, 'POST', body),
  stays: (id: string, f: { inHouse?: 'true' | 'false'; from?: string; to?: string }) => getJson<{ items: Stay[] }>(`${API}/establishments/${id}/stays${q(f)}`),
  checkOut: (id: string, stayId: string) => sendJson<Stay>(`${API}/establishments/${id}/stays/${stayId}/checkout`, 'POST', {}),
  declare: (body: Declaration) => sendJson<{ stay: Stay | null; alreadyNotified: { stayId: string; at: string } | null }>(`${API}/declarations`, 'POST', body),
  myDeclarations: () => getJson<{ items: Stay[] }>(`${API}/declarations/mine`),
  myStays: () => getJson<{ items: Stay[] }>(`${API}/me/stays`),
  notifications: (f: Record<string, string | undefined>) => getJson<{ items: Stay[] }>(`${API}/notifications${q(f)}`),
  stats: (f: { communeCode?: string; from?: string; to?: string }) => getJson<Stats>(`${API}/stats${q(f)}`),
  alerts: (f: { communeCode?: string; open?: 'true' }) => getJson<{ items: Alert[] }>(`${API}/alerts${q(f)}`),
  ack: (id: string) => sendJson<Alert>(`${API}/alerts/${id}/ack`, 'POST', {}),
  watchlist: () => getJson<{ items: WatchEntry[] }>(`${API}/watchlist`),
  watch: (body: { pid?: string; passportNo?: string; nationality?: string; fullName: string; reason: string }) => sendJson<WatchEntry>(`${API}/watchlist`, 'POST', body),
  updateWatch: (id: string, body: { active?: boolean; reason?: string }) => sendJson<WatchEntry>(`${API}/watchlist/${id}`, 'PATCH', body),
};

export function useMyEstablishments() {
  return useQuery({ queryKey: ['lodging', 'mine'], queryFn: lodgingApi.mine });
}


// Request and response shapes of the lodging API (zod; OpenAPI at /docs).
import { z } from 'zod';

export const Pid = z.string().regex(/^\d{12}$/, 'Số định danh cá nhân gồm 12 chữ số / a personal ID has 12 digits');
export const Id = z.uuid();
export const EstablishmentTypeSchema = z.enum(['hotel', 'homestay', 'guesthouse', 'rental', 'dormitory', 'hospital', 'bus']);
export const StatusSchema = z.enum(['pending', 'approved', 'rejected', 'suspended']);
const Name = z.string().trim().min(2).max(200);
const Colour = z.enum(['green', 'amber', 'red']);
const TextSchema = z.object({ vi: z.string(), en: z.string() });

export const EstablishmentBody = z.object({
  type: EstablishmentTypeSchema,
  name: Name,
  address: z.string().trim().min(5).max(300),
  communeCode: z.string().regex(/^\d{5}$/, 'Mã xã, phường gồm 5 chữ số / a commune code has 5 digits'),
  licence: z.string().trim().max(100).optional(),
  phone: z.string().trim().regex(/^[+\d][\d .-]{6,19}$/).optional(),
});

export const EstablishmentView = z.object({
  id: z.string(),
  type: EstablishmentTypeSchema,
  name: z.string(),
  address: z.string(),
  communeCode: z.string(),
  provinceCode: z.string(),
  licence: z.string().nullable(),
  phone: z.string().nullable(),
  responsible: z.object({ pid: z.string(), fullName: z.string() }),
  status: StatusSchema,
  decidedAt: z.string().nullable(),
  decisionReason: z.string().nullable(),
  createdAt: z.string(),
  myRole: z.enum(['owner', 'staff']).optional(),
  activity: z.object({ last7Days: z.number(), late7Days: z.number(), lastNotificationAt: z.string().nullable(), silent: z.boolean() }).optional(),
});

export const StaffView = z.object({ pid: z.string(), fullName: z.string(), role: z.enum(['owner', 'staff']), addedAt: z.string() });

const Day = z.string().max(10).describe('dd/mm/yyyy or yyyy-mm-dd');
export const CitizenTyped = z.object({ kind: z.literal('citizen'), pid: Pid, fullName: Name, birthDate: Day, sex: z.enum(['M', 'F']).optional() });
export const CitizenTicket = z.object({ kind: z.literal('citizen'), ticket: z.string().min(10).max(2000).describe('From POST …/scan') });
export const ForeignGuest = z.object({
  kind: z.literal('foreign'),
  fullName: Name,
  sex: z.enum(['M', 'F']),
  birthDate: Day,
  nationality: z.string().regex(/^[A-Z]{3}$/, 'ISO 3166-1 alpha-3, e.g. KOR'),
  passportNo: z.string().trim().regex(/^[A-Za-z0-9]{5,20}$/, 'Số hộ chiếu: 5–20 chữ và số / passport number: 5–20 letters and digits'),
  visaNo: z.string().trim().max(40).optional(),
  entryDate: Day,
  entryPurpose: z.string().trim().min(2).max(200),
});
export const GuestSchema = z.union([CitizenTicket, CitizenTyped, ForeignGuest]);

export const StayBody = z.object({
  guest: GuestSchema,
  room: z.string().trim().max(40).optional(),
  reason: z.string().trim().min(2).max(200).describe('Reason for the stay (du lịch, công tác, thăm thân…)'),
  expectedNights: z.number().int().min(1).max(365),
  arrivedAt: z.iso.datetime({ offset: true }).optional().describe('Default: now; never in the future'),
});

export const DeclarationBody = StayBody.extend({
  guest: z.union([CitizenTyped, ForeignGuest]),
  relationship: z.enum(['relative', 'carer', 'renter', 'other']),
});

const GuestView = z.union([
  z.object({ kind: z.literal('citizen'), pid: z.string(), fullName: z.string(), birthDate: z.string(), sex: z.enum(['M', 'F']).optional() }),
  z.object({ kind: z.literal('foreign'), fullName: z.string(), sex: z.enum(['M', 'F']), birthDate: z.string(), nationality: z.string(), passportNo: z.string(), visaNo: z.string().optional(), entryDate: z.string(), entryPurpose: z.string() }),
]);

export const StayView = z.object({
  id: z.string(),
  seq: z.number(),
  establishmentId: z.string().nullable(),
  establishmentName: z.string(),
  establishmentType: z.string().nullable(),
  host: z.object({ pid: z.string(), fullName: z.string() }).optional(),
  communeCode: z.string(),
  address: z.string(),
  guest: GuestView,
  source: z.enum(['eid_qr', 'id_card_qr', 'chip', 'typed', 'passport']),
  verification: Colour.nullable(),
  room: z.string().nullable(),
  reason: z.string(),
  expectedNights: z.number(),
  arrivedAt: z.string(),
  recordedAt: z.string(),
  deadlineAt: z.string(),
  late: z.boolean(),
  checkedOutAt: z.string().nullable(),
  groupId: z.string().nullable(),
  groupName: z.string().nullable(),
  watchlistHit: z.boolean().optional(),
});

export const ScanView = z.object({
  result: Colour,
  source: z.enum(['eid_qr', 'id_card_qr']),
  guest: z.object({ pid: z.string(), fullName: z.string(), birthDate: z.string(), sex: z.enum(['M', 'F']).optional() }),
  checks: z.array(z.object({ name: z.string(), status: z.string(), reason: z.string().optional() })),
  ticket: z.string().nullable(),
  message: TextSchema.optional(),
});

export const AlertView = z.object({
  id: z.string(),
  at: z.string(),
  stayId: z.string(),
  communeCode: z.string(),
  guestName: z.string(),
  watchReason: z.string(),
  establishmentName: z.string(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
});

export const WatchView = z.object({
  id: z.string(),
  provinceCode: z.string(),
  pid: z.string().nullable(),
  passportNo: z.string().nullable(),
  nationality: z.string().nullable(),
  fullName: z.string(),
  reason: z.string(),
  active: z.boolean(),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
});

export const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

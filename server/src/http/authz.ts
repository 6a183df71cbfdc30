// Who may do what, where, and why: roles (config/roles.json), purposes (config/purposes.json),
// and jurisdiction by administrative unit. Pure functions over an Actor.
import fs from 'node:fs';
import { loadAdminUnits } from '@open06/kernel/admin-units';
import { ForbiddenError, ValidationError, type Text } from './errors.ts';

export const ROLE_NAMES = [
  'commune_police',
  'province_police',
  'one_stop_officer',
  'sector_system',
  'identity_provider',
  'auditor',
  'admin',
  'citizen',
  'quality_engine',
  'lodging_establishment',
  'checkpoint_site',
  'procedure_engine',
  // agency roles: act on application steps (services module), read no registry data
  'civil_status_officer',
  'commune_chairman',
  'social_affairs_officer',
  'traffic_police',
  'judicial_records_officer',
  'employment_service_officer',
  'education_officer',
  'social_insurance_officer',
  'tax_officer',
  'land_registry_officer',
  'electricity_officer',
] as const;
export type RoleName = (typeof ROLE_NAMES)[number];
/** Roles modules act under in process for their staff (who log in as citizens); no token carries them. */
export const IN_PROCESS_ROLES = ['lodging_establishment', 'checkpoint_site', 'procedure_engine'] as const satisfies readonly RoleName[];

const IN_PROCESS_MODULE: Record<(typeof IN_PROCESS_ROLES)[number], string> = { lodging_establishment: 'lodging', checkpoint_site: 'checkpoints', procedure_engine: 'services' };

export type Permission =
  | 'person.read'
  | 'person.search'
  | 'person.write'
  | 'household.write'
  | 'residence.write'
  | 'history.read'
  | 'access_log.read'
  | 'audit.verify'
  | 'account.manage'
  | 'delivery.read'
  | 'client.manage'
  | 'official.manage'
  | 'person.scan'
  | 'quality.read'
  | 'quality.resolve'
  | 'quality.sector_report'
  | 'lodging.read'
  | 'lodging.approve'
  | 'watchlist.manage'
  | 'checkpoint.manage'
  | 'payment.read'
  | 'payment.reconcile'
  | 'application.process'
  | 'figures.read';

/** Whoever makes a request: an official, a machine, or a citizen. */
export interface Actor {
  sub: string;
  role: RoleName;
  /** Current commune (5 digits) or province (2 digits) code; absent for national roles. */
  unit?: string;
  name?: string;
  /** A citizen's own personal ID. */
  pid?: string;
  /** A citizen logged in with their e-ID: the account's level (1 self-registered, 2 verified in person). */
  level?: 1 | 2;
}

interface RoleDef {
  label: Text;
  /** An administrator may grant it to a person's e-ID account (the others: machines, in-process actors). */
  official?: boolean;
  scope: 'commune' | 'province' | 'national' | 'self';
  permissions: Permission[];
  fields: 'all' | string[];
  lookupsPerMinute: number;
}
interface PurposeDef extends Text {
  roles: RoleName[];
  /** Entries for this purpose are not shown to the citizen they concern (config/purposes.json). */
  withheldFromSubject?: boolean;
}

const configDir = new URL('../../../config/', import.meta.url);
const roles = (JSON.parse(fs.readFileSync(new URL('roles.json', configDir), 'utf8')) as { roles: Record<RoleName, RoleDef> }).roles;
const purposeFile = JSON.parse(fs.readFileSync(new URL('purposes.json', configDir), 'utf8')) as {
  purposes: Record<string, PurposeDef>;
  fieldGroups: Record<string, string[]>;
};

/** Roles granted to people (config/roles.json `official`); machines get service tokens. */
export const OFFICIAL_ROLES = ROLE_NAMES.filter((r) => roles[r].official) as [RoleName, ...RoleName[]];

export function roleDef(role: RoleName): RoleDef {
  return roles[role];
}

export function purposes(): Record<string, PurposeDef> {
  return purposeFile.purposes;
}

/** A token for a role must name a unit of the right level; checked when tokens are issued. */
export function checkActorShape(a: Actor): string | null {
  if ((IN_PROCESS_ROLES as readonly string[]).includes(a.role)) return `role ${a.role} is never given in a token: the ${IN_PROCESS_MODULE[a.role as (typeof IN_PROCESS_ROLES)[number]]} module acts under it`;
  const scope = roles[a.role].scope;
  const units = loadAdminUnits();
  if (scope === 'commune' && !(a.unit && a.unit.length === 5 && units.commune(a.unit)))
    return `role ${a.role} needs --unit <current commune code, 5 digits>`;
  if (scope === 'province' && !(a.unit && a.unit.length === 2 && units.province(a.unit)))
    return `role ${a.role} needs --unit <current province code, 2 digits>`;
  if (scope === 'self' && !a.pid) return `role ${a.role} needs --pid <personal ID>`;
  return null;
}

/** How many personal-data look-ups per minute an actor may make (unauthenticated callers: few). */
export function lookupsPerMinute(actor: Actor | null): number {
  return actor ? roles[actor.role].lookupsPerMinute : 30;
}

export function can(actor: Actor, permission: Permission): boolean {
  return roles[actor.role].permissions.includes(permission);
}

export function requirePermission(actor: Actor, permission: Permission): void {
  if (!can(actor, permission))
    throw new ForbiddenError({
      vi: `Vai trò "${roles[actor.role].label.vi}" không được phép thực hiện thao tác này (${permission}).`,
      en: `Role "${roles[actor.role].label.en}" may not do this (${permission}).`,
    });
}

/** Every read of personal data states a purpose the actor's role may use. Returns the code. */
export function requirePurpose(actor: Actor, purpose: string | undefined, path = 'query.purpose'): string {
  if (!purpose)
    throw ValidationError.field(path, 'purpose_required', {
      vi: 'Cần nêu mục đích khai thác dữ liệu cá nhân.',
      en: 'A purpose is required to read personal data.',
    });
  const def = purposeFile.purposes[purpose];
  if (!def)
    throw ValidationError.field(path, 'purpose_unknown', {
      vi: `Mục đích "${purpose}" không có trong danh mục.`,
      en: `Unknown purpose "${purpose}".`,
    });
  if (!def.roles.includes(actor.role))
    throw new ForbiddenError({
      vi: `Vai trò "${roles[actor.role].label.vi}" không được khai thác dữ liệu với mục đích "${def.vi}".`,
      en: `Role "${roles[actor.role].label.en}" may not read data for "${def.en}".`,
    });
  return purpose;
}

/** The person attributes this actor may see ('all' or a set of attribute names). */
export function visibleFields(actor: Actor): 'all' | ReadonlySet<string> {
  const f = roles[actor.role].fields;
  if (f === 'all') return 'all';
  return new Set(['pid', ...f.flatMap((g) => purposeFile.fieldGroups[g] ?? [])]);
}

/**
 * The current communes an actor's jurisdiction covers: a set of commune codes, 'national',
 * or 'self' (a citizen, who sees only their own record).
 */
export function jurisdiction(actor: Actor): { kind: 'national' } | { kind: 'self'; pid: string } | { kind: 'communes'; codes: string[] } {
  const scope = roles[actor.role].scope;
  if (scope === 'national') return { kind: 'national' };
  if (scope === 'self') return { kind: 'self', pid: actor.pid ?? '' };
  if (!actor.unit) return { kind: 'communes', codes: [] };
  if (scope === 'commune') return { kind: 'communes', codes: [actor.unit] };
  return { kind: 'communes', codes: loadAdminUnits().communesOf(actor.unit).map((c) => c.code) };
}

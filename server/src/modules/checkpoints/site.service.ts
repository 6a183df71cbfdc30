// Sites and who may do what at them: police of the jurisdiction (permission checkpoint.manage)
// register and edit sites in their communes and name the staff; staff (citizens, by personal ID)
// scan and count at their own sites only.
import { loadAdminUnits } from '@open06/kernel/admin-units';
import { parsePersonalId } from '@open06/kernel';
import type { AccessLog } from '../../platform/access-log/index.ts';
import type { Clock } from '../../platform/clock.ts';
import { can, jurisdiction, requirePermission, type Actor } from '../../http/authz.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../../http/errors.ts';
import { nextAlert } from './occupancy.ts';
import type { PassageStore } from './passage.store.ts';
import type { Site, SiteInput, SiteStore, StaffMember } from './site.store.ts';

export interface Ctx {
  actor: Actor;
  requestId?: string | undefined;
}

/** Staff changes reach the staff member's access log under this purpose. */
const STAFF_PURPOSE = 'checkpoint_staff';

const NOT_YOURS = { vi: 'Địa điểm này không thuộc địa bàn quản lý của bạn.', en: 'This site is outside your jurisdiction.' };
const NOT_STAFF = { vi: 'Bạn không phải nhân viên của địa điểm này.', en: 'You are not on the staff of this site.' };

/** Does the actor manage sites in this commune (police of its commune or province)? */
export function manages(actor: Actor, communeCode: string): boolean {
  if (!can(actor, 'checkpoint.manage')) return false;
  const j = jurisdiction(actor);
  return j.kind === 'national' || (j.kind === 'communes' && j.codes.includes(communeCode));
}

/** The communes whose sites the actor manages. */
function managedCommunes(actor: Actor): string[] | 'all' {
  const j = jurisdiction(actor);
  return j.kind === 'national' ? 'all' : j.kind === 'communes' ? j.codes : [];
}

export function createSiteService(deps: { sites: SiteStore; passages: PassageStore; accessLog: AccessLog; clock: Clock }) {
  const { sites, passages, accessLog, clock } = deps;
  const units = loadAdminUnits();

  async function load(id: string): Promise<Site> {
    const site = await sites.find(id);
    if (!site) throw new NotFoundError({ vi: 'Không có địa điểm kiểm soát này.', en: 'No such checkpoint site.' });
    return site;
  }

  function checkCommune(actor: Actor, communeCode: string): void {
    if (!units.commune(communeCode))
      throw ValidationError.field('body.communeCode', 'commune_unknown', { vi: `Mã ${communeCode} không phải xã, phường, đặc khu hiện hành.`, en: `${communeCode} is not a current commune code.` });
    if (!manages(actor, communeCode)) throw new ForbiddenError(NOT_YOURS);
  }

  function staffPid(pid: string, path: string): string {
    const p = parsePersonalId(pid);
    if (!p.valid || !p.normalized) throw ValidationError.field(path, 'pid_invalid', p.errors[0]?.message ?? { vi: 'Số định danh không hợp lệ.', en: 'Invalid personal ID.' });
    return p.normalized;
  }

  const access = {
    /** The site, for police who manage its commune. */
    async asManager(actor: Actor, id: string): Promise<Site> {
      requirePermission(actor, 'checkpoint.manage');
      const site = await load(id);
      if (!manages(actor, site.communeCode)) throw new ForbiddenError(NOT_YOURS);
      return site;
    },
    /** The site, for its staff (citizens acting as themselves). */
    async asStaff(actor: Actor, id: string): Promise<Site> {
      const site = await load(id);
      if (actor.role !== 'citizen' || !actor.pid || !(await sites.isStaff(id, actor.pid))) throw new ForbiddenError(NOT_STAFF);
      return site;
    },
    /** The site, for its managers or its staff; says which. */
    async asViewer(actor: Actor, id: string): Promise<{ site: Site; as: 'manager' | 'staff' }> {
      const site = await load(id);
      if (manages(actor, site.communeCode)) return { site, as: 'manager' };
      if (actor.role === 'citizen' && actor.pid && (await sites.isStaff(id, actor.pid))) return { site, as: 'staff' };
      throw new ForbiddenError(can(actor, 'checkpoint.manage') ? NOT_YOURS : NOT_STAFF);
    },
  };

  return {
    access,
    load,

    async register(ctx: Ctx, input: SiteInput): Promise<Site> {
      requirePermission(ctx.actor, 'checkpoint.manage');
      checkCommune(ctx.actor, input.communeCode);
      return sites.create(input, ctx.actor.sub);
    },

    async edit(ctx: Ctx, id: string, patch: Partial<SiteInput>): Promise<Site> {
      const site = await access.asManager(ctx.actor, id);
      const next: SiteInput = {
        name: patch.name ?? site.name,
        kind: patch.kind ?? site.kind,
        communeCode: patch.communeCode ?? site.communeCode,
        capacity: patch.capacity ?? site.capacity,
        retentionDays: patch.retentionDays ?? site.retentionDays,
      };
      if (next.communeCode !== site.communeCode) checkCommune(ctx.actor, next.communeCode);
      await sites.update(id, next, ctx.actor.sub);
      // a new capacity can start or end an alert: decided with the row locked, as passages do
      await passages.transaction(async (t) => {
        const locked = await t.lockSite(id);
        if (locked) await t.setOccupancy(id, locked.onSite, nextAlert(locked.alert, locked.onSite, locked.capacity, clock.now()));
      });
      return load(id);
    },

    /** The sites an actor sees: police those of their jurisdiction, staff their own. */
    async visible(actor: Actor): Promise<{ sites: Site[]; as: 'manager' | 'staff' }> {
      if (can(actor, 'checkpoint.manage')) return { sites: await sites.inCommunes(managedCommunes(actor)), as: 'manager' };
      if (actor.role === 'citizen' && actor.pid) return { sites: await sites.ofStaff(actor.pid), as: 'staff' };
      throw new ForbiddenError({ vi: 'Chỉ công an quản lý địa bàn và nhân viên địa điểm xem được các điểm kiểm soát.', en: 'Only the police of the area and site staff see checkpoint sites.' });
    },

    staffCounts: (ids: readonly string[]) => sites.staffCounts(ids),
    staff: (id: string): Promise<StaffMember[]> => sites.staff(id),

    async addStaff(ctx: Ctx, id: string, rawPid: string): Promise<{ created: boolean }> {
      const site = await access.asManager(ctx.actor, id);
      const pid = staffPid(rawPid, 'body.pid');
      const created = await sites.addStaff(site.id, pid, ctx.actor.sub);
      if (created) await accessLog.record({ actor: ctx.actor, purpose: `${STAFF_PURPOSE}:${site.id}`, action: 'checkpoint_staff_add', subjectPid: pid, fields: ['checkpointStaff'], outcome: 'ok', requestId: ctx.requestId });
      return { created };
    },

    async removeStaff(ctx: Ctx, id: string, rawPid: string): Promise<void> {
      const site = await access.asManager(ctx.actor, id);
      const pid = staffPid(rawPid, 'path.pid');
      if (!(await sites.removeStaff(site.id, pid))) throw new NotFoundError({ vi: 'Người này không phải nhân viên của địa điểm.', en: 'This person is not on the staff of the site.' });
      await accessLog.record({ actor: ctx.actor, purpose: `${STAFF_PURPOSE}:${site.id}`, action: 'checkpoint_staff_remove', subjectPid: pid, fields: ['checkpointStaff'], outcome: 'ok', requestId: ctx.requestId });
    },
  };
}

export type SiteService = ReturnType<typeof createSiteService>;

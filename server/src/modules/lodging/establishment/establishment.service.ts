// Establishments (cơ sở lưu trú) and their staff: a citizen registers the place they run and
// becomes its owner; the police of its commune approve, reject, suspend or reinstate it; the owner
// adds staff by personal ID. Staff log in with their own e-ID; at the desk the module acts for the
// establishment under the in-process role `lodging_establishment`.
import { randomUUID } from 'node:crypto';
import { loadAdminUnits } from '@open06/kernel/admin-units';
import { requirePermission, type Actor } from '../../../http/authz.ts';
import { ForbiddenError, NotFoundError, ValidationError, ConflictError } from '../../../http/errors.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { RegistryApi } from '../../registry/index.ts';
import type { EstablishmentStatus, EstablishmentType } from '../lodging.tables.ts';
import { policeCommunes } from '../police/communes.ts';
import type { Establishment, EstablishmentStore } from './establishment.store.ts';

export interface EstablishmentInput {
  type: EstablishmentType;
  name: string;
  address: string;
  communeCode: string;
  licence?: string | undefined;
  phone?: string | undefined;
}

export type Decision = 'approve' | 'reject' | 'suspend' | 'reinstate';

/** How long a desk's establishment and membership are remembered. */
const DESK_TTL_MS = 5_000;
const NOT_FOUND = new NotFoundError({ vi: 'Không tìm thấy cơ sở lưu trú.', en: 'Establishment not found.' });

/** Which status a decision leads to, from which. */
const TRANSITIONS: Record<Decision, { from: EstablishmentStatus[]; to: EstablishmentStatus; needsReason: boolean }> = {
  approve: { from: ['pending', 'rejected'], to: 'approved', needsReason: false },
  reject: { from: ['pending'], to: 'rejected', needsReason: true },
  suspend: { from: ['approved'], to: 'suspended', needsReason: true },
  reinstate: { from: ['suspended'], to: 'approved', needsReason: false },
};

/** The actor the module acts under for an establishment's staff (never in a token). */
export function establishmentActor(e: Pick<Establishment, 'id' | 'name' | 'communeCode'>): Actor {
  return { sub: `est:${e.id}`, role: 'lodging_establishment', unit: e.communeCode, name: e.name };
}

export function createEstablishmentService(deps: { store: EstablishmentStore; registry: RegistryApi; clock: Clock }) {
  const { store, registry, clock } = deps;
  const units = loadAdminUnits();
  const desks = new Map<string, { establishment: Establishment; until: number }>();
  const forget = (id: string) => {
    for (const k of desks.keys()) if (k.startsWith(`${id}:`)) desks.delete(k);
  };

  function citizenPid(actor: Actor): string {
    if (actor.role !== 'citizen' || !actor.pid)
      throw new ForbiddenError({ vi: 'Chức năng này dành cho công dân có tài khoản định danh điện tử.', en: 'This is for citizens logged in with their e-ID.' });
    return actor.pid;
  }

  function inJurisdiction(actor: Actor, communeCode: string): boolean {
    const codes = policeCommunes(actor);
    return codes === null || codes.includes(communeCode);
  }

  async function get(actor: Actor, id: string): Promise<Establishment> {
    const e = await store.find(id);
    if (!e) throw NOT_FOUND;
    if (actor.role === 'citizen') {
      if (!actor.pid || !(await store.staffRole(id, actor.pid))) throw NOT_FOUND;
    } else if (!inJurisdiction(actor, e.communeCode)) throw NOT_FOUND;
    return e;
  }

  async function requireOwner(actor: Actor, id: string): Promise<Establishment> {
    const pid = citizenPid(actor);
    const e = await store.find(id);
    const role = e ? await store.staffRole(id, pid) : undefined;
    if (!e || !role) throw NOT_FOUND;
    if (role !== 'owner') throw new ForbiddenError({ vi: 'Chỉ chủ cơ sở được quản lý nhân viên.', en: 'Only the owner manages staff.' });
    return e;
  }

  return {
    async register(actor: Actor, input: EstablishmentInput): Promise<Establishment> {
      const pid = citizenPid(actor);
      const commune = units.commune(input.communeCode);
      if (!commune)
        throw ValidationError.field('body.communeCode', 'unknown_commune', { vi: `Không có xã, phường mã ${input.communeCode} (đơn vị hành chính hiện hành).`, en: `No current commune has code ${input.communeCode}.` });
      const me = await registry.getPerson({ actor, purpose: 'self_service' }, pid);
      const owner = { pid, fullName: me.fullName ?? actor.name ?? pid };
      return store.insert(
        { id: randomUUID(), type: input.type, name: input.name, address: input.address, communeCode: commune.code, provinceCode: commune.provinceCode, licence: input.licence ?? null, phone: input.phone ?? null, responsible: owner },
        owner,
      );
    },

    mine: (actor: Actor) => store.ofStaff(citizenPid(actor)),

    list: (actor: Actor, f: { status?: EstablishmentStatus | undefined; communeCode?: string | undefined; q?: string | undefined }) => store.list(policeCommunes(actor), f, clock.now()),

    get,

    /** Name, type and commune: public (an establishment is a business), for the citizen's access log. */
    async publicView(id: string) {
      const e = await store.find(id);
      if (!e) throw NOT_FOUND;
      return { id: e.id, name: e.name, type: e.type, communeCode: e.communeCode };
    },

    async decide(actor: Actor, id: string, decision: Decision, reason: string | undefined): Promise<Establishment> {
      requirePermission(actor, 'lodging.approve');
      const e = await get(actor, id);
      const t = TRANSITIONS[decision];
      if (!t.from.includes(e.status))
        throw new ConflictError({ vi: `Không thể "${decision}" một cơ sở đang ở trạng thái "${e.status}".`, en: `Cannot ${decision} an establishment that is ${e.status}.` });
      if (t.needsReason && !reason)
        throw ValidationError.field('body.reason', 'reason_required', { vi: 'Cần nêu lý do.', en: 'A reason is required.' });
      forget(id);
      return store.decide(id, t.to, actor.sub, reason ?? null, clock.now());
    },

    async staff(actor: Actor, id: string) {
      await get(actor, id);
      return store.staff(id);
    },

    async addStaff(actor: Actor, id: string, pid: string) {
      const e = await requireOwner(actor, id);
      // the new member's name, read for the establishment (in their access log)
      let fullName: string | undefined;
      try {
        fullName = (await registry.getPerson({ actor: establishmentActor(e), purpose: 'lodging_staff' }, pid)).fullName;
      } catch (err) {
        if (!(err instanceof NotFoundError)) throw err;
      }
      if (!fullName) throw ValidationError.field('body.pid', 'unknown_pid', { vi: 'Số định danh cá nhân không có trong Cơ sở dữ liệu quốc gia về dân cư.', en: 'The registry does not know this personal ID.' });
      await store.addStaff(id, { pid, fullName }, actor.sub);
      return store.staff(id);
    },

    async removeStaff(actor: Actor, id: string, pid: string) {
      await requireOwner(actor, id);
      forget(id);
      if (!(await store.removeStaff(id, pid))) throw new NotFoundError({ vi: 'Không có nhân viên này.', en: 'No such staff member.' });
      return store.staff(id);
    },

    /**
     * The establishment a citizen works the desk of: they are its staff and it is approved.
     * Remembered for a few seconds (two look-ups per scan or check-in otherwise); this process's
     * own decisions and staff changes apply at once, other processes' within DESK_TTL_MS.
     */
    async desk(actor: Actor, id: string): Promise<Establishment> {
      const pid = citizenPid(actor);
      const key = `${id}:${pid}`;
      const hit = desks.get(key);
      let e = hit && hit.until > Date.now() ? hit.establishment : undefined;
      if (!e) {
        const found = await store.find(id);
        if (!found || !(await store.staffRole(id, pid))) throw NOT_FOUND;
        e = found;
        if (desks.size > 10_000) desks.clear();
        desks.set(key, { establishment: e, until: Date.now() + DESK_TTL_MS });
      }
      if (e.status !== 'approved')
        throw new ForbiddenError({ vi: 'Cơ sở chưa được công an xã phê duyệt hoặc đang bị tạm dừng.', en: 'The establishment is not approved by the commune police (or is suspended).' });
      return e;
    },


    /** The demo province's hotel, approved, run by a demo citizen (`npm start`); once. */
    async seedDemo(ownerPid: string, communeCode: string): Promise<Establishment | null> {
      if ((await store.ofStaff(ownerPid)).length > 0) return null;
      const owner: Actor = { sub: `demo:${ownerPid}`, role: 'citizen', pid: ownerPid };
      const e = await this.register(owner, { type: 'hotel', name: 'Khách sạn Hoa Phượng (demo)', address: 'Số 18, phố Lạch Tray', communeCode, phone: '0225 3846 888' });
      return store.decide(e.id, 'approved', 'open06 start', null, clock.now());
    },
  };
}

export type EstablishmentService = ReturnType<typeof createEstablishmentService>;

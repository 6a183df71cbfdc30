// SQL for establishments and their staff (the only code touching lodging.establishment and lodging.staff).
import { sql, type Kysely, type Selectable } from 'kysely';
import type { EstablishmentStatus, EstablishmentTable, EstablishmentType, LodgingTables } from '../lodging.tables.ts';

export interface Establishment {
  id: string;
  type: EstablishmentType;
  name: string;
  address: string;
  communeCode: string;
  provinceCode: string;
  licence: string | null;
  phone: string | null;
  responsible: { pid: string; fullName: string };
  status: EstablishmentStatus;
  decidedAt: string | null;
  decisionReason: string | null;
  createdAt: string;
}

export interface Activity {
  last7Days: number;
  late7Days: number;
  lastNotificationAt: string | null;
  silent: boolean;
}

export interface StaffMember {
  pid: string;
  fullName: string;
  role: 'owner' | 'staff';
  addedAt: string;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

function toEstablishment(r: Selectable<EstablishmentTable>): Establishment {
  return {
    id: r.id,
    type: r.type,
    name: r.name,
    address: r.address,
    communeCode: r.commune_code,
    provinceCode: r.province_code,
    licence: r.licence,
    phone: r.phone,
    responsible: { pid: r.responsible_pid, fullName: r.responsible_name },
    status: r.status,
    decidedAt: iso(r.decided_at),
    decisionReason: r.decision_reason,
    createdAt: iso(r.created_at)!,
  };
}

/** An establishment that sent nothing for this many days while approved is "silent". */
export const SILENT_AFTER_DAYS = 7;

export function createEstablishmentStore(db: Kysely<LodgingTables>) {
  return {
    async insert(e: Omit<Establishment, 'status' | 'decidedAt' | 'decisionReason' | 'createdAt'>, owner: { pid: string; fullName: string }): Promise<Establishment> {
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('lodging.establishment')
          .values({
            id: e.id,
            type: e.type,
            name: e.name,
            address: e.address,
            commune_code: e.communeCode,
            province_code: e.provinceCode,
            licence: e.licence,
            phone: e.phone,
            responsible_pid: e.responsible.pid,
            responsible_name: e.responsible.fullName,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await trx.insertInto('lodging.staff').values({ establishment_id: e.id, pid: owner.pid, full_name: owner.fullName, role: 'owner', added_by: owner.pid }).execute();
        return toEstablishment(row);
      });
    },

    async find(id: string): Promise<Establishment | undefined> {
      const r = await db.selectFrom('lodging.establishment').selectAll().where('id', '=', id).executeTakeFirst();
      return r ? toEstablishment(r) : undefined;
    },

    async ofStaff(pid: string): Promise<(Establishment & { myRole: 'owner' | 'staff' })[]> {
      const rows = await db
        .selectFrom('lodging.staff as s')
        .innerJoin('lodging.establishment as e', 'e.id', 's.establishment_id')
        .selectAll('e')
        .select('s.role as my_role')
        .where('s.pid', '=', pid)
        .orderBy('e.name')
        .execute();
      return rows.map((r) => ({ ...toEstablishment(r), myRole: r.my_role }));
    },

    /** The staff member's role at the establishment, if any. */
    async staffRole(id: string, pid: string): Promise<'owner' | 'staff' | undefined> {
      const r = await db.selectFrom('lodging.staff').select('role').where('establishment_id', '=', id).where('pid', '=', pid).executeTakeFirst();
      return r?.role;
    },

    /** Establishments in these communes (null: everywhere), with their last week's notifications. */
    async list(communes: readonly string[] | null, f: { status?: EstablishmentStatus | undefined; communeCode?: string | undefined; q?: string | undefined }, now: Date): Promise<(Establishment & { activity: Activity })[]> {
      const since = new Date(now.getTime() - SILENT_AFTER_DAYS * 86_400_000);
      const rows = await db
        .selectFrom('lodging.establishment as e')
        .selectAll('e')
        .select((eb) => [
          eb.selectFrom('lodging.stay as s').select(sql<string>`count(*)`.as('n')).whereRef('s.establishment_id', '=', 'e.id').where('s.recorded_at', '>=', since).as('last7'),
          eb.selectFrom('lodging.stay as s').select(sql<string>`count(*)`.as('n')).whereRef('s.establishment_id', '=', 'e.id').where('s.recorded_at', '>=', since).where('s.late', '=', true).as('late7'),
          eb.selectFrom('lodging.stay as s').select(sql<Date>`max(s.recorded_at)`.as('m')).whereRef('s.establishment_id', '=', 'e.id').as('last_at'),
        ])
        .$if(communes !== null, (q) => q.where('e.commune_code', 'in', communes!.length ? communes! : ['-----']))
        .$if(f.status !== undefined, (q) => q.where('e.status', '=', f.status!))
        .$if(f.communeCode !== undefined, (q) => q.where('e.commune_code', '=', f.communeCode!))
        .$if(!!f.q, (q) => q.where(sql<boolean>`lower(e.name) like ${'%' + f.q!.toLowerCase() + '%'}`))
        .orderBy('e.status')
        .orderBy('e.name')
        .limit(500)
        .execute();
      return rows.map((r) => {
        const lastAt = r.last_at ? new Date(r.last_at) : null;
        return {
          ...toEstablishment(r),
          activity: {
            last7Days: Number(r.last7 ?? 0),
            late7Days: Number(r.late7 ?? 0),
            lastNotificationAt: lastAt ? lastAt.toISOString() : null,
            silent: r.status === 'approved' && (lastAt === null || lastAt < since),
          },
        };
      });
    },

    async decide(id: string, status: EstablishmentStatus, by: string, reason: string | null, at: Date): Promise<Establishment> {
      const r = await db
        .updateTable('lodging.establishment')
        .set({ status, decided_at: at, decided_by: by, decision_reason: reason })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      return toEstablishment(r);
    },

    async staff(id: string): Promise<StaffMember[]> {
      const rows = await db.selectFrom('lodging.staff').selectAll().where('establishment_id', '=', id).orderBy('role').orderBy('full_name').execute();
      return rows.map((r) => ({ pid: r.pid, fullName: r.full_name, role: r.role, addedAt: iso(r.added_at)! }));
    },

    async addStaff(id: string, m: { pid: string; fullName: string }, by: string): Promise<void> {
      await db
        .insertInto('lodging.staff')
        .values({ establishment_id: id, pid: m.pid, full_name: m.fullName, role: 'staff', added_by: by })
        .onConflict((oc) => oc.columns(['establishment_id', 'pid']).doNothing())
        .execute();
    },

    async removeStaff(id: string, pid: string): Promise<boolean> {
      const r = await db.deleteFrom('lodging.staff').where('establishment_id', '=', id).where('pid', '=', pid).where('role', '=', 'staff').executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },
  };
}

export type EstablishmentStore = ReturnType<typeof createEstablishmentStore>;

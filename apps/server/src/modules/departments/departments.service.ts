import { AppError } from '../../core/app-error.ts';
import type { Db } from '../../db/database.ts';
import type { DepartmentKind } from '../../db/schema.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { DEMO_DEPARTMENTS } from './demo-registry.ts';
import { DepartmentRegistry } from './department-registry.ts';
import {
  confirmDepartment,
  findDepartment,
  findDepartmentByName,
  insertAlias,
  insertDepartment,
  insertGroupMember,
  listAliases,
  listDepartments,
  listDepartmentsWithAliases,
  listGroupMembers,
} from './departments.repository.ts';

export async function loadDepartmentRegistry(db: Db, orgUnitId: number): Promise<DepartmentRegistry> {
  const [departments, aliases] = await Promise.all([listDepartments(db, orgUnitId), listAliases(db, orgUnitId)]);
  return new DepartmentRegistry(
    departments.map((d) => ({ id: d.id, name: d.name, kind: d.kind, confirmed: d.confirmed === 1 })),
    aliases,
  );
}

/** Members of each group, by group id. */
export async function loadGroupMembers(db: Db, groupIds: number[]): Promise<Map<number, number[]>> {
  const map = new Map<number, number[]>();
  for (const row of await listGroupMembers(db, groupIds)) {
    const members = map.get(row.group_id) ?? [];
    members.push(row.department_id);
    map.set(row.group_id, members);
  }
  return map;
}

export async function createDepartment(
  trx: Db,
  input: { orgUnitId: number; name: string; kind: DepartmentKind; confirmed: boolean; now: string },
): Promise<number> {
  return insertDepartment(trx, input);
}

/** Records another name for a department (the import wizard's matching), unless it is already known. */
export async function addDepartmentAlias(
  trx: Db,
  orgUnitId: number,
  departmentId: number,
  alias: string,
): Promise<void> {
  const known = await listAliases(trx, orgUnitId);
  if (!known.some((a) => a.alias === alias)) await insertAlias(trx, orgUnitId, departmentId, alias);
}

/** Creates the demo zone's registry when the unit has no departments yet. Returns how many it created. */
export async function ensureDemoRegistry(trx: Db, orgUnitId: number, now: string): Promise<number> {
  if ((await listDepartments(trx, orgUnitId)).length > 0) return 0;
  const ids = new Map<string, number>();
  for (const d of DEMO_DEPARTMENTS) {
    const id = await insertDepartment(trx, { orgUnitId, name: d.name, kind: d.kind, confirmed: true, now });
    ids.set(d.name, id);
    for (const alias of d.aliases) await insertAlias(trx, orgUnitId, id, alias);
  }
  for (const d of DEMO_DEPARTMENTS) {
    for (const member of d.members ?? []) {
      const groupId = ids.get(d.name);
      const memberId = ids.get(member);
      if (groupId === undefined || memberId === undefined) throw new Error(`demo registry: unknown member ${member}`);
      await insertGroupMember(trx, groupId, memberId);
    }
  }
  return DEMO_DEPARTMENTS.length;
}

/** The demo registry as an in-memory view (negative ids), for dry runs against a database not yet created. */
export function demoRegistryInMemory(): DepartmentRegistry {
  const departments = DEMO_DEPARTMENTS.map((d, i) => ({ id: -(i + 1), name: d.name, kind: d.kind, confirmed: true }));
  const aliases = DEMO_DEPARTMENTS.flatMap((d, i) => d.aliases.map((alias) => ({ department_id: -(i + 1), alias })));
  return new DepartmentRegistry(departments, aliases);
}

export async function listDepartmentRegistry(db: Db, orgUnitId: number) {
  const { departments, aliases, members } = await listDepartmentsWithAliases(db, orgUnitId);
  return departments.map((d) => ({
    id: d.id,
    name: d.name,
    kind: d.kind,
    confirmed: d.confirmed === 1,
    aliases: aliases.filter((a) => a.department_id === d.id).map((a) => a.alias),
    members: members.filter((m) => m.group_id === d.id).map((m) => m.department_id),
    retired: d.retired_at !== null,
  }));
}

/** The office confirms a department the importer created from an unknown name. */
export async function confirmImportedDepartment(db: Db, actor: { actor: string; orgUnitId: number }, id: number) {
  await db.transaction().execute(async (trx) => {
    const d = await findDepartment(trx, actor.orgUnitId, id);
    if (!d) throw new AppError('not_found', '部门不存在 (no such department)');
    if (d.confirmed === 1) throw new AppError('conflict', `部门“${d.name}”已确认`);
    await confirmDepartment(trx, actor.orgUnitId, id);
    await appendAudit(trx, {
      orgUnitId: actor.orgUnitId,
      actor: actor.actor,
      action: 'department.confirm',
      entity: 'department',
      entityId: id,
      before: { confirmed: false },
      after: { confirmed: true },
    });
  });
}

/** The unit's retired departments (id → name): the importer gives them no new duties. */
export async function retiredDepartments(db: Db, orgUnitId: number): Promise<Map<number, string>> {
  const all = await listDepartments(db, orgUnitId);
  return new Map(all.filter((d) => d.retired_at !== null).map((d) => [d.id, d.name]));
}

/** One department of the unit by id (undefined when it is not there or belongs to another unit). */
export async function findUnitDepartment(db: Db, orgUnitId: number, id: number) {
  return findDepartment(db, orgUnitId, id);
}

/** One department of the unit by its registry name. */
export async function findUnitDepartmentByName(db: Db, orgUnitId: number, name: string) {
  return findDepartmentByName(db, orgUnitId, name);
}

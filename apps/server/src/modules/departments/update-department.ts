import type { UpdateDepartmentRequest } from '@duban/shared/contracts/departments';
import { AppError } from '../../core/app-error.ts';
import type { Db } from '../../db/database.ts';
import { appendAudit } from '../audit/audit.service.ts';
import type { DepartmentsManageScope } from './departments.policy.ts';
import {
  deleteAlias,
  findNameHolder,
  insertAlias,
  listAliasesOf,
  lockDepartment,
  setDepartmentName,
  setDepartmentRetired,
} from './departments.repository.ts';

/**
 * The office edits a registry entry: replaces its aliases, renames it (the old name stays as an alias, so lists
 * and returned sheets that still say it keep matching), retires or restores it. A name or alias another department
 * already holds is refused. One transaction, audited with the before and after.
 */
export async function updateDepartment(
  db: Db,
  scope: DepartmentsManageScope,
  id: number,
  input: UpdateDepartmentRequest,
  now = new Date(),
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const current = await lockDepartment(trx, scope.orgUnitId, id);
    if (!current) throw departmentNotFound();
    const beforeAliases = await listAliasesOf(trx, id);
    const before = { name: current.name, aliases: beforeAliases, retired: current.retired_at !== null };

    const claim = async (name: string, path: string) => {
      const holder = await findNameHolder(trx, scope.orgUnitId, name);
      if (holder && holder.departmentId !== id) {
        const message = `“${name}”已是另一个部门的${holder.as === 'name' ? '名称' : '别名'}`;
        throw new AppError('conflict', message, [{ path, message }]);
      }
      return holder;
    };

    if (input.aliases !== undefined) {
      const wanted = [...new Set(input.aliases.map((a) => a.trim()))].filter((a) => a !== current.name);
      for (const alias of beforeAliases) if (!wanted.includes(alias)) await deleteAlias(trx, id, alias);
      for (const alias of wanted) {
        if (beforeAliases.includes(alias)) continue;
        await claim(alias, 'aliases');
        await insertAlias(trx, scope.orgUnitId, id, alias);
      }
    }

    if (input.name !== undefined && input.name !== current.name) {
      const holder = await claim(input.name, 'name');
      if (holder?.as === 'alias') await deleteAlias(trx, id, input.name);
      await setDepartmentName(trx, id, input.name);
      // The old name stays findable: imports and returned sheets that still use it match this department.
      if (!(await listAliasesOf(trx, id)).includes(current.name)) {
        await insertAlias(trx, scope.orgUnitId, id, current.name);
      }
    }

    if (input.retired !== undefined && input.retired !== (current.retired_at !== null)) {
      await setDepartmentRetired(trx, id, input.retired ? now.toISOString() : null);
    }

    const after = {
      name: input.name ?? current.name,
      aliases: await listAliasesOf(trx, id),
      retired: input.retired ?? current.retired_at !== null,
    };
    await appendAudit(
      trx,
      {
        orgUnitId: scope.orgUnitId,
        actor: scope.actor,
        action: 'department.update',
        entity: 'department',
        entityId: id,
        before,
        after,
      },
      now,
    );
  });
}

export function departmentNotFound(): AppError {
  return new AppError('not_found', '部门不存在');
}

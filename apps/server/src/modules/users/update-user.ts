import type { UpdateUserRequest } from '@duban/shared/contracts/users';
import { AppError } from '../../core/app-error.ts';
import type { Db } from '../../db/database.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { deleteSessionsOfUser } from '../auth/auth.repository.ts';
import { principalCacheOf } from '../auth/principal-cache.ts';
import { findUnitDepartment } from '../departments/departments.service.ts';
import type { AccountAdminScope } from './users.policy.ts';
import { countOtherActiveAdmins, findEditableUser, updateUserFields } from './users.repository.ts';

/**
 * The office administrator edits an account: display name, role, department (a department account needs one of
 * the unit's departments that is not retired), head flag; or disables / enables it. Enterprise accounts keep their
 * role (bound in the enterprise registry). Nobody disables or demotes themselves, and the unit keeps at least one
 * enabled administrator. A change of role, department or a disable ends the account's sessions at once.
 * Versioned, audited with the before and after.
 */
export async function updateUser(
  db: Db,
  scope: AccountAdminScope,
  id: number,
  input: UpdateUserRequest,
  now = new Date(),
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const current = await findEditableUser(trx, scope.orgUnitId, id);
    if (!current) throw new AppError('not_found', '用户不存在');
    if (current.version !== input.version) {
      throw new AppError('conflict', '账号已被他人修改，请刷新后重试', { currentVersion: current.version });
    }
    const role = input.role ?? current.role;
    if ((role === 'enterprise') !== (current.role === 'enterprise')) {
      throw new AppError('validation_failed', '企业账号的角色不能在这里修改，请在企业名录中绑定或解绑', [
        { path: 'role', message: '不能改为或改出企业账号' },
      ]);
    }
    const departmentId = role === 'department' ? (input.departmentId ?? current.department_id) : null;
    if (role === 'department') {
      const department =
        departmentId === null ? undefined : await findUnitDepartment(trx, scope.orgUnitId, departmentId);
      if (!department) {
        throw new AppError('validation_failed', '部门账号必须选择所属部门', [
          { path: 'departmentId', message: '请选择部门' },
        ]);
      }
      if (department.retired_at !== null && departmentId !== current.department_id) {
        throw new AppError('validation_failed', `部门“${department.name}”已撤销，不能再分配账号`, [
          { path: 'departmentId', message: '部门已撤销' },
        ]);
      }
    }
    const disabled = input.disabled ?? current.disabled === 1;
    const stillAdmin = role === 'office_admin' && !disabled;
    if (current.role === 'office_admin' && !stillAdmin) {
      if (id === scope.userId) {
        throw new AppError('validation_failed', '不能停用或降级自己的账号');
      }
      if ((await countOtherActiveAdmins(trx, scope.orgUnitId, id)) === 0) {
        throw new AppError('conflict', '至少要保留一个启用的安委办管理员账号');
      }
    }
    const fields = {
      display_name: input.displayName ?? current.display_name,
      role,
      department_id: departmentId,
      is_head: role === 'department' ? ((input.isHead ?? current.is_head === 1) ? 1 : 0) : 0,
      disabled: disabled ? 1 : 0,
    };
    if (!(await updateUserFields(trx, id, current.version, fields))) {
      throw new AppError('conflict', '账号已被他人修改，请刷新后重试');
    }
    const endsSessions =
      fields.disabled === 1 || fields.role !== current.role || fields.department_id !== current.department_id;
    if (endsSessions) await deleteSessionsOfUser(trx, id);
    await appendAudit(
      trx,
      {
        orgUnitId: scope.orgUnitId,
        actor: scope.actor,
        action:
          input.disabled !== undefined && input.disabled !== (current.disabled === 1)
            ? input.disabled
              ? 'user.disable'
              : 'user.enable'
            : 'user.update',
        entity: 'user',
        entityId: id,
        before: {
          displayName: current.display_name,
          role: current.role,
          departmentId: current.department_id,
          isHead: current.is_head === 1,
          disabled: current.disabled === 1,
        },
        after: {
          displayName: fields.display_name,
          role: fields.role,
          departmentId: fields.department_id,
          isHead: fields.is_head === 1,
          disabled: fields.disabled === 1,
        },
      },
      now,
    );
  });
  // After the commit: this instance stops serving the account's cached sessions at once.
  principalCacheOf(db).forgetUser(id);
}

import { parseArgs } from 'node:util';
import { UserRoleSchema } from '@duban/shared/contracts/auth';
import { prepareDatabase } from '../bootstrap.ts';
import { resetPassword } from '../modules/auth/auth.service.ts';
import { findUnitDepartmentByName } from '../modules/departments/departments.service.ts';
import { findOrgUnitByCode } from '../modules/orgunits/orgunits.repository.ts';
import { findUserIdInUnit, listUsers } from '../modules/users/users.repository.ts';
import { createUser, generatePassword } from '../modules/users/users.service.ts';
import { CliError, printJson } from './cli-output.ts';

export const USERS_USAGE = `用法:
  duban users add <用户名> --role <office_admin|office_staff|leader|department|enterprise> [--name 显示名]
                  [--department 部门名称] [--head] [--password 密码] [--unit 单位代码]
                  （不给密码则随机生成并只显示一次；不给 --unit 则为默认开发区）
  duban users list [--json] [--unit 单位代码]
  duban users reset-password <用户名> [--password 密码] [--unit 单位代码]`;

const CLI_ACTOR = 'cli';

export async function usersCommand(argv: string[], databaseUrl: string): Promise<number> {
  const [sub, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      role: { type: 'string' },
      name: { type: 'string' },
      department: { type: 'string' },
      head: { type: 'boolean', default: false },
      password: { type: 'string' },
      json: { type: 'boolean', default: false },
      unit: { type: 'string' },
    },
  });
  if (sub !== 'add' && sub !== 'list' && sub !== 'reset-password') throw new CliError(USERS_USAGE, 2);
  const prepared = await prepareDatabase(databaseUrl);
  const { db } = prepared.handle;
  try {
    const unit = values.unit ? await findOrgUnitByCode(db, values.unit) : undefined;
    if (values.unit && !unit) throw new CliError(`单位“${values.unit}”不存在（见 duban units list）`);
    const orgUnitId = unit?.id ?? prepared.scope.orgUnitId;
    if (sub === 'list') {
      const users = await listUsers(db, orgUnitId);
      if (values.json) printJson({ users });
      else
        for (const u of users)
          console.log(`${u.id}\t${u.username}\t${u.role}\t${u.department_name ?? ''}\t${u.display_name}`);
      return 0;
    }
    const username = positionals[0];
    if (!username) throw new CliError(`缺少用户名\n${USERS_USAGE}`, 2);
    const password = values.password ?? generatePassword();
    if (sub === 'reset-password') {
      const user = await findUserIdInUnit(db, orgUnitId, username);
      if (!user) throw new CliError(`用户“${username}”不存在`);
      await resetPassword(db, { actor: CLI_ACTOR, orgUnitId }, user.id, password);
      console.log(`已重置 ${username} 的密码${values.password ? '' : `，新密码（只显示这一次）: ${password}`}`);
      return 0;
    }
    const role = UserRoleSchema.safeParse(values.role);
    if (!role.success) throw new CliError(`--role 必须是 ${UserRoleSchema.options.join('|')}`, 2);
    let departmentId: number | null = null;
    if (role.data === 'department') {
      if (!values.department) throw new CliError('部门用户需要 --department <部门名称>', 2);
      const dept = await findUnitDepartmentByName(db, orgUnitId, values.department);
      if (!dept) throw new CliError(`部门“${values.department}”不存在`);
      departmentId = dept.id;
    }
    const id = await createUser(
      db,
      { actor: CLI_ACTOR, orgUnitId },
      {
        username,
        displayName: values.name ?? username,
        role: role.data,
        departmentId,
        isHead: values.head,
        password,
      },
    );
    console.log(
      `已创建用户 ${username}（id ${id}，角色 ${role.data}）${values.password ? '' : `，密码（只显示这一次）: ${password}`}`,
    );
    return 0;
  } finally {
    await prepared.handle.close();
  }
}

import type { Db } from '../../db/database.ts';
import type { UserTable } from '../../db/schema.ts';

export async function countUsersWithRole(db: Db, role: UserTable['role']): Promise<number> {
  const r = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', role)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function findUserByUsername(db: Db, username: string): Promise<{ id: number } | undefined> {
  return db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
}

export async function insertUser(
  db: Db,
  row: Pick<
    UserTable,
    'org_unit_id' | 'username' | 'display_name' | 'role' | 'department_id' | 'password_hash' | 'created_at'
  >,
): Promise<number> {
  const r = await db
    .insertInto('users')
    .values({ ...row, disabled: 0 })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

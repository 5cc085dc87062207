import type { Db } from '../src/db/database.ts';
import { setOutboundPolicy } from '../src/modules/notifications/senders/outbound-guard.ts';
import type { DefaultScope } from '../src/modules/orgunits/orgunits.service.ts';
import { createUser } from '../src/modules/users/users.service.ts';
import { TEST_PASSWORD } from './app-harness.ts';

// The notification tests deliver to a local receiver (127.0.0.1) standing in for the robots and webhooks: allowed
// here explicitly, as a deployment would for an intranet receiver (WEBHOOK_ALLOW_PRIVATE). The guard itself is
// tested in senders/outbound-guard.test.ts and security-webhooks.test.ts.
setOutboundPolicy({ allowedPrivate: ['127.0.0.1'], officialRobotHosts: false });

/** Shared by the notifications tests: a simulated Shanghai clock and control over which occurrences are open. */

/** The instant of a Shanghai wall-clock time. */
export function shanghai(date: string, time = '09:00'): Date {
  return new Date(`${date}T${time}:00+08:00`);
}

export function* days(from: string, to: string): Generator<string> {
  for (let d = new Date(`${from}T00:00:00Z`); d <= new Date(`${to}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + 1)) {
    yield d.toISOString().slice(0, 10);
  }
}

/** Every occurrence accepted except `keepOpen`: the scan then sees only what a test chose. */
export async function acceptAllExcept(db: Db, keepOpen: number[]): Promise<void> {
  let q = db.updateTable('occurrences').set((eb) => ({ report_state: 'accepted', accepted_at: eb.ref('due_date') }));
  if (keepOpen.length > 0) q = q.where('id', 'not in', keepOpen);
  await q.execute();
}

/** The occurrence of a department's task (序号) for a period, e.g. ('7', '2024-02'). */
export async function occurrenceOf(db: Db, departmentId: number, taskNo: string, periodKey: string): Promise<number> {
  const row = await db
    .selectFrom('occurrences as o')
    .innerJoin('assignments as a', 'a.id', 'o.assignment_id')
    .innerJoin('tasks as t', 't.id', 'a.task_id')
    .select('o.id')
    .where('o.department_id', '=', departmentId)
    .where('t.no', '=', taskNo)
    .where('o.period_key', '=', periodKey)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Re-opens an occurrence with the given dates (a test's own deadline). */
export async function reopen(db: Db, id: number, due: string, extendedDue: string | null = null): Promise<void> {
  await db
    .updateTable('occurrences')
    .set({
      report_state: 'none',
      accepted_at: null,
      submitted_at: null,
      due_date: due,
      window_start: `${due.slice(0, 4)}-01-01`,
      extended_due: extendedDue,
    })
    .where('id', '=', id)
    .execute();
}

export async function setReportState(db: Db, id: number, state: 'submitted' | 'accepted'): Promise<void> {
  await db.updateTable('occurrences').set({ report_state: state }).where('id', '=', id).execute();
}

export async function addAccount(
  db: Db,
  scope: DefaultScope,
  username: string,
  departmentId: number | null,
  options: { head?: boolean; role?: 'department' | 'leader' | 'office_staff' } = {},
): Promise<number> {
  return createUser(
    db,
    { actor: 'test', orgUnitId: scope.orgUnitId },
    {
      username,
      displayName: username,
      role: options.role ?? 'department',
      departmentId,
      isHead: options.head ?? false,
      password: TEST_PASSWORD,
    },
  );
}

export async function userId(db: Db, username: string): Promise<number> {
  return (await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
}

/** Steps claimed on a scan day, as `occurrence:step:status`, sorted. */
export async function stepsOn(db: Db, scanDate: string, occurrenceIds?: number[]): Promise<string[]> {
  let q = db.selectFrom('reminder_steps').select(['occurrence_id', 'step', 'status']).where('scan_date', '=', scanDate);
  if (occurrenceIds) q = q.where('occurrence_id', 'in', occurrenceIds);
  const rows = await q.execute();
  return rows.map((r) => `${r.occurrence_id}:${r.step}:${r.status}`).sort();
}

export async function countRows(
  db: Db,
  table: 'reminder_steps' | 'notifications' | 'supervision_actions' | 'notification_deliveries' | 'notification_queue',
): Promise<number> {
  const r = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * Closes the test database's pool and gives PostgreSQL a moment to see the connections go before the harness
 * drops the database `with (force)`: otherwise a connection still closing can receive 57P01 as an unhandled error.
 */
export async function closeAndSettle(handle: { close(): Promise<void> }): Promise<void> {
  await handle.close();
  await new Promise((resolve) => setTimeout(resolve, 100));
}

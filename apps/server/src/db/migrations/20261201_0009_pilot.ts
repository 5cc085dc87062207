import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter } from 'kysely';

// Frozen migration (issue 13, pilot readiness):
// 1. One duty per task × department. Before this, a department that led a task and was also a member of a group
//    named on it (安委会各成员单位) had two assignments and so every occurrence twice. Duplicates are merged into the
//    assignment with the strongest role (lead > co > supervise; on equal roles the direct one), moving every
//    report, 督办 record, extension, reminder step and queued notification to the kept occurrence of the same rule
//    and period; nothing is deleted that carries history.
// 2. users.must_change_password: a generated password (reset or first account) must be changed at first login.
// 3. notifications.occurrence_id: an in-app notice about one 任务事项 (e.g. a report returned by hand) links to it.
// 4. 督办/催办 in batches: supervision_batches (one numbered 督办通知 per department, 文号 from the unit's pattern,
//    UNIQUE per unit × kind × year × number), supervision_actions.batch_id (each item's reply tracked on its
//    record), supervision_settings (the 文号 patterns).

// biome-ignore lint/suspicious/noExplicitAny: migrations run against any schema version
type AnyDb = Kysely<any>;

const STRENGTH: Record<string, number> = { lead: 3, co: 2, supervise: 1 };
const STATE_RANK: Record<string, number> = { none: 0, draft: 1, returned: 2, submitted: 3, accepted: 4 };

interface AssignmentRow {
  id: number;
  task_id: number;
  department_id: number;
  role: string;
  via_group_id: number | null;
}

interface OccurrenceRow {
  id: number;
  rule_id: number;
  period_key: string;
  report_state: string;
  submitted_at: string | null;
  accepted_at: string | null;
  extended_due: string | null;
  version: number;
}

export interface MergeCounts {
  assignmentsMerged: number;
  occurrencesMerged: number;
  occurrencesMoved: number;
  reportsMoved: number;
  supervisionMoved: number;
  extensionsMoved: number;
}

/** Merges duplicated assignments (same task and department). Exported for the migration test. */
export async function mergeDuplicateAssignments(db: AnyDb): Promise<MergeCounts> {
  const counts: MergeCounts = {
    assignmentsMerged: 0,
    occurrencesMerged: 0,
    occurrencesMoved: 0,
    reportsMoved: 0,
    supervisionMoved: 0,
    extensionsMoved: 0,
  };
  const rows: AssignmentRow[] = await db
    .selectFrom('assignments')
    .select(['id', 'task_id', 'department_id', 'role', 'via_group_id'])
    .orderBy('task_id')
    .orderBy('department_id')
    .orderBy('id')
    .execute();
  const groups = new Map<string, AssignmentRow[]>();
  for (const r of rows) {
    const key = `${r.task_id}|${r.department_id}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const touchedTasks = new Set<number>();
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const sorted = [...group].sort(
      (a, b) =>
        (STRENGTH[b.role] ?? 0) - (STRENGTH[a.role] ?? 0) ||
        Number(a.via_group_id !== null) - Number(b.via_group_id !== null) ||
        a.id - b.id,
    );
    const [keeper, ...losers] = sorted as [AssignmentRow, ...AssignmentRow[]];
    touchedTasks.add(keeper.task_id);
    for (const loser of losers) {
      await mergeAssignment(db, keeper, loser, counts);
      counts.assignmentsMerged += 1;
    }
  }
  // Renumber the positions of the tasks that lost rows, keeping their order.
  for (const taskId of touchedTasks) {
    const left: { id: number }[] = await db
      .selectFrom('assignments')
      .select('id')
      .where('task_id', '=', taskId)
      .orderBy('seq')
      .orderBy('id')
      .execute();
    for (const [i, a] of left.entries()) {
      await db
        .updateTable('assignments')
        .set({ seq: i + 1 })
        .where('id', '=', a.id)
        .execute();
    }
  }
  return counts;
}

async function mergeAssignment(db: AnyDb, keeper: AssignmentRow, loser: AssignmentRow, counts: MergeCounts) {
  const occurrenceColumns = [
    'id',
    'rule_id',
    'period_key',
    'report_state',
    'submitted_at',
    'accepted_at',
    'extended_due',
    'version',
  ] as const;
  const losing: OccurrenceRow[] = await db
    .selectFrom('occurrences')
    .select([...occurrenceColumns])
    .where('assignment_id', '=', loser.id)
    .orderBy('id')
    .execute();
  for (const o of losing) {
    const kept: OccurrenceRow | undefined = await db
      .selectFrom('occurrences')
      .select([...occurrenceColumns])
      .where('assignment_id', '=', keeper.id)
      .where('rule_id', '=', o.rule_id)
      .where('period_key', '=', o.period_key)
      .executeTakeFirst();
    if (!kept) {
      // The keeper has no occurrence for this rule and period: the occurrence itself changes hands.
      await db.updateTable('occurrences').set({ assignment_id: keeper.id }).where('id', '=', o.id).execute();
      counts.occurrencesMoved += 1;
      continue;
    }
    counts.reportsMoved += await moveRows(db, 'reports', o.id, kept.id);
    counts.supervisionMoved += await moveRows(db, 'supervision_actions', o.id, kept.id);
    counts.extensionsMoved += await moveRows(db, 'extension_requests', o.id, kept.id);
    await moveReminderSteps(db, o.id, kept.id);
    await db
      .updateTable('notification_queue')
      .set({ occurrence_id: kept.id })
      .where('occurrence_id', '=', o.id)
      .execute();

    // The merged occurrence takes the furthest report state (accepted > submitted > returned > draft) and the
    // later extension, so statuses stay in step with the reports it now holds.
    const winner = (STATE_RANK[o.report_state] ?? 0) > (STATE_RANK[kept.report_state] ?? 0) ? o : kept;
    const extended =
      [o.extended_due, kept.extended_due]
        .filter((d): d is string => d !== null)
        .sort()
        .at(-1) ?? null;
    await db
      .updateTable('occurrences')
      .set({
        report_state: winner.report_state,
        submitted_at: winner.submitted_at,
        accepted_at: winner.accepted_at,
        extended_due: extended,
        version: Math.max(o.version, kept.version) + 1,
      })
      .where('id', '=', kept.id)
      .execute();
    await db.deleteFrom('occurrences').where('id', '=', o.id).execute();
    counts.occurrencesMerged += 1;
  }
  await db.deleteFrom('assignments').where('id', '=', loser.id).execute();
}

async function moveRows(db: AnyDb, table: string, from: number, to: number): Promise<number> {
  const r = await db.updateTable(table).set({ occurrence_id: to }).where('occurrence_id', '=', from).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Reminder steps are unique per (occurrence, due date, step): a step both had keeps the kept one's claim. */
async function moveReminderSteps(db: AnyDb, from: number, to: number) {
  const steps: { id: number; due_date: string; step: string }[] = await db
    .selectFrom('reminder_steps')
    .select(['id', 'due_date', 'step'])
    .where('occurrence_id', '=', from)
    .execute();
  for (const s of steps) {
    const twin: { id: number } | undefined = await db
      .selectFrom('reminder_steps')
      .select('id')
      .where('occurrence_id', '=', to)
      .where('due_date', '=', s.due_date)
      .where('step', '=', s.step)
      .executeTakeFirst();
    if (twin) {
      await db.updateTable('notification_queue').set({ step_id: twin.id }).where('step_id', '=', s.id).execute();
      await db.deleteFrom('reminder_steps').where('id', '=', s.id).execute();
    } else {
      await db.updateTable('reminder_steps').set({ occurrence_id: to }).where('id', '=', s.id).execute();
    }
  }
}

export async function up(db: AnyDb): Promise<void> {
  await mergeDuplicateAssignments(db);
  await db.schema
    .alterTable('users')
    .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('notifications').addColumn('occurrence_id', 'integer').execute();

  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const idType = pg ? 'serial' : 'integer';
  const id = (c: ColumnDefinitionBuilder) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement());
  await db.schema
    .createTable('supervision_batches')
    .addColumn('id', idType, id)
    .addColumn('org_unit_id', 'integer', (c) => c.notNull().references('org_units.id'))
    .addColumn('department_id', 'integer', (c) => c.notNull().references('departments.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('seq_no', 'integer', (c) => c.notNull())
    .addColumn('doc_no', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('reply_by', 'text')
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('supervision_batches_number_uq', ['org_unit_id', 'kind', 'year', 'seq_no'])
    .execute();
  await db.schema
    .alterTable('supervision_actions')
    .addColumn('batch_id', 'integer', (c) => c.references('supervision_batches.id'))
    .execute();
  await db.schema
    .createTable('supervision_settings')
    .addColumn('org_unit_id', 'integer', (c) => c.primaryKey().references('org_units.id'))
    .addColumn('notice_pattern', 'text', (c) => c.notNull())
    .addColumn('urge_pattern', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  // The merge is not undone (it only moved history onto one row); the column goes.
  await db.schema.dropTable('supervision_settings').execute();
  await db.schema.alterTable('supervision_actions').dropColumn('batch_id').execute();
  await db.schema.dropTable('supervision_batches').execute();
  await db.schema.alterTable('notifications').dropColumn('occurrence_id').execute();
  await db.schema.alterTable('users').dropColumn('must_change_password').execute();
}

import type { Selectable } from 'kysely';
import type { Db } from '../../db/database.ts';
import { selectInChunks } from '../../db/in-chunks.ts';
import type { OccurrenceTable, ScheduleRuleTable } from '../../db/schema.ts';

export type RuleRow = Pick<Selectable<ScheduleRuleTable>, 'id' | 'task_id' | 'seq' | 'kind' | 'spec'>;

export async function listRulesOfTasks(db: Db, taskIds: number[]): Promise<RuleRow[]> {
  return selectInChunks(taskIds, (chunk) =>
    db
      .selectFrom('schedule_rules')
      .select(['id', 'task_id', 'seq', 'kind', 'spec'])
      .where('task_id', 'in', chunk)
      .orderBy('task_id')
      .orderBy('seq')
      .execute(),
  );
}

export async function deleteRulesOfTask(db: Db, taskId: number): Promise<void> {
  // Occurrences go with their rules (on delete cascade).
  await db
    .deleteFrom('occurrences')
    .where('rule_id', 'in', db.selectFrom('schedule_rules').select('id').where('task_id', '=', taskId))
    .execute();
  await db.deleteFrom('schedule_rules').where('task_id', '=', taskId).execute();
}

export async function insertRule(
  db: Db,
  row: {
    taskId: number;
    seq: number;
    kind: string;
    spec: string;
    minCount: number;
    condition: string | null;
    source: string;
  },
): Promise<number> {
  const r = await db
    .insertInto('schedule_rules')
    .values({
      task_id: row.taskId,
      seq: row.seq,
      kind: row.kind,
      spec: row.spec,
      min_count: row.minCount,
      condition: row.condition,
      source: row.source,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export type OccurrenceKeyRow = Pick<
  Selectable<OccurrenceTable>,
  'id' | 'assignment_id' | 'rule_id' | 'period_key' | 'window_start' | 'due_date'
>;

export async function listOccurrencesOfRules(db: Db, ruleIds: number[]): Promise<OccurrenceKeyRow[]> {
  return selectInChunks(ruleIds, (chunk) =>
    db
      .selectFrom('occurrences')
      .select(['id', 'assignment_id', 'rule_id', 'period_key', 'window_start', 'due_date'])
      .where('rule_id', 'in', chunk)
      .execute(),
  );
}

export interface NewOccurrence {
  assignment_id: number;
  department_id: number;
  rule_id: number;
  period_key: string;
  window_start: string;
  due_date: string;
  min_count: number;
  condition: string | null;
}

export async function insertOccurrences(db: Db, rows: NewOccurrence[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('occurrences')
      .values(rows.slice(i, i + 500))
      .execute();
  }
}

export async function deleteOccurrences(db: Db, ids: number[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 500) {
    await db
      .deleteFrom('occurrences')
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
  }
}

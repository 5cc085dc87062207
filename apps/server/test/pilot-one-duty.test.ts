import { expect, it } from 'vitest';
import type { Db } from '../src/db/database.ts';
import { mergeDuplicateAssignments } from '../src/db/migrations/20261201_0009_pilot.ts';
import type { ReportStatus } from '../src/db/schema.ts';
import { describeEachDatabase } from './databases.ts';
import { importBytes, seedBytes, setupScope } from './fixtures.ts';

// Issue 13 item 1: one duty per task × department. The first suite builds a database the way the old import left
// it (on the current schema: app code of later migrations is needed to import the list) (a department with two assignments on one task, each with its own occurrences carrying reports, 督办 records
// and extensions), then runs migration 0009 and checks nothing was lost. The second imports a list where a
// department leads and its group co-operates, with the new code.

const GROUP_CELL = '安委会各成员单位';

async function deptId(db: Db, name: string): Promise<number> {
  return (await db.selectFrom('departments').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
}

describeEachDatabase('migration 0009 merges duplicated duties', (get) => {
  it('keeps every report, 督办 record and extension on one occurrence per period, in the strongest role', async () => {
    const { db } = get().handle;
    const scope = await setupScope(db);
    await importBytes(db, scope, seedBytes());
    const now = '2024-05-01T00:00:00.000Z';
    const emergency = await deptId(db, '应急管理部');
    const group = await deptId(db, GROUP_CELL);
    const user = await db
      .insertInto('users')
      .values({
        org_unit_id: scope.orgUnitId,
        username: 'dept_e',
        display_name: '应急',
        role: 'department',
        department_id: emergency,
        password_hash: 'x',
        enterprise_id: null,
        disabled: 0,
        locked_until: null,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();

    // 应急管理部 leads some task with several occurrences: find one.
    const lead = await db
      .selectFrom('assignments as a')
      .innerJoin('occurrences as o', 'o.assignment_id', 'a.id')
      .select(['a.id', 'a.task_id'])
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('a.department_id', '=', emergency)
      .where('a.role', '=', 'lead')
      .where('a.via_group_id', 'is', null)
      .groupBy(['a.id', 'a.task_id'])
      .having((eb) => eb.fn.countAll(), '>=', 3)
      .orderBy('a.task_id')
      .executeTakeFirstOrThrow();
    const keptOccs = await db
      .selectFrom('occurrences')
      .selectAll()
      .where('assignment_id', '=', lead.id)
      .orderBy('due_date')
      .execute();
    // The old import's duplicate: the same department again, co-operating through the group.
    const dup = await db
      .insertInto('assignments')
      .values({ task_id: lead.task_id, department_id: emergency, role: 'co', via_group_id: group, seq: 99 })
      .returning('id')
      .executeTakeFirstOrThrow();
    const dupOccs: number[] = [];
    for (const o of keptOccs) {
      const r = await db
        .insertInto('occurrences')
        .values({
          assignment_id: dup.id,
          department_id: emergency,
          rule_id: o.rule_id,
          period_key: o.period_key,
          window_start: o.window_start,
          due_date: o.due_date,
          min_count: o.min_count,
          condition: o.condition,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      dupOccs.push(r.id);
    }
    // One occurrence only the duplicate has (a period the lead row lacks).
    const lonely = await db
      .insertInto('occurrences')
      .values({
        assignment_id: dup.id,
        department_id: emergency,
        rule_id: keptOccs[0]!.rule_id,
        period_key: 'extra-period',
        window_start: '2024-01-01',
        due_date: '2024-12-31',
        min_count: 1,
        condition: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();

    const report = (occurrenceId: number, status: ReportStatus, text: string) =>
      db
        .insertInto('reports')
        .values({
          org_unit_id: scope.orgUnitId,
          occurrence_id: occurrenceId,
          department_id: emergency,
          text,
          work_date: '2024-03-01',
          status,
          created_by: user.id,
          created_at: now,
          updated_at: now,
          submitted_at: status === 'draft' ? null : now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    // Period 1: accepted on the duplicate, a draft on the kept one → the merged occurrence is accepted.
    await report(dupOccs[0]!, 'accepted', '重复行上已通过的进展');
    await report(keptOccs[0]!.id, 'draft', '牵头行上的草稿');
    await db
      .updateTable('occurrences')
      .set({ report_state: 'accepted', accepted_at: now, submitted_at: now })
      .where('id', '=', dupOccs[0]!)
      .execute();
    await db.updateTable('occurrences').set({ report_state: 'draft' }).where('id', '=', keptOccs[0]!.id).execute();
    // Period 2: a 督办单 and an approved extension on the duplicate.
    await db
      .insertInto('supervision_actions')
      .values({
        org_unit_id: scope.orgUnitId,
        occurrence_id: dupOccs[1]!,
        department_id: emergency,
        kind: 'notice',
        note: '督办单',
        reply_by: '2024-07-10',
        actor: 'office',
        created_at: now,
      })
      .execute();
    await db
      .insertInto('extension_requests')
      .values({
        org_unit_id: scope.orgUnitId,
        occurrence_id: dupOccs[1]!,
        department_id: emergency,
        reason: '延期',
        original_due: keptOccs[1]!.due_date,
        requested_due: '2024-12-30',
        status: 'approved',
        requested_by: user.id,
        created_at: now,
      })
      .execute();
    await db.updateTable('occurrences').set({ extended_due: '2024-12-30' }).where('id', '=', dupOccs[1]!).execute();
    // Reminder steps claimed on both rows for the same step: one survives, the queue rows follow it.
    for (const occurrenceId of [keptOccs[2]!.id, dupOccs[2]!]) {
      const step = await db
        .insertInto('reminder_steps')
        .values({
          org_unit_id: scope.orgUnitId,
          occurrence_id: occurrenceId,
          due_date: keptOccs[2]!.due_date,
          step: 'remind_7',
          fire_date: keptOccs[2]!.due_date,
          scan_date: keptOccs[2]!.due_date,
          status: 'sent',
          claimed_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('notification_queue')
        .values({
          org_unit_id: scope.orgUnitId,
          step_id: step.id,
          occurrence_id: occurrenceId,
          user_id: user.id,
          payload: '{}',
          status: 'queued',
          created_at: now,
        })
        .execute();
    }
    await report(lonely.id, 'submitted', '只在重复行上的进展');

    const before = {
      reports: await count(db, 'reports'),
      supervision: await count(db, 'supervision_actions'),
      extensions: await count(db, 'extension_requests'),
      queue: await count(db, 'notification_queue'),
    };
    expect(before).toEqual({ reports: 3, supervision: 1, extensions: 1, queue: 2 });

    // What migration 0009 runs (its up() starts with this merge); the schema here is already the latest.
    const merged = await mergeDuplicateAssignments(db);
    expect(merged).toMatchObject({ assignmentsMerged: 1, occurrencesMerged: keptOccs.length, occurrencesMoved: 1 });

    // Nothing that carries history was lost.
    expect({
      reports: await count(db, 'reports'),
      supervision: await count(db, 'supervision_actions'),
      extensions: await count(db, 'extension_requests'),
      queue: await count(db, 'notification_queue'),
    }).toEqual(before);
    // One assignment for the department on the task, in its strongest role, direct.
    const left = await db
      .selectFrom('assignments')
      .selectAll()
      .where('task_id', '=', lead.task_id)
      .where('department_id', '=', emergency)
      .execute();
    expect(left.map((a) => [a.id, a.role, a.via_group_id])).toEqual([[lead.id, 'lead', null]]);
    // No (task, department) anywhere has two assignments.
    const dupes = await db
      .selectFrom('assignments')
      .select(['task_id', 'department_id'])
      .groupBy(['task_id', 'department_id'])
      .having((eb) => eb.fn.countAll(), '>', 1)
      .execute();
    expect(dupes).toEqual([]);
    // Every moved row points at a surviving occurrence of the kept assignment.
    const occs = await db
      .selectFrom('occurrences')
      .selectAll()
      .where('assignment_id', '=', lead.id)
      .orderBy('id')
      .execute();
    expect(occs).toHaveLength(keptOccs.length + 1);
    const first = occs.find((o) => o.id === keptOccs[0]!.id)!;
    expect(first.report_state).toBe('accepted');
    expect(first.accepted_at).toBe(now);
    const reportsOfFirst = await db
      .selectFrom('reports')
      .select('text')
      .where('occurrence_id', '=', first.id)
      .execute();
    expect(reportsOfFirst.map((r) => r.text).sort()).toEqual(['牵头行上的草稿', '重复行上已通过的进展'].sort());
    const second = occs.find((o) => o.id === keptOccs[1]!.id)!;
    expect(second.extended_due).toBe('2024-12-30');
    const sup = await db.selectFrom('supervision_actions').select('occurrence_id').executeTakeFirstOrThrow();
    expect(sup.occurrence_id).toBe(second.id);
    const ext = await db.selectFrom('extension_requests').select('occurrence_id').executeTakeFirstOrThrow();
    expect(ext.occurrence_id).toBe(second.id);
    const steps = await db.selectFrom('reminder_steps').select(['id', 'occurrence_id']).execute();
    expect(steps).toHaveLength(1);
    expect(steps[0]!.occurrence_id).toBe(keptOccs[2]!.id);
    const queue = await db.selectFrom('notification_queue').select(['step_id', 'occurrence_id']).execute();
    expect(queue.every((q) => q.step_id === steps[0]!.id && q.occurrence_id === keptOccs[2]!.id)).toBe(true);
    // The occurrence only the duplicate had moved over whole, with its report.
    const moved = occs.find((o) => o.id === lonely.id)!;
    expect(moved.assignment_id).toBe(lead.id);
    expect(await db.selectFrom('reports').select('id').where('occurrence_id', '=', lonely.id).execute()).toHaveLength(
      1,
    );
    // A re-import of the same list with the new code keeps it all (no refusal, nothing deleted).
    await importBytes(db, scope, seedBytes());
    expect(await count(db, 'reports')).toBe(3);
    expect(await db.selectFrom('occurrences').select('id').where('assignment_id', '=', lead.id).execute()).toHaveLength(
      keptOccs.length + 1,
    );
  });
});

describeEachDatabase('one duty per task × department on import', (get) => {
  it('a department that leads a task and belongs to its co-operating group gets each period once, as lead', async () => {
    const { db } = get().handle;
    const scope = await setupScope(db);
    // Task 6 of the seed list: make 应急管理部 lead and the whole committee co-operate.
    const text = seedBytes().toString('utf8').replace(`\t${GROUP_CELL}\t每季度`, `\t应急管理部、${GROUP_CELL}\t每季度`);
    expect(text).toContain(`应急管理部、${GROUP_CELL}`);
    await importBytes(db, scope, Buffer.from(text));
    const emergency = await deptId(db, '应急管理部');
    const task = await db.selectFrom('tasks').select('id').where('no', '=', '6').executeTakeFirstOrThrow();
    const mine = await db
      .selectFrom('assignments')
      .select(['id', 'role', 'via_group_id'])
      .where('task_id', '=', task.id)
      .where('department_id', '=', emergency)
      .execute();
    expect(mine.map((a) => [a.role, a.via_group_id])).toEqual([['lead', null]]);
    const periods = await db
      .selectFrom('occurrences')
      .select(['rule_id', 'period_key'])
      .where('assignment_id', '=', mine[0]!.id)
      .execute();
    expect(periods.length).toBeGreaterThanOrEqual(4);
    const perPeriod = await db
      .selectFrom('occurrences as o')
      .innerJoin('assignments as a', 'a.id', 'o.assignment_id')
      .select(['o.rule_id', 'o.period_key'])
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('a.task_id', '=', task.id)
      .where('o.department_id', '=', emergency)
      .groupBy(['o.rule_id', 'o.period_key'])
      .execute();
    expect(perPeriod.every((p) => Number(p.n) === 1)).toBe(true);
    // Other members still co-operate through the group.
    const others = await db
      .selectFrom('assignments')
      .select(['role', 'via_group_id'])
      .where('task_id', '=', task.id)
      .where('via_group_id', 'is not', null)
      .execute();
    expect(others.length).toBeGreaterThan(3);
    expect(others.every((a) => a.role === 'co')).toBe(true);
    // Importing the original list (group leads) afterwards turns the row into a group lead in place.
    await importBytes(db, scope, seedBytes());
    const after = await db
      .selectFrom('assignments')
      .select(['id', 'role', 'via_group_id'])
      .where('task_id', '=', task.id)
      .where('department_id', '=', emergency)
      .execute();
    expect(after).toHaveLength(1);
    expect(after[0]!.id).toBe(mine[0]!.id);
    expect(after[0]!.role).toBe('lead');
  });
});

async function count(db: Db, table: 'reports' | 'supervision_actions' | 'extension_requests' | 'notification_queue') {
  const r = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

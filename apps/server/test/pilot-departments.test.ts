import { beforeAll, expect, it } from 'vitest';
import type { Db } from '../src/db/database.ts';
import { buildTestApp, type TestApp } from './app-harness.ts';
import { describeEachDatabase } from './databases.ts';
import { enterpriseBody } from './enterprise-fixtures.ts';
import { importBytes } from './fixtures.ts';

/**
 * Department registry editing (issue 13 item 3): rename keeps the old name as an alias, aliases are replaced, a
 * name another department holds is refused, retire/restore; merging two departments moves every row that points
 * at the merged one to the survivor in one transaction — counted table by table, nothing lost — and folds the
 * duties both had on the same task into one, with the reports, 督办 records and extensions on the kept 任务事项.
 */
describeEachDatabase('department registry editing', (get) => {
  let t: TestApp;
  let db: Db;
  beforeAll(async () => {
    t = await buildTestApp(get());
    db = get().handle.db;
  });

  const registry = async () =>
    (await t.as('staff', { method: 'GET', url: '/api/departments' })).json().departments as {
      id: number;
      name: string;
      aliases: string[];
      retired: boolean;
    }[];

  it('renames (old name kept as alias), replaces aliases, refuses a taken name, retires and restores; audited', async () => {
    const id = t.departmentIds.党群工作部!;
    const patch = (payload: object, who: 'admin' | 'staff' | 'dept_a' | 'leader' = 'staff') =>
      t.as(who, { method: 'PATCH', url: `/api/departments/${id}`, payload });

    expect((await patch({ name: 'x' }, 'dept_a')).statusCode).toBe(403);
    expect((await patch({ name: 'x' }, 'leader')).statusCode).toBe(403);
    expect((await patch({})).statusCode).toBe(400);

    expect((await patch({ aliases: ['党群部', '组织人事部'] })).statusCode).toBe(200);
    const renamed = await patch({ name: '党群工作部（组织部）' });
    expect(renamed.statusCode, renamed.body).toBe(200);
    let d = (await registry()).find((x) => x.id === id);
    expect(d?.name).toBe('党群工作部（组织部）');
    expect(d?.aliases.sort()).toEqual(['党群工作部', '党群部', '组织人事部'].sort());

    // Another department's name or alias is refused, with a Chinese message.
    const taken = await patch({ name: '应急管理部' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.message).toBe('“应急管理部”已是另一个部门的名称');
    expect((await patch({ aliases: ['综合行政执法局'] })).statusCode).toBe(409);

    // Renaming back to its own alias takes the alias over.
    expect((await patch({ name: '党群工作部' })).statusCode).toBe(200);
    d = (await registry()).find((x) => x.id === id);
    expect(d?.name).toBe('党群工作部');
    expect(d?.aliases).not.toContain('党群工作部');
    expect(d?.aliases).toContain('党群工作部（组织部）');

    expect((await patch({ retired: true })).statusCode).toBe(200);
    expect((await registry()).find((x) => x.id === id)?.retired).toBe(true);
    expect((await patch({ retired: false })).statusCode).toBe(200);
    expect((await registry()).find((x) => x.id === id)?.retired).toBe(false);

    const audits = await db
      .selectFrom('audit_events')
      .select('action')
      .where('action', '=', 'department.update')
      .where('entity_id', '=', String(id))
      .execute();
    expect(audits).toHaveLength(5);
  });

  it('merges a department into another: every row moves, duties on a shared task fold, nothing is lost', async () => {
    const into = t.departmentIds.应急管理部!;
    const from = t.departmentIds.党群工作部!;
    const fromUser = await db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'dept_c')
      .executeTakeFirstOrThrow();

    // History on the merged department: on a task both share (its twin folds) and on one only it has.
    const occurrenceOf = async (departmentId: number, shared: boolean) => {
      const other = departmentId === from ? into : from;
      const both = db.selectFrom('assignments').select('task_id').where('department_id', '=', other);
      return db
        .selectFrom('occurrences as o')
        .innerJoin('assignments as a', 'a.id', 'o.assignment_id')
        .select(['o.id', 'a.task_id', 'o.rule_id', 'o.period_key'])
        .where('a.department_id', '=', departmentId)
        .where('a.task_id', shared ? 'in' : 'not in', both)
        .orderBy('o.id')
        .executeTakeFirstOrThrow();
    };
    const sharedOcc = await occurrenceOf(from, true);
    const ownOcc = await occurrenceOf(from, false);
    const now = new Date().toISOString();
    for (const [i, occ] of [sharedOcc, ownOcc].entries()) {
      await db
        .insertInto('reports')
        .values({
          org_unit_id: t.scope.orgUnitId,
          occurrence_id: occ.id,
          department_id: from,
          text: `报送${i}`,
          work_date: '2024-03-01',
          status: 'submitted',
          return_reason: null,
          created_by: fromUser.id,
          created_at: now,
          updated_at: now,
          submitted_at: now,
          reviewed_by: null,
          reviewed_at: null,
        })
        .execute();
      await db
        .insertInto('supervision_actions')
        .values({
          org_unit_id: t.scope.orgUnitId,
          occurrence_id: occ.id,
          department_id: from,
          kind: 'urge',
          note: `催办${i}`,
          reply_by: null,
          reply_text: null,
          replied_at: null,
          replied_by: null,
          actor: 'test',
          created_at: now,
        })
        .execute();
      await db
        .insertInto('extension_requests')
        .values({
          org_unit_id: t.scope.orgUnitId,
          occurrence_id: occ.id,
          department_id: from,
          reason: `延期${i}`,
          original_due: '2024-03-31',
          requested_due: '2024-04-30',
          status: 'pending',
          requested_by: fromUser.id,
          created_at: now,
          decided_by: null,
          decided_at: null,
          decision_note: null,
        })
        .execute();
    }

    // Enterprise supervision: one enterprise both supervise in the same role (kept once), one only the merged one.
    const enterprise = async (n: number, supervisors: { departmentId: number; role: 'industry' | 'territorial' }[]) => {
      const r = await t.as('admin', {
        method: 'POST',
        url: '/api/enterprises',
        payload: enterpriseBody(n, supervisors),
      });
      expect(r.statusCode, r.body).toBe(201);
      return r.json().id as number;
    };
    const both = await enterprise(7101, [
      { departmentId: from, role: 'industry' },
      { departmentId: into, role: 'industry' },
    ]);
    const onlyFrom = await enterprise(7102, [{ departmentId: from, role: 'territorial' }]);

    const tables = [
      ['reports', 'department_id'],
      ['supervision_actions', 'department_id'],
      ['extension_requests', 'department_id'],
      ['users', 'department_id'],
      ['occurrences', 'department_id'],
      ['assignments', 'department_id'],
      ['department_aliases', 'department_id'],
      ['enterprise_supervisors', 'department_id'],
    ] as const;
    const count = async (table: string, column: string, id?: number) => {
      // biome-ignore lint/suspicious/noExplicitAny: a table chosen at run time
      let q = (db as any).selectFrom(table).select((eb: any) => eb.fn.countAll().as('n'));
      if (id !== undefined) q = q.where(column, '=', id);
      return Number((await q.executeTakeFirstOrThrow()).n);
    };
    const before: Record<string, { total: number; from: number; into: number }> = {};
    for (const [table, column] of tables) {
      before[table] = {
        total: await count(table, column),
        from: await count(table, column, from),
        into: await count(table, column, into),
      };
    }
    expect(before.reports?.from).toBe(2);

    expect(
      (await t.as('dept_a', { method: 'POST', url: `/api/departments/${from}/merge`, payload: { intoId: into } }))
        .statusCode,
    ).toBe(403);
    expect(
      (await t.as('staff', { method: 'POST', url: `/api/departments/${from}/merge`, payload: { intoId: from } }))
        .statusCode,
    ).toBe(400);
    const res = await t.as('admin', {
      method: 'POST',
      url: `/api/departments/${from}/merge`,
      payload: { intoId: into },
    });
    expect(res.statusCode, res.body).toBe(200);
    const result = res.json() as { occurrencesMerged: number; moved: Record<string, number> };
    expect(result.occurrencesMerged).toBeGreaterThan(0);

    const after = async (table: string, column: string) => ({
      total: await count(table, column),
      from: await count(table, column, from),
      into: await count(table, column, into),
    });
    for (const table of ['reports', 'supervision_actions', 'extension_requests', 'users'] as const) {
      const b = before[table]!;
      // Nothing lost: the same rows, all on the survivor now.
      expect(await after(table, 'department_id'), table).toEqual({ total: b.total, from: 0, into: b.into + b.from });
    }
    // Occurrences: the twins on shared tasks were folded, every other one moved.
    const occ = before.occurrences!;
    expect(await after('occurrences', 'department_id')).toEqual({
      total: occ.total - result.occurrencesMerged,
      from: 0,
      into: occ.into + occ.from - result.occurrencesMerged,
    });
    // The merged name is an alias of the survivor now (imports that still say it match), with its own aliases.
    const al = before.department_aliases!;
    expect(await after('department_aliases', 'department_id')).toEqual({
      total: al.total + 1,
      from: 0,
      into: al.into + al.from + 1,
    });
    // Enterprise supervision: the shared role kept once, the merged one's own moved.
    const sup = before.enterprise_supervisors!;
    expect(await after('enterprise_supervisors', 'department_id')).toEqual({
      total: sup.total - 1,
      from: 0,
      into: sup.into + sup.from - 1,
    });
    const supervisorsOf = async (enterpriseId: number) =>
      db
        .selectFrom('enterprise_supervisors')
        .select(['department_id', 'role'])
        .where('enterprise_id', '=', enterpriseId)
        .execute();
    expect(await supervisorsOf(both)).toEqual([{ department_id: into, role: 'industry' }]);
    expect(await supervisorsOf(onlyFrom)).toEqual([{ department_id: into, role: 'territorial' }]);
    const survivor = (await registry()).find((d) => d.id === into);
    expect(survivor?.aliases).toContain('党群工作部');
    expect((await registry()).some((d) => d.id === from)).toBe(false);

    // The report on the shared task now sits on the survivor's 任务事项 of the same task, rule and period.
    const folded = await db
      .selectFrom('reports as r')
      .innerJoin('occurrences as o', 'o.id', 'r.occurrence_id')
      .innerJoin('assignments as a', 'a.id', 'o.assignment_id')
      .select(['a.task_id', 'a.department_id', 'o.rule_id', 'o.period_key'])
      .where('r.text', '=', '报送0')
      .executeTakeFirstOrThrow();
    expect(folded).toEqual({
      task_id: sharedOcc.task_id,
      department_id: into,
      rule_id: sharedOcc.rule_id,
      period_key: sharedOcc.period_key,
    });
    // One duty per task: no task has the survivor twice.
    const dup = await db
      .selectFrom('assignments')
      .select(['task_id', (eb) => eb.fn.countAll().as('n')])
      .where('department_id', '=', into)
      .groupBy('task_id')
      .having((eb) => eb.fn.countAll(), '>', 1)
      .execute();
    expect(dup).toEqual([]);

    const audit = await db
      .selectFrom('audit_events')
      .select(['after'])
      .where('action', '=', 'department.merge')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(String(audit.after)).moved.reports).toBe(2);
  });

  it('a retired department gets no new duty: named itself the import stops, through a group it is left out', async () => {
    const id = t.departmentIds.建设环保管理部!;
    const patch = await t.as('staff', { method: 'PATCH', url: `/api/departments/${id}`, payload: { retired: true } });
    expect(patch.statusCode).toBe(200);
    const list = (department: string) =>
      Buffer.from(
        `## 某区清单（2025年）\n主要内容\t序号\t工作任务\t责任部门\t完成时限\t工作进展\n（一）甲\t1\t任务\t${department}\t2025年底前\t\n`,
      );
    await expect(importBytes(db, t.scope, list('建设环保管理部'))).rejects.toThrow(
      '部门“建设环保管理部”已撤销，不能再分配新任务',
    );
    await importBytes(db, t.scope, list('安委会各成员单位'));
    const duties = await db
      .selectFrom('assignments as a')
      .innerJoin('tasks as k', 'k.id', 'a.task_id')
      .innerJoin('task_lists as l', 'l.id', 'k.task_list_id')
      .select(['a.department_id'])
      .where('l.year', '=', 2025)
      .execute();
    expect(duties.length).toBeGreaterThan(3);
    expect(duties.map((d) => d.department_id)).not.toContain(id);
    // Its history stays: the 2024 duties are still there.
    const kept = await db.selectFrom('assignments').select('id').where('department_id', '=', id).execute();
    expect(kept.length).toBeGreaterThan(0);
  });
});

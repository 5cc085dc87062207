import { addDays, toDayNumber } from '@duban/shared/civil-date';
import type { DashboardResponse, StatusFigure } from '@duban/shared/contracts/dashboard';
import {
  DUE_SOON_DAYS,
  OCCURRENCE_STATUSES,
  type OccurrenceStatus,
  occurrenceStatus,
  type ReportState,
} from '@duban/shared/occurrence-status';
import { beforeAll, expect, it } from 'vitest';
import type { Db } from '../src/db/database.ts';
import { buildTestApp, type TestApp } from './app-harness.ts';
import { describeEachDatabase } from './databases.ts';

const AS_OF = '2024-07-01';

interface FactRow {
  id: number;
  report_state: ReportState;
  due_date: string;
  extended_due: string | null;
  accepted_at: string | null;
  category_id: number | null;
  department_id: number;
  task_list_id: number;
  rule_kind: string;
}

async function listFacts(db: Db, year: number): Promise<FactRow[]> {
  return db
    .selectFrom('occurrences as o')
    .innerJoin('assignments as a', 'a.id', 'o.assignment_id')
    .innerJoin('tasks as t', 't.id', 'a.task_id')
    .innerJoin('task_lists as l', 'l.id', 't.task_list_id')
    .innerJoin('schedule_rules as r', 'r.id', 'o.rule_id')
    .select([
      'o.id',
      'o.report_state',
      'o.due_date',
      'o.extended_due',
      'o.accepted_at',
      't.category_id',
      'a.department_id',
      't.task_list_id',
      'r.kind as rule_kind',
    ])
    .where('l.year', '=', year)
    .orderBy('o.id')
    .execute();
}

/**
 * Gives the seed's occurrences a spread of report states, acceptances and extensions, written straight to the
 * table (the progress module keeps these columns in step in production), including the date boundaries.
 */
async function spreadStates(db: Db, facts: FactRow[]): Promise<void> {
  type Change = { report_state?: ReportState; accepted_at?: string; submitted_at?: string; extended_due?: string };
  const changes = new Map<number, Change>();
  const past = facts.filter((f) => f.due_date < AS_OF);
  const future = facts.filter((f) => f.due_date >= AS_OF);
  past.forEach((f, i) => {
    const due = f.due_date;
    const change: Change | null = [
      { report_state: 'accepted', submitted_at: due, accepted_at: due } as const,
      { report_state: 'accepted', submitted_at: addDays(due, 2), accepted_at: addDays(due, 3) } as const,
      { report_state: 'submitted', submitted_at: addDays(due, -1) } as const,
      { report_state: 'returned', submitted_at: addDays(due, -2) } as const,
      { extended_due: addDays(AS_OF, 20) },
      { report_state: 'draft' } as const,
      { report_state: 'accepted', extended_due: addDays(due, 10), accepted_at: addDays(due, 5) } as const,
      { report_state: 'accepted', extended_due: addDays(due, 10), accepted_at: addDays(due, 11) } as const,
      null,
      null,
    ][i % 10] as Change | null;
    if (change) changes.set(f.id, change);
  });
  future.forEach((f, i) => {
    const change: Change | null = [
      { report_state: 'returned', submitted_at: '2024-06-20' } as const,
      { report_state: 'submitted', submitted_at: '2024-06-25' } as const,
      { report_state: 'accepted', submitted_at: '2024-06-25', accepted_at: '2024-06-28' } as const,
      { report_state: 'draft' } as const,
      null,
      null,
      null,
    ][i % 7] as Change | null;
    if (change) changes.set(f.id, change);
  });
  // The boundaries: due today is not overdue; due on today + 7 is due soon, the day after is pending.
  const edges: Change[] = [
    { extended_due: AS_OF },
    { extended_due: addDays(AS_OF, DUE_SOON_DAYS) },
    { extended_due: addDays(AS_OF, DUE_SOON_DAYS + 1) },
    { extended_due: addDays(AS_OF, -1) },
    { report_state: 'returned', extended_due: AS_OF },
    { report_state: 'returned', extended_due: addDays(AS_OF, -1) },
  ];
  edges.forEach((change, i) => {
    const f = future[future.length - 1 - i];
    if (f) changes.set(f.id, change);
  });
  await db.transaction().execute(async (trx) => {
    for (const [id, change] of changes) await trx.updateTable('occurrences').set(change).where('id', '=', id).execute();
  });
}

interface Expected {
  counts: Record<OccurrenceStatus, number>;
  total: number;
  dueByAsOf: number;
  doneByAsOf: number;
}

function statusOf(f: FactRow, asOf: string): OccurrenceStatus {
  return occurrenceStatus(
    { reportState: f.report_state, dueDate: f.due_date, extendedDue: f.extended_due, acceptedOn: f.accepted_at },
    asOf,
    addDays(asOf, DUE_SOON_DAYS),
  );
}

/** The plain TypeScript computation the SQL must agree with: occurrenceStatus over every row, grouped by `key`. */
function expectedBy<K>(facts: FactRow[], asOf: string, key: (f: FactRow) => K): Map<K, Expected> {
  const groups = new Map<K, Expected>();
  for (const f of facts) {
    const k = key(f);
    let g = groups.get(k);
    if (!g) {
      g = {
        counts: Object.fromEntries(OCCURRENCE_STATUSES.map((s) => [s, 0])) as Record<OccurrenceStatus, number>,
        total: 0,
        dueByAsOf: 0,
        doneByAsOf: 0,
      };
      groups.set(k, g);
    }
    const status = statusOf(f, asOf);
    g.counts[status] += 1;
    g.total += 1;
    if ((f.extended_due ?? f.due_date) <= asOf) {
      g.dueByAsOf += 1;
      if (status === 'accepted' || status === 'done-late') g.doneByAsOf += 1;
    }
  }
  return groups;
}

function expectFigure(actual: StatusFigure | undefined, expected: Expected | undefined): void {
  expect(actual).toBeDefined();
  expect(expected).toBeDefined();
  if (!actual || !expected) return;
  expect(actual.counts).toEqual(expected.counts);
  expect(actual.total).toBe(expected.total);
  expect(actual.dueByAsOf).toBe(expected.dueByAsOf);
  if (expected.dueByAsOf === 0) expect(actual.completionRate).toBeNull();
  else expect(actual.completionRate).toBeCloseTo(expected.doneByAsOf / expected.dueByAsOf, 4);
  const done = expected.counts.accepted + expected.counts['done-late'];
  if (done === 0) expect(actual.onTimeRate).toBeNull();
  else expect(actual.onTimeRate).toBeCloseTo(expected.counts.accepted / done, 4);
}

describeEachDatabase('dashboard read model', (get) => {
  let t: TestApp;
  let facts: FactRow[];

  async function dashboard(asOf: string, account: 'admin' | 'leader' | 'staff' = 'admin') {
    const res = await t.as(account, { method: 'GET', url: `/api/dashboard?year=2024&asOf=${asOf}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as DashboardResponse;
  }

  beforeAll(async () => {
    t = await buildTestApp(get());
    const db = get().handle.db;
    await spreadStates(db, await listFacts(db, 2024));
    facts = await listFacts(db, 2024);
  });

  it('has a spread of every status on the seed to check against', () => {
    const counts = expectedBy(facts, AS_OF, () => 'all').get('all');
    expect(facts.length).toBeGreaterThan(300);
    for (const s of OCCURRENCE_STATUSES) expect(counts?.counts[s], s).toBeGreaterThan(0);
  });

  it('counts by category agree with occurrenceStatus over the same rows', async () => {
    const body = await dashboard(AS_OF);
    expect(body.asOf).toBe(AS_OF);
    expect(body.dueSoonUntil).toBe('2024-07-08');
    expect(body.taskList.year).toBe(2024);
    const expected = expectedBy(facts, AS_OF, (f) => f.category_id);
    expect(body.byCategory.map((c) => c.categoryId).sort()).toEqual([...expected.keys()].sort());
    for (const c of body.byCategory) expectFigure(c, expected.get(c.categoryId));
    expect(body.byCategory.map((c) => c.seq)).toEqual([...body.byCategory.map((c) => c.seq)].sort((a, b) => a - b));
    expect(body.byCategory[0]?.title).toMatch(/责任大落实/);
    expectFigure(body.totals, expectedBy(facts, AS_OF, () => 'all').get('all'));
  });

  it('counts by department agree, sorted by completion rate descending', async () => {
    const body = await dashboard(AS_OF, 'leader');
    const expected = expectedBy(facts, AS_OF, (f) => f.department_id);
    expect(body.byDepartment).toHaveLength(expected.size);
    for (const d of body.byDepartment) expectFigure(d, expected.get(d.departmentId));
    const rates = body.byDepartment.map((d) => d.completionRate ?? -1);
    expect(rates).toEqual([...rates].sort((a, b) => b - a));
    expect(new Set(rates).size).toBeGreaterThan(1);
    const a = body.byDepartment.find((d) => d.departmentId === t.departmentIds.应急管理部);
    expect(a?.name).toBe('应急管理部');
  });

  it('counts by due month agree, one row for every month of the year', async () => {
    const body = await dashboard(AS_OF, 'staff');
    const expected = expectedBy(facts, AS_OF, (f) => (f.extended_due ?? f.due_date).slice(0, 7));
    const months = body.byMonth.map((m) => m.month);
    expect(months).toEqual([...months].sort());
    for (let m = 1; m <= 12; m += 1) expect(months).toContain(`2024-${String(m).padStart(2, '0')}`);
    for (const row of body.byMonth) {
      const e = expected.get(row.month);
      if (e) expectFigure(row, e);
      else expect(row.total).toBe(0);
    }
    expect(body.byMonth.reduce((n, m) => n + m.total, 0)).toBe(facts.length);
    const december = body.byMonth.find((m) => m.month === '2024-12');
    expect(december?.completionRate).toBeNull();
  });

  it('counts recurring duties by department × due month, agreeing with occurrenceStatus', async () => {
    const recurring = facts.filter((f) => f.rule_kind !== 'once');
    expect(recurring.length).toBeGreaterThan(0);
    expect(recurring.length).toBeLessThan(facts.length);
    for (const asOf of [AS_OF, '2024-03-31', '2025-01-01']) {
      const body = await dashboard(asOf, 'leader');
      const expected = expectedBy(
        recurring,
        asOf,
        (f) => `${f.department_id}|${(f.extended_due ?? f.due_date).slice(0, 7)}`,
      );
      const keys = body.byDepartmentMonth.map((c) => `${c.departmentId}|${c.month}`);
      expect([...keys].sort()).toEqual([...expected.keys()].sort());
      for (const c of body.byDepartmentMonth) expectFigure(c, expected.get(`${c.departmentId}|${c.month}`));
      const order = body.byDepartmentMonth.map((c) => [c.departmentId, c.month] as const);
      expect(order).toEqual([...order].sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1])));
      expect(body.byDepartmentMonth.reduce((n, c) => n + c.total, 0)).toBe(recurring.length);
      const names = new Set(body.byDepartment.map((d) => d.departmentId));
      for (const c of body.byDepartmentMonth) expect(names.has(c.departmentId)).toBe(true);
    }
  });

  it('lists the overdue occurrences, most overdue first, with the total', async () => {
    const body = await dashboard(AS_OF);
    const overdue = facts.filter((f) => statusOf(f, AS_OF) === 'overdue');
    expect(body.overdue.total).toBe(overdue.length);
    expect(body.overdue.limit).toBe(200);
    expect(body.overdue.items).toHaveLength(Math.min(200, overdue.length));
    const ids = new Set(overdue.map((f) => f.id));
    for (const item of body.overdue.items) {
      expect(ids.has(item.occurrenceId)).toBe(true);
      expect(item.daysOverdue).toBe(toDayNumber(AS_OF) - toDayNumber(item.due));
      expect(item.daysOverdue).toBeGreaterThan(0);
      expect(item.taskNo).not.toBe('');
      expect(item.taskText).not.toBe('');
      expect(item.department).not.toBe('');
    }
    const days = body.overdue.items.map((i) => i.daysOverdue);
    expect(days).toEqual([...days].sort((a, b) => b - a));
    const extendedButLate = body.overdue.items.find((i) => i.due !== i.originalDue);
    expect(extendedButLate?.due).toBe(addDays(AS_OF, -1));
    expect(body.overdue.items.map((i) => i.reportState)).toEqual(expect.arrayContaining(['none', 'draft', 'returned']));
  });

  it('caps the overdue list at 200 and still gives the full count', async () => {
    const asOf = '2025-03-01';
    const body = await dashboard(asOf);
    const overdue = facts.filter((f) => statusOf(f, asOf) === 'overdue');
    expect(overdue.length).toBeGreaterThan(200);
    expect(body.overdue.total).toBe(overdue.length);
    expect(body.overdue.items).toHaveLength(200);
    const oldest = overdue.map((f) => f.extended_due ?? f.due_date).sort()[0];
    expect(body.overdue.items[0]?.due).toBe(oldest);
  });

  it.each(['2024-01-15', '2024-03-31', '2024-04-01', '2024-06-30', '2024-12-24', '2025-01-01'])(
    'agrees with occurrenceStatus on %s too',
    async (asOf) => {
      const body = await dashboard(asOf);
      expectFigure(body.totals, expectedBy(facts, asOf, () => 'all').get('all'));
      const byMonth = expectedBy(facts, asOf, (f) => (f.extended_due ?? f.due_date).slice(0, 7));
      for (const row of body.byMonth) if (byMonth.has(row.month)) expectFigure(row, byMonth.get(row.month));
    },
  );

  it('is for the office and leaders only', async () => {
    const url = `/api/dashboard?year=2024&asOf=${AS_OF}`;
    expect((await t.as(null, { method: 'GET', url })).statusCode).toBe(401);
    const dept = await t.as('dept_a', { method: 'GET', url });
    expect(dept.statusCode).toBe(403);
    expect(dept.json().error.code).toBe('forbidden');
    expect((await t.as('enterprise', { method: 'GET', url })).statusCode).toBe(403);
  });

  it('answers 404 for a year without a list and 400 for a bad date', async () => {
    const none = await t.as('admin', { method: 'GET', url: '/api/dashboard?year=2030' });
    expect(none.statusCode).toBe(404);
    expect(none.json().error.code).toBe('not_found');
    const bad = await t.as('admin', { method: 'GET', url: '/api/dashboard?year=2024&asOf=2024-02-30' });
    expect(bad.statusCode).toBe(400);
    expect((await t.as('admin', { method: 'GET', url: '/api/dashboard' })).statusCode).toBe(400);
  });
});

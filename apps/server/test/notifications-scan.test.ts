import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/database.ts';
import { verifyAuditChain } from '../src/modules/audit/audit.service.ts';
import { runReminderScan } from '../src/modules/reminders/run-reminder-scan.ts';
import { recordSupervisionAction } from '../src/modules/supervision/record-action.ts';
import { buildTestApp, type TestApp } from './app-harness.ts';
import { describeEachDatabase } from './databases.ts';
import {
  acceptAllExcept,
  addAccount,
  countRows,
  days,
  occurrenceOf,
  reopen,
  setReportState,
  shanghai,
  stepsOn,
  userId,
} from './notifications-helpers.ts';

/**
 * The reminder scan with a simulated clock, walking the seed list day by day through February 2024
 * (Spring Festival 02-10..02-17 with make-up working days 02-04 and 02-18) under the default policy.
 * Open: the monthly duties of 应急管理部 (序号7 via 安委会各成员单位, 序号12) for January and February, and
 * 序号7 of 建设环保管理部 for February, which is submitted on 02-27. Everything else is accepted.
 */
describeEachDatabase('reminder scan', (get) => {
  let t: TestApp;
  let db: Db;
  let deptA: number;
  let deptB: number;
  const occ: Record<'a7jan' | 'a12jan' | 'a7feb' | 'a12feb' | 'b7feb', number> = {
    a7jan: 0,
    a12jan: 0,
    a7feb: 0,
    a12feb: 0,
    b7feb: 0,
  };

  beforeAll(async () => {
    t = await buildTestApp(get());
    db = get().handle.db;
    deptA = t.departmentIds.应急管理部!;
    deptB = t.departmentIds.建设环保管理部!;
    await addAccount(db, t.scope, 'head_a', deptA, { head: true });
    occ.a7jan = await occurrenceOf(db, deptA, '7', '2024-01');
    occ.a12jan = await occurrenceOf(db, deptA, '12', '2024-01');
    occ.a7feb = await occurrenceOf(db, deptA, '7', '2024-02');
    occ.a12feb = await occurrenceOf(db, deptA, '12', '2024-02');
    occ.b7feb = await occurrenceOf(db, deptB, '7', '2024-02');
    await acceptAllExcept(db, Object.values(occ));
  });

  describe('a month day by day', () => {
    it('takes the right steps on the right days, each once, and a second scan of a day adds nothing', async () => {
      const expected: Record<string, string[]> = {
        // 1 working day after Wed 01-31; the January reminders are past and recorded as skipped.
        '2024-02-01': [
          ...['remind-0:skipped', 'remind-1:skipped', 'remind-7:skipped', 'urge:sent'].map((s) => `${occ.a7jan}:${s}`),
          ...['remind-0:skipped', 'remind-1:skipped', 'remind-7:skipped', 'urge:sent'].map((s) => `${occ.a12jan}:${s}`),
        ],
        // 5 working days: 02-01, 02-02, Sun 02-04 (调休), 02-05, 02-06.
        '2024-02-06': [`${occ.a7jan}:notice:sent`, `${occ.a12jan}:notice:sent`],
        '2024-02-22': [`${occ.a7feb}:remind-7:sent`, `${occ.a12feb}:remind-7:sent`, `${occ.b7feb}:remind-7:sent`],
        // 15 working days, the Spring Festival week not counted, Sun 02-18 counted.
        '2024-02-26': [`${occ.a7jan}:interview:sent`, `${occ.a12jan}:interview:sent`],
        // 建设环保管理部 submitted on 02-27: nothing more for it.
        '2024-02-28': [`${occ.a7feb}:remind-1:sent`, `${occ.a12feb}:remind-1:sent`],
        '2024-02-29': [`${occ.a7feb}:remind-0:sent`, `${occ.a12feb}:remind-0:sent`],
        '2024-03-01': [`${occ.a7feb}:urge:sent`, `${occ.a12feb}:urge:sent`],
      };
      const seen: string[] = [];
      for (const day of days('2024-02-01', '2024-03-02')) {
        if (day === '2024-02-27') await setReportState(db, occ.b7feb, 'submitted');
        await runReminderScan(db, { now: shanghai(day, '09:00') });
        const taken = await stepsOn(db, day);
        expect.soft(taken, day).toEqual((expected[day] ?? []).sort());
        seen.push(...taken);

        const before = await Promise.all([
          countRows(db, 'reminder_steps'),
          countRows(db, 'notifications'),
          countRows(db, 'supervision_actions'),
        ]);
        await runReminderScan(db, { now: shanghai(day, '09:00') });
        await runReminderScan(db, { now: shanghai(day, '17:30') });
        const after = await Promise.all([
          countRows(db, 'reminder_steps'),
          countRows(db, 'notifications'),
          countRows(db, 'supervision_actions'),
        ]);
        expect(after, `${day} re-run`).toEqual(before);
      }
      expect(new Set(seen).size).toBe(seen.length);
    });

    it('created the 督办 ladder records as the system, a 督办单 with its reply date', async () => {
      const actions = await db
        .selectFrom('supervision_actions')
        .select(['occurrence_id', 'kind', 'actor', 'reply_by', 'department_id', 'note'])
        .where('actor', '=', 'system')
        .orderBy('id')
        .execute();
      expect(actions.map((a) => `${a.occurrence_id}:${a.kind}`).sort()).toEqual(
        [
          `${occ.a7jan}:urge`,
          `${occ.a12jan}:urge`,
          `${occ.a7jan}:notice`,
          `${occ.a12jan}:notice`,
          `${occ.a7jan}:interview`,
          `${occ.a12jan}:interview`,
          `${occ.a7feb}:urge`,
          `${occ.a12feb}:urge`,
        ].sort(),
      );
      const notice = actions.find((a) => a.kind === 'notice');
      // Issued Tue 02-06 + 5 working days: 02-07, 02-08, 02-09, Sun 02-18, 02-19.
      expect(notice?.reply_by).toBe('2024-02-19');
      expect(notice?.department_id).toBe(deptA);
      expect(notice?.note).toContain('2024-02-19');
    });

    it('told the department, its head and the office as the policy says', async () => {
      const perUser = async (username: string) => {
        const rows = await db
          .selectFrom('notifications')
          .select(['items', 'kind'])
          .where('user_id', '=', await userId(db, username))
          .execute();
        return rows
          .flatMap((r) => JSON.parse(r.items) as { occurrenceId: number; step: string }[])
          .map((i) => `${i.occurrenceId}:${i.step}`)
          .sort();
      };
      const deptASteps = [
        ...['urge', 'notice', 'interview'].flatMap((s) => [`${occ.a7jan}:${s}`, `${occ.a12jan}:${s}`]),
        ...['remind-7', 'remind-1', 'remind-0', 'urge'].flatMap((s) => [`${occ.a7feb}:${s}`, `${occ.a12feb}:${s}`]),
      ].sort();
      expect(await perUser('dept_a')).toEqual(deptASteps);
      expect(await perUser('head_a')).toEqual(deptASteps);
      expect(await perUser('dept_b')).toEqual([`${occ.b7feb}:remind-7`]);
      const officeSteps = ['notice', 'interview'].flatMap((s) => [`${occ.a7jan}:${s}`, `${occ.a12jan}:${s}`]).sort();
      expect(await perUser('admin')).toEqual(officeSteps);
      expect(await perUser('staff')).toEqual(officeSteps);
      expect(await perUser('leader')).toEqual([]);
      expect(await perUser('dept_c')).toEqual([]);
      // Digest off by default: one notification per item.
      const one = await db
        .selectFrom('notifications')
        .select(['title', 'items'])
        .where('user_id', '=', await userId(db, 'dept_a'))
        .orderBy('id')
        .executeTakeFirstOrThrow();
      expect(JSON.parse(one.items)).toHaveLength(1);
      expect(one.title).toMatch(/^【督办】催办通知：第(7|12)项 /);
    });
  });

  describe('downtime, extensions and the office acting first', () => {
    let x: number;
    let y: number;

    it('after days offline sends only the latest pre-due reminder, then every escalation once, in order', async () => {
      const deptC = t.departmentIds.党群工作部!;
      const ids = await db
        .selectFrom('occurrences')
        .select('id')
        .where('department_id', '=', deptC)
        .orderBy('id')
        .limit(2)
        .execute();
      x = ids[0]!.id;
      y = ids[1]!.id;
      await reopen(db, x, '2024-04-30');
      // y was due 04-15; the office extended it to 04-30: steps follow the extended date.
      await reopen(db, y, '2024-04-15', '2024-04-30');

      await runReminderScan(db, { now: shanghai('2024-04-08') });
      expect(await stepsOn(db, '2024-04-08', [x, y])).toEqual([]);
      await runReminderScan(db, { now: shanghai('2024-04-22') });
      expect(await stepsOn(db, '2024-04-22', [x, y])).toEqual([]);
      // Down 04-23 … 04-28.
      await runReminderScan(db, { now: shanghai('2024-04-29') });
      expect(await stepsOn(db, '2024-04-29', [x, y])).toEqual(
        [`${x}:remind-7:skipped`, `${x}:remind-1:sent`, `${y}:remind-7:skipped`, `${y}:remind-1:sent`].sort(),
      );
      // The office records a 催办 by hand on 05-07 for y; then the server is down until 05-24.
      const adminId = await userId(db, 'admin');
      await recordSupervisionAction(
        db,
        { orgUnitId: t.scope.orgUnitId, actor: `user:${adminId}` },
        y,
        { kind: 'urge', note: '请尽快报送' },
        shanghai('2024-05-07'),
      );
      await runReminderScan(db, { now: shanghai('2024-05-24') });
      // Due Tue 04-30; 05-01..05-05 off: 催办 05-06, 督办单 05-10, 约谈 (Sat 05-11 works) 05-23.
      const steps = await db
        .selectFrom('reminder_steps')
        .select(['occurrence_id', 'step', 'status', 'reason', 'fire_date', 'id'])
        .where('occurrence_id', 'in', [x, y])
        .where('scan_date', '=', '2024-05-24')
        .orderBy('id')
        .execute();
      expect(steps.filter((s) => s.occurrence_id === x).map((s) => `${s.step}@${s.fire_date}:${s.status}`)).toEqual([
        'remind-0@2024-04-30:skipped',
        'urge@2024-05-06:sent',
        'notice@2024-05-10:sent',
        'interview@2024-05-23:sent',
      ]);
      expect(steps.filter((s) => s.occurrence_id === y).map((s) => `${s.step}:${s.status}:${s.reason}`)).toEqual([
        'remind-0:skipped:overdue',
        'urge:skipped:manual',
        'notice:sent:null',
        'interview:sent:null',
      ]);
      const ladder = await db
        .selectFrom('supervision_actions')
        .select(['kind', 'actor'])
        .where('occurrence_id', '=', y)
        .orderBy('id')
        .execute();
      expect(ladder.map((a) => `${a.kind}:${a.actor === 'system' ? 'system' : 'office'}`)).toEqual([
        'urge:office',
        'notice:system',
        'interview:system',
      ]);
      const before = await countRows(db, 'reminder_steps');
      await runReminderScan(db, { now: shanghai('2024-05-24', '18:00') });
      await runReminderScan(db, { now: shanghai('2024-05-27') });
      expect(await stepsOn(db, '2024-05-27', [x, y])).toEqual([]);
      expect(await countRows(db, 'reminder_steps')).toBeGreaterThanOrEqual(before);
    });

    it('keeps the audit chain intact', async () => {
      const result = await verifyAuditChain(db);
      expect(result.ok).toBe(true);
      const events = await db
        .selectFrom('audit_events')
        .select(['action'])
        .where('action', 'in', ['reminder.steps', 'notification.compose'])
        .execute();
      expect(events.length).toBeGreaterThan(10);
    });
  });
});

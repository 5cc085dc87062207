import ICAL from 'ical.js';
import { beforeAll, expect, it } from 'vitest';
import type { Db } from '../src/db/database.ts';
import { buildTestApp, type TestApp } from './app-harness.ts';
import { describeEachDatabase } from './databases.ts';
import { occurrenceOf } from './notifications-helpers.ts';

/**
 * iCalendar feeds behind secret URL tokens, parsed back by ical.js (an independent parser): the events and their
 * dates match the database, recurring rules come out as RRULE where they map cleanly, lines are folded at
 * 75 octets, and a revoked token answers 404 like an unknown one.
 */
interface ParsedEvent {
  uid: string;
  summary: string;
  description: string;
  start: string;
  isDate: boolean;
  rrule: string | null;
  dates: string[];
}

function parseFeed(text: string): ParsedEvent[] {
  const vcal = new ICAL.Component(ICAL.parse(text));
  return vcal.getAllSubcomponents('vevent').map((c) => {
    const e = new ICAL.Event(c);
    const rrule = c.getFirstPropertyValue('rrule');
    const dates: string[] = [];
    if (e.isRecurring()) {
      const it = e.iterator();
      for (let next = it.next(); next && dates.length < 100; next = it.next()) dates.push(next.toString());
    } else {
      dates.push(e.startDate.toString());
    }
    return {
      uid: e.uid,
      summary: e.summary,
      description: e.description,
      start: e.startDate.toString(),
      isDate: e.startDate.isDate,
      rrule: rrule ? String(rrule) : null,
      dates,
    };
  });
}

describeEachDatabase('calendar feeds (.ics)', (get) => {
  let t: TestApp;
  let db: Db;
  let deptA: number;
  let feedPath = '';
  let feedId = 0;

  beforeAll(async () => {
    t = await buildTestApp(get());
    db = get().handle.db;
    deptA = t.departmentIds.应急管理部!;
    // One of 序号12's monthly occurrences was extended: that series is written as single events.
    await db
      .updateTable('occurrences')
      .set({ extended_due: '2024-05-15' })
      .where('id', '=', await occurrenceOf(db, deptA, '12', '2024-04'))
      .execute();
  });

  it('creates a department feed whose URL works without a session', async () => {
    const res = await t.as('dept_a', {
      method: 'POST',
      url: '/api/calendar-feeds',
      payload: { kind: 'department', departmentId: deptA },
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(body.path).toBe(`/api/calendar/${body.token}.ics`);
    feedPath = body.path;
    feedId = body.id;
    const stored = await db
      .selectFrom('calendar_feeds')
      .select('token_hash')
      .where('id', '=', feedId)
      .executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(body.token);
    const list = await t.as('dept_a', { method: 'GET', url: '/api/calendar-feeds' });
    expect(list.body).not.toContain(body.token);

    const ics = await t.app.inject({ method: 'GET', url: feedPath });
    expect(ics.statusCode).toBe(200);
    expect(ics.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(ics.body.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    for (const line of ics.body.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
  });

  it('holds every occurrence of the department on its effective due date, recurring rules as RRULE', async () => {
    const ics = await t.app.inject({ method: 'GET', url: feedPath });
    const events = parseFeed(ics.body);
    const rows = await db
      .selectFrom('occurrences as o')
      .innerJoin('assignments as a', 'a.id', 'o.assignment_id')
      .innerJoin('tasks as tk', 'tk.id', 'a.task_id')
      .select(['o.id', 'o.due_date', 'o.extended_due', 'tk.no', 'tk.text'])
      .where('o.department_id', '=', deptA)
      .execute();
    const expected = rows.map((r) => `${r.no}@${r.extended_due ?? r.due_date}`).sort();
    const actual = events.flatMap((e) => e.dates.map((d) => `${/^序号(\S+?)：/.exec(e.summary)?.[1]}@${d}`)).sort();
    expect(actual).toEqual(expected);
    expect(events.every((e) => e.isDate)).toBe(true);

    // 序号7 (monthly, none extended): one event, FREQ=MONTHLY;BYMONTHDAY=-1 until the year's end.
    const monthly = events.filter((e) => e.summary.startsWith('序号7：'));
    expect(monthly).toHaveLength(1);
    expect(monthly[0]?.rrule).toBe('FREQ=MONTHLY;BYMONTHDAY=-1;UNTIL=20241231');
    expect(monthly[0]?.dates.slice(0, 3)).toEqual(['2024-01-31', '2024-02-29', '2024-03-31']);
    expect(monthly[0]?.dates).toHaveLength(12);
    expect(monthly[0]?.uid).toMatch(/^series-\d+-\d+@duban$/);
    const task7 = rows.find((r) => r.no === '7');
    const text7 = task7?.text ?? '';
    expect(monthly[0]?.summary).toBe(
      `序号7：${[...text7].length <= 50 ? text7 : `${[...text7].slice(0, 49).join('')}…`}`,
    );
    expect(monthly[0]?.description).toContain(`任务：序号7 ${task7?.text}`);

    // 序号12's monthly rule has an extended occurrence: twelve single events, one on the extended date.
    const task12 = events.filter((e) => e.summary.startsWith('序号12：') && e.rrule === null);
    expect(task12.map((e) => e.start)).toContain('2024-05-15');
    expect(task12.find((e) => e.start === '2024-05-15')?.description).toContain('已延期，原 2024-04-30');
    expect(task12.every((e) => /^occ-\d+@duban$/.test(e.uid))).toBe(true);

    // A quarterly track: every 3 months on the month's last day.
    const quarterly = events.find((e) => e.rrule?.includes('INTERVAL=3'));
    expect(quarterly?.dates).toEqual(['2024-03-31', '2024-06-30', '2024-09-30', '2024-12-31']);

    // Stable UIDs across fetches.
    const again = parseFeed((await t.app.inject({ method: 'GET', url: feedPath })).body);
    expect(again.map((e) => e.uid)).toEqual(events.map((e) => e.uid));
  });

  it('a user feed follows the account: a department user sees its department, a leader the whole unit', async () => {
    const mine = await t.as('dept_b', { method: 'POST', url: '/api/calendar-feeds', payload: { kind: 'user' } });
    expect(mine.statusCode).toBe(201);
    const deptBCount = await db
      .selectFrom('occurrences')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('department_id', '=', t.departmentIds.建设环保管理部!)
      .executeTakeFirstOrThrow();
    const deptBEvents = parseFeed((await t.app.inject({ method: 'GET', url: mine.json().path })).body);
    expect(deptBEvents.reduce((n, e) => n + e.dates.length, 0)).toBe(Number(deptBCount.n));

    const leader = await t.as('leader', { method: 'POST', url: '/api/calendar-feeds', payload: { kind: 'user' } });
    const all = await db
      .selectFrom('occurrences')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const leaderEvents = parseFeed((await t.app.inject({ method: 'GET', url: leader.json().path })).body);
    expect(leaderEvents.reduce((n, e) => n + e.dates.length, 0)).toBe(Number(all.n));

    // A department account cannot subscribe to another department.
    const foreign = await t.as('dept_b', {
      method: 'POST',
      url: '/api/calendar-feeds',
      payload: { kind: 'department', departmentId: deptA },
    });
    expect(foreign.statusCode).toBe(404);
  });

  it('a revoked token answers 404, exactly like an unknown one', async () => {
    const other = await t.as('dept_b', { method: 'DELETE', url: `/api/calendar-feeds/${feedId}` });
    expect(other.statusCode).toBe(404);
    const revoke = await t.as('dept_a', { method: 'DELETE', url: `/api/calendar-feeds/${feedId}` });
    expect(revoke.statusCode).toBe(200);
    expect(revoke.json().revokedAt).not.toBeNull();
    const gone = await t.app.inject({ method: 'GET', url: feedPath });
    const unknown = await t.app.inject({ method: 'GET', url: `/api/calendar/${'A'.repeat(43)}.ics` });
    expect(gone.statusCode).toBe(404);
    expect([gone.statusCode, gone.body]).toEqual([unknown.statusCode, unknown.body]);
    const again = await t.as('admin', { method: 'DELETE', url: `/api/calendar-feeds/${feedId}` });
    expect(again.statusCode).toBe(200);
  });
});

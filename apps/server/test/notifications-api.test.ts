import { DEFAULT_REMINDER_POLICY } from '@duban/shared/contracts/reminders';
import { beforeAll, expect, it } from 'vitest';
import type { Db } from '../src/db/database.ts';
import { runReminderScan } from '../src/modules/reminders/run-reminder-scan.ts';
import { buildTestApp, type TestApp } from './app-harness.ts';
import { describeEachDatabase } from './databases.ts';
import { acceptAllExcept, reopen, shanghai, stepsOn } from './notifications-helpers.ts';

/** The notification centre, preferences, channels (secrets write-only) and the reminder policy over HTTP. */
describeEachDatabase('notifications API', (get) => {
  let t: TestApp;
  let db: Db;
  let deptA: number;
  let occA: number;

  beforeAll(async () => {
    t = await buildTestApp(get());
    db = get().handle.db;
    deptA = t.departmentIds.应急管理部!;
    const first = await db
      .selectFrom('occurrences')
      .select('id')
      .where('department_id', '=', deptA)
      .orderBy('id')
      .limit(3)
      .execute();
    occA = first[0]!.id;
    await acceptAllExcept(db, []);
    for (const row of first) await reopen(db, row.id, '2024-09-30');
  });

  it('lists my notifications with the unread count; read one, read all; another account’s is hidden', async () => {
    await runReminderScan(db, { now: shanghai('2024-09-23') });
    const list = await t.as('dept_a', { method: 'GET', url: '/api/notifications' });
    expect(list.statusCode).toBe(200);
    const body = list.json();
    expect(body).toMatchObject({ unread: 3, total: 3 });
    expect(body.notifications[0].title).toMatch(/^【督办】7天后到期提醒：第\d+项/);
    expect(body.notifications[0].items[0]).toMatchObject({ step: 'remind-7', due: '2024-09-30', departmentId: deptA });
    const id = body.notifications[0].id as number;

    const hidden = await t.as('dept_b', { method: 'POST', url: `/api/notifications/${id}/read` });
    const missing = await t.as('dept_b', { method: 'POST', url: '/api/notifications/99999999/read' });
    expect(hidden.statusCode).toBe(404);
    expect([hidden.statusCode, hidden.body]).toEqual([missing.statusCode, missing.body]);

    const read = await t.as('dept_a', { method: 'POST', url: `/api/notifications/${id}/read` });
    expect(read.statusCode).toBe(200);
    expect(read.json().readAt).not.toBeNull();
    expect((await t.as('dept_a', { method: 'POST', url: `/api/notifications/${id}/read` })).statusCode).toBe(200);
    const unreadOnly = await t.as('dept_a', { method: 'GET', url: '/api/notifications?unreadOnly=true' });
    expect(unreadOnly.json()).toMatchObject({ unread: 2, total: 3 });
    expect(unreadOnly.json().notifications).toHaveLength(2);

    const all = await t.as('dept_a', { method: 'POST', url: '/api/notifications/read-all' });
    expect(all.json()).toEqual({ marked: 2, unread: 0 });
    expect((await t.as('dept_b', { method: 'GET', url: '/api/notifications' })).json()).toMatchObject({ total: 0 });
  });

  it('keeps preferences per account and validates them', async () => {
    const empty = await t.as('dept_c', { method: 'GET', url: '/api/notifications/preferences' });
    expect(empty.json()).toEqual({ email: null, emailEnabled: false, digest: false, quietHours: null });
    const prefs = {
      email: 'c@example.cn',
      emailEnabled: true,
      digest: true,
      quietHours: { start: '22:00', end: '07:00' },
    };
    const put = await t.as('dept_c', { method: 'PUT', url: '/api/notifications/preferences', payload: prefs });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toEqual(prefs);
    expect((await t.as('dept_c', { method: 'GET', url: '/api/notifications/preferences' })).json()).toEqual(prefs);
    expect((await t.as('dept_b', { method: 'GET', url: '/api/notifications/preferences' })).json().email).toBeNull();
    for (const bad of [
      { ...prefs, email: 'not-an-address' },
      { ...prefs, quietHours: { start: '22:00', end: '22:00' } },
      { ...prefs, quietHours: { start: '25:00', end: '07:00' } },
    ]) {
      const res = await t.as('dept_c', { method: 'PUT', url: '/api/notifications/preferences', payload: bad });
      expect(res.statusCode).toBe(400);
    }
  });

  it('manages channels: secrets and tokens are write-only, versions guard changes', async () => {
    const create = await t.as('admin', {
      method: 'POST',
      url: '/api/notification-channels',
      payload: {
        kind: 'dingtalk',
        name: '应急管理部钉钉群',
        departmentId: deptA,
        target: 'https://oapi.dingtalk.com/robot/send?access_token=0123456789abcdef',
        secret: 'SECsupersecret',
      },
    });
    expect(create.statusCode).toBe(201);
    const channel = create.json();
    expect(channel).toMatchObject({
      kind: 'dingtalk',
      target: 'https://oapi.dingtalk.com/robot/send?access_token=***',
      hasSecret: true,
      digest: true,
      version: 1,
    });
    expect(create.body).not.toContain('SECsupersecret');
    expect(create.body).not.toContain('0123456789abcdef');

    const feishu = await t.as('staff', {
      method: 'POST',
      url: '/api/notification-channels',
      payload: {
        kind: 'feishu',
        name: '安委办飞书群',
        departmentId: null,
        target: 'https://open.feishu.cn/open-apis/bot/v2/hook/2b1c3d4e-5f60-7182-93a4-b5c6d7e8f901',
        secret: null,
      },
    });
    expect(feishu.json().target).toBe('https://open.feishu.cn/open-apis/bot/v2/hook/***');

    const bad = [
      { kind: 'webhook', name: 'x', departmentId: null, target: 'https://example.cn/hook', secret: null },
      { kind: 'email', name: 'x', departmentId: null, target: 'https://example.cn' },
      { kind: 'wecom', name: 'x', departmentId: null, target: 'ftp://example.cn' },
      { kind: 'wecom', name: 'x', departmentId: 99999999, target: 'https://qyapi.weixin.qq.com/x?key=1' },
    ];
    for (const payload of bad) {
      expect((await t.as('admin', { method: 'POST', url: '/api/notification-channels', payload })).statusCode).toBe(
        400,
      );
    }

    const patch = await t.as('admin', {
      method: 'PATCH',
      url: `/api/notification-channels/${channel.id}`,
      payload: { enabled: false, quietHours: { start: '21:00', end: '08:00' }, version: 1 },
    });
    expect(patch.statusCode).toBe(200);
    expect(patch.json()).toMatchObject({
      enabled: false,
      hasSecret: true,
      version: 2,
      quietHours: { start: '21:00', end: '08:00' },
    });
    const stale = await t.as('admin', {
      method: 'PATCH',
      url: `/api/notification-channels/${channel.id}`,
      payload: { name: '旧版本', version: 1 },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details).toEqual({ currentVersion: 2 });
    const dropSecret = await t.as('admin', {
      method: 'PATCH',
      url: `/api/notification-channels/${channel.id}`,
      payload: { secret: null, version: 2 },
    });
    expect(dropSecret.json().hasSecret).toBe(false);

    const list = await t.as('staff', { method: 'GET', url: '/api/notification-channels' });
    expect(list.json().channels).toHaveLength(2);
    expect(list.body).not.toContain('SECsupersecret');
    const audit = await db
      .selectFrom('audit_events')
      .select(['after', 'before'])
      .where('entity', '=', 'notification_channel')
      .execute();
    expect(JSON.stringify(audit)).not.toContain('SECsupersecret');
    expect(JSON.stringify(audit)).not.toContain('0123456789abcdef');

    expect(
      (await t.as('admin', { method: 'DELETE', url: `/api/notification-channels/${channel.id}?version=1` })).statusCode,
    ).toBe(409);
    expect(
      (await t.as('admin', { method: 'DELETE', url: `/api/notification-channels/${channel.id}?version=3` })).statusCode,
    ).toBe(204);
    expect(
      (await t.as('admin', { method: 'DELETE', url: `/api/notification-channels/${channel.id}?version=3` })).statusCode,
    ).toBe(404);
  });

  it('reads the default policy, changes it with a version, and the scan follows it', async () => {
    const initial = await t.as('leader', { method: 'GET', url: '/api/reminder-policy' });
    expect(initial.statusCode).toBe(200);
    expect(initial.json()).toMatchObject({ isDefault: true, version: 0, policy: DEFAULT_REMINDER_POLICY });
    const policy = { ...DEFAULT_REMINDER_POLICY, remindDaysBefore: [3], catchUpDays: 0 };
    expect(
      (await t.as('leader', { method: 'PUT', url: '/api/reminder-policy', payload: { policy, version: 0 } }))
        .statusCode,
    ).toBe(403);
    const invalid = { ...policy, urgeAfterWorkingDays: 10 };
    expect(
      (await t.as('admin', { method: 'PUT', url: '/api/reminder-policy', payload: { policy: invalid, version: 0 } }))
        .statusCode,
    ).toBe(400);
    const put = await t.as('admin', { method: 'PUT', url: '/api/reminder-policy', payload: { policy, version: 0 } });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ isDefault: false, version: 1, policy: { remindDaysBefore: [3] } });
    const stale = await t.as('staff', { method: 'PUT', url: '/api/reminder-policy', payload: { policy, version: 0 } });
    expect(stale.statusCode).toBe(409);

    await reopen(db, occA, '2024-10-31');
    await runReminderScan(db, { now: shanghai('2024-10-28') });
    expect(await stepsOn(db, '2024-10-28', [occA])).toEqual([`${occA}:remind-3:sent`]);
    await runReminderScan(db, { now: shanghai('2024-10-30') });
    expect(await stepsOn(db, '2024-10-30', [occA])).toEqual([]);

    const off = await t.as('admin', {
      method: 'PUT',
      url: '/api/reminder-policy',
      payload: { policy: { ...policy, enabled: false }, version: 1 },
    });
    expect(off.statusCode).toBe(200);
    await runReminderScan(db, { now: shanghai('2024-11-01') });
    expect(await stepsOn(db, '2024-11-01', [occA])).toEqual([]);
  });
});

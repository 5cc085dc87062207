import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runHazardReminderScan } from '../src/modules/hazards/hazard-reminders.ts';
import { runDeliveries } from '../src/modules/notifications/run-deliveries.ts';
import { buildTestApp, type TestApp } from './app-harness.ts';
import { describeEachDatabase } from './databases.ts';
import { setupEnterprises } from './enterprise-fixtures.ts';
// Loopback receivers allowed, as for the notifications tests.
import './notifications-helpers.ts';

/**
 * Hazard notices go through the notifications outbox (subject 'hazard'), not only in-app: listing a major hazard
 * reaches the enterprise's accounts (主要负责人 / 实际控制人 named), the supervising department's accounts and its
 * channel (a webhook on loopback here), sent by the delivery worker; the time limit's overdue step escalates to the
 * office's accounts and channel, exactly once.
 */
describeEachDatabase('hazards: notices through the outbox and the channels', (get) => {
  let t: TestApp;
  let http: Server;
  let base = '';
  const hits: { path: string; body: string }[] = [];

  beforeAll(async () => {
    http = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => {
        body += c.toString('utf8');
      });
      req.on('end', () => {
        hits.push({ path: req.url ?? '', body });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"errcode":0,"code":0}');
      });
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => http.close(() => resolve()));
  });

  it('listing a major hazard notifies the enterprise, the department and its channel; overdue escalates once', async () => {
    t = await buildTestApp(get());
    const { db } = get().handle;
    const ids = await setupEnterprises(t);
    const depB = t.departmentIds['建设环保管理部'] as number;
    const now = new Date().toISOString();
    const channel = (departmentId: number | null, path: string) => ({
      org_unit_id: t.scope.orgUnitId,
      department_id: departmentId,
      kind: 'webhook' as const,
      name: path,
      target: `${base}/${path}`,
      secret: 'hook-secret',
      enabled: 1,
      digest: 0,
      quiet_start: null,
      quiet_end: null,
      created_at: now,
      updated_at: now,
    });
    await db
      .insertInto('notification_channels')
      .values([channel(depB, 'dept-b'), channel(null, 'office')])
      .execute();

    const post = (who: 'admin' | 'dept_b', path: string, payload: object) =>
      t.as(who, { method: 'POST', url: path, payload });
    let r = await post('dept_b', '/api/hazards', {
      enterpriseId: ids.supervisedByB,
      channel: 'department_inspection',
      level: 'major',
      place: '液氨制冷机房',
      description: '氨制冷机房未设置泄漏报警装置',
      foundOn: '2024-04-02',
      foundBy: '建设环保管理部检查组',
      basisText: '工贸企业重大事故隐患判定标准 第十二条',
    });
    expect(r.statusCode).toBe(201);
    const id = r.json().id as number;
    r = await post('dept_b', `/api/hazards/${id}/confirm`, { version: r.json().version });
    expect(r.statusCode).toBe(200);
    r = await post('admin', `/api/hazards/${id}/listing`, {
      version: r.json().version,
      listingLevel: 'zone',
      listingUnit: '开发区安委会',
      supervisingDepartmentId: depB,
      listedOn: '2024-04-05',
      batchNo: '2024-2',
      timeLimit: '2024-06-30',
    });
    expect(r.statusCode).toBe(200);

    // The outbox holds the notice for the hazard (not an occurrence), composed at once.
    const queued = await db
      .selectFrom('notification_queue')
      .select(['subject_kind', 'subject_id', 'occurrence_id', 'step_id', 'user_id', 'channel_id', 'status'])
      .where('subject_kind', '=', 'hazard')
      .execute();
    expect(queued.length).toBeGreaterThanOrEqual(3);
    expect(queued.every((q) => q.subject_id === id && q.occurrence_id === null && q.step_id === null)).toBe(true);
    expect(queued.every((q) => q.status === 'composed')).toBe(true);
    expect(queued.filter((q) => q.channel_id !== null)).toHaveLength(1);

    for (const who of ['enterprise', 'dept_b'] as const) {
      const notes = (await t.as(who, { method: 'GET', url: '/api/notifications' })).json();
      const text = JSON.stringify(notes);
      expect(text).toContain('重大事故隐患挂牌督办');
      expect(text).toContain('督办〔2024〕');
      // 主要负责人 and 实际控制人 are named with their phones.
      expect(text).toContain('主要负责人 张三');
      expect(text).toContain('实际控制人 李四');
    }
    // dept_a does not supervise the enterprise: nothing for it.
    expect(JSON.stringify((await t.as('dept_a', { method: 'GET', url: '/api/notifications' })).json())).not.toContain(
      '挂牌督办',
    );

    // The department's webhook gets it from the delivery worker.
    const sent = await runDeliveries(db, { now: new Date(), senders: { mail: null } });
    expect(sent.sent).toBe(1);
    expect(hits.map((h) => h.path)).toEqual(['/dept-b']);
    expect(hits[0]?.body).toContain('重大事故隐患挂牌督办');
    expect(hits[0]?.body).toContain('氨制冷机房未设置泄漏报警装置');

    // The time limit passes: overdue escalates to the office (accounts and the office's channel), once.
    const late = new Date('2024-07-02T01:00:00Z');
    const scan = await runHazardReminderScan(db, t.scope.orgUnitId, late);
    expect(scan.sent).toBe(1);
    const again = await runHazardReminderScan(db, t.scope.orgUnitId, late);
    expect(again.sent).toBe(0);
    expect(again.alreadyClaimed).toBe(1);
    const office = JSON.stringify((await t.as('admin', { method: 'GET', url: '/api/notifications' })).json());
    expect(office).toContain('隐患整改时限已逾期');
    hits.length = 0;
    const escalated = await runDeliveries(db, { now: late, senders: { mail: null } });
    expect(escalated.sent).toBe(2);
    expect(hits.map((h) => h.path).sort()).toEqual(['/dept-b', '/office']);
    expect(hits.every((h) => h.body.includes('已逾期'))).toBe(true);
    expect(await runDeliveries(db, { now: late, senders: { mail: null } })).toMatchObject({ sent: 0 });
  }, 180_000);
});

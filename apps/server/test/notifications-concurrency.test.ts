import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../src/db/database.ts';
import { createChannel } from '../src/modules/notifications/channels.service.ts';
import { runDeliveries } from '../src/modules/notifications/run-deliveries.ts';
import { startReminderScheduler } from '../src/modules/reminders/reminder-scheduler.ts';
import { runReminderScan } from '../src/modules/reminders/run-reminder-scan.ts';
import { buildTestApp, type TestApp } from './app-harness.ts';
import { describeEachDatabase } from './databases.ts';
import { closeAndSettle, countRows, shanghai } from './notifications-helpers.ts';

/**
 * Two app instances on one PostgreSQL database (two connection pools) scanning and delivering at the same time:
 * every step, ladder record, notification and webhook delivery exactly once. Then the pg-boss scheduler as
 * main.ts starts it. (SQLite serves one process, so this file runs on PostgreSQL only.)
 */
describeEachDatabase('two instances on one database', (get, dialect) => {
  const pgOnly = it.runIf(dialect === 'postgres');
  let t: TestApp;
  let second: DatabaseHandle | undefined;
  let receiver: Server;
  let receiverUrl = '';
  const received: { occurrenceId: number; step: string }[][] = [];

  beforeAll(async () => {
    if (dialect !== 'postgres') return;
    t = await buildTestApp(get());
    second = openDatabase(get().url);
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push((JSON.parse(Buffer.concat(chunks).toString('utf8')) as { items: never[] }).items);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  });
  afterAll(async () => {
    await second?.close();
    if (receiver) await new Promise<void>((resolve) => receiver.close(() => resolve()));
    await t?.app.close();
    await closeAndSettle(get().handle);
  });

  pgOnly('sends each reminder once while two instances scan and deliver concurrently', async () => {
    const a = get().handle.db;
    const b = second!.db;
    const office = {
      kind: 'session' as const,
      userId: null,
      username: 'test',
      role: 'office_admin' as const,
      orgUnitId: t.scope.orgUnitId,
      departmentId: null,
      isHead: false,
      actor: 'test',
    };
    // One un-digested generic webhook for 应急管理部: one HTTP request per step.
    await createChannel(a, office, {
      kind: 'webhook',
      name: '应急管理部系统',
      departmentId: t.departmentIds.应急管理部!,
      target: receiverUrl,
      secret: 'k',
      enabled: true,
      digest: false,
      quietHours: null,
    });
    // The whole seed list is open: the quarter-end 2024-03-31 brings hundreds of steps.
    for (const day of ['2024-03-24', '2024-04-01', '2024-04-08']) {
      const now = shanghai(day);
      const [ra, rb] = await Promise.all([runReminderScan(a, { now }), runReminderScan(b, { now })]);
      expect(ra.problems).toEqual([]);
      expect(rb.problems).toEqual([]);
      await Promise.all([
        runDeliveries(a, { now, senders: { mail: null } }),
        runDeliveries(b, { now, senders: { mail: null } }),
        runDeliveries(a, { now, senders: { mail: null } }),
      ]);
    }
    const steps = await a
      .selectFrom('reminder_steps')
      .select(['occurrence_id', 'due_date', 'step', 'status'])
      .execute();
    expect(steps.filter((s) => s.status === 'sent').length).toBeGreaterThan(300);

    const actions = await a
      .selectFrom('supervision_actions')
      .select(['occurrence_id', 'kind'])
      .where('actor', '=', 'system')
      .execute();
    const actionKeys = actions.map((x) => `${x.occurrence_id}:${x.kind}`);
    expect(actionKeys.length).toBeGreaterThan(100);
    expect(new Set(actionKeys).size).toBe(actionKeys.length);
    expect(actionKeys.length).toBe(steps.filter((s) => s.status === 'sent' && !s.step.startsWith('remind')).length);

    const notifications = await a.selectFrom('notifications').select(['user_id', 'items']).execute();
    const perUser = notifications.flatMap((n) =>
      (JSON.parse(n.items) as { occurrenceId: number; step: string }[]).map(
        (i) => `${n.user_id}:${i.occurrenceId}:${i.step}`,
      ),
    );
    expect(perUser.length).toBeGreaterThan(300);
    expect(new Set(perUser).size).toBe(perUser.length);
    expect(await countRows(a, 'notification_queue')).toBe(
      Number(
        (
          await a
            .selectFrom('notification_queue')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('status', '=', 'composed')
            .executeTakeFirstOrThrow()
        ).n,
      ),
    );

    const deliveries = await a.selectFrom('notification_deliveries').select(['status', 'attempts']).execute();
    expect(deliveries.length).toBeGreaterThan(20);
    expect(deliveries.every((d) => d.status === 'sent' && d.attempts === 1)).toBe(true);
    expect(received).toHaveLength(deliveries.length);
    const heard = received.flat().map((i) => `${i.occurrenceId}:${i.step}`);
    expect(new Set(heard).size).toBe(heard.length);
  });

  pgOnly('runs the scan through pg-boss when started as main.ts starts it', async () => {
    const db = get().handle.db;
    const stepsBefore = await countRows(db, 'reminder_steps');
    let resolveScan: (value: unknown) => void = () => {};
    const scanned = new Promise((resolve) => {
      resolveScan = resolve;
    });
    const scheduler = await startReminderScheduler({
      db,
      dialect: 'postgres',
      databaseUrl: get().url,
      senders: { mail: null },
      log: () => {},
      pollingIntervalSeconds: 0.5,
      onTick: (e) => {
        if (e.what === 'scan') resolveScan(e.result);
      },
    });
    try {
      const result = await Promise.race([
        scanned,
        new Promise((_, reject) => setTimeout(() => reject(new Error('pg-boss did not run the scan')), 15_000)),
      ]);
      expect(result).toMatchObject({ problems: [] });
      const queues = await sql<{ name: string; policy: string }>`select name, policy from pgboss.queue`.execute(db);
      const ours = queues.rows.filter((q) => q.name.startsWith('duban-'));
      expect(ours.map((q) => `${q.name}:${q.policy}`).sort()).toEqual([
        'duban-notification-delivery:stately',
        'duban-reminder-scan:stately',
      ]);
    } finally {
      await scheduler.stop();
    }
    // Today is long after the 2024 list: nothing is within the catch-up window, nothing new is taken.
    expect(await countRows(db, 'reminder_steps')).toBe(stepsBefore);
  });
});

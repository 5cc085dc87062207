import { Cron } from 'croner';
import PgBoss from 'pg-boss';
import { type Db, type DialectName, withDefaultUser } from '../../db/database.ts';
import { scanCertificateWarningsAllUnits } from '../experts/certificate-warnings.ts';
import { runHazardReminderScanAllUnits } from '../hazards/hazard-reminders.ts';
import { type DeliveryRunResult, type DeliverySenders, runDeliveries } from '../notifications/run-deliveries.ts';
import { runWhistleDeadlineScan } from '../whistleblowing/run-deadline-scan.ts';
import { runReminderScan, type ScanResult } from './run-reminder-scan.ts';

/**
 * Runs the reminder scan (every 10 minutes and at start) and the delivery worker (every minute).
 * - SQLite (one process): in-process croner jobs.
 * - PostgreSQL (possibly several instances): pg-boss queues with a cron schedule; the queues are 'stately'
 *   (at most one job queued and one running per queue across all instances). The claim table is what makes
 *   each step happen once; the queue only keeps instances from doing the same work at the same moment.
 * A tick that is still running when the next one is due is skipped, never doubled.
 */
export interface SchedulerOptions {
  db: Db;
  dialect: DialectName;
  /** PostgreSQL only: pg-boss opens its own small pool (schema `pgboss`). */
  databaseUrl: string;
  senders: DeliverySenders;
  log: (level: 'info' | 'warn' | 'error', message: string) => void;
  scanCron?: string;
  deliveryCron?: string;
  /** pg-boss workers' polling interval (default 5 s). */
  pollingIntervalSeconds?: number;
  /** Called after each tick (tests, metrics). */
  onTick?: (event: { what: 'scan'; result: ScanResult } | { what: 'deliver'; result: DeliveryRunResult }) => void;
}

export interface ReminderScheduler {
  stop(): Promise<void>;
}

export const SCAN_QUEUE = 'duban-reminder-scan';
export const DELIVERY_QUEUE = 'duban-notification-delivery';
const TZ = 'Asia/Shanghai';

export async function startReminderScheduler(o: SchedulerOptions): Promise<ReminderScheduler> {
  const ticks = makeTicks(o);
  return o.dialect === 'postgres' ? startPgBoss(o, ticks) : startCroner(o, ticks);
}

interface Ticks {
  scan(): Promise<void>;
  deliver(): Promise<void>;
  idle(): Promise<void>;
}

function makeTicks(o: SchedulerOptions): Ticks {
  const running = new Map<string, Promise<void>>();
  const guarded = (name: string, body: () => Promise<void>) => async () => {
    if (running.has(name)) return;
    const p = body()
      .catch((error: unknown) =>
        o.log('error', `${name} 失败: ${error instanceof Error ? error.message : String(error)}`),
      )
      .finally(() => running.delete(name));
    running.set(name, p);
    await p;
  };
  const deliverOnce = async () => {
    const result = await runDeliveries(o.db, { now: new Date(), senders: o.senders });
    o.onTick?.({ what: 'deliver', result });
    if (result.failed > 0) o.log('warn', `通知投递失败 ${result.failed} 条（已达最大重试次数），见投递记录`);
  };
  return {
    scan: guarded('提醒扫描', async () => {
      const result = await runReminderScan(o.db, { now: new Date() });
      o.onTick?.({ what: 'scan', result });
      for (const problem of result.problems.slice(0, 5)) o.log('warn', `提醒扫描: ${problem}`);
      // Whistleblowing time limits (办理/反馈期限) with the same exactly-once claims.
      await runWhistleDeadlineScan(o.db, new Date());
      // Hazard time limits (整改时限: remind, due, overdue → office), same exactly-once idea (modules/hazards).
      await runHazardReminderScanAllUnits(o.db, new Date());
      // Expert certificates near or past expiry (due_30, expired), claimed once each (modules/experts).
      await scanCertificateWarningsAllUnits(o.db, new Date());
      await guarded('通知投递', deliverOnce)();
    }),
    deliver: guarded('通知投递', deliverOnce),
    idle: async () => {
      await Promise.all([...running.values()]);
    },
  };
}

async function startCroner(o: SchedulerOptions, ticks: Ticks): Promise<ReminderScheduler> {
  const options = { timezone: TZ, protect: true, catch: true };
  const scanJob = new Cron(o.scanCron ?? '*/10 * * * *', options, () => ticks.scan());
  const deliveryJob = new Cron(o.deliveryCron ?? '* * * * *', options, () => ticks.deliver());
  void ticks.scan();
  return {
    async stop() {
      scanJob.stop();
      deliveryJob.stop();
      await ticks.idle();
    },
  };
}

async function startPgBoss(o: SchedulerOptions, ticks: Ticks): Promise<ReminderScheduler> {
  const boss = new PgBoss({ connectionString: withDefaultUser(o.databaseUrl), max: 3, application_name: 'duban-jobs' });
  boss.on('error', (error) => o.log('error', `pg-boss: ${error.message}`));
  await boss.start();
  const polling = { pollingIntervalSeconds: o.pollingIntervalSeconds ?? 5 };
  for (const name of [SCAN_QUEUE, DELIVERY_QUEUE]) {
    await boss.createQueue(name, { name, policy: 'stately', retryLimit: 0, expireInSeconds: 900 });
  }
  await boss.schedule(SCAN_QUEUE, o.scanCron ?? '*/10 * * * *', {}, { tz: TZ });
  await boss.schedule(DELIVERY_QUEUE, o.deliveryCron ?? '* * * * *', {}, { tz: TZ });
  await boss.work(SCAN_QUEUE, polling, async () => ticks.scan());
  await boss.work(DELIVERY_QUEUE, polling, async () => ticks.deliver());
  await boss.send(SCAN_QUEUE, {});
  return {
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 15_000 });
      await ticks.idle();
    },
  };
}

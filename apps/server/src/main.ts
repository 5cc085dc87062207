import { buildApp } from './app.ts';
import { loadDemoListIfEmpty, prepareDatabase } from './bootstrap.ts';
import { loadConfig } from './config.ts';
import { createMailSender } from './modules/notifications/senders/mail-sender.ts';
import { startReminderScheduler } from './modules/reminders/reminder-scheduler.ts';
import { ensureOfficeAdmin } from './modules/users/users.service.ts';

async function main(): Promise<void> {
  const config = loadConfig();
  const prepared = await prepareDatabase(config.DATABASE_URL);
  const { handle, scope } = prepared;
  console.log(`数据库 (${handle.dialect}): ${handle.location}`);
  if (await loadDemoListIfEmpty(prepared)) console.log('已导入内置演示任务清单（2024年）。');
  const admin = await ensureOfficeAdmin(handle.db, scope.orgUnitId);
  if (admin) {
    console.log('\n已创建安委办管理员账号（密码只显示这一次，请妥善保存）:');
    console.log(`  用户名 username: ${admin.username}`);
    console.log(`  密码   password: ${admin.password}\n`);
  }
  const app = await buildApp(
    { db: handle.db, dialect: handle.dialect, scope, secureCookies: config.COOKIE_SECURE, dataDir: config.DATA_DIR },
    { logLevel: config.LOG_LEVEL },
  );
  const mail = config.SMTP_URL ? createMailSender(config.SMTP_URL, config.MAIL_FROM) : null;
  let scheduler: { stop(): Promise<void> } | null = null;
  const shutdown = async (signal: string) => {
    console.log(`收到 ${signal}，正在停止…`);
    await scheduler?.stop();
    mail?.close();
    await app.close();
    await handle.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ port: config.PORT, host: config.HOST });
  console.log(`督办 Duban 已启动: http://localhost:${config.PORT}`);
  // Reminders and escalation: croner in-process on SQLite, pg-boss on PostgreSQL (see reminder-scheduler.ts).
  scheduler = await startReminderScheduler({
    db: handle.db,
    dialect: handle.dialect,
    databaseUrl: config.DATABASE_URL,
    senders: { mail },
    log: (level, message) => (level === 'info' ? console.log(message) : console.error(message)),
  });
  if (!mail) console.log('未配置 SMTP_URL：提醒只发送站内通知和已配置的群机器人。');
}

main().catch((error: unknown) => {
  console.error(`启动失败: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

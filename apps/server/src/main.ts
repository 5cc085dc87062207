import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildApp } from './app.ts';
import { loadDemoListIfEmpty, prepareDatabase, withFirstStartLock } from './bootstrap.ts';
import { loadConfig } from './config.ts';
import { announceDemoAccounts } from './demo/announce-demo-accounts.ts';
import { loadDemoStory } from './demo/demo-story.ts';
import { auditKeyMatchesChain, sealAuditChain, sealFilePath } from './modules/audit/audit.service.ts';
import { loadDemoEnterprisesIfEmpty } from './modules/enterprises/demo-enterprises.ts';
import { loadDemoHazardsIfEmpty } from './modules/hazards/demo-hazards.ts';
import { createMailSender } from './modules/notifications/senders/mail-sender.ts';
import { setOutboundPolicy } from './modules/notifications/senders/outbound-guard.ts';
import { openEvidenceStorage } from './modules/progress/storage/open-evidence-storage.ts';
import { startReminderScheduler } from './modules/reminders/reminder-scheduler.ts';
import { ensureOfficeAdmin } from './modules/users/users.service.ts';

async function main(): Promise<void> {
  const config = loadConfig();
  const prepared = await prepareDatabase(config.DATABASE_URL);
  const { handle, scope } = prepared;
  console.log(`数据库 (${handle.dialect}): ${handle.location}`);
  // Several instances share the database: each must hold the same keys (docs/DEPLOYMENT.md).
  if (!(await auditKeyMatchesChain(handle.db))) {
    console.error(
      `警告：${config.DATA_DIR}/audit.key 与数据库中审计链的签名不符。多实例部署时每个实例须使用同一个 audit.key（从第一个实例复制），否则审计链无法校验。`,
    );
  }
  if (config.DUBAN_STORAGE !== 'local' && !config.DUBAN_WHISTLE_KEY) {
    console.error(
      '注意：共享存储（多实例）部署请在每个实例设置同一个 DUBAN_WHISTLE_KEY，否则各实例生成的举报密钥互不相同。',
    );
  }
  // First start: one instance at a time (several instances on a new database load the demo and admin once).
  await withFirstStartLock(handle.db, async () => {
    const demoLoaded = await loadDemoListIfEmpty(prepared);
    if (demoLoaded) console.log('已导入内置演示任务清单（2024年）。');
    const admin = await ensureOfficeAdmin(handle.db, scope.orgUnitId);
    // Demo enterprises (issue 11) on a fresh database only (the first admin was just created); DUBAN_DEMO=0 skips them.
    if (admin && config.DUBAN_DEMO) {
      const n = await loadDemoEnterprisesIfEmpty(handle.db, scope.orgUnitId);
      if (n > 0) console.log(`已载入演示企业 ${n} 家（名称带“（演示）”）。`);
      const h = await loadDemoHazardsIfEmpty(handle.db, scope.orgUnitId);
      if (h > 0) console.log(`已载入演示隐患 ${h} 项（含2023年底前存量、挂牌督办和验收记录）。`);
    }
    if (admin) announceFirstAdmin(admin, config.DATA_DIR);
    // The demo list's story (accounts per role, a year of progress and 督办), once, on the first start (issue 13).
    if (demoLoaded && admin && config.DEMO_STORY) {
      announceDemoAccounts(await loadDemoStory(handle.db, scope, admin.username), config.DATA_DIR);
      console.log('已生成演示进展（2024年全年：多数按期通过，部分逾期、退回，含催办、督办单和延期）。');
    }
  });
  const mail = config.SMTP_URL ? createMailSender(config.SMTP_URL, config.MAIL_FROM) : null;
  const app = await buildApp(
    {
      db: handle.db,
      dialect: handle.dialect,
      scope,
      secureCookies: config.COOKIE_SECURE,
      dataDir: config.DATA_DIR,
      storage: openEvidenceStorage(config, handle.db),
      senders: { mail },
      warmRollup: true,
      ...(config.DUBAN_WHISTLE_KEY ? { whistleKey: config.DUBAN_WHISTLE_KEY } : {}),
    },
    { logLevel: config.LOG_LEVEL, trustProxy: config.TRUST_PROXY },
  );
  setOutboundPolicy({ allowedPrivate: config.WEBHOOK_ALLOW_PRIVATE });
  let scheduler: { stop(): Promise<void> } | null = null;
  // Seal the audit chain's head to a file outside the database every 10 minutes and at shutdown (audit.service.ts).
  const sealFile = sealFilePath(config.DATA_DIR, handle.location);
  const seal = () =>
    sealAuditChain(handle.db, sealFile).catch((error: unknown) =>
      console.error(`审计链封存失败: ${error instanceof Error ? error.message : String(error)}`),
    );
  await seal();
  const sealTimer = setInterval(() => void seal(), 10 * 60_000);
  sealTimer.unref();
  const shutdown = async (signal: string) => {
    console.log(`收到 ${signal}，正在停止…`);
    clearInterval(sealTimer);
    await seal();
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

/**
 * The first administrator's one-time password never goes to a log: on a terminal it is printed once; otherwise
 * (systemd, docker, output redirected to a file) it is written to a 0600 file in the data directory whose path is
 * printed — read it, sign in, change the password, delete the file.
 */
function announceFirstAdmin(admin: { username: string; password: string }, dataDir: string): void {
  if (process.stdout.isTTY) {
    console.log('\n已创建安委办管理员账号（密码只显示这一次，不写入日志，请妥善保存）:');
    console.log(`  用户名 username: ${admin.username}`);
    console.log(`  密码   password: ${admin.password}\n`);
    return;
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = resolve(dataDir, 'initial-admin-password.txt');
  writeFileSync(file, `用户名 username: ${admin.username}\n密码 password: ${admin.password}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  console.log(
    `已创建安委办管理员账号 ${admin.username}；一次性密码已写入 ${file}（仅本用户可读），登录并修改密码后请删除该文件。`,
  );
}

main().catch((error: unknown) => {
  console.error(`启动失败: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

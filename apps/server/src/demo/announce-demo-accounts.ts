import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { DemoAccount } from './demo-story.ts';

const ROLE_LABEL: Record<string, string> = {
  office_staff: '安委办工作人员',
  leader: '领导',
  department: '部门',
  enterprise: '企业',
};

/**
 * The demo accounts' one-time passwords, shown like the administrator's: printed once on a terminal, otherwise
 * written to a 0600 file in the data directory whose path is printed (never to a log).
 */
export function announceDemoAccounts(accounts: DemoAccount[], dataDir: string): void {
  if (accounts.length === 0) return;
  const lines = accounts.map(
    (a) => `  ${ROLE_LABEL[a.role] ?? a.role}（${a.displayName}）用户名 ${a.username}  密码 ${a.password}`,
  );
  if (process.stdout.isTTY) {
    console.log('演示账号（每个角色一个，密码只显示这一次）:');
    for (const l of lines) console.log(l);
    console.log('');
    return;
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = resolve(dataDir, 'demo-accounts.txt');
  writeFileSync(file, `${lines.join('\n')}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  console.log(
    `已创建演示账号（${accounts.map((a) => a.username).join('、')}）；一次性密码已写入 ${file}（仅本用户可读）。`,
  );
}

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { SEED_PATH } from './fixtures.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'duban-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function duban(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'apps/server/src/cli.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    // DATA_DIR in the temp dir too: the audit key and the audit seals are written there, not into the repository.
    env: { ...process.env, DATABASE_URL: `sqlite:${join(dir, 'cli.db')}`, DATA_DIR: join(dir, 'data'), ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('duban command line', () => {
  it('import --dry-run --json prints one JSON object and writes nothing', () => {
    const r = duban(['import', fileURLToPath(SEED_PATH), '--dry-run', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.tasks).toHaveLength(64);
    expect(out.problems).toEqual([]);
    expect(new Set(out.tasks.map((t: { category: string }) => t.category)).size).toBe(11);
    expect(out.tasks[0]).toEqual({
      category: '（一）开展安全生产责任大落实行动',
      no: 1,
      text: expect.stringContaining('党工委理论学习中心组'),
      departments: [{ name: '党群工作部', role: 'lead' }],
      deadline: '每季度至少一次，长期坚持',
    });
    expect(existsSync(join(dir, 'cli.db'))).toBe(false);
  });

  it('import writes the list, and again changes nothing', () => {
    const first = duban(['import', fileURLToPath(SEED_PATH), '--json']);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ status: 'created', counts: { tasks: 64, categories: 11 } });
    const second = duban(['import', fileURLToPath(SEED_PATH), '--json']);
    expect(JSON.parse(second.stdout)).toMatchObject({ status: 'unchanged', counts: { tasks: 64 } });
    const verify = duban(['audit', 'verify']);
    expect(verify.code).toBe(0);
  });

  it('a file it cannot read exits non-zero with one line on stderr', () => {
    const junk = join(dir, 'junk.xlsx');
    writeFileSync(junk, Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
    const r = duban(['import', junk, '--dry-run', '--json']);
    expect(r.code).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^错误: /);
  });

  it('schedule --json follows the contract', () => {
    const r = duban(['schedule', '每季度至少一次，长期坚持', '--year', '2024', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      text: '每季度至少一次，长期坚持',
      ongoing: true,
      needsReview: false,
      occurrences: [
        { start: '2024-01-01', due: '2024-03-31', minCount: 1, condition: null },
        { start: '2024-04-01', due: '2024-06-30', minCount: 1, condition: null },
        { start: '2024-07-01', due: '2024-09-30', minCount: 1, condition: null },
        { start: '2024-10-01', due: '2024-12-31', minCount: 1, condition: null },
      ],
      relative: [],
      unparsed: [],
    });
    const windowed = duban([
      'schedule',
      '每年分别至少集中开展1次（高危行业领域每半年至少1次）',
      '--year',
      '2024',
      '--from',
      '2024-01-01',
      '--to',
      '2024-06-30',
      '--json',
    ]);
    expect(JSON.parse(windowed.stdout).occurrences).toEqual([
      { start: '2024-01-01', due: '2024-06-30', minCount: 1, condition: '高危行业领域' },
    ]);
    const bad = duban(['schedule', '每月', '--year', '2024', '--from', '2024-02-30', '--json']);
    expect(bad.code).toBe(2);
  });

  it('users add / list / reset-password, with passwords shown once and stored hashed', () => {
    const env = { DATABASE_URL: `sqlite:${join(dir, 'users.db')}` };
    const add = duban(
      ['users', 'add', 'zhangsan', '--role', 'department', '--department', '应急管理部', '--name', '张三'],
      env,
    );
    expect(add.code).toBe(0);
    const password = /密码（只显示这一次）: (\S+)/.exec(add.stdout)?.[1];
    expect(password).toHaveLength(16);
    const noDept = duban(['users', 'add', 'lisi', '--role', 'department'], env);
    expect(noDept.code).toBe(2);
    const list = duban(['users', 'list', '--json'], env);
    const users = JSON.parse(list.stdout).users;
    expect(users).toEqual([
      expect.objectContaining({ username: 'zhangsan', role: 'department', department_name: '应急管理部' }),
    ]);
    expect(list.stdout).not.toContain(password);
    const reset = duban(['users', 'reset-password', 'zhangsan'], env);
    expect(reset.code).toBe(0);
    expect(reset.stdout).not.toContain(password);
    const db = new SQLite(join(dir, 'users.db'));
    const row = db.prepare('select password_hash from users where username = ?').get('zhangsan') as {
      password_hash: string;
    };
    db.close();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('audit verify catches a row edited by hand in SQLite', () => {
    const env = { DATABASE_URL: `sqlite:${join(dir, 'users.db')}` };
    expect(duban(['audit', 'verify'], env).code).toBe(0);
    const db = new SQLite(join(dir, 'users.db'));
    const second = db.prepare('select id from audit_events order by id limit 1 offset 1').get() as { id: number };
    db.prepare('update audit_events set after = \'{"role":"office_admin"}\' where id = ?').run(second.id);
    db.close();
    const r = duban(['audit', 'verify'], env);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`id=${second.id}`);
  });

  it('workdays add follows the holiday arrangement; workdays load adds a year', () => {
    const env = { DATABASE_URL: `sqlite:${join(dir, 'workdays.db')}` };
    expect(duban(['workdays', 'add', '2024-02-09', '1'], env).stdout.trim()).toBe('2024-02-18');
    expect(duban(['workdays', 'add', '2025-10-09', '-1'], env).stdout.trim()).toBe('2025-09-30');
    const missing = duban(['workdays', 'add', '2027-01-04', '1'], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('2027');
    const file = join(dir, '2027.json');
    const year2027 = {
      year: 2027,
      source: 'test',
      holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-01' }],
      workdays: [],
    };
    writeFileSync(file, JSON.stringify(year2027));
    expect(duban(['workdays', 'load', file], env).code).toBe(0);
    expect(duban(['workdays', 'add', '2026-12-31', '1'], env).stdout.trim()).toBe('2027-01-04');
    writeFileSync(file, JSON.stringify({ ...year2027, workdays: ['2027-01-05'] }));
    const bad = duban(['workdays', 'load', file], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('不是周末');
  });
});

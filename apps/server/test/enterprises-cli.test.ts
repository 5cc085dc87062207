import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { codeFor } from './enterprise-fixtures.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'duban-ent-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function duban(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'apps/server/src/cli.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: `sqlite:${join(dir, 'cli.db')}` },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// Each spawn starts tsx (several seconds on a loaded machine).
describe('duban enterprises', { timeout: 180_000 }, () => {
  it('check-code --json: valid, wrong check character, malformed', () => {
    const ok = duban(['enterprises', 'check-code', '91350100M000100Y43', '--json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toEqual({ code: '91350100M000100Y43', valid: true, expected: null, message: null });
    const wrong = duban(['enterprises', 'check-code', '91350100M000100Y40', '--json']);
    expect(wrong.code).toBe(1);
    expect(JSON.parse(wrong.stdout)).toMatchObject({
      valid: false,
      expected: '3',
      message: expect.stringContaining('第18位'),
    });
    const malformed = duban(['enterprises', 'check-code', '91350100M0001', '--json']);
    expect(JSON.parse(malformed.stdout)).toMatchObject({
      valid: false,
      expected: null,
      message: expect.stringContaining('18位'),
    });
  });

  it('import --dry-run --json reports every row, then import writes the good rows once', () => {
    const file = join(dir, '名录.csv');
    const csv =
      '企业名称,统一社会信用代码,行业类别,所属街道,行业监管部门,属地管理部门\n' +
      `甲厂,${codeFor(1)},机械,云中街道,应急管理部,建设环保管理部\n` +
      `乙厂,${codeFor(2).slice(0, 17)}Y,危化,云中街道,应急管理部,\n` +
      `丙厂,${codeFor(3)},烟花爆竹,秀容街道,应急管理部,\n` +
      `丙厂二,${codeFor(3)},烟花爆竹,秀容街道,应急管理部,\n`;
    writeFileSync(file, iconv.encode(csv, 'gbk'));
    const dry = duban(['enterprises', 'import', file, '--dry-run', '--json']);
    expect(dry.stderr).toBe('');
    expect(dry.code).toBe(0);
    const out = JSON.parse(dry.stdout);
    expect(out.enterprises).toEqual([
      expect.objectContaining({
        name: '甲厂',
        creditCode: codeFor(1),
        industries: ['机械'],
        orgUnit: '忻州经济开发区',
        supervisors: [
          { department: '应急管理部', role: 'industry' },
          { department: '建设环保管理部', role: 'territorial' },
        ],
      }),
    ]);
    expect(out.problems.map((p: { row: number }) => p.row)).toEqual([3, 4, 5]);
    const count = () => {
      const db = new SQLite(join(dir, 'cli.db'), { readonly: true });
      try {
        return (db.prepare('select count(*) as n from enterprises').get() as { n: number }).n;
      } finally {
        db.close();
      }
    };
    expect(count()).toBe(0);
    const real = duban(['enterprises', 'import', file, '--json']);
    expect(JSON.parse(real.stdout)).toMatchObject({ dryRun: false, created: 1 });
    expect(count()).toBe(1);
    expect(JSON.parse(duban(['enterprises', 'import', file, '--json']).stdout)).toMatchObject({
      created: 0,
      unchanged: 1,
    });
  });
});

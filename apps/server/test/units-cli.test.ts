import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { SEED_PATH } from './fixtures.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'duban-units-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function duban(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'apps/server/src/cli.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: `sqlite:${join(dir, 'units.db')}`, DATA_DIR: join(dir, 'data') },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('duban units (org units as tenants)', () => {
  it('adds a zone under the city with its campaign, refuses duplicates and impossible levels, lists the tree', () => {
    const add = duban([
      'units',
      'add',
      '--parent',
      '1409',
      '--code',
      '1409-ypjkq',
      '--name',
      '原平经济开发区',
      '--level',
      'zone',
    ]);
    expect(add.stderr).toBe('');
    expect(add.code).toBe(0);
    expect(add.stdout).toContain('已新增单位 1409-ypjkq 原平经济开发区');

    const again = duban([
      'units',
      'add',
      '--parent',
      '1409',
      '--code',
      '1409-ypjkq',
      '--name',
      '重复',
      '--level',
      'zone',
    ]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^错误: 单位代码“1409-ypjkq”已存在/);
    const upward = duban([
      'units',
      'add',
      '--parent',
      '1409-ypjkq',
      '--code',
      'x-city',
      '--name',
      '某市',
      '--level',
      'city',
    ]);
    expect(upward.code).toBe(1);
    expect(upward.stderr).toContain('不能设在');
    expect(duban(['units', 'add', '--parent', '1409', '--code', 'y']).code).toBe(2);

    const list = duban(['units', 'list', '--json']);
    expect(list.code).toBe(0);
    const units = JSON.parse(list.stdout).units as { code: string; parent: string | null; campaignId: number | null }[];
    expect(units.map((u) => u.code)).toEqual(['14', '1409', '1409-xzjkq', '1409-ypjkq']);
    const zoneB = units.find((u) => u.code === '1409-ypjkq');
    expect(zoneB).toMatchObject({ parent: '1409', campaignId: expect.any(Number) });
    expect(zoneB?.campaignId).not.toBe(units.find((u) => u.code === '1409-xzjkq')?.campaignId);
  });

  it('creates accounts in a named unit; each unit lists only its own', () => {
    const add = duban([
      'users',
      'add',
      'yp_admin',
      '--role',
      'office_admin',
      '--unit',
      '1409-ypjkq',
      '--password',
      'quiet-harbor-passphrase',
    ]);
    expect(add.stderr).toBe('');
    expect(add.code).toBe(0);
    const names = (args: string[]) =>
      (JSON.parse(duban(['users', 'list', '--json', ...args]).stdout).users as { username: string }[]).map(
        (u) => u.username,
      );
    expect(names(['--unit', '1409-ypjkq'])).toEqual(['yp_admin']);
    expect(names([])).not.toContain('yp_admin');
    const unknown = duban(['users', 'list', '--unit', 'nowhere']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('单位“nowhere”不存在');
    expect(duban(['audit', 'verify']).code).toBe(0);
  });

  it('imports and exports a list of a named unit, each unit its own', () => {
    const zoneB = duban(['import', fileURLToPath(SEED_PATH), '--json', '--unit', '1409-ypjkq']);
    expect(zoneB.stderr).toBe('');
    expect(JSON.parse(zoneB.stdout)).toMatchObject({ status: 'created', counts: { tasks: 64 } });
    // The default zone has no list yet: the same file is new there, not "unchanged".
    const zoneA = duban(['import', fileURLToPath(SEED_PATH), '--json']);
    expect(JSON.parse(zoneA.stdout)).toMatchObject({ status: 'created' });
    const out = join(dir, 'b.xlsx');
    const exported = duban([
      'export',
      '--year',
      '2024',
      '--period',
      '2024-Q1',
      '--format',
      'xlsx',
      '--out',
      out,
      '--unit',
      '1409-ypjkq',
    ]);
    expect(exported.stderr).toBe('');
    expect(existsSync(out)).toBe(true);
    const nowhere = duban(['import', fileURLToPath(SEED_PATH), '--unit', 'nowhere']);
    expect(nowhere.code).toBe(1);
    expect(nowhere.stderr).toContain('单位“nowhere”不存在');
  });
});

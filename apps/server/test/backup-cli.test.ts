import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from './databases.ts';
import { SEED_PATH } from './fixtures.ts';

// `duban backup <dir>` / `restore <dir>` (issue 13 item 10): a SQLite installation with the demo list, an audit
// trail and a file in its data directory is backed up, restored into an empty database of each dialect with a
// new data directory, verified (row counts, the file, `audit verify`), backed up again from there and compared
// table by table with the first backup. Also: `<command> --help` exits 0 with the usage.

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'duban-backup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function duban(args: string[], env: Record<string, string>) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'apps/server/src/cli.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, LOG_LEVEL: 'silent', ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const source = { DATABASE_URL: `sqlite:${join(dir, 'source', 'duban.db')}`, DATA_DIR: join(dir, 'source') };
const firstBackup = join(dir, 'backup-1');
const EVIDENCE = join('evidence', 'ab', 'cd', 'abcd-test');
const CORE_TABLES = [
  'org_units',
  'campaigns',
  'task_lists',
  'categories',
  'tasks',
  'departments',
  'department_aliases',
  'assignments',
  'schedule_rules',
  'occurrences',
  'users',
  'reports',
  'supervision_actions',
  'extension_requests',
];

beforeAll(() => {
  mkdirSync(source.DATA_DIR, { recursive: true });
  const imported = duban(['import', fileURLToPath(SEED_PATH)], source);
  expect(imported.stderr).toBe('');
  expect(imported.code).toBe(0);
  mkdirSync(join(source.DATA_DIR, 'evidence', 'ab', 'cd'), { recursive: true });
  writeFileSync(join(source.DATA_DIR, EVIDENCE), '现场照片');
  const backup = duban(['backup', firstBackup], source);
  expect(backup.stderr).toBe('');
  expect(backup.code).toBe(0);
}, 120_000);

it('every command answers --help with its usage and exit code 0', () => {
  for (const command of ['users', 'backup', 'restore', 'audit']) {
    const r = duban([command, '--help'], source);
    expect(r.code, command).toBe(0);
    expect(r.stdout, command).toMatch(/^用法:/);
    expect(r.stdout, command).toContain(`duban ${command}`);
  }
}, 120_000);

it('the backup holds every table, the data directory and not the SQLite file itself', () => {
  const manifest = JSON.parse(readFileSync(join(firstBackup, 'manifest.json'), 'utf8'));
  expect(manifest.format).toBe('duban-backup');
  expect(manifest.dialect).toBe('sqlite');
  expect(manifest.tables.tasks).toBe(64);
  expect(manifest.tables.audit_events).toBeGreaterThan(0);
  expect(manifest.migrations).toContain('20261201_0009_pilot');
  expect(readFileSync(join(firstBackup, 'files', EVIDENCE), 'utf8')).toBe('现场照片');
  expect(existsSync(join(firstBackup, 'files', 'audit.key'))).toBe(true);
  expect(existsSync(join(firstBackup, 'files', 'duban.db'))).toBe(false);
  expect(duban(['backup', firstBackup], source).code).toBe(1); // not an empty directory
});

describeEachDatabase('backup → restore', (get, dialect) => {
  it(`restores into an empty ${dialect} database, verifies, and backs up to the same rows`, () => {
    const target = { DATABASE_URL: get().url, DATA_DIR: join(dir, `restored-${dialect}`) };
    const restored = duban(['restore', firstBackup], target);
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    expect(readFileSync(join(target.DATA_DIR, EVIDENCE), 'utf8')).toBe('现场照片');
    const verify = duban(['audit', 'verify'], target);
    expect(verify.stderr).toBe('');
    expect(verify.code).toBe(0);
    // The restored installation works: the task table of 2024 is there.
    const list = duban(
      ['export', '--year', '2024', '--period', '2024', '--out', join(dir, `t-${dialect}.xlsx`)],
      target,
    );
    expect(list.code).toBe(0);
    // A second restore into the now non-empty database is refused.
    const again = duban(['restore', firstBackup], target);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('不是空的');
    // Backing up the restored database gives the same rows (audit verify appended its checkpoint meanwhile).
    const second = join(dir, `backup-2-${dialect}`);
    expect(duban(['backup', second], target).code).toBe(0);
    const a = JSON.parse(readFileSync(join(firstBackup, 'manifest.json'), 'utf8'));
    const b = JSON.parse(readFileSync(join(second, 'manifest.json'), 'utf8'));
    expect(b.dialect).toBe(dialect);
    // Every table keeps its row count; the core tables keep every row byte for byte. (Start-up work of other modules,
    // audit verify and the export above may legitimately touch their own rows: seeds, checkpoints, snapshots.)
    const selfUpdating = ['audit_events', 'audit_checkpoints', 'export_snapshots', 'read_model_versions'];
    for (const table of readdirSync(join(firstBackup, 'tables'))) {
      const name = table.replace(/\.jsonl$/, '');
      if (!selfUpdating.includes(name)) expect(b.tables[name], name).toBe(a.tables[name]);
    }
    for (const name of CORE_TABLES) {
      expect(readFileSync(join(second, 'tables', `${name}.jsonl`), 'utf8'), name).toBe(
        readFileSync(join(firstBackup, 'tables', `${name}.jsonl`), 'utf8'),
      );
    }
    expect(b.tables.audit_events).toBeGreaterThanOrEqual(a.tables.audit_events);
  }, 120_000);
});

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { describeEachDatabase } from './databases.ts';
import { loadWorkbook } from './export-helpers.ts';
import { SEED_PATH } from './fixtures.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'duban-export-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeEachDatabase('duban export', (get, dialect) => {
  const duban = (args: string[]) => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'apps/server/src/cli.ts', ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: get().url },
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  it('exports the configured database’s list for a period, as .xlsx (and PDF on one of the two)', () => {
    expect(duban(['import', fileURLToPath(SEED_PATH), '--json']).code).toBe(0);
    const xlsx = join(dir, `${dialect}-q1.xlsx`);
    const r = duban(['export', '--year', '2024', '--period', '2024-Q1', '--format', 'xlsx', '--out', xlsx]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('已导出 2024年第一季度 XLSX');
    if (dialect === 'postgres') return;
    const pdf = join(dir, `${dialect}-h1.pdf`);
    const p = duban(['export', '--year', '2024', '--as-of', '2024-06-30', '--out', pdf]);
    expect(p.code).toBe(0);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('writes a sheet the server can read back: 64 rows under the header', async () => {
    const workbook = await loadWorkbook(readFileSync(join(dir, `${dialect}-q1.xlsx`)));
    const ws = workbook.getWorksheet('任务清单落实情况');
    expect(ws?.getCell(4, 2).value).toBe(1);
    expect(ws?.getCell(67, 2).value).toBe(64);
  });

  // Argument checks do not depend on the database: once is enough.
  it.runIf(dialect === 'sqlite')('says in Chinese what is wrong with its arguments', () => {
    const bad = duban(['export', '--year', '2024', '--period', '2024-Q9', '--out', join(dir, 'x.xlsx')]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/^错误: 统计期间“2024-Q9”无法识别/);
    const format = duban(['export', '--period', '2024-Q1', '--format', 'odt']);
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('--format 应为 xlsx、docx 或 pdf');
  });
});

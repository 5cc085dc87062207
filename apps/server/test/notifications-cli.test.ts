import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { SEED_PATH } from './fixtures.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'duban-reminders-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function duban(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'apps/server/src/cli.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: `sqlite:${join(dir, 'cli.db')}`, SMTP_URL: '' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('duban reminders', () => {
  it('scan --at runs the steps of that moment once; running it again takes none', () => {
    expect(duban(['import', fileURLToPath(SEED_PATH), '--json']).code).toBe(0);
    const first = duban(['reminders', 'scan', '--at', '2024-03-24T09:00+08:00', '--json']);
    expect(first.stderr).toBe('');
    const out = JSON.parse(first.stdout);
    // Campaign 1 is the demo zone's; the city's and province's campaigns have no list and take no step.
    expect(out.scan.scanDates['1']).toBe('2024-03-24');
    expect(out.scan.sent).toBeGreaterThan(50);
    const again = JSON.parse(duban(['reminders', 'scan', '--at', '2024-03-24T10:00+08:00', '--json']).stdout);
    expect(again.scan).toMatchObject({ sent: 0, skipped: 0 });
    const bad = duban(['reminders', 'scan', '--at', 'yesterday']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^错误: --at/);
  });
});

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { HAZARD_CHANNELS, HAZARD_STATUSES } from '@duban/shared/hazards/hazard-workflow';
import { expect, it } from 'vitest';
import { loadDemoEnterprisesIfEmpty } from '../src/modules/enterprises/demo-enterprises.ts';
import { loadDemoHazardsIfEmpty } from '../src/modules/hazards/demo-hazards.ts';
import { runHazardReminderScan } from '../src/modules/hazards/hazard-reminders.ts';
import { ensureHazardStandards } from '../src/modules/hazards/hazard-standards.ts';
import { buildTestApp, type TestApp } from './app-harness.ts';
import { describeEachDatabase } from './databases.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

describeEachDatabase('hazards: demo set, reminders and the command line', (get) => {
  let t: TestApp;

  function duban(args: string[]) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'apps/server/src/cli.ts', ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: get().url, DATA_DIR: get().dataDir },
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  it('loads about 150 demo hazards over every channel, level and state, including 2023 stock', async () => {
    t = await buildTestApp(get());
    const { db } = get().handle;
    await ensureHazardStandards(db);
    expect(await loadDemoEnterprisesIfEmpty(db, t.scope.orgUnitId)).toBeGreaterThan(30);
    const now = new Date('2026-12-01T08:00:00Z');
    const n = await loadDemoHazardsIfEmpty(db, t.scope.orgUnitId, now);
    expect(n).toBeGreaterThanOrEqual(140);
    expect(await loadDemoHazardsIfEmpty(db, t.scope.orgUnitId, now)).toBe(0);
    const all = await t.as('admin', { method: 'GET', url: '/api/hazards?limit=500' });
    const items = all.json().items as {
      channel: string;
      level: string;
      status: string;
      foundOn: string;
      listed: boolean;
    }[];
    expect(new Set(items.map((h) => h.channel))).toEqual(new Set(HAZARD_CHANNELS));
    expect(new Set(items.map((h) => h.status))).toEqual(new Set(HAZARD_STATUSES));
    expect(new Set(items.map((h) => h.level))).toEqual(new Set(['general', 'major']));
    const stock = items.filter((h) => h.foundOn < '2024-01-01');
    expect(stock.length).toBeGreaterThan(20);
    expect(stock.some((h) => h.status === 'closed')).toBe(true);
    expect(stock.some((h) => h.status !== 'closed')).toBe(true);
    expect(items.some((h) => h.listed)).toBe(true);
  });

  it('reminds and escalates each time limit exactly once', async () => {
    const { db } = get().handle;
    const at = new Date('2026-12-01T08:00:00Z');
    const first = await runHazardReminderScan(db, t.scope.orgUnitId, at);
    expect(first.sent).toBeGreaterThan(0);
    const again = await runHazardReminderScan(db, t.scope.orgUnitId, at);
    expect(again.sent).toBe(0);
    expect(again.alreadyClaimed).toBe(first.sent);
  });

  it('prints the stats contract and refuses 销号 without a passed acceptance from the command line', async () => {
    const r = duban(['hazards', 'stats', '--year', '2024', '--json']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(Object.keys(s).slice(0, 7)).toEqual([
      'total',
      'major',
      'closed',
      'rectificationRate',
      'byChannel',
      'byLevel',
      'stock2023',
    ]);
    const api = await t.as('leader', { method: 'GET', url: '/api/hazards/stats?year=2024' });
    expect(s.total).toBe(api.json().total);
    expect(s.stock2023).toEqual(api.json().stock2023);

    const open = await t.as('admin', { method: 'GET', url: '/api/hazards?status=rectifying&limit=1' });
    const id = open.json().items[0].id as number;
    const c = duban(['hazards', 'close', String(id), '--user', 'admin']);
    expect(c.code).toBe(1);
    expect(c.stderr).toContain('销号须以验收通过为前提');
    const after = await t.as('admin', { method: 'GET', url: `/api/hazards/${id}` });
    expect(after.json().status).toBe('rectifying');
  }, 180_000);
});

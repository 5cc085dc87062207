import assert from 'node:assert/strict';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import type { Spec } from '../fixtures/context.ts';

const MARK = '<img src=x onerror="window.__xss=(window.__xss||0)+1">';
const SCRIPT = '<script>window.__xss=(window.__xss||0)+1</script>';

/**
 * Issue 9 item 3: names with markup (the import refuses them now, but an older database or a direct edit can hold
 * them) are rendered as text everywhere on the dashboard, tooltips included; no script runs; the CSP header is set.
 */
export const specs: Spec[] = [
  {
    name: 'security: markup in department and category names stays text on the dashboard (tooltips too); CSP set',
    run: async ({ page, baseUrl, dataDir, loginAs, screenshot }) => {
      // The marks go in for this spec only: later specs find 应急管理部 and the first category by their real names.
      const mark = (on: boolean) => {
        const db = new SQLite(join(dataDir, 'e2e.db'));
        try {
          const first = db.prepare('select id from categories order by id limit 1').get() as { id: number };
          if (on) {
            db.prepare("update departments set name = ? || name where name = '应急管理部'").run(MARK);
            db.prepare('update categories set title = ? || title where id = ?').run(SCRIPT, first.id);
          } else {
            db.prepare('update departments set name = substr(name, ?) where name = ?').run(
              MARK.length + 1,
              `${MARK}应急管理部`,
            );
            db.prepare('update categories set title = substr(title, ?) where id = ? and title like ?').run(
              SCRIPT.length + 1,
              first.id,
              `${SCRIPT}%`,
            );
          }
          db.prepare('update read_model_versions set version = version + 1').run();
        } finally {
          db.close();
        }
      };
      mark(true);
      try {
        await checkMarkedDashboard();
      } finally {
        mark(false);
      }
      async function checkMarkedDashboard() {
        const dialogs: string[] = [];
        page.on('dialog', (d) => {
          dialogs.push(d.message());
          void d.dismiss();
        });
        await loginAs('office');
        const response = await page.goto(`${baseUrl}/dashboard?year=2024`);
        const csp = response?.headers()['content-security-policy'] ?? '';
        assert.match(csp, /script-src 'self'/);
        assert.match(csp, /frame-ancestors 'none'/);
        assert.equal(response?.headers()['referrer-policy'], 'same-origin');
        await page.locator('[data-chart="chart-category"] canvas').first().waitFor();
        await page.locator('[data-chart="chart-heatmap"] canvas').first().waitFor();
        // Hover across every chart so that each tooltip formatter runs with the marked names.
        let shownAsText = false;
        for (const chart of await page.locator('[data-chart] canvas').all()) {
          await chart.scrollIntoViewIfNeeded();
          const box = await chart.boundingBox();
          if (!box) continue;
          for (let fy = 0.08; fy < 1; fy += 0.06) {
            for (const fx of [0.3, 0.55, 0.8]) {
              await page.mouse.move(box.x + box.width * fx, box.y + box.height * fy);
              if (!shownAsText) {
                shownAsText = await page.evaluate(() =>
                  [...document.querySelectorAll('div')].some(
                    (d) => d.style.position === 'absolute' && /<(img|script)/.test(d.textContent ?? ''),
                  ),
                );
              }
            }
          }
        }
        await screenshot('security-markup-dashboard');
        const ran = await page.evaluate(() => (window as unknown as { __xss?: number }).__xss ?? 0);
        assert.equal(ran, 0, 'a script in a name ran');
        assert.deepEqual(dialogs, []);
        assert.equal(await page.locator('img[src="x"]').count(), 0, 'markup became an element');
        assert.ok(shownAsText, 'no tooltip showed the marked name as text');
        // The tables under the charts hold it as text too.
        assert.ok(
          (await page.getByText(MARK, { exact: false }).count()) > 0,
          'the marked name is not in the page as text',
        );
      }
    },
  },
  {
    name: 'settings: the administrator creates an API token (shown once), it is its own identity, and revokes it',
    run: async ({ page, baseUrl, loginAs, screenshot }) => {
      await loginAs('office');
      await page.goto(`${baseUrl}/settings/tokens`);
      await page.getByRole('heading', { name: 'API 令牌' }).waitFor();
      await page.getByRole('button', { name: /新建令牌/ }).click();
      const dialog = page.getByRole('dialog', { name: '新建令牌' });
      await dialog.getByLabel('名称').fill('指挥中心大屏');
      await dialog.getByRole('button', { name: /创\s*建/ }).click();
      const alert = page.getByText(/已创建令牌“指挥中心大屏”/);
      await alert.waitFor();
      const token = (await page.locator('code').filter({ hasText: /^dbn_/ }).first().textContent())?.trim() ?? '';
      assert.match(token, /^dbn_/);
      await screenshot('settings-tokens');
      const me = await fetch(`${baseUrl}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } });
      assert.equal(me.status, 200);
      const body = (await me.json()) as { user: { kind: string; userId: number | null; role: string } };
      assert.deepEqual([body.user.kind, body.user.userId, body.user.role], ['token', null, 'leader']);
      const row = page.locator('tr', { hasText: '指挥中心大屏' });
      await row.getByText('有效').waitFor();
      await row.getByRole('button', { name: /撤\s*销/ }).click();
      await page
        .getByRole('tooltip')
        .getByRole('button', { name: /撤\s*销/ })
        .click();
      await row.getByText('已撤销').waitFor();
      const after = await fetch(`${baseUrl}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } });
      assert.equal(after.status, 401);
    },
  },
];

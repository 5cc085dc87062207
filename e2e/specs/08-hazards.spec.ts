import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import type { Spec } from '../fixtures/context.ts';
import { openFromMenu } from '../fixtures/ui.ts';

/** A small RGB PNG (a colour gradient with a band), so before/after photos show as real images. */
function png(width: number, height: number, rgb: [number, number, number]): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = (crcTable[(c ^ x) & 0xff] as number) ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, c]);
  };
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y += 1) {
    raw[y * (width * 3 + 1)] = 0;
    for (let x = 0; x < width; x += 1) {
      const o = y * (width * 3 + 1) + 1 + x * 3;
      const band = Math.abs(y - height / 2) < 8 ? 60 : 0;
      raw[o] = Math.min(255, rgb[0] * (0.6 + (0.4 * x) / width) + band);
      raw[o + 1] = Math.min(255, rgb[1] * (0.6 + (0.4 * y) / height) + band);
      raw[o + 2] = Math.min(255, rgb[2] + band);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

interface HazardList {
  total: number;
  items: { id: number; status: string; level: string; listed: boolean; enterpriseName: string; place: string }[];
}

export const specs: Spec[] = [
  {
    name: 'hazards: the register, a listed major hazard’s timeline, statistics and the dashboard section',
    run: async ({ page, api, loginAs, screenshot, baseUrl }) => {
      const all = await api.get<HazardList>('/api/hazards?limit=500');
      assert.ok(all.total >= 140, `demo hazards: ${all.total}`);
      await loginAs('office');
      await openFromMenu(page, '隐患台账');
      await page.getByText(`共 ${all.total} 项`).waitFor();
      await screenshot('hazards');

      await page.getByLabel('只看挂牌督办').check();
      await page.getByText(/共 \d+ 项/).waitFor();
      const listed = all.items.find((h) => h.listed && h.status === 'closed');
      assert.ok(listed, 'a closed listed hazard in the demo set');
      await page.goto(`${baseUrl}/hazards/${listed.id}`);
      await page.getByRole('heading', { name: `${listed.enterpriseName} · ${listed.place}`, level: 1 }).waitFor();
      await page.getByText('挂牌督办', { exact: true }).first().waitFor();
      await page.getByText('验收通过').first().waitFor();
      await page
        .getByText(/督办〔\d{4}〕\d+号/)
        .first()
        .waitFor();
      await screenshot('hazard-detail');

      await openFromMenu(page, '隐患统计');
      await page.getByText('分类统计（发现/整改）').waitFor();
      await page.locator('canvas').first().waitFor();
      await screenshot('hazard-stats');

      await loginAs('leader');
      await openFromMenu(page, '领导看板');
      await page.locator('[data-section="hazards"]').waitFor();
      await page.locator('[data-section="hazards"]').getByText('2023年底前存量销号').waitFor();
    },
  },
  {
    name: 'hazards: an enterprise self-reports from a phone with a photo and fixes it on the spot (立查立改)',
    run: async ({ page, api, loginAs, screenshot }) => {
      const ents = await api.get<{ enterprises: { id: number; name: string }[] }>('/api/enterprises?limit=5');
      const ent = ents.enterprises[0];
      assert.ok(ent);
      const account = { username: 'qy-e2e', password: 'Qiye-pass-2025!', role: 'enterprise' };
      await api.post('/api/users', { ...account, displayName: '企业安全员（测试）' });
      await api.post(`/api/enterprises/${ent.id}/accounts`, { username: account.username });
      const dir = mkdtempSync(join(tmpdir(), 'duban-e2e-photos-'));
      const before = join(dir, 'before.png');
      const after = join(dir, 'after.png');
      writeFileSync(before, png(320, 240, [200, 60, 40]));
      writeFileSync(after, png(320, 240, [40, 170, 80]));

      await page.setViewportSize({ width: 375, height: 812 });
      await loginAs(account);
      await page.goto(page.url().replace(/\/[^/]*$/, '/hazards/new'));
      await page.getByRole('heading', { name: '上报隐患（企业自查 / 检查发现）', level: 1 }).waitFor();
      await page.getByLabel('部位/设备').fill('二号车间配电箱');
      await page.getByLabel('隐患描述').fill('配电箱箱门缺失，带电部位裸露');
      await page.getByLabel('现场照片').setInputFiles(before);
      await screenshot('hazard-report');
      await page.setViewportSize({ width: 375, height: 812 });
      await page.getByRole('button', { name: /提\s*交/ }).click();
      await page.getByRole('heading', { name: `${ent.name} · 二号车间配电箱`, level: 1 }).waitFor();
      await page.locator('img[alt="before.png"]').waitFor();
      await page.getByLabel('after').setInputFiles(after);
      await page.locator('img[alt="after.png"]').waitFor();
      await page.getByRole('button', { name: '立查立改' }).click();
      await page.getByRole('dialog').getByLabel('说明').fill('已加装箱门并上锁');
      await page
        .getByRole('dialog')
        .getByRole('button', { name: /提\s*交/ })
        .click();
      await page.getByText('已销号').first().waitFor();
      await page.getByText('立查立改销号').waitFor();
      await screenshot('hazard-fixed');
    },
  },
  {
    name: 'hazards: settings (判定标准目录 with sources, an office item; notices), statistics by org unit, English',
    run: async ({ page, api, loginAs, screenshot, baseUrl }) => {
      await loginAs('office');
      await openFromMenu(page, '系统设置');
      await page.getByRole('link', { name: '隐患排查设置' }).click();
      await page.getByRole('heading', { name: '隐患排查设置', level: 1 }).waitFor();
      await page.getByText('重大事故隐患判定标准目录').waitFor();
      // Each standard names its source; open the in-force 工贸 standard and add an item with its source.
      await page.getByText(/工贸企业重大事故隐患判定标准（应急管理部令第10号）/).click();
      await page.getByText('随标准发布').first().waitFor();
      await page.getByRole('button', { name: '补录条目' }).first().click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('条', { exact: true }).fill('第十九条');
      await dialog.getByLabel('内容').fill('涉及有限空间作业的，未设置安全警示标识（e2e 补录）');
      // Without a source the office may not add it.
      await dialog.getByRole('button', { name: /补\s*录/ }).click();
      await dialog.getByText('请注明条目出处（文件、文号、页码）').waitFor();
      await dialog.getByLabel('出处').fill('某省应急管理厅解读材料第3页');
      await dialog.getByRole('button', { name: /补\s*录/ }).click();
      await page.getByText('条目已补录').waitFor();
      await page.getByText('办公室补录').first().waitFor();
      await page.getByText('某省应急管理厅解读材料第3页').waitFor();
      await page.getByLabel('整改时限前几天提醒').fill('10');
      await page.getByRole('button', { name: '保存设置' }).click();
      await page.getByText('隐患通知设置已保存').waitFor();
      await screenshot('hazard-settings');

      // Statistics by org unit (org_units), not by the 属地 text.
      await page.goto(`${baseUrl}/hazards/stats?year=2024`);
      const byUnit = page.locator('[data-section="by-org-unit"]');
      await byUnit.getByText('按单位').waitFor();
      await byUnit.getByRole('cell', { name: '忻州经济开发区' }).waitFor();
      await screenshot('hazard-stats-units');

      // The hazard pages in English.
      await page.getByText('English', { exact: true }).click();
      await page.locator('[data-section="by-org-unit"]').getByText('By org unit').waitFor();
      const reported = await api.get<HazardList>('/api/hazards?status=reported&limit=1');
      assert.ok(reported.items[0], 'a reported hazard in the demo set');
      await page.goto(`${baseUrl}/hazards/${reported.items[0].id}`);
      await page.getByRole('button', { name: 'Confirm hazard' }).waitFor();
      await page.getByText('Reported', { exact: true }).first().waitFor();
      await screenshot('hazard-detail-en');
      await page.getByText('中文', { exact: true }).click();
      await page.getByRole('button', { name: '确认隐患' }).waitFor();
    },
  },
];

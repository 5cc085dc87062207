import assert from 'node:assert/strict';
import { deflateSync } from 'node:zlib';
import { todayInShanghai } from '@duban/shared/civil-date';
import { creditCodeCheckChar } from '@duban/shared/credit-code';
import { departmentId } from '../fixtures/api.ts';
import type { Account, Spec } from '../fixtures/context.ts';

/** A small solid-colour PNG (a real image the server's type sniffing accepts). */
function png(rgb: [number, number, number]): Buffer {
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
  const size = 24;
  const raw = Buffer.alloc((size * 3 + 1) * size);
  for (let y = 0; y < size; y += 1) for (let x = 0; x < size; x += 1) raw.set(rgb, y * (size * 3 + 1) + 1 + x * 3);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** PATCH as an account (the shared ApiSession has no patch): its own cookie session and CSRF token. */
async function patchAs(baseUrl: string, account: Account, path: string, body: unknown): Promise<void> {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: account.username, password: account.password }),
  });
  assert.equal(login.status, 200, `login ${account.username}`);
  const csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
  const cookie = (login.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
  const res = await fetch(`${baseUrl}${path}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf },
    body: JSON.stringify(body),
  });
  assert.equal(res.status, 200, `PATCH ${path}: ${await res.text()}`);
}

interface Inspection {
  id: number;
  version: number;
  findings: { id: number; clientKey: string; photoKeys: string[]; hazardId: number | null }[];
}

export const specs: Spec[] = [
  {
    name: 'inspections: offline on a phone — three findings with photos queue, sync once when back online; a conflicting edit is shown',
    run: async ({ page, api, accounts, loginAs, screenshot, baseUrl }) => {
      // An enterprise 应急管理部 supervises, two inspectors of that department in the pool, an inspection today.
      const emergency = await departmentId(api, 2024, '应急管理部');
      const body17 = '91140900MA0E2E115';
      const enterprise = await api.post<{ id: number; name: string }>('/api/enterprises', {
        name: '现场检查演练化工有限公司',
        creditCode: body17 + creditCodeCheckChar(body17),
        address: '开发区演练路1号',
        industries: ['chemical'],
        highRisk: true,
        standardizationLevel: '二级',
        supervisors: [{ departmentId: emergency, role: 'industry' }],
      });
      const inspectors: Account[] = [];
      const poolIds: number[] = [];
      for (const n of [1, 2]) {
        const account: Account = {
          username: `jczf-${n}`,
          password: `Inspect-pass-2025-${n}`,
          role: 'department',
          departmentId: emergency,
        };
        const user = await api.post<{ id: number }>('/api/users', {
          ...account,
          displayName: `执法人员${n}`,
          isHead: false,
        });
        const inspector = await api.post<{ id: number }>('/api/inspectors', {
          kind: 'staff',
          userId: user.id,
          name: `执法人员${n}`,
          departmentId: emergency,
        });
        inspectors.push(account);
        poolIds.push(inspector.id);
      }
      const matter = await api.post<{ id: number }>('/api/inspection-matters', {
        code: 'E2E-01',
        title: '危险化学品安全管理检查',
        checklist: ['安全生产责任制', '重大危险源监控', '特殊作业管理'],
      });
      const created = await api.post<Inspection>('/api/inspections', {
        enterpriseId: enterprise.id,
        mode: 'unannounced',
        trigger: 'planned',
        inspectedOn: todayInShanghai(),
        matterId: matter.id,
        inspectorIds: poolIds,
      });

      await loginAs(inspectors[0] as Account);
      await page.goto(`${baseUrl}/field`);
      await page.getByRole('heading', { name: '现场检查（可离线）', level: 1 }).waitFor();
      await page.getByText(enterprise.name).first().waitFor();
      await page
        .getByRole('button', { name: /打\s*开/ })
        .first()
        .click();
      await page.getByTestId('inspection-form').waitFor();

      // The network goes away: three findings, each with a photo, go to the device's queue.
      await page.context().setOffline(true);
      await page.getByText('离线：记录保存在本机').waitFor();
      const colours: [number, number, number][] = [
        [200, 40, 40],
        [40, 160, 60],
        [40, 80, 200],
      ];
      for (const [n, rgb] of colours.entries()) {
        await page.locator('#finding-description').fill(`离线发现的问题${n + 1}：特殊作业未办理审批`);
        await page.locator('#finding-place').fill(`${n + 1}号罐区`);
        await page.locator('#finding-item').fill('特殊作业管理');
        await page
          .locator('#finding-photos')
          .setInputFiles({ name: `photo-${n + 1}.png`, mimeType: 'image/png', buffer: png(rgb) });
        await page.getByRole('button', { name: '添加问题' }).click();
        await page
          .getByTestId('queue-count')
          .filter({ hasText: `待上传 ${(n + 1) * 2} 项` })
          .waitFor();
      }
      await page.getByTestId('pending-findings').locator('li').nth(2).waitFor();
      const offlineView = await api.get<Inspection>(`/api/inspections/${created.id}`);
      assert.equal(offlineView.findings.length, 0, 'nothing reached the server while offline');
      await screenshot('inspections-field-offline');

      // Back online: the queue drains by itself; each finding is stored once with its photo and became a hazard.
      await page.context().setOffline(false);
      await page.getByTestId('queue-count').filter({ hasText: '待上传 0 项' }).waitFor({ timeout: 30_000 });
      await page.getByTestId('synced-findings').locator('li').nth(2).waitFor({ timeout: 15_000 });
      const synced = await api.get<Inspection>(`/api/inspections/${created.id}`);
      assert.equal(synced.findings.length, 3, 'three findings on the server');
      assert.equal(new Set(synced.findings.map((f) => f.clientKey)).size, 3);
      for (const f of synced.findings) {
        assert.equal(f.photoKeys.length, 1);
        assert.ok(f.hazardId, 'each finding is a hazard in the register');
      }
      const hazards = await api.get<{ total: number }>(`/api/hazards?enterpriseId=${enterprise.id}`);
      assert.equal(hazards.total, 3, 'three hazards, none duplicated');
      // A second sync sends nothing again.
      await page.reload();
      await page.getByTestId('queue-count').filter({ hasText: '待上传 0 项' }).waitFor();
      assert.equal((await api.get<Inspection>(`/api/inspections/${created.id}`)).findings.length, 3);

      // A conflicting edit: offline, the inspector edits the checklist summary; meanwhile the office changes it.
      await page
        .getByRole('button', { name: /打\s*开/ })
        .first()
        .click();
      await page.context().setOffline(true);
      await page.locator('#insp-summary').fill('现场检查发现特殊作业管理问题三项（检查人员记录）');
      await page.getByRole('button', { name: '保存检查表' }).click();
      await page.getByTestId('queue-count').filter({ hasText: '待上传 1 项' }).waitFor();
      const current = await api.get<Inspection>(`/api/inspections/${created.id}`);
      await patchAs(baseUrl, accounts.office, `/api/inspections/${created.id}`, {
        version: current.version,
        summary: '办公室补充：已通知企业主要负责人',
      });
      await page.context().setOffline(false);
      await page.getByTestId('conflict').waitFor({ timeout: 30_000 });
      await page.getByText('检查表在服务器上已被他人修改').first().waitFor();
      await page.getByText('办公室补充：已通知企业主要负责人').first().waitFor();
      await page.getByText('现场检查发现特殊作业管理问题三项（检查人员记录）').first().waitFor();
      const after = await api.get<Inspection & { summary: string }>(`/api/inspections/${created.id}`);
      assert.equal(after.summary, '办公室补充：已通知企业主要负责人', 'the server version was not overwritten');
      await screenshot('inspections-field-conflict');
    },
  },
];

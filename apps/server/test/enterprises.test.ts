import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/modules/audit/audit.service.ts';
import { buildTestApp, type TestApp } from './app-harness.ts';
import { describeEachDatabase } from './databases.ts';
import { codeFor, enterpriseBody, setupEnterprises } from './enterprise-fixtures.ts';
import { multipart } from './multipart.ts';

describeEachDatabase('enterprises', (get) => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof setupEnterprises>>;
  beforeAll(async () => {
    t = await buildTestApp(get());
    ids = await setupEnterprises(t);
  });

  describe('registry', () => {
    it('refuses an invalid credit code with 400 invalid_credit_code naming the position and expected character', async () => {
      const good = codeFor(5);
      const wrongLast = good.slice(0, 17) + (good.endsWith('0') ? '1' : '0');
      const res = await t.as('admin', {
        method: 'POST',
        url: '/api/enterprises',
        payload: enterpriseBody(5, [], { creditCode: wrongLast }),
      });
      expect(res.statusCode).toBe(400);
      const err = res.json().error;
      expect(err.code).toBe('invalid_credit_code');
      expect(err.details).toMatchObject({ position: 18, expected: good.charAt(17) });
      expect(err.message).toContain('第18位');
      const letterO = await t.as('admin', {
        method: 'POST',
        url: '/api/enterprises',
        payload: enterpriseBody(5, [], { creditCode: '91350100M0001O0Y43' }),
      });
      expect(letterO.statusCode).toBe(400);
      expect(letterO.json().error).toMatchObject({
        code: 'invalid_credit_code',
        details: { position: 14, expected: null },
      });
    });

    it('creates, edits with the version, refuses a stale version and a duplicate code, keeps every version', async () => {
      const created = await t.as('staff', {
        method: 'POST',
        url: '/api/enterprises',
        payload: enterpriseBody(10, [{ departmentId: ids.depA, role: 'industry' }], {
          creditCode: ` ${codeFor(10).toLowerCase()} `,
        }),
      });
      expect(created.statusCode).toBe(201);
      const e = created.json();
      expect(e).toMatchObject({
        creditCode: codeFor(10),
        version: 1,
        status: 'operating',
        industries: [{ code: 'machinery', name: '机械' }],
        tags: [{ code: 'dust_explosion', name: '粉尘涉爆' }],
        riskClass: { code: 'orange' },
        principal: { name: '张三', phone: '13800000001' },
        supervisors: [{ departmentId: ids.depA, departmentName: '应急管理部', role: 'industry' }],
      });
      const dup = await t.as('admin', { method: 'POST', url: '/api/enterprises', payload: enterpriseBody(10, []) });
      expect(dup.statusCode).toBe(409);

      const edit = await t.as('admin', {
        method: 'PUT',
        url: `/api/enterprises/${e.id}`,
        payload: {
          ...enterpriseBody(10, [
            { departmentId: ids.depA, role: 'industry' },
            { departmentId: ids.depB, role: 'territorial' },
          ]),
          name: '测试企业10（改名）有限公司',
          version: 1,
        },
      });
      expect(edit.statusCode).toBe(200);
      expect(edit.json()).toMatchObject({ version: 2, name: '测试企业10（改名）有限公司' });
      expect(edit.json().supervisors).toHaveLength(2);

      const stale = await t.as('admin', {
        method: 'PUT',
        url: `/api/enterprises/${e.id}`,
        payload: { ...enterpriseBody(10, []), version: 1 },
      });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error.details).toEqual({ currentVersion: 2 });

      const versions = await t.as('admin', { method: 'GET', url: `/api/enterprises/${e.id}/versions` });
      expect(versions.json().versions.map((v: { version: number; change: string }) => [v.version, v.change])).toEqual([
        [2, 'updated'],
        [1, 'created'],
      ]);
      expect(versions.json().versions[1].snapshot.name).toBe('测试企业10有限公司');

      const audit = await get()
        .handle.db.selectFrom('audit_events')
        .select('action')
        .where('entity', '=', 'enterprise')
        .where('entity_id', '=', String(e.id))
        .orderBy('id')
        .execute();
      expect(audit.map((a) => a.action)).toEqual(['enterprise.create', 'enterprise.update']);
      expect((await verifyAuditChain(get().handle.db)).ok).toBe(true);
    });

    it('refuses unknown catalogue codes and foreign departments with 400', async () => {
      const badIndustry = await t.as('admin', {
        method: 'POST',
        url: '/api/enterprises',
        payload: enterpriseBody(11, [], { industries: ['no_such'] }),
      });
      expect(badIndustry.statusCode).toBe(400);
      expect(badIndustry.json().error.message).toContain('no_such');
      const badDept = await t.as('admin', {
        method: 'POST',
        url: '/api/enterprises',
        payload: enterpriseBody(11, [{ departmentId: 999999, role: 'industry' }]),
      });
      expect(badDept.statusCode).toBe(400);
    });
  });

  describe('scope', () => {
    it('a department sees only the enterprises it supervises; a foreign one is 404 like a missing one', async () => {
      const list = await t.as('dept_b', { method: 'GET', url: '/api/enterprises?limit=500' });
      expect(list.statusCode).toBe(200);
      const seen = list.json().enterprises.map((e: { id: number }) => e.id);
      expect(seen).toContain(ids.supervisedByB);
      expect(seen).not.toContain(ids.supervisedByA);
      const foreign = await t.as('dept_b', { method: 'GET', url: `/api/enterprises/${ids.supervisedByA}` });
      const missing = await t.as('dept_b', { method: 'GET', url: '/api/enterprises/987654' });
      expect(foreign.statusCode).toBe(404);
      expect(foreign.body).toBe(missing.body);
    });

    it('binding an enterprise account sets users.enterprise_id, moves the account version and is audited', async () => {
      const { db } = get().handle;
      const user = await db
        .selectFrom('users')
        .select(['id', 'enterprise_id', 'version'])
        .where('username', '=', 'enterprise')
        .executeTakeFirstOrThrow();
      expect(user.enterprise_id).toBe(ids.supervisedByB);
      expect(user.version).toBe(2);
      const audit = await db
        .selectFrom('audit_events')
        .select(['action', 'after'])
        .where('entity', '=', 'user')
        .where('entity_id', '=', String(user.id))
        .where('action', '=', 'user.bind_enterprise')
        .execute();
      expect(audit).toHaveLength(1);
      const dept = await t.as('admin', {
        method: 'POST',
        url: `/api/enterprises/${ids.supervisedByB}/accounts`,
        payload: { username: 'dept_a' },
      });
      expect(dept.statusCode).toBe(400);
    });

    it('an enterprise account sees only its own enterprise and writes nothing', async () => {
      const list = await t.as('enterprise', { method: 'GET', url: '/api/enterprises' });
      expect(list.json()).toMatchObject({ total: 1, enterprises: [{ id: ids.supervisedByB }] });
      expect(
        (await t.as('enterprise', { method: 'GET', url: `/api/enterprises/${ids.supervisedByA}` })).statusCode,
      ).toBe(404);
      const own = await t.as('enterprise', { method: 'GET', url: `/api/enterprises/${ids.supervisedByB}` });
      expect(own.statusCode).toBe(200);
      const write = await t.as('enterprise', {
        method: 'PUT',
        url: `/api/enterprises/${ids.supervisedByB}`,
        payload: { ...enterpriseBody(902, []), version: own.json().version },
      });
      expect(write.statusCode).toBe(403);
    });

    it('leaders read everything and write nothing', async () => {
      const list = await t.as('leader', { method: 'GET', url: '/api/enterprises?limit=500' });
      expect(list.json().total).toBeGreaterThanOrEqual(2);
      const create = await t.as('leader', { method: 'POST', url: '/api/enterprises', payload: enterpriseBody(12, []) });
      expect(create.statusCode).toBe(403);
    });
  });

  describe('responsibility list', () => {
    it('lists open enterprises with their departments by role, drops a closed one, and comes back on reopening', async () => {
      const created = await t.as('admin', {
        method: 'POST',
        url: '/api/enterprises',
        payload: enterpriseBody(20, [
          { departmentId: ids.depA, role: 'industry' },
          { departmentId: ids.depB, role: 'territorial' },
        ]),
      });
      const e = created.json();
      const before = await t.as(null, { method: 'GET', url: '/api/public/supervision-list' });
      expect(before.statusCode).toBe(200);
      const row = before.json().rows.find((r: { creditCode: string }) => r.creditCode === codeFor(20));
      expect(row).toMatchObject({
        name: '测试企业20有限公司',
        industries: ['机械'],
        industrySupervisors: ['应急管理部'],
        territorialSupervisors: ['建设环保管理部'],
        comprehensiveSupervisors: [],
        status: 'operating',
      });
      // No phone numbers, no internal ids anywhere in the public answer.
      expect(before.body).not.toMatch(/1380000000\d/);
      expect(before.body).not.toMatch(/"id"|departmentId|enterpriseId/);

      // The public portal's 监管责任清单 section shows the same rows (server-rendered, no phones).
      const portal = await t.as(null, { method: 'GET', url: `/public?q=${encodeURIComponent('测试企业20')}` });
      expect(portal.statusCode).toBe(200);
      expect(portal.body).toContain('测试企业20有限公司');
      const section = portal.body.slice(portal.body.indexOf('id="s-sup"'), portal.body.indexOf('id="s-haz"'));
      expect(section).toContain('测试企业20有限公司');
      expect(section).toContain('建设环保管理部');
      expect(portal.body).not.toMatch(/1380000000\d/);

      const close = await t.as('admin', {
        method: 'POST',
        url: `/api/enterprises/${e.id}/status`,
        payload: { status: 'closed', on: '2026-11-30', version: e.version, reason: '注销' },
      });
      expect(close.statusCode).toBe(200);
      expect(close.json()).toMatchObject({ status: 'closed', closedOn: '2026-11-30', version: 2 });
      const after = await t.as(null, { method: 'GET', url: '/api/public/supervision-list' });
      expect(after.json().rows.some((r: { creditCode: string }) => r.creditCode === codeFor(20))).toBe(false);
      expect(after.json().total).toBe(before.json().total - 1);

      const reopen = await t.as('admin', {
        method: 'POST',
        url: `/api/enterprises/${e.id}/status`,
        payload: { status: 'operating', on: '2026-12-01', version: 2 },
      });
      expect(reopen.json()).toMatchObject({ status: 'operating', closedOn: null });
      const again = await t.as(null, { method: 'GET', url: '/api/public/supervision-list' });
      expect(again.json().total).toBe(before.json().total);
    });

    it('pages and searches the public list; total counts every match', async () => {
      const all = (await t.as(null, { method: 'GET', url: '/api/public/supervision-list' })).json();
      expect(all.total).toBeGreaterThanOrEqual(3);
      const second = (await t.as(null, { method: 'GET', url: '/api/public/supervision-list?limit=1&offset=1' })).json();
      expect(second.total).toBe(all.total);
      expect(second.rows).toEqual([all.rows[1]]);
      expect(second.rows[0].seq).toBe(2);
      const found = (
        await t.as(null, { method: 'GET', url: `/api/public/supervision-list?q=${encodeURIComponent('测试企业20')}` })
      ).json();
      expect(found.rows.map((r: { name: string }) => r.name)).toEqual(['测试企业20有限公司']);
      expect(found.total).toBe(1);
      const tooMany = await t.as(null, { method: 'GET', url: '/api/public/supervision-list?limit=100000' });
      expect(tooMany.statusCode).toBe(400);
    });

    it('exports the list as .xlsx in the official layout and as PDF', async () => {
      const xlsx = await t.as('leader', { method: 'GET', url: '/api/supervision-list/export?format=xlsx' });
      expect(xlsx.statusCode).toBe(200);
      expect(xlsx.headers['content-type']).toContain('spreadsheetml');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(new Uint8Array(xlsx.rawPayload).buffer);
      const sheet = wb.worksheets[0];
      expect(String(sheet?.getCell(1, 1).value)).toContain('安全生产监管责任清单');
      expect(String(sheet?.getCell(2, 1).value)).toMatch(/^（截至\d{4}年\d{1,2}月\d{1,2}日，共 \d+ 家）$/);
      expect([1, 2, 3, 7, 8, 9].map((c) => String(sheet?.getCell(3, c).value))).toEqual([
        '序号',
        '企业名称',
        '统一社会信用代码',
        '行业监管部门',
        '属地管理部门',
        '综合监管部门',
      ]);
      expect(String(sheet?.getCell(4, 2).value)).not.toBe('');
      const pdf = await t.as('dept_a', { method: 'GET', url: '/api/supervision-list/export?format=pdf' });
      expect(pdf.statusCode).toBe(200);
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    });
  });

  describe('import', () => {
    const header =
      '企业名称,统一社会信用代码,行业类别,所属街道,主要负责人,联系电话,行业监管部门,属地管理部门,经营状态\n';
    const csv = (rows: string[]) => header + rows.join('\n');
    const upload = (bytes: Uint8Array, name: string, dryRun: boolean) =>
      t.as('admin', {
        method: 'POST',
        url: `/api/enterprises/import${dryRun ? '?dryRun=1' : ''}`,
        ...multipart({}, [{ field: 'file', filename: name, content: bytes }]),
      });

    it('reads a GBK CSV: every row imported or reported (bad code, duplicates, unknown industry/department); dry run writes nothing', async () => {
      const rows = [
        `甲机械厂,${codeFor(101)},机械,云中街道,赵一,13900000001,应急管理部,建设环保管理部,在营`,
        `乙化工公司,${codeFor(102)},危化,秀容街道,钱二,13900000002,应急管理部,,停产`,
        `丙商贸公司,${codeFor(103).slice(0, 17)}X,商贸,云中街道,孙三,13900000003,经济发展部,,在营`,
        `丁公司,${codeFor(104)},机械,云中街道,李四,13900000004,应急管理部,,在营`,
        `丁公司（重复）,${codeFor(104)},机械,云中街道,李四,13900000004,应急管理部,,在营`,
        `戊公司,${codeFor(105)},造船,云中街道,周五,13900000005,应急管理部,,在营`,
        `己公司,${codeFor(106)},工贸-冶金、粉尘涉爆,云中街道,吴六,13900000006,不存在的局,,在营`,
        '',
        `庚公司,${codeFor(107)},建材,云中街道,郑七,13900000007,"应急管理部、经济发展部",建设环保管理部,关闭`,
      ];
      const bytes = new Uint8Array(iconv.encode(csv(rows), 'gbk'));
      const count = async () =>
        Number(
          (
            await get()
              .handle.db.selectFrom('enterprises')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const n0 = await count();
      const dry = await upload(bytes, '企业名录.csv', true);
      expect(dry.statusCode).toBe(200);
      const body = dry.json();
      expect(await count()).toBe(n0);
      expect(body.dryRun).toBe(true);
      expect(body.enterprises.map((e: { name: string }) => e.name)).toEqual(['甲机械厂', '乙化工公司', '庚公司']);
      expect(body.enterprises[0]).toMatchObject({
        creditCode: codeFor(101),
        industries: ['机械'],
        orgUnit: expect.any(String),
        locality: '云中街道',
        supervisors: [
          { department: '应急管理部', role: 'industry' },
          { department: '建设环保管理部', role: 'territorial' },
        ],
        action: 'create',
      });
      expect(body.enterprises[1]).toMatchObject({ industries: ['危险化学品'], status: 'suspended' });
      expect(body.enterprises[2].supervisors).toHaveLength(3);
      const problemRows = body.problems.map((p: { row: number }) => p.row);
      // Header is line 1: rows 4 (bad code), 5 + 6 (duplicate), 7 (unknown industry), 8 (unknown department).
      expect([...new Set(problemRows)]).toEqual([4, 5, 6, 7, 8]);
      const byRow = (r: number) =>
        body.problems
          .filter((p: { row: number }) => p.row === r)
          .map((p: { message: string }) => p.message)
          .join(' ');
      expect(byRow(4)).toContain('第18位');
      expect(byRow(5)).toContain('第 5、6 行重复');
      expect(byRow(7)).toContain('造船');
      expect(byRow(8)).toContain('不存在的局');
      // Every non-blank data row is either imported or reported.
      expect(body.enterprises.length + new Set(problemRows).size).toBe(8);

      const real = await upload(bytes, '企业名录.csv', false);
      expect(real.json()).toMatchObject({ dryRun: false, created: 3, updated: 0, unchanged: 0 });
      expect(await count()).toBe(n0 + 3);
      const again = await upload(bytes, '企业名录.csv', true);
      expect(again.json()).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
      expect(again.json().enterprises.every((e: { action: string }) => e.action === 'same')).toBe(true);
      const closed = await get()
        .handle.db.selectFrom('enterprises')
        .select(['status', 'closed_on'])
        .where('credit_code', '=', codeFor(107))
        .executeTakeFirstOrThrow();
      expect(closed.status).toBe('closed');
      expect(closed.closed_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    });

    it('reads an .xlsx with a title row, merged 属地 and department cells, and updates changed rows', async () => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('名录');
      ws.mergeCells('A1:F1');
      ws.getCell('A1').value = '开发区企业安全生产基本信息表';
      ws.addRow([]);
      ws.getRow(2).values = [
        '序号',
        '企业（单位）名称',
        '统一社会信用代码',
        '行业类别',
        '所属街道',
        '行业监管部门',
        '成立日期',
        '是否高危',
      ];
      ws.getRow(3).values = [
        1,
        '甲机械厂',
        codeFor(101),
        '机械',
        '长征街道',
        '应急管理部',
        new Date(Date.UTC(2015, 2, 5)),
        '是',
      ];
      ws.getRow(4).values = [2, '辛公司', codeFor(108), '轻工', null, null, '2020/7/1', '否'];
      ws.getRow(5).values = [3, '壬公司', codeFor(109), '纺织', null, null, '', ''];
      ws.mergeCells('E3:E5');
      ws.mergeCells('F3:F5');
      const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
      const res = await upload(bytes, '名录.xlsx', false);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.problems).toEqual([]);
      expect(body).toMatchObject({ created: 2, updated: 1 });
      expect(body.enterprises.map((e: { locality: string }) => e.locality)).toEqual([
        '长征街道',
        '长征街道',
        '长征街道',
      ]);
      expect(body.enterprises[2].supervisors).toEqual([{ department: '应急管理部', role: 'industry' }]);
      const updated = await get()
        .handle.db.selectFrom('enterprises')
        .select(['locality', 'opened_on', 'high_risk', 'principal_name', 'version'])
        .where('credit_code', '=', codeFor(101))
        .executeTakeFirstOrThrow();
      // Columns the sheet does not have (主要负责人) keep their registered values.
      expect(updated).toEqual({
        locality: '长征街道',
        opened_on: '2015-03-05',
        high_risk: 1,
        principal_name: '赵一',
        version: 2,
      });
    });

    it('reads an official two-row merged header (主要负责人 over 姓名/电话, 监管部门 over the three roles)', async () => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('监管企业');
      ws.getRow(1).values = ['某开发区企业安全生产监管台账'];
      ws.mergeCells('A1:H1');
      ws.getRow(2).values = [
        '序号',
        '企业名称',
        '统一社会信用代码',
        '主要负责人',
        null,
        '监管部门',
        null,
        null,
        '行业类别',
      ];
      ws.getRow(3).values = [null, null, null, '姓名', '联系电话', '行业监管', '属地管理', '综合监管', null];
      for (const col of ['A', 'B', 'C', 'I']) ws.mergeCells(`${col}2:${col}3`);
      ws.mergeCells('D2:E2');
      ws.mergeCells('F2:H2');
      ws.getRow(4).values = [
        1,
        '癸公司',
        codeFor(110),
        '冯十',
        '13900000010',
        '应急管理部',
        '建设环保管理部',
        '应急管理部',
        '烟花爆竹',
      ];
      const res = await upload(new Uint8Array(await wb.xlsx.writeBuffer()), '台账.xlsx', true);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.problems).toEqual([]);
      expect(body.enterprises).toEqual([
        expect.objectContaining({
          row: 4,
          name: '癸公司',
          industries: ['烟花爆竹'],
          supervisors: [
            { department: '应急管理部', role: 'industry' },
            { department: '建设环保管理部', role: 'territorial' },
            { department: '应急管理部', role: 'comprehensive' },
          ],
        }),
      ]);
    });

    it('refuses a file without the header with 422 and a Chinese message', async () => {
      const res = await upload(new TextEncoder().encode('a,b,c\n1,2,3\n'), 'x.csv', true);
      expect(res.statusCode).toBe(422);
      expect(res.json().error.message).toContain('统一社会信用代码');
    });
  });
});

import { expect, it } from 'vitest';
import { ensureHazardStandards } from '../src/modules/hazards/hazard-standards.ts';
import { buildTestApp, type TestApp } from './app-harness.ts';
import { describeEachDatabase } from './databases.ts';
import { setupEnterprises } from './enterprise-fixtures.ts';
import { multipart } from './multipart.ts';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);
const PDF = Buffer.from('%PDF-1.4\n% test\n');

async function upload(
  t: TestApp,
  who: 'enterprise' | 'dept_a' | 'dept_b' | 'admin',
  id: number,
  kind: string,
  name: string,
  bytes = PNG,
) {
  const body = multipart({}, [{ field: 'file', filename: name, content: bytes }]);
  return t.as(who, { method: 'POST', url: `/api/hazards/${id}/files?kind=${kind}`, ...body });
}

describeEachDatabase('hazards: the whole loop', (get) => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof setupEnterprises>>;
  let basisItemId: number;

  it('sets up enterprises and the catalogue', async () => {
    t = await buildTestApp(get());
    await ensureHazardStandards(get().handle.db);
    ids = await setupEnterprises(t);
    const std = await t.as('enterprise', { method: 'GET', url: '/api/hazard-standards' });
    expect(std.statusCode).toBe(200);
    const gongmao = std.json().standards.find((s: { number: string }) => s.number === '应急管理部令第10号');
    expect(gongmao.effectiveDate).toBe('2023-05-15');
    expect(gongmao.inForce).toBe(true);
    const dust = gongmao.items.filter((i: { article: string }) => i.article === '第十一条');
    expect(dust).toHaveLength(10);
    basisItemId = dust[2].id;
    const old = std.json().standards.find((s: { code: string }) => s.code === 'gongmao-2017');
    expect(old.inForce).toBe(false);
    // Loading again adds nothing.
    expect(await ensureHazardStandards(get().handle.db)).toBe(0);
  });

  it('企业自查 → 立查立改 with before/after photos closes a general hazard in one step', async () => {
    const created = await t.as('enterprise', {
      method: 'POST',
      url: '/api/hazards',
      payload: {
        channel: 'self_check',
        level: 'general',
        place: '二号车间配电箱',
        description: '配电箱箱门缺失，带电部位裸露',
        foundOn: '2024-05-06',
        foundBy: '安全员王五',
      },
    });
    expect(created.statusCode).toBe(201);
    const h = created.json();
    expect(h.enterpriseId).toBe(ids.supervisedByB);
    expect(h.status).toBe('reported');
    expect(h.availableActions).toContain('fix_on_spot');
    expect(h.availableActions).not.toContain('confirm');

    // Another channel or another enterprise is refused for an enterprise account.
    const other = await t.as('enterprise', {
      method: 'POST',
      url: '/api/hazards',
      payload: {
        enterpriseId: ids.supervisedByA,
        channel: 'self_check',
        level: 'general',
        place: 'x',
        description: 'y',
        foundOn: '2024-05-06',
        foundBy: 'z',
      },
    });
    expect(other.statusCode).toBe(404);

    // Without photos: refused, names what is missing.
    const early = await t.as('enterprise', {
      method: 'POST',
      url: `/api/hazards/${h.id}/fix-on-spot`,
      payload: { version: h.version, note: '已加装箱门', fixedOn: '2024-05-06' },
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toContain('整改前照片');

    // A PDF is not a photo.
    expect((await upload(t, 'enterprise', h.id, 'before', 'before.pdf', PDF)).statusCode).toBe(415);
    expect((await upload(t, 'enterprise', h.id, 'before', 'before.png')).statusCode).toBe(201);
    const after = await upload(t, 'enterprise', h.id, 'after', 'after.png');
    expect(after.statusCode).toBe(201);
    // dept_a does not supervise this enterprise: the hazard does not exist for it.
    expect((await t.as('dept_a', { method: 'GET', url: `/api/hazards/${h.id}` })).statusCode).toBe(404);

    const done = await t.as('enterprise', {
      method: 'POST',
      url: `/api/hazards/${h.id}/fix-on-spot`,
      payload: { version: after.json().version, note: '已加装箱门并上锁', fixedOn: '2024-05-06' },
    });
    expect(done.statusCode).toBe(200);
    expect(done.json().status).toBe('closed');
    expect(done.json().acceptances[0]).toMatchObject({ kind: 'on_spot', result: 'pass' });
    const photo = await t.as('dept_b', { method: 'GET', url: `/api/hazards/${h.id}/files/${done.json().files[0].id}` });
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toBe('image/png');
  });

  it('部门检查 → major hazard → 挂牌督办 → failed acceptance → passed acceptance → 销号', async () => {
    const created = await t.as('dept_a', {
      method: 'POST',
      url: '/api/hazards',
      payload: {
        enterpriseId: ids.supervisedByA,
        channel: 'department_inspection',
        level: 'major',
        place: '抛光车间除尘系统',
        description: '干式除尘系统未采取泄爆、惰化、抑爆等任一种爆炸防控措施',
        foundOn: '2024-03-12',
        foundBy: '应急管理部 检查组',
        basisItemId,
      },
    });
    expect(created.statusCode).toBe(201);
    let h = created.json();
    expect(h.basis.number).toBe('应急管理部令第10号');
    expect(h.basis.article).toBe('第十一条');
    const id = h.id as number;
    const post = (who: Parameters<TestApp['as']>[0], path: string, payload: object) =>
      t.as(who, { method: 'POST', url: `/api/hazards/${id}/${path}`, payload });

    // Leaders read, never write; dept_b and the enterprise (bound to B) do not see it.
    expect((await t.as('leader', { method: 'GET', url: `/api/hazards/${id}` })).statusCode).toBe(200);
    expect((await post('leader', 'confirm', { version: h.version })).statusCode).toBe(403);
    expect((await post('dept_b', 'confirm', { version: h.version })).statusCode).toBe(404);
    expect((await t.as('enterprise', { method: 'GET', url: `/api/hazards/${id}` })).statusCode).toBe(404);

    // 销号 straight away: 409 acceptance_required.
    const tooEarly = await post('admin', 'close', { version: h.version });
    expect(tooEarly.statusCode).toBe(409);
    expect(tooEarly.json().error.code).toBe('acceptance_required');

    let r = await post('dept_a', 'confirm', { version: h.version });
    expect(r.statusCode).toBe(200);
    h = r.json();
    expect(h.status).toBe('confirmed');
    // Stale version.
    r = await post('dept_a', 'start-rectification', { version: h.version - 1 });
    expect(r.statusCode).toBe(409);
    expect(r.json().error.details.currentVersion).toBe(h.version);
    // No plan yet.
    r = await post('dept_a', 'start-rectification', { version: h.version });
    expect(r.statusCode).toBe(409);
    expect(r.json().error.details.reason).toBe('plan_required');

    r = await post('dept_a', 'plan', {
      version: h.version,
      currentState: '除尘器无泄爆装置，与车间直连',
      severity: '可能导致粉尘爆炸，整改需停产改造，难度较大',
      plan: '加装泄爆片和隔爆阀，改造除尘管道',
      responsible: '张三（总经理）',
      measures: '停用抛光线，加装泄爆和隔爆装置',
      fundsYuan: 380000,
      deadline: '2024-06-30',
      contingency: '停产期间每日清扫积尘，配备灭火器材',
    });
    expect(r.statusCode).toBe(200);
    h = r.json();
    expect(h.fiveImplementations.fundsYuan).toBe(380000);
    expect(h.timeLimit).toBe('2024-06-30');
    r = await post('dept_a', 'start-rectification', { version: h.version });
    expect(r.json().status).toBe('rectifying');
    h = r.json();

    // 挂牌督办 by the office only; numbered notice; the time limit is the listing's.
    const listing = {
      version: h.version,
      listingLevel: 'zone',
      listingUnit: '开发区安委会',
      supervisingDepartmentId: ids.depA,
      listedOn: '2024-03-20',
      batchNo: '2024-1',
      timeLimit: '2024-07-31',
    };
    expect((await post('dept_a', 'listing', listing)).statusCode).toBe(403);
    expect((await post('admin', 'listing', { ...listing, timeLimit: '2025-04-01' })).statusCode).toBe(400);
    r = await post('admin', 'listing', listing);
    expect(r.statusCode).toBe(200);
    h = r.json();
    expect(h.listing.noticeNo).toBe('督办〔2024〕1号');
    expect(h.timeLimit).toBe('2024-07-31');
    const docx = await t.as('dept_a', { method: 'GET', url: `/api/hazards/${id}/notice?format=docx` });
    expect(docx.statusCode).toBe(200);
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect(decodeURIComponent(String(docx.headers['content-disposition']))).toContain('督办〔2024〕1号');
    const pdf = await t.as('leader', { method: 'GET', url: `/api/hazards/${id}/notice?format=pdf` });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const notes = await t.as('dept_a', { method: 'GET', url: '/api/notifications' });
    expect(JSON.stringify(notes.json())).toContain('挂牌督办');

    // No evaluation yet.
    r = await post('dept_a', 'request-acceptance', { version: h.version });
    expect(r.json().error.details.reason).toBe('evaluation_required');
    r = await post('dept_a', 'evaluation', {
      version: h.version,
      kind: 'third_party',
      organisation: '某安全评价有限公司',
      summary: '泄爆装置已安装，尚需验证',
      evaluatedOn: '2024-05-20',
    });
    h = r.json();
    r = await post('dept_a', 'request-acceptance', { version: h.version });
    expect(r.json().status).toBe('acceptance_requested');
    h = r.json();

    // Failed acceptance → back to rectifying; a reason is required.
    expect(
      (
        await post('dept_a', 'acceptance', {
          version: h.version,
          result: 'fail',
          acceptedOn: '2024-05-28',
          acceptors: '应急管理部 李四',
        })
      ).statusCode,
    ).toBe(400);
    r = await post('dept_a', 'acceptance', {
      version: h.version,
      result: 'fail',
      acceptedOn: '2024-05-28',
      acceptors: '应急管理部 李四',
      experts: ['王专家'],
      reason: '隔爆阀未安装',
    });
    expect(r.json().status).toBe('rectifying');
    h = r.json();
    r = await post('admin', 'close', { version: h.version });
    expect(r.json().error.code).toBe('acceptance_required');

    r = await post('dept_a', 'request-acceptance', { version: h.version });
    h = r.json();
    r = await post('dept_a', 'acceptance', {
      version: h.version,
      result: 'pass',
      acceptedOn: '2024-06-15',
      acceptors: '应急管理部 李四',
      experts: ['王专家', '赵专家'],
    });
    expect(r.json().status).toBe('accepted');
    h = r.json();
    r = await post('dept_a', 'close', { version: h.version });
    expect(r.statusCode).toBe(200);
    h = r.json();
    expect(h.status).toBe('closed');
    expect(h.acceptances.map((a: { result: string }) => a.result)).toEqual(['fail', 'pass']);
    expect(h.timeline.map((e: { kind: string }) => e.kind)).toEqual([
      'report',
      'confirm',
      'plan',
      'start_rectification',
      'listing',
      'evaluation',
      'request_acceptance',
      'accept_fail',
      'request_acceptance',
      'accept_pass',
      'close',
    ]);
  });

  it('counts both in the statistics and lists them by scope', async () => {
    const stats = await t.as('leader', { method: 'GET', url: '/api/hazards/stats?year=2024' });
    expect(stats.statusCode).toBe(200);
    const s = stats.json();
    expect(s).toMatchObject({ total: 2, major: 1, closed: 2, rectificationRate: 1 });
    expect(s.byChannel).toMatchObject({ self_check: 1, department_inspection: 1 });
    expect(s.official.listed).toEqual({ found: 1, rectified: 1 });
    // The statistics are cached per read-model version: a new hazard shows at once.
    const more = await t.as('dept_a', {
      method: 'POST',
      url: '/api/hazards',
      payload: {
        enterpriseId: ids.supervisedByA,
        channel: 'expert',
        level: 'general',
        place: '仓库',
        description: '灭火器过期',
        foundOn: '2024-08-01',
        foundBy: '专家组',
      },
    });
    expect(more.statusCode).toBe(201);
    const again = await t.as('leader', { method: 'GET', url: '/api/hazards/stats?year=2024' });
    expect(again.json().total).toBe(3);
    expect(again.json().byChannel.expert).toBe(1);
    const mine = await t.as('enterprise', { method: 'GET', url: '/api/hazards' });
    expect(mine.json().total).toBe(1);
    const all = await t.as('admin', { method: 'GET', url: '/api/hazards?level=major&listed=1' });
    expect(all.json().total).toBe(1);
    const xlsx = await t.as('leader', { method: 'GET', url: '/api/hazards/stats/export?year=2024' });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});

import { beforeAll, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './app-harness.ts';
import { describeEachDatabase } from './databases.ts';
import { setupEnterprises } from './enterprise-fixtures.ts';

/**
 * Experts for a hazard acceptance come from the pool with the draw's recusal rules: the office draws (purpose
 * 'acceptance'), the acceptance names the drawn experts; an expert employed (now or before) by the enterprise,
 * or one not drawn for it, is refused by the experts module that record-acceptance calls.
 */
describeEachDatabase('hazard acceptance with drawn experts', (get) => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof setupEnterprises>>;
  const experts: Record<string, number> = {};
  let hazardId: number;
  let version: number;

  const post = (who: Parameters<TestApp['as']>[0], path: string, payload: object) =>
    t.as(who, { method: 'POST', url: `/api/hazards/${hazardId}/${path}`, payload });

  beforeAll(async () => {
    t = await buildTestApp(get());
    ids = await setupEnterprises(t, 4100);
    for (const [name, body] of [
      ['在职', { employerEnterpriseId: ids.supervisedByA, employerName: '企业A' }],
      ['前雇员', { employerName: '某设计院', formerEmployerIds: [ids.supervisedByA] }],
      ['中立甲', { employerName: '某研究院' }],
    ] as const) {
      const r = await t.as('admin', {
        method: 'POST',
        url: '/api/experts',
        payload: { name: `专家${name}`, title: '高级工程师', specialties: ['dust'], ...body },
      });
      expect(r.statusCode, r.body).toBe(201);
      experts[name] = r.json().id;
    }

    const created = await t.as('dept_a', {
      method: 'POST',
      url: '/api/hazards',
      payload: {
        enterpriseId: ids.supervisedByA,
        channel: 'department_inspection',
        level: 'general',
        place: '一号仓库',
        description: '灭火器过期',
        foundOn: '2026-11-02',
        foundBy: '应急管理部 检查组',
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    hazardId = created.json().id;
    version = created.json().version;
    for (const step of ['confirm', 'start-rectification', 'request-acceptance']) {
      const r = await post('dept_a', step, { version });
      expect(r.statusCode, `${step}: ${r.body}`).toBe(200);
      version = r.json().version;
    }
  });

  it('the draw for the acceptance recuses the current and the former employee', async () => {
    const draw = await t.as('admin', {
      method: 'POST',
      url: '/api/experts/draw',
      payload: { enterpriseId: ids.supervisedByA, specialty: 'dust', count: 1, purpose: 'acceptance' },
    });
    expect(draw.statusCode, draw.body).toBe(200);
    expect(draw.json().expertIds).toEqual([experts.中立甲]);
    expect(
      draw
        .json()
        .recused.map((r: { expertId: number }) => r.expertId)
        .sort(),
    ).toEqual([experts.在职, experts.前雇员].sort());
  });

  it('refuses a recused expert and one not drawn for this enterprise', async () => {
    const base = { version, result: 'pass', acceptedOn: '2026-11-20', acceptors: '应急管理部 李四' };
    const recused = await post('dept_a', 'acceptance', { ...base, drawnExpertIds: [experts.在职] });
    expect(recused.statusCode).toBe(400);
    expect(recused.json().error.message).toContain('须回避');
    const former = await post('dept_a', 'acceptance', { ...base, drawnExpertIds: [experts.前雇员] });
    expect(former.statusCode).toBe(400);
    expect(former.json().error.message).toContain('须回避');
    const unknown = await post('dept_a', 'acceptance', { ...base, drawnExpertIds: [999999] });
    expect(unknown.statusCode).toBe(400);
  });

  it('records the drawn expert by name on the acceptance and the timeline', async () => {
    const r = await post('dept_a', 'acceptance', {
      version,
      result: 'pass',
      acceptedOn: '2026-11-20',
      acceptors: '应急管理部 李四',
      experts: ['外聘 王工'],
      drawnExpertIds: [experts.中立甲],
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().status).toBe('accepted');
    const acceptance = r.json().acceptances.at(-1);
    expect(acceptance.experts).toEqual(['外聘 王工', '专家中立甲']);
    expect(JSON.stringify(r.json().timeline)).toContain('专家中立甲');
  });
});

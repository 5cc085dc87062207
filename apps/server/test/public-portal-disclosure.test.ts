import { beforeAll, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './app-harness.ts';
import { describeEachDatabase } from './databases.ts';
import { type InspectionWorld, setupInspectionWorld } from './inspections-helpers.ts';

/**
 * The portal's penalty-decision and 双随机 sections with real records: a fine and a draw published through the
 * inspections API appear on /public; unpublished ones do not; no internal ids, no personal phone numbers.
 */
describeEachDatabase('public portal: penalties and draw results', (get) => {
  let t: TestApp;
  let w: InspectionWorld;
  let drawId: number;
  let fineId: number;
  const enterprisePhones = ['13800000001', '13800000002', '13800000003'];

  beforeAll(async () => {
    t = await buildTestApp(get());
    w = await setupInspectionWorld(t, get(), 2600);
    const draw = await t.as('admin', {
      method: 'POST',
      url: '/api/inspection-draws',
      payload: { title: '2026年第九次双随机抽查', matterId: w.matterId, inspectedOn: '2026-11-20', targetCount: 2 },
    });
    expect(draw.statusCode, draw.body).toBe(201);
    drawId = draw.json().id;
    const unpublished = await t.as('admin', {
      method: 'POST',
      url: '/api/inspection-draws',
      payload: { title: '尚未公示的抽查', inspectedOn: '2026-11-21', targetCount: 1 },
    });
    expect(unpublished.statusCode, unpublished.body).toBe(201);
    const fine = await w.as('insp1', {
      method: 'POST',
      url: '/api/enforcement-actions',
      payload: {
        enterpriseId: w.enterprises.general[0],
        kind: 'fine',
        amountYuan: 35000,
        decidedOn: '2026-11-24',
        decisionNo: '应急罚〔2026〕9号',
        legalBasis: '安全生产法第一百零二条（举报电话 13912345678）',
      },
    });
    expect(fine.statusCode, fine.body).toBe(201);
    fineId = fine.json().id;
    const hidden = await w.as('insp1', {
      method: 'POST',
      url: '/api/enforcement-actions',
      payload: {
        enterpriseId: w.enterprises.general[1],
        kind: 'fine',
        amountYuan: 1000,
        decidedOn: '2026-11-25',
        decisionNo: '应急罚〔2026〕10号',
        legalBasis: '安全生产法第九十七条',
      },
    });
    expect(hidden.statusCode, hidden.body).toBe(201);
  });

  const portal = async () => {
    const res = await t.app.inject({ method: 'GET', url: '/public' });
    expect(res.statusCode).toBe(200);
    return res.body;
  };

  it('shows nothing before publication', async () => {
    const html = await portal();
    expect(html).not.toContain('应急罚〔2026〕9号');
    expect(html).not.toContain('2026年第九次双随机抽查');
  });

  it('shows the published fine and draw result, and only those', async () => {
    const penalty = await w.as('insp1', {
      method: 'POST',
      url: `/api/enforcement-actions/${fineId}/publish`,
      payload: { publishedOn: '2026-11-26' },
    });
    expect(penalty.statusCode, penalty.body).toBe(200);
    const published = await t.as('admin', { method: 'POST', url: `/api/inspection-draws/${drawId}/publish` });
    expect(published.statusCode, published.body).toBe(200);
    const draw = published.json();

    const html = await portal();
    expect(html).toContain('应急罚〔2026〕9号');
    expect(html).toContain('35,000 元');
    expect(html).toContain('测试企业2610有限公司');
    expect(html).toContain('安全生产法第一百零二条');
    expect(html).not.toContain('应急罚〔2026〕10号'); // decided, not published
    expect(html).toContain('2026年第九次双随机抽查');
    expect(html).not.toContain('尚未公示的抽查');
    expect(html).toContain(draw.seed);
    expect(html).toContain(draw.poolsHash.slice(0, 16));
    expect(html).toContain('执法人员'); // the drawn inspectors by name
    // no personal phone numbers: not the one in the legal basis text, not the enterprises' contacts
    for (const phone of ['13912345678', ...enterprisePhones]) expect(html).not.toContain(phone);
    // no internal ids or API paths
    expect(html).not.toMatch(/\/api\//);
    expect(html).not.toMatch(/(?:enterprise|inspection|draw|target|expert|inspector)_?[iI]ds?\b/);
    expect(html).not.toContain(`/inspection-draws/${drawId}`);
    expect(html).not.toContain(`/enforcement-actions/${fineId}`);
  });
});

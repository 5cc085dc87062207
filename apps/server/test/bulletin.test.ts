import { beforeAll, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/modules/audit/audit.service.ts';
import { buildTestApp, type TestApp } from './app-harness.ts';
import { describeEachDatabase } from './databases.ts';
import { fileQuarterOfReports, hasTool, pdfText, renderPages, zipEntry, zipEntryNames } from './export-helpers.ts';

describeEachDatabase('bulletins (通报)', (get, dialect) => {
  let t: TestApp;
  let id: number;
  beforeAll(async () => {
    t = await buildTestApp(get());
    await fileQuarterOfReports(t, get().handle.db);
  });

  it('drafts a bulletin for a quarter: rates by department ranked, lights, overdue items, generated text', async () => {
    const res = await t.as('admin', {
      method: 'POST',
      url: '/api/bulletins',
      payload: { year: 2024, period: '2024-Q1' },
    });
    expect(res.statusCode).toBe(201);
    const b = res.json();
    id = b.id;
    expect(b).toMatchObject({
      year: 2024,
      period: '2024-Q1',
      periodLabel: '2024年第一季度',
      asOf: '2024-03-31',
      status: 'draft',
      version: 1,
      title: '关于2024年第一季度安全生产治本攻坚三年行动任务落实情况的通报',
    });
    const dashboard = (await t.as('admin', { method: 'GET', url: '/api/dashboard?year=2024&asOf=2024-03-31' })).json();
    expect(b.figures.totals.completionRate).toBe(dashboard.totals.completionRate);
    expect(b.figures.totals.overdue).toBe(dashboard.totals.counts.overdue);
    expect(b.figures.taskCount).toBe(64);
    const ranked = b.figures.departments.filter((d: { rank: number | null }) => d.rank !== null);
    expect(ranked.map((d: { rank: number }) => d.rank)).toEqual(ranked.map((_: unknown, i: number) => i + 1));
    const rates = ranked.map((d: { completionRate: number }) => d.completionRate);
    expect(rates).toEqual([...rates].sort((a, b) => b - a));
    const dangqun = b.figures.departments.find((d: { name: string }) => d.name === '党群工作部');
    expect(dangqun).toMatchObject({ light: 'red' });
    expect(b.figures.overdue.total).toBe(dashboard.overdue.total);
    expect(b.sections.summary).toContain('截至2024年3月31日');
    expect(b.sections.criticism).toContain('予以通报批评');
    expect(b.sections.criticism).toContain('党群工作部（逾期');
    expect(b.sections.praise.length).toBeGreaterThan(0);
  });

  it('the office edits the text (versioned), publishes, and then it is frozen', async () => {
    const stale = await t.as('admin', {
      method: 'PATCH',
      url: `/api/bulletins/${id}`,
      payload: { version: 9, sections: { praise: 'x' } },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details).toEqual({ currentVersion: 1 });
    const edited = await t.as('staff', {
      method: 'PATCH',
      url: `/api/bulletins/${id}`,
      payload: { version: 1, sections: { praise: '对应急管理部提出表扬。' } },
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ version: 2, sections: { praise: '对应急管理部提出表扬。' } });
    expect(edited.json().sections.summary).toContain('截至2024年3月31日');
    expect(
      (await t.as('leader', { method: 'PATCH', url: `/api/bulletins/${id}`, payload: { version: 2, title: 'x' } }))
        .statusCode,
    ).toBe(403);

    // A department does not see drafts: exactly like a missing bulletin.
    const hidden = await t.as('dept_a', { method: 'GET', url: `/api/bulletins/${id}` });
    const missing = await t.as('dept_a', { method: 'GET', url: '/api/bulletins/99999999' });
    expect([hidden.statusCode, hidden.body]).toEqual([missing.statusCode, missing.body]);
    expect((await t.as('dept_a', { method: 'GET', url: '/api/bulletins' })).json().bulletins).toEqual([]);
    expect((await t.as('leader', { method: 'GET', url: `/api/bulletins/${id}` })).statusCode).toBe(200);

    const published = await t.as('admin', {
      method: 'POST',
      url: `/api/bulletins/${id}/publish`,
      payload: { version: 2 },
    });
    expect(published.statusCode).toBe(200);
    expect(published.json()).toMatchObject({ status: 'published', version: 3 });
    const frozen = await t.as('admin', {
      method: 'PATCH',
      url: `/api/bulletins/${id}`,
      payload: { version: 3, title: '改' },
    });
    expect(frozen.statusCode).toBe(409);
    expect(frozen.json().error.message).toContain('已发布');
    expect((await t.as('dept_a', { method: 'GET', url: `/api/bulletins/${id}` })).statusCode).toBe(200);
    const list = (await t.as('dept_b', { method: 'GET', url: '/api/bulletins?year=2024' })).json().bulletins;
    expect(list.map((x: { id: number }) => x.id)).toEqual([id]);
    expect((await verifyAuditChain(get().handle.db)).ok).toBe(true);
  });

  it('exports .docx with the sections, tables and chart pictures', async () => {
    const res = await t.as('dept_a', { method: 'GET', url: `/api/bulletins/${id}/export?format=docx` });
    expect(res.statusCode).toBe(200);
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain(
      '关于2024年第一季度安全生产治本攻坚三年行动任务落实情况的通报.docx',
    );
    const xml = zipEntry(res.rawPayload, 'word/document.xml').toString('utf8');
    for (const text of [
      '一、总体情况',
      '二、各部门完成情况',
      '三、红黄绿灯情况',
      '四、逾期未完成事项',
      '五、表扬',
      '六、通报批评',
    ]) {
      expect(xml).toContain(text);
    }
    expect(xml).toContain('对应急管理部提出表扬。');
    expect(xml).toContain('w:eastAsia="仿宋"');
    if (hasTool('pdftoppm')) {
      const media = zipEntryNames(res.rawPayload).filter((n) => n.startsWith('word/media/'));
      expect(media).toHaveLength(2);
      expect(zipEntry(res.rawPayload, media[0]!).subarray(1, 4).toString()).toBe('PNG');
    }
  });

  it.runIf(hasTool('pdftotext'))('exports PDF with Chinese text and draws its pages to PNG for a look', async () => {
    const res = await t.as('leader', { method: 'GET', url: `/api/bulletins/${id}/export?format=pdf` });
    expect(res.statusCode).toBe(200);
    const text = pdfText(res.rawPayload);
    expect(text).toContain('忻州经济开发区安全生产委员会办公室');
    expect(text).toContain('各部门任务完成率');
    expect(text).toContain('对应急管理部提出表扬。');
    if (dialect === 'sqlite') {
      const docx = (await t.as('admin', { method: 'GET', url: `/api/bulletins/${id}/export?format=docx` })).rawPayload;
      expect(renderPages('bulletin-2024-Q1', res.rawPayload, { docx }).length).toBeGreaterThanOrEqual(2);
    }
  });

  it('only the office drafts; enterprises read nothing', async () => {
    expect(
      (await t.as('leader', { method: 'POST', url: '/api/bulletins', payload: { period: '2024-Q1' } })).statusCode,
    ).toBe(403);
    expect(
      (await t.as('dept_a', { method: 'POST', url: '/api/bulletins', payload: { period: '2024-Q1' } })).statusCode,
    ).toBe(403);
    expect((await t.as('enterprise', { method: 'GET', url: '/api/bulletins' })).statusCode).toBe(403);
    const noPeriod = await t.as('admin', { method: 'POST', url: '/api/bulletins', payload: {} });
    expect(noPeriod.statusCode).toBe(400);
  });
});

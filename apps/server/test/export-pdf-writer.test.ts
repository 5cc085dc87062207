import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { renderTaskSheetPdf } from '../src/modules/documents/export/render-pdf.ts';
import type { SheetRow, TaskSheet } from '../src/modules/documents/export/task-sheet.ts';
import { resolvePdfFonts } from '../src/modules/documents/pdf-fonts.ts';
import { parseReportPeriod } from '../src/modules/documents/report-period.ts';
import { hasTool, pdfText, renderPages } from './export-helpers.ts';

/** The streaming PDF writer on its own (issue 10 item 8): no database, a sheet built here. */
const fontsInstalled = (() => {
  try {
    resolvePdfFonts();
    return true;
  } catch {
    return false;
  }
})();

function row(i: number, progress: string): SheetRow {
  return {
    taskId: i,
    no: String(i),
    category: i <= 3 ? '一、强化安全生产责任落实' : '二、深入开展重大事故隐患排查整治',
    text: `第${i}项任务：组织开展安全生产专项检查，督促企业落实主体责任。`,
    departments: '应急管理局、住建局',
    deadline: '2024年12月底',
    progress: [[{ text: '✓ 已完成', light: 'green' }], [{ text: progress }]],
  };
}

function sheet(rows: SheetRow[]): TaskSheet {
  return {
    issuer: '忻州经济开发区安全生产委员会办公室',
    title: '安全生产治本攻坚三年行动任务清单落实情况（2024年）',
    meta: '统计期间：2024年1月1日至2024年12月31日　状态日期：2025年1月15日',
    legend: '说明：✓ 已完成（绿）；◐ 待审核（黄）。',
    fileBase: 'test',
    year: 2024,
    taskListId: 1,
    period: parseReportPeriod('2024'),
    statusDate: '2025-01-15',
    department: null,
    rows,
  };
}

/** Text of the 工作进展 column (the right quarter of the page, above the footer), pages in order. */
function progressColumnText(pdf: Buffer): string {
  const r = spawnSync('pdftotext', ['-x', '600', '-y', '0', '-W', '242', '-H', '555', '-', '-'], {
    input: pdf,
    encoding: 'utf8',
  });
  return r.stdout.replace(/\s+/g, '');
}

const pageCount = (pdf: Buffer) =>
  Number(/Pages:\s+(\d+)/.exec(spawnSync('pdfinfo', ['-'], { input: pdf, encoding: 'utf8' }).stdout)?.[1]);

describe.runIf(fontsInstalled && hasTool('pdftotext'))('task-sheet PDF writer (pdfkit)', () => {
  it('keeps every character of a progress cell that runs over a page break, and repeats the header row', async () => {
    // About 90 lines in the progress column: more than one landscape page holds.
    const long = Array.from({ length: 90 }, (_, k) => `第${k + 1}次检查发现问题${k}项已整改完毕并复查合格。`).join('');
    const fonts = resolvePdfFonts();
    const pdf = await renderTaskSheetPdf(sheet([row(1, '本月已完成。'), row(2, long), row(3, '末行进展。')]), fonts);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pageCount(pdf)).toBeGreaterThanOrEqual(2);
    // The column's text runs on from page to page with nothing lost: only the repeated header cell in between.
    expect(progressColumnText(pdf).replaceAll('工作进展', '')).toContain(long);
    const text = pdfText(pdf);
    expect(text).toContain('末行进展。');
    expect(text).toContain('忻州经济开发区安全生产委员会办公室');
    // The header row on every page, and page numbers with the count.
    expect(text.split('工作任务').length - 1).toBe(pageCount(pdf));
    expect(text).toContain(`第2页，共${pageCount(pdf)}页`);
    renderPages('pdf-writer-long-cell', pdf);
  });

  it('grows by pages as rows are added, and every row is in the file', async () => {
    const fonts = resolvePdfFonts();
    const small = await renderTaskSheetPdf(sheet([1, 2, 3, 4, 5].map((i) => row(i, `进展${i}。`))), fonts);
    const rows = Array.from({ length: 200 }, (_, i) => row(i + 1, `第${i + 1}行进展：已召开专题会议研究部署。`));
    const big = await renderTaskSheetPdf(sheet(rows), fonts);
    expect(pageCount(small)).toBe(1);
    expect(pageCount(big)).toBeGreaterThan(5);
    const text = pdfText(big);
    for (const r of rows) expect(text).toContain(`第${r.no}行进展：已召开专题会议研究部署。`);
  });
});

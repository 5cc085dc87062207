import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import type { Db } from '../src/db/database.ts';
import { createReport } from '../src/modules/progress/create-report.ts';
import type { ActingScope } from '../src/modules/progress/progress.policy.ts';
import { type ReviewDecision, reviewReport } from '../src/modules/progress/review-report.ts';
import { submitReport } from '../src/modules/progress/submit-report.ts';
import type { TestApp } from './app-harness.ts';

/** Where rendered pages go for a person to look at (git-ignored). */
export const OUTPUT_DIR = fileURLToPath(new URL('./output/', import.meta.url));

/** The bytes of one file inside a zip (.xlsx/.docx), read from the central directory; no zip library needed. */
export function zipEntry(zip: Buffer, name: string): Buffer {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('not a zip file');
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i += 1) {
    const method = zip.readUInt16LE(p + 10);
    const compressed = zip.readUInt32LE(p + 20);
    const nameLength = zip.readUInt16LE(p + 28);
    const extra = zip.readUInt16LE(p + 30);
    const comment = zip.readUInt16LE(p + 32);
    const local = zip.readUInt32LE(p + 42);
    const entryName = zip.toString('utf8', p + 46, p + 46 + nameLength);
    if (entryName === name) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + compressed);
      return method === 0 ? Buffer.from(data) : inflateRawSync(data);
    }
    p += 46 + nameLength + extra + comment;
  }
  throw new Error(`no ${name} in the zip`);
}

export function zipEntryNames(zip: Buffer): string[] {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const nameLength = zip.readUInt16LE(p + 28);
    names.push(zip.toString('utf8', p + 46, p + 46 + nameLength));
    p += 46 + nameLength + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
  }
  return names;
}

export async function loadWorkbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(bytes).buffer);
  return workbook;
}

export function hasTool(tool: string): boolean {
  return spawnSync(tool, ['-v'], { encoding: 'utf8' }).error === undefined;
}

/** pdftotext of the whole PDF (poppler-utils), white space removed (wrapped lines run together again). */
export function pdfText(pdf: Buffer): string {
  const r = spawnSync('pdftotext', ['-', '-'], { input: pdf, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`pdftotext failed: ${r.stderr}`);
  return r.stdout.replace(/\s+/g, '');
}

/** Writes the file and its pages as PNG (pdftoppm) to test/output/<name>*, for a person to look at. */
export function renderPages(name: string, pdf: Buffer, extra: Record<string, Buffer> = {}): string[] {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  const prefix = join(OUTPUT_DIR, name);
  for (const ext of ['pdf', ...Object.keys(extra)]) rmSync(`${prefix}.${ext}`, { force: true });
  writeFileSync(`${prefix}.pdf`, pdf);
  for (const [ext, bytes] of Object.entries(extra)) writeFileSync(`${prefix}.${ext}`, bytes);
  const r = spawnSync('pdftoppm', ['-png', '-r', '80', `${prefix}.pdf`, prefix], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pdftoppm failed: ${r.stderr}`);
  const pages = Number(
    /Pages:\s+(\d+)/.exec(spawnSync('pdfinfo', [`${prefix}.pdf`], { encoding: 'utf8' }).stdout)?.[1],
  );
  return Array.from({ length: pages }, (_, i) => `${prefix}-${String(i + 1).padStart(String(pages).length, '0')}.png`);
}

/** An occurrence of task `no` in the seed list for a department and period key. */
export async function occurrenceOf(db: Db, no: string, department: string, periodKey: string): Promise<number> {
  const row = await db
    .selectFrom('occurrences as o')
    .innerJoin('assignments as a', 'a.id', 'o.assignment_id')
    .innerJoin('tasks as t', 't.id', 'a.task_id')
    .innerJoin('departments as d', 'd.id', 'a.department_id')
    .select('o.id')
    .where('t.no', '=', no)
    .where('d.name', '=', department)
    .where('o.period_key', '=', periodKey)
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function officeScope(t: TestApp, db: Db): Promise<ActingScope> {
  const admin = await db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow();
  return { orgUnitId: t.scope.orgUnitId, departmentId: null, userId: admin.id, actor: `user:${admin.id}` };
}

/** Files a report through the progress use cases: draft → submitted (→ accepted/returned), on the given days. */
export async function fileReport(
  db: Db,
  scope: ActingScope,
  occurrenceId: number,
  text: string,
  steps: { on: string; review?: ReviewDecision; reviewOn?: string },
): Promise<number> {
  const at = (day: string) => new Date(`${day}T02:00:00Z`);
  const draft = await createReport(db, scope, { occurrenceId, text, workDate: steps.on }, at(steps.on));
  const submitted = await submitReport(db, scope, draft.id, draft.version, at(steps.on));
  if (steps.review) {
    await reviewReport(db, scope, draft.id, submitted.version, steps.review, at(steps.reviewOn ?? steps.on));
  }
  return draft.id;
}

export const HYPERLINK = '=HYPERLINK("http://x","y")';

/** A quarter of progress on the seed list (2024-Q1), as the export tests expect it. */
export async function fileQuarterOfReports(t: TestApp, db: Db): Promise<void> {
  const scope = await officeScope(t, db);
  const accept: ReviewDecision = { kind: 'accept' };
  const file = async (no: string, dept: string, key: string, text: string, s: Parameters<typeof fileReport>[4]) =>
    fileReport(db, scope, await occurrenceOf(db, no, dept, key), text, s);
  await file('1', '党群工作部', '2024-Q1', '一季度党工委理论学习中心组专题学习1次', {
    on: '2024-03-15',
    review: accept,
  });
  await file('11', '应急管理部', '2024', '已制定2024年度企业主要负责人安全生产任务清单', {
    on: '2024-03-18',
    review: accept,
    reviewOn: '2024-03-20',
  });
  await file('11', '建设环保管理部', '2024', '已印发建设领域全员安全生产责任制考核办法', {
    on: '2024-03-19',
    review: accept,
  });
  await file('12', '应急管理部', '2024-01', HYPERLINK, { on: '2024-01-30', review: accept });
  await file('12', '应急管理部', '2024-02', '二月检查进行中', { on: '2024-02-28' });
  await file('13', '应急管理部', '2024-Q1', '隐患排查清单已动态更新', {
    on: '2024-04-01',
    review: accept,
    reviewOn: '2024-04-03',
  });
}

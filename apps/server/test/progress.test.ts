import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { addDays, todayInShanghai } from '@duban/shared/civil-date';
import type { InjectOptions } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import { MAX_UPLOAD_BYTES } from '../src/core/limits.ts';
import type { Db } from '../src/db/database.ts';
import { verifyAuditChain } from '../src/modules/audit/audit.service.ts';
import type { AccountName, TestApp } from './app-harness.ts';
import { buildTestApp } from './app-harness.ts';
import { describeEachDatabase } from './databases.ts';
import { type MultipartFile, multipart } from './multipart.ts';

// ---------- helpers ----------

type FilePart = Omit<MultipartFile, 'field'> & { field?: string };

/** The evidence form: every file under the field name `file` unless a case says otherwise. */
const evidenceForm = (files: FilePart[]) =>
  multipart(
    {},
    files.map((f) => ({ field: 'file', ...f })),
  );

/** A tiny but well-formed one-page PDF (with a correct xref table). */
function tinyPdf(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 72 72] >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(body));
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body);
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) body += `${String(off).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

const executable = () =>
  Buffer.concat([Buffer.from('MZ'), Buffer.alloc(58), Buffer.from('This program cannot be run in DOS mode.')]);

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)],
  );
}

interface InboxItem {
  id: number;
  status: string;
  dueDate: string;
  originalDueDate: string;
  reportState: string;
  department: { id: number; name: string } | null;
  latestReport: { id: number; status: string } | null;
}

describeEachDatabase('progress reports, evidence and review', (get) => {
  let t: TestApp;
  let db: Db;
  let deptA: number;
  let deptB: number;
  let deptC: number;
  const today = todayInShanghai();

  beforeAll(async () => {
    t = await buildTestApp(get());
    db = get().handle.db;
    deptA = t.departmentIds.应急管理部!;
    deptB = t.departmentIds.建设环保管理部!;
    deptC = t.departmentIds.党群工作部!;
  });

  const json = (account: AccountName | null, method: InjectOptions['method'], url: string, payload?: object) =>
    t.as(account, { method, url, ...(payload ? { payload } : {}) });

  async function inbox(account: AccountName, query = ''): Promise<{ items: InboxItem[]; total: number }> {
    const res = await json(account, 'GET', `/api/inbox?limit=200${query}`);
    expect(res.statusCode).toBe(200);
    return res.json();
  }

  /** The n-th occurrence of the account's inbox that has no report yet. */
  async function freshOccurrence(account: AccountName, n = 0): Promise<InboxItem> {
    const { items } = await inbox(account);
    const item = items.filter((i) => i.latestReport === null)[n];
    if (!item) throw new Error(`no fresh occurrence for ${account}`);
    return item;
  }

  async function occurrenceRow(id: number) {
    return db
      .selectFrom('occurrences')
      .select(['report_state', 'submitted_at', 'accepted_at', 'version'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  }

  async function draft(account: AccountName, occurrenceId: number, text = '已组织专题学习') {
    const res = await json(account, 'POST', '/api/reports', { occurrenceId, text, workDate: today });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: number; version: number; status: string };
  }

  const upload = (account: AccountName, reportId: number, files: FilePart[]) =>
    t.as(account, { method: 'POST', url: `/api/reports/${reportId}/evidence`, ...evidenceForm(files) });

  const evidenceCount = async () =>
    Number(
      (
        await db
          .selectFrom('evidence_files')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const storedFiles = () => filesUnder(join(get().dataDir, 'evidence'));

  // ---------- access ----------

  it('asks for sign-in (401) and refuses enterprise users (403)', async () => {
    for (const url of ['/api/inbox', '/api/reports', '/api/occurrences/1', '/api/reports/1', '/api/evidence/1']) {
      expect((await json(null, 'GET', url)).statusCode, url).toBe(401);
      const ent = await json('enterprise', 'GET', url);
      expect(ent.statusCode, url).toBe(403);
      expect(ent.json().error.code).toBe('forbidden');
    }
    expect((await json(null, 'POST', '/api/reports', { occurrenceId: 1, text: 'x', workDate: today })).statusCode).toBe(
      401,
    );
    expect(
      (await json('enterprise', 'POST', '/api/reports', { occurrenceId: 1, text: 'x', workDate: today })).statusCode,
    ).toBe(403);
  });

  // ---------- the inbox ----------

  it('inbox: a department sees only its own occurrences, overdue first then by due date, paginated', async () => {
    const mine = await inbox('dept_a');
    expect(mine.total).toBeGreaterThan(0);
    expect(mine.items.every((i) => i.department?.id === deptA)).toBe(true);
    // Whatever departmentId it passes.
    const reaching = await inbox('dept_a', `&departmentId=${deptB}`);
    expect(reaching.total).toBe(mine.total);
    expect(reaching.items.every((i) => i.department?.id === deptA)).toBe(true);
    // Office and leaders choose the department, or see all.
    const office = await inbox('staff', `&departmentId=${deptB}`);
    expect(office.total).toBeGreaterThan(0);
    expect(office.items.every((i) => i.department?.id === deptB)).toBe(true);
    const all = await json('leader', 'GET', '/api/inbox?limit=5');
    expect(all.json().total).toBeGreaterThan(mine.total);
    // Pages add up to the total, in the same order.
    const page1 = (await json('dept_a', 'GET', '/api/inbox?limit=3&offset=0')).json();
    const page2 = (await json('dept_a', 'GET', '/api/inbox?limit=3&offset=3')).json();
    expect(page1.total).toBe(mine.total);
    expect([...page1.items, ...page2.items].map((i: InboxItem) => i.id)).toEqual(
      mine.items.slice(0, 6).map((i) => i.id),
    );
    const past = (await json('dept_a', 'GET', `/api/inbox?offset=${mine.total + 10}`)).json();
    expect(past).toMatchObject({ items: [], total: mine.total });
    // The seed list is 2024's: a year filter.
    expect((await inbox('dept_a', '&year=2024')).total).toBe(mine.total);
    expect((await inbox('dept_a', '&year=2023')).total).toBe(0);
    expect((await json('dept_a', 'GET', '/api/inbox?limit=201')).statusCode).toBe(400);
    expect((await json('dept_a', 'GET', '/api/inbox?status=late')).statusCode).toBe(400);
  });

  it('inbox status in SQL (filter, order) agrees with occurrenceStatus, for every status', async () => {
    const { items } = await inbox('dept_c');
    expect(items.length).toBeGreaterThanOrEqual(8);
    const ids = items.slice(0, 8).map((i) => i.id);
    const future = addDays(today, 30);
    const soon = addDays(today, 3);
    const setups = [
      { report_state: 'none', extended_due: future }, // pending
      { report_state: 'draft', extended_due: soon }, // due-soon
      { report_state: 'submitted', submitted_at: today }, // submitted
      { report_state: 'accepted', accepted_at: '2024-01-01', extended_due: null }, // accepted (on time)
      { report_state: 'accepted', accepted_at: today, extended_due: null }, // done-late
      { report_state: 'returned', extended_due: future }, // returned
      { report_state: 'returned', extended_due: null }, // overdue
      { report_state: 'none', extended_due: addDays(today, -1) }, // overdue (extended, still late)
    ] as const;
    for (const [i, s] of setups.entries()) {
      await db.updateTable('occurrences').set(s).where('id', '=', ids[i]!).execute();
    }
    const after = await inbox('dept_c');
    const byId = new Map(after.items.map((i) => [i.id, i]));
    expect(ids.map((id) => byId.get(id)?.status)).toEqual([
      'pending',
      'due-soon',
      'submitted',
      'accepted',
      'done-late',
      'returned',
      'overdue',
      'overdue',
    ]);
    for (const status of ['pending', 'due-soon', 'submitted', 'accepted', 'done-late', 'returned', 'overdue']) {
      const filtered = await inbox('dept_c', `&status=${status}`);
      expect(filtered.items.map((i) => i.id).sort(), status).toEqual(
        after.items
          .filter((i) => i.status === status)
          .map((i) => i.id)
          .sort(),
      );
      expect(filtered.total).toBe(filtered.items.length);
    }
    // Overdue first, then by effective due date.
    const firstOpen = after.items.findIndex((i) => i.status !== 'overdue');
    expect(after.items.slice(firstOpen).every((i) => i.status !== 'overdue')).toBe(true);
    const rest = after.items.slice(firstOpen).map((i) => i.dueDate);
    expect(rest).toEqual([...rest].sort());
    expect(byId.get(ids[0]!)).toMatchObject({ dueDate: future, extendedDue: future });
    expect(byId.get(ids[0]!)?.originalDueDate).not.toBe(future);
    await db
      .updateTable('occurrences')
      .set({ report_state: 'none', submitted_at: null, accepted_at: null, extended_due: null })
      .where('id', 'in', ids)
      .execute();
  });

  // ---------- the loop ----------

  it('draft → submit → return → edit → resubmit → accept, and the accepted report is frozen', async () => {
    const occ = await freshOccurrence('dept_a');
    // Give it a due date ahead, so the inbox shows returned/pending instead of overdue.
    const due = addDays(today, 30);
    await db.updateTable('occurrences').set({ extended_due: due }).where('id', '=', occ.id).execute();
    const statusOf = async () => (await inbox('dept_a')).items.find((i) => i.id === occ.id);

    const created = await draft('dept_a', occ.id, '  已组织开展安全生产专题学习  ');
    expect(created).toMatchObject({ status: 'draft', version: 1, text: '已组织开展安全生产专题学习', evidence: [] });
    expect(await statusOf()).toMatchObject({
      status: 'pending',
      reportState: 'draft',
      latestReport: { id: created.id, status: 'draft' },
    });
    expect((await occurrenceRow(occ.id)).report_state).toBe('draft');
    // One open report per occurrence.
    const second = await json('dept_a', 'POST', '/api/reports', {
      occurrenceId: occ.id,
      text: '另一份',
      workDate: today,
    });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.details).toEqual({ reportId: created.id });

    const pdf = await upload('dept_a', created.id, [{ filename: '学习记录.pdf', content: tinyPdf() }]);
    expect(pdf.statusCode, pdf.body).toBe(201);
    expect(pdf.json()).toMatchObject({
      reportVersion: 2,
      evidence: [{ fileName: '学习记录.pdf', mime: 'application/pdf' }],
    });

    const stale = await json('dept_a', 'POST', `/api/reports/${created.id}/submit`, { version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details).toEqual({ currentVersion: 2 });
    const submitted = await json('dept_a', 'POST', `/api/reports/${created.id}/submit`, { version: 2 });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json()).toMatchObject({ status: 'submitted', version: 3 });
    expect(await occurrenceRow(occ.id)).toMatchObject({ report_state: 'submitted', submitted_at: today });
    expect(await statusOf()).toMatchObject({ status: 'submitted', latestReport: { status: 'submitted' } });
    // Under review: no edit, no second submission.
    expect((await json('dept_a', 'PATCH', `/api/reports/${created.id}`, { text: 'x', version: 3 })).statusCode).toBe(
      409,
    );
    expect((await json('dept_a', 'POST', `/api/reports/${created.id}/submit`, { version: 3 })).statusCode).toBe(409);

    // The office returns it, with a reason (required).
    expect((await json('staff', 'POST', `/api/reports/${created.id}/return`, { version: 3 })).statusCode).toBe(400);
    expect(
      (await json('staff', 'POST', `/api/reports/${created.id}/return`, { reason: '   ', version: 3 })).statusCode,
    ).toBe(400);
    const returned = await json('staff', 'POST', `/api/reports/${created.id}/return`, {
      reason: '请补充学习签到表',
      version: 3,
    });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json()).toMatchObject({
      status: 'returned',
      returnReason: '请补充学习签到表',
      version: 4,
      reviewedBy: { name: 'staff' },
    });
    expect((await occurrenceRow(occ.id)).report_state).toBe('returned');
    expect(await statusOf()).toMatchObject({ status: 'returned', reportState: 'returned' });

    // The department edits and resubmits.
    const edited = await json('dept_a', 'PATCH', `/api/reports/${created.id}`, {
      text: '已组织专题学习，补充签到表',
      version: 4,
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ status: 'returned', version: 5, text: '已组织专题学习，补充签到表' });
    const more = await upload('dept_a', created.id, [{ filename: '签到表.pdf', content: tinyPdf() }]);
    expect(more.statusCode).toBe(201);
    const resubmitted = await json('dept_a', 'POST', `/api/reports/${created.id}/submit`, { version: 6 });
    expect(resubmitted.statusCode, resubmitted.body).toBe(200);
    expect(resubmitted.json()).toMatchObject({ status: 'resubmitted', version: 7 });
    expect((await occurrenceRow(occ.id)).report_state).toBe('submitted');
    expect(await statusOf()).toMatchObject({ status: 'submitted', latestReport: { status: 'resubmitted' } });

    // A department cannot review, even its own report.
    expect((await json('dept_a', 'POST', `/api/reports/${created.id}/accept`, { version: 7 })).statusCode).toBe(403);
    const accepted = await json('admin', 'POST', `/api/reports/${created.id}/accept`, { version: 7 });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'accepted', version: 8, reviewedBy: { name: 'admin' } });
    expect(accepted.json().evidence).toHaveLength(2);
    expect(await occurrenceRow(occ.id)).toMatchObject({ report_state: 'accepted', accepted_at: today });
    expect(await statusOf()).toMatchObject({ status: 'accepted', latestReport: { status: 'accepted' } });

    // Frozen: no edit, no evidence, no second review, no new report on the closed occurrence.
    const frozen = [
      await json('dept_a', 'PATCH', `/api/reports/${created.id}`, { text: '改一下', version: 8 }),
      await upload('dept_a', created.id, [{ filename: 'late.pdf', content: tinyPdf() }]),
      await json('admin', 'POST', `/api/reports/${created.id}/accept`, { version: 8 }),
      await json('staff', 'POST', `/api/reports/${created.id}/return`, { reason: '再看看', version: 8 }),
      await json('dept_a', 'POST', `/api/reports/${created.id}/submit`, { version: 8 }),
      await json('dept_a', 'POST', '/api/reports', { occurrenceId: occ.id, text: '再报', workDate: today }),
    ];
    expect(frozen.map((r) => r.statusCode)).toEqual([409, 409, 409, 409, 409, 409]);
    expect(frozen[0]?.json().error.details).toMatchObject({ status: 'accepted', currentVersion: 8 });
    const detail = await json('dept_a', 'GET', `/api/occurrences/${occ.id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toMatchObject({
      id: occ.id,
      status: 'accepted',
      acceptedAt: today,
      dueDate: due,
      reports: [{ id: created.id, status: 'accepted', version: 8, returnReason: '请补充学习签到表' }],
    });
    expect(detail.json().reports[0].evidence.map((e: { fileName: string }) => e.fileName)).toEqual([
      '学习记录.pdf',
      '签到表.pdf',
    ]);
  });

  it('an accepted report after the due date counts as done late', async () => {
    const occ = await freshOccurrence('dept_a');
    const r = await draft('dept_a', occ.id);
    await json('dept_a', 'POST', `/api/reports/${r.id}/submit`, { version: 1 });
    await json('staff', 'POST', `/api/reports/${r.id}/accept`, { version: 2 });
    const item = (await inbox('dept_a')).items.find((i) => i.id === occ.id);
    expect(item).toMatchObject({ status: 'done-late', reportState: 'accepted' });
  });

  it('refuses bad input: future or impossible work date, empty text, an edit that changes nothing', async () => {
    const occ = await freshOccurrence('dept_b');
    const future = await json('dept_b', 'POST', '/api/reports', {
      occurrenceId: occ.id,
      text: 'x',
      workDate: addDays(today, 2),
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.code).toBe('validation_failed');
    expect(
      (await json('dept_b', 'POST', '/api/reports', { occurrenceId: occ.id, text: '  ', workDate: today })).statusCode,
    ).toBe(400);
    expect(
      (await json('dept_b', 'POST', '/api/reports', { occurrenceId: occ.id, text: 'x', workDate: '2024-02-30' }))
        .statusCode,
    ).toBe(400);
    const r = await draft('dept_b', occ.id);
    const nothing = await json('dept_b', 'PATCH', `/api/reports/${r.id}`, { version: 1 });
    expect(nothing.statusCode).toBe(400);
    expect(nothing.json().error.code).toBe('validation_failed');
  });

  // ---------- isolation ----------

  it('dept_b cannot tell dept_a’s records from missing ones (by id, by filter, by evidence URL)', async () => {
    const occA = await freshOccurrence('dept_a');
    const reportA = await draft('dept_a', occA.id, '应急管理部的进展');
    const up = await upload('dept_a', reportA.id, [{ filename: 'a.pdf', content: tinyPdf() }]);
    const evidenceA = up.json().evidence[0].id as number;
    const occB = await freshOccurrence('dept_b');
    const reportB = await draft('dept_b', occB.id, '建设环保管理部的进展');
    const missing = 987654;

    const pairs: [InjectOptions['method'], string, string, object?][] = [
      ['GET', `/api/reports/${reportA.id}`, `/api/reports/${missing}`],
      ['GET', `/api/occurrences/${occA.id}`, `/api/occurrences/${missing}`],
      ['GET', `/api/evidence/${evidenceA}`, `/api/evidence/${missing}`],
      ['PATCH', `/api/reports/${reportA.id}`, `/api/reports/${missing}`, { text: '篡改', version: 2 }],
      ['POST', `/api/reports/${reportA.id}/submit`, `/api/reports/${missing}/submit`, { version: 2 }],
    ];
    for (const [method, theirs, none, body] of pairs) {
      const a = await json('dept_b', method, theirs, body);
      const b = await json('dept_b', method, none, body);
      expect(a.statusCode, theirs).toBe(404);
      expect(a.statusCode).toBe(b.statusCode);
      expect(a.body).toBe(b.body);
      expect(a.headers['content-type']).toBe(b.headers['content-type']);
    }
    const attach = await upload('dept_b', reportA.id, [{ filename: 'x.pdf', content: tinyPdf() }]);
    const attachMissing = await upload('dept_b', missing, [{ filename: 'x.pdf', content: tinyPdf() }]);
    expect(attach.statusCode).toBe(404);
    expect(attach.body).toBe(attachMissing.body);
    const create = await json('dept_b', 'POST', '/api/reports', { occurrenceId: occA.id, text: 'x', workDate: today });
    const createMissing = await json('dept_b', 'POST', '/api/reports', {
      occurrenceId: missing,
      text: 'x',
      workDate: today,
    });
    expect(create.statusCode).toBe(404);
    expect(create.body).toBe(createMissing.body);

    // Filters never widen a department's view.
    const listed = (await json('dept_b', 'GET', `/api/reports?departmentId=${deptA}`)).json();
    expect(listed.items.length).toBeGreaterThan(0);
    expect(listed.items.every((r: { departmentId: number }) => r.departmentId === deptB)).toBe(true);
    expect(listed.items.map((r: { id: number }) => r.id)).toContain(reportB.id);
    const byOccurrence = (await json('dept_b', 'GET', `/api/reports?occurrenceId=${occA.id}`)).json();
    expect(byOccurrence).toMatchObject({ items: [], total: 0 });
    // The office sees both; a filter narrows.
    const office = (await json('staff', 'GET', `/api/reports?departmentId=${deptA}&status=draft`)).json();
    expect(office.items.map((r: { id: number }) => r.id)).toContain(reportA.id);
    expect(office.items.every((r: { departmentId: number; status: string }) => r.departmentId === deptA)).toBe(true);
    expect(office.items.find((r: { id: number }) => r.id === reportA.id)).toMatchObject({
      evidenceCount: 1,
      department: { id: deptA, name: '应急管理部' },
      task: { no: expect.any(String) },
    });
    // Nothing changed on dept_a's report.
    const still = (await json('dept_a', 'GET', `/api/reports/${reportA.id}`)).json();
    expect(still).toMatchObject({ text: '应急管理部的进展', status: 'draft', version: 2 });
  });

  it('a department-scoped API token sees only its department', async () => {
    const token = (
      await json('admin', 'POST', '/api/api-tokens', { name: '建设环保接口', role: 'department', departmentId: deptB })
    ).json().token as string;
    const bearer = (url: string) => t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
    const occA = await freshOccurrence('dept_a');
    const reportA = await draft('dept_a', occA.id);
    const mine = (await bearer(`/api/inbox?departmentId=${deptA}`)).json();
    expect(mine.total).toBeGreaterThan(0);
    expect(mine.items.every((i: InboxItem) => i.department?.id === deptB)).toBe(true);
    const theirs = await bearer(`/api/reports/${reportA.id}`);
    const none = await bearer('/api/reports/987654');
    expect(theirs.statusCode).toBe(404);
    expect(theirs.body).toBe(none.body);
    expect((await bearer(`/api/occurrences/${occA.id}`)).statusCode).toBe(404);
  });

  it('leaders read everything and write nothing', async () => {
    const occ = await freshOccurrence('dept_a');
    const r = await draft('dept_a', occ.id);
    expect((await json('leader', 'GET', `/api/reports/${r.id}`)).statusCode).toBe(200);
    expect((await json('leader', 'GET', `/api/occurrences/${occ.id}`)).statusCode).toBe(200);
    expect((await json('leader', 'GET', `/api/reports?departmentId=${deptA}`)).json().total).toBeGreaterThan(0);
    const writes = [
      await json('leader', 'POST', '/api/reports', { occurrenceId: occ.id, text: 'x', workDate: today }),
      await json('leader', 'PATCH', `/api/reports/${r.id}`, { text: 'x', version: 1 }),
      await json('leader', 'POST', `/api/reports/${r.id}/submit`, { version: 1 }),
      await json('leader', 'POST', `/api/reports/${r.id}/accept`, { version: 1 }),
      await json('leader', 'POST', `/api/reports/${r.id}/return`, { reason: '不行', version: 1 }),
      await upload('leader', r.id, [{ filename: 'x.pdf', content: tinyPdf() }]),
    ];
    expect(writes.map((w) => w.statusCode)).toEqual([403, 403, 403, 403, 403, 403]);
  });

  it('the office may file on behalf of a department', async () => {
    const occ = await freshOccurrence('dept_c');
    const res = await json('staff', 'POST', '/api/reports', {
      occurrenceId: occ.id,
      text: '代为填报',
      workDate: today,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ departmentId: deptC, createdBy: { name: 'staff' } });
    expect((await json('dept_c', 'GET', `/api/reports/${res.json().id}`)).statusCode).toBe(200);
  });

  // ---------- evidence ----------

  it('stores a PDF by content hash and serves it as an attachment', async () => {
    const occ = await freshOccurrence('dept_b');
    const r = await draft('dept_b', occ.id);
    const pdf = tinyPdf();
    const res = await upload('dept_b', r.id, [
      { filename: '整改报告 (终稿).pdf', content: pdf, contentType: 'text/html' },
    ]);
    expect(res.statusCode, res.body).toBe(201);
    const [e] = res.json().evidence;
    expect(e).toMatchObject({ fileName: '整改报告 (终稿).pdf', mime: 'application/pdf', size: pdf.length });
    expect(existsSync(join(get().dataDir, 'evidence', e.sha256.slice(0, 2), e.sha256.slice(2, 4), e.sha256))).toBe(
      true,
    );
    for (const account of ['dept_b', 'staff', 'leader'] as const) {
      const dl = await json(account, 'GET', `/api/evidence/${e.id}`);
      expect(dl.statusCode).toBe(200);
      expect(dl.rawPayload.equals(pdf)).toBe(true);
      expect(dl.headers['content-type']).toBe('application/pdf');
      expect(dl.headers['x-content-type-options']).toBe('nosniff');
      expect(dl.headers['content-disposition']).toBe(
        `attachment; filename="____ (__).pdf"; filename*=UTF-8''${encodeURIComponent('整改报告 (终稿).pdf').replace('(', '%28').replace(')', '%29')}`,
      );
    }
    // Same bytes again: a second row, one stored file.
    const before = storedFiles().length;
    expect((await upload('dept_b', r.id, [{ filename: 'copy.pdf', content: pdf }])).statusCode).toBe(201);
    expect(storedFiles()).toHaveLength(before);
  });

  it('removes evidence of a draft or returned report before submission: versioned, audited, 404 for foreign', async () => {
    const occ = await freshOccurrence('dept_b');
    const r = await draft('dept_b', occ.id);
    const up = await upload('dept_b', r.id, [
      { filename: '删掉的.pdf', content: Buffer.concat([tinyPdf(), Buffer.from('remove-1')]) },
      { filename: '留下的.pdf', content: Buffer.concat([tinyPdf(), Buffer.from('remove-2')]) },
    ]);
    expect(up.statusCode, up.body).toBe(201);
    const [gone, kept] = up.json().evidence as { id: number }[];
    const version = up.json().reportVersion as number;
    const remove = (account: AccountName, id: number, v: number) =>
      json(account, 'DELETE', `/api/evidence/${id}?version=${v}`);

    // Another department: the same 404 as a missing file; a leader may not write (403); a stale version: 409.
    const foreign = await remove('dept_a', gone!.id, version);
    const missing = await remove('dept_a', 99_999_999, version);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.body).toBe(missing.body);
    expect((await remove('leader', gone!.id, version)).statusCode).toBe(403);
    expect((await remove('dept_b', gone!.id, version - 1)).statusCode).toBe(409);

    const res = await remove('dept_b', gone!.id, version);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ reportVersion: version + 1 });
    const after = (await json('dept_b', 'GET', `/api/reports/${r.id}`)).json();
    expect(after.version).toBe(version + 1);
    expect(after.evidence.map((e: { id: number }) => e.id)).toEqual([kept!.id]);
    expect((await json('dept_b', 'GET', `/api/evidence/${gone!.id}`)).statusCode).toBe(404);
    const audit = await db
      .selectFrom('audit_events')
      .select(['action', 'actor'])
      .where('entity', '=', 'evidence_file')
      .where('entity_id', '=', String(gone!.id))
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['evidence.add', 'evidence.remove']);

    // Submitted: under review, the evidence stays (409). Returned: it can be removed again before resubmitting.
    const submitted = await json('dept_b', 'POST', `/api/reports/${r.id}/submit`, { version: version + 1 });
    expect(submitted.statusCode, submitted.body).toBe(200);
    const v = submitted.json().version as number;
    expect((await remove('dept_b', kept!.id, v)).statusCode).toBe(409);
    const returned = await json('staff', 'POST', `/api/reports/${r.id}/return`, { reason: '照片不清楚', version: v });
    expect(returned.statusCode, returned.body).toBe(200);
    const again = await remove('staff', kept!.id, returned.json().version);
    expect(again.statusCode, again.body).toBe(200);
    expect((await json('dept_b', 'GET', `/api/reports/${r.id}`)).json().evidence).toEqual([]);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it('refuses a renamed executable (415) and stores nothing, not even the good files beside it', async () => {
    const occ = await freshOccurrence('dept_b');
    const r = await draft('dept_b', occ.id);
    const rows = await evidenceCount();
    const files = storedFiles();
    const res = await upload('dept_b', r.id, [
      { filename: 'ok.pdf', content: Buffer.concat([tinyPdf(), Buffer.from('unique-1')]) },
      { filename: 'report.pdf', content: executable(), contentType: 'application/pdf' },
    ]);
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('unsupported_file_type');
    expect(res.json().error.message).toContain('report.pdf');
    expect(await evidenceCount()).toBe(rows);
    expect(storedFiles()).toEqual(files);
    expect((await json('dept_b', 'GET', `/api/reports/${r.id}`)).json()).toMatchObject({ version: 1, evidence: [] });
  });

  it('refuses a file over the limit (413) and stores nothing', async () => {
    const occ = await freshOccurrence('dept_b');
    const r = await draft('dept_b', occ.id);
    const rows = await evidenceCount();
    const files = storedFiles();
    const big = Buffer.alloc(MAX_UPLOAD_BYTES + 1, 0x20);
    big.write('%PDF-1.4\n', 0, 'latin1');
    const res = await upload('dept_b', r.id, [
      { filename: 'small.pdf', content: Buffer.concat([tinyPdf(), Buffer.from('unique-2')]) },
      { filename: 'big.pdf', content: big },
    ]);
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toMatchObject({ code: 'payload_too_large', message: '文件“big.pdf”超过 20 MB 上限' });
    expect(await evidenceCount()).toBe(rows);
    expect(storedFiles()).toEqual(files);
  });

  it('keeps only a safe base name, and files land only under dataDir/evidence', async () => {
    const occ = await freshOccurrence('dept_b');
    const r = await draft('dept_b', occ.id);
    const content = Buffer.concat([tinyPdf(), Buffer.from('unique-3')]);
    const res = await upload('dept_b', r.id, [
      { filename: '../../etc/passwd.pdf', content },
      { filename: '..\\..\\..\\windows\\win..ini.pdf', content },
    ]);
    expect(res.statusCode, res.body).toBe(201);
    const names = res.json().evidence.map((e: { fileName: string }) => e.fileName);
    expect(names).toEqual(['passwd.pdf', 'winini.pdf']);
    for (const n of names) expect(n).not.toMatch(/[/\\]|\.\./);
    const dataDir = get().dataDir;
    // Besides evidence, the data directory holds only the keys other modules generate at start (whistleblower
    // identity key; whistleblower attachments live in their own encrypted folder).
    const KEYS = ['whistle.key', 'audit.key'];
    for (const f of filesUnder(dataDir)) {
      const rel = relative(dataDir, f);
      if (!KEYS.includes(rel)) expect(rel.startsWith('evidence'), rel).toBe(true);
    }
    expect(filesUnder(dataDir).some((f) => f.includes('passwd'))).toBe(false);
    expect(existsSync(join(dataDir, '..', 'etc'))).toBe(false);
  });

  it('refuses an upload that is not multipart or has no file', async () => {
    const occ = await freshOccurrence('dept_b');
    const r = await draft('dept_b', occ.id);
    expect((await json('dept_b', 'POST', `/api/reports/${r.id}/evidence`, { file: 'x' })).statusCode).toBe(400);
    expect((await upload('dept_b', r.id, [])).statusCode).toBe(400);
  });

  // ---------- concurrency and audit ----------

  it('two PATCHes with the same version: one wins, the other gets 409 with the current version', async () => {
    const occ = await freshOccurrence('dept_c');
    const r = await draft('dept_c', occ.id);
    const [a, b] = await Promise.all([
      json('dept_c', 'PATCH', `/api/reports/${r.id}`, { text: '甲的修改', version: 1 }),
      json('dept_c', 'PATCH', `/api/reports/${r.id}`, { text: '乙的修改', version: 1 }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(loser.json().error).toMatchObject({ code: 'conflict', details: { currentVersion: 2 } });
    const now = (await json('dept_c', 'GET', `/api/reports/${r.id}`)).json();
    expect(now.version).toBe(2);
    expect(now.text).toBe((a.statusCode === 200 ? a : b).json().text);
  });

  it('two drafts for one occurrence at once: one is created', async () => {
    const occ = await freshOccurrence('dept_c');
    const results = await Promise.all([
      json('dept_c', 'POST', '/api/reports', { occurrenceId: occ.id, text: '甲', workDate: today }),
      json('dept_c', 'POST', '/api/reports', { occurrenceId: occ.id, text: '乙', workDate: today }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const count = await db
      .selectFrom('reports')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('occurrence_id', '=', occ.id)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it('wrote every change to an intact audit chain', async () => {
    const events = await db.selectFrom('audit_events').select(['action', 'entity', 'before', 'after']).execute();
    expect(events.map((e) => e.action)).toEqual(
      expect.arrayContaining([
        'report.create',
        'report.update',
        'report.submit',
        'report.return',
        'report.accept',
        'evidence.add',
      ]),
    );
    const accept = events.find((e) => e.action === 'report.accept');
    expect(JSON.parse(accept?.before ?? '{}')).toMatchObject({ occurrence: { reportState: 'submitted' } });
    expect(JSON.parse(accept?.after ?? '{}')).toMatchObject({
      report: { status: 'accepted' },
      occurrence: { reportState: 'accepted', acceptedAt: today },
    });
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
  });

  it('filters the inbox to one task, and a department still sees only its own', async () => {
    const all = await t.as('staff', { method: 'GET', url: '/api/inbox?year=2024&limit=200' });
    const taskId = all.json().items[0].task.id as number;
    const one = await t.as('staff', { method: 'GET', url: `/api/inbox?year=2024&taskId=${taskId}&limit=200` });
    expect(one.statusCode).toBe(200);
    const items = one.json().items as { task: { id: number }; department: { id: number } | null }[];
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => i.task.id === taskId)).toBe(true);
    const mine = await t.as('dept_b', { method: 'GET', url: `/api/inbox?year=2024&taskId=${taskId}&limit=200` });
    const deptB = t.departmentIds['建设环保管理部'];
    for (const i of mine.json().items as { department: { id: number } | null }[]) expect(i.department?.id).toBe(deptB);
  });
});

import { type Dirent, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { addDays, todayInShanghai } from '@duban/shared/civil-date';
import ExcelJS from 'exceljs';
import type { InjectOptions } from 'fastify';
import { beforeAll, expect, it } from 'vitest';
import type { Db } from '../src/db/database.ts';
import { verifyAuditChain } from '../src/modules/audit/audit.service.ts';
import { runWhistleDeadlineScan } from '../src/modules/whistleblowing/run-deadline-scan.ts';
import { type AccountName, buildTestApp, type TestApp } from './app-harness.ts';
import { describeEachDatabase } from './databases.ts';
import { enterpriseBody } from './enterprise-fixtures.ts';
import {
  createHandlers,
  EXE,
  type HandlerSessions,
  JPEG,
  lookupReport,
  MP4,
  solveChallenge,
  submitReport,
} from './whistle-helpers.ts';

const NAME = '李举报人';
const PHONE = '13912345678';

/** The files of the local file store (uploads in DATA_DIR/evidence, content-addressed; staging left out). */
function filesUnder(dir: string): string[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) =>
    e.isDirectory() ? (e.name === '.staging' ? [] : filesUnder(join(dir, e.name))) : [join(dir, e.name)],
  );
}

describeEachDatabase('whistleblowing', (get, dialect) => {
  let t: TestApp;
  let db: Db;
  let h: HandlerSessions;
  const storedObjects = () => filesUnder(join(get().dataDir, 'evidence'));
  const as = (who: keyof HandlerSessions, options: InjectOptions) =>
    t.app.inject({
      ...options,
      headers: { ...(options.headers ?? {}), cookie: h[who].cookie, 'x-csrf-token': h[who].csrf },
    });
  let first: { receiptCode: string; password: string; id: number };

  beforeAll(async () => {
    db = get().handle.db;
    t = await buildTestApp(get());
    h = await createHandlers(t, db);
  });

  const reportId = async (code: string) =>
    (await db.selectFrom('whistle_reports').select('id').where('receipt_code', '=', code).executeTakeFirstOrThrow()).id;
  const version = async (id: number) =>
    (await db.selectFrom('whistle_reports').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;
  const lookup = (receiptCode: string, password: string, ip?: string) => lookupReport(t, receiptCode, password, ip);

  it('files a real-name report with a photo and a video: receipt code and generated password', async () => {
    const res = await submitReport(t, {
      fields: { anonymous: 'false', name: NAME, contact: PHONE, isEmployee: 'true' },
      files: [
        { filename: 'a.jpg', content: JPEG },
        { filename: 'b.mp4', content: MP4 },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json() as { receiptCode: string; password: string };
    expect(body.receiptCode).toMatch(
      /^[ACDEFGHJKMNPQRTUVWXY34679]{4}-[ACDEFGHJKMNPQRTUVWXY34679]{4}-[ACDEFGHJKMNPQRTUVWXY34679]{2}$/,
    );
    expect(body.password).toMatch(/^.{4}-.{4}-.{4}$/);
    first = { ...body, id: await reportId(body.receiptCode) };
    const row = await db.selectFrom('whistle_reports').selectAll().where('id', '=', first.id).executeTakeFirstOrThrow();
    expect(row.password_hash.startsWith('$argon2id$')).toBe(true);
    expect(JSON.stringify(row)).not.toContain(NAME);
    expect(JSON.stringify(row)).not.toContain(PHONE);
    const att = await db.selectFrom('whistle_attachments').selectAll().where('report_id', '=', first.id).execute();
    expect(att.map((a) => a.kind).sort()).toEqual(['photo', 'video']);
  });

  it('a chosen password is not echoed', async () => {
    const res = await submitReport(t, { fields: { password: 'my own secret pw' }, ip: '10.0.0.2' });
    expect(res.statusCode).toBe(201);
    expect(res.json().password).toBeUndefined();
    expect((await lookup(res.json().receiptCode, 'my own secret pw')).statusCode).toBe(200);
  });

  it('refuses bad input: challenge, reuse, employee without name, files by content, honeypot', async () => {
    expect((await submitReport(t, { challenge: null, ip: '10.0.1.1' })).statusCode).toBe(400);
    const c = await solveChallenge(t, '10.0.1.2');
    const wrong = await submitReport(t, {
      challenge: { token: c.token, answer: String(Number(c.answer) + 1) },
      ip: '10.0.1.2',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.message).toContain('验证题');
    expect((await submitReport(t, { challenge: c, ip: '10.0.1.3' })).statusCode).toBe(201);
    expect((await submitReport(t, { challenge: c, ip: '10.0.1.3' })).statusCode).toBe(400);
    const employee = await submitReport(t, { fields: { isEmployee: 'true' }, ip: '10.0.1.4' });
    expect(employee.statusCode).toBe(400);
    expect(employee.json().error.message).toContain('实名');
    const exe = await submitReport(t, { files: [{ filename: 'photo.jpg', content: EXE }], ip: '10.0.1.5' });
    expect(exe.statusCode).toBe(415);
    const before = await db.selectFrom('whistle_reports').select('id').execute();
    const bot = await submitReport(t, { fields: { website: 'http://spam' }, ip: '10.0.1.6' });
    expect(bot.statusCode).toBe(201);
    expect((await db.selectFrom('whistle_reports').select('id').execute()).length).toBe(before.length);
    // Refused uploads left no file behind: the store holds exactly the stored attachments (the first report's two).
    const keys = (await db.selectFrom('whistle_attachments').select('storage_key').execute()).map((r) => r.storage_key);
    expect(keys.length).toBe(2);
    expect(
      storedObjects()
        .map((f) => basename(f))
        .sort(),
    ).toEqual(keys.sort());
  });

  it('limits reports per address and per /24 network', async () => {
    for (let i = 0; i < 5; i += 1) expect((await submitReport(t, { ip: '10.7.7.7' })).statusCode).toBe(201);
    const sixth = await submitReport(t, { ip: '10.7.7.7' });
    expect(sixth.statusCode).toBe(429);
    // Another address of the same /24 still gets through until the network's limit.
    expect((await submitReport(t, { ip: '10.7.7.8' })).statusCode).toBe(201);
  });

  it('lookup: stage only; wrong password answers exactly like an unknown code; lockout per code', async () => {
    const ok = await lookup(first.receiptCode.toLowerCase().replaceAll('-', ' '), first.password);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'received', publicReply: null, reward: null });
    expect(Object.keys(ok.json()).sort()).toEqual(['publicReply', 'reward', 'status', 'statusLabel', 'updatedAt']);
    const wrongPw = await lookup(first.receiptCode, 'not the password', '10.1.0.2');
    const unknown = await lookup('ACDE-FGHJ-KM', first.password, '10.1.0.2');
    const malformed = await lookup('nonsense', first.password, '10.1.0.2');
    expect(wrongPw.statusCode).toBe(404);
    expect(wrongPw.body).toBe(unknown.body);
    expect(malformed.body).toBe(unknown.body);
    // four more failures lock this code, for the right password too (an unknown code locks the same way)
    for (let i = 0; i < 4; i += 1) await lookup(first.receiptCode, `wrong-${i}`, `10.1.1.${i}`);
    expect((await lookup(first.receiptCode, first.password, '10.1.2.1')).statusCode).toBe(429);
    for (let i = 0; i < 4; i += 1) await lookup('ACDE-FGHJ-KM', `wrong-${i}`, `10.1.3.${i}`);
    expect((await lookup('ACDE-FGHJ-KM', 'x', '10.1.2.1')).statusCode).toBe(429);
    await db.deleteFrom('whistle_lookup_attempts').execute();
    expect((await lookup(first.receiptCode, first.password, '10.1.2.1')).statusCode).toBe(200);
  });

  it('lookup: per-address lockout after 20 failures', async () => {
    for (let i = 0; i < 20; i += 1)
      await lookup(`ACDE-FGHJ-${'KMNPQRTUVWXY'[i % 12]}${'34679ACDEF'[i % 10]}`, 'x', '10.2.0.9');
    expect((await lookup(first.receiptCode, first.password, '10.2.0.9')).statusCode).toBe(429);
    await db.deleteFrom('whistle_lookup_attempts').execute();
  });

  it('lookup timing: a wrong password costs what an unknown code costs', async () => {
    const codes: string[] = [];
    for (let i = 0; i < 4; i += 1) codes.push((await submitReport(t, { ip: `10.3.0.${i}` })).json().receiptCode);
    const time = async (code: string, ip: string) => {
      const start = process.hrtime.bigint();
      const res = await lookup(code, 'wrong password', ip);
      expect(res.statusCode).toBe(404);
      return Number(process.hrtime.bigint() - start) / 1e6;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 16; i += 1) {
      known.push(await time(codes[i % 4] as string, `10.4.${i}.1`));
      unknown.push(await time(`ACDE-FGHJ-${'KMNPQRTUVWXY3467'[i]}3`, `10.5.${i}.1`));
    }
    // The lower quartile: the work itself, with less of the scheduler's noise (the argon2 lane runs at nice 19, so
    // on a busy machine single lookups wait for a free core; noise only ever adds time).
    const quartile = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 4)] as number;
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
    const ratio = quartile(known) / quartile(unknown);
    console.log(
      `[${dialect}] lookup p25 / median: wrong password ${quartile(known).toFixed(1)} / ${median(known).toFixed(1)} ms, ` +
        `unknown code ${quartile(unknown).toFixed(1)} / ${median(unknown).toFixed(1)} ms`,
    );
    expect(ratio).toBeGreaterThan(0.7);
    expect(ratio).toBeLessThan(1.4);
    expect(quartile(unknown)).toBeGreaterThan(5); // an argon2 verification really ran
    await db.deleteFrom('whistle_lookup_attempts').execute();
  });

  it('handling: accept with a department, the department sees it without identity, others do not', async () => {
    const accept = await as('handlerStaff', {
      method: 'POST',
      url: `/api/whistle/reports/${first.id}/accept`,
      payload: { version: await version(first.id), departmentId: t.departmentIds.应急管理部 },
    });
    expect(accept.statusCode, accept.body).toBe(200);
    expect(accept.json()).toMatchObject({ status: 'investigating', hasIdentity: true, acceptedOn: todayInShanghai() });
    expect(accept.json().dueOn).toBe(addDays(todayInShanghai(), 60));
    const deptView = await t.as('dept_a', { method: 'GET', url: `/api/whistle/reports/${first.id}` });
    expect(deptView.statusCode).toBe(200);
    expect(deptView.json()).toMatchObject({ receiptCode: '', hasIdentity: false, attachments: [], isEmployee: false });
    const other = await t.as('dept_b', { method: 'GET', url: `/api/whistle/reports/${first.id}` });
    const missing = await t.as('dept_b', { method: 'GET', url: '/api/whistle/reports/999999' });
    expect(other.statusCode).toBe(404);
    expect(other.body).toBe(missing.body);
    expect((await t.as('dept_b', { method: 'GET', url: '/api/whistle/reports' })).json().reports).toEqual([]);
    const inv = await t.as('dept_a', {
      method: 'POST',
      url: `/api/whistle/reports/${first.id}/investigation`,
      payload: { version: await version(first.id), text: '现场核查：消防通道确被堵塞。' },
    });
    expect(inv.statusCode, inv.body).toBe(200);
    const stale = await t.as('dept_a', {
      method: 'POST',
      url: `/api/whistle/reports/${first.id}/investigation`,
      payload: { version: 1, text: 'x' },
    });
    expect(stale.statusCode).toBe(409);
  });

  it('identity: only handlers open it, and every opening is audited', async () => {
    for (const who of ['admin', 'staff', 'leader', 'dept_a', 'dept_b', 'enterprise', null] as (AccountName | null)[]) {
      const res = await t.as(who, { method: 'GET', url: `/api/whistle/reports/${first.id}/identity` });
      expect([401, 403], `${who}`).toContain(res.statusCode);
      expect(res.body).not.toContain(PHONE);
      const att = await t.as(who, { method: 'GET', url: `/api/whistle/reports/${first.id}/attachments/1` });
      expect([401, 403], `${who}`).toContain(att.statusCode);
    }
    const before = await db
      .selectFrom('audit_events')
      .select('id')
      .where('action', '=', 'whistle.identity.open')
      .execute();
    const res = await as('handlerStaff', { method: 'GET', url: `/api/whistle/reports/${first.id}/identity` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ name: NAME, contact: PHONE });
    const after = await db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'whistle.identity.open')
      .execute();
    expect(after.length).toBe(before.length + 1);
    expect(after.at(-1)?.actor).toMatch(/^user:\d+$/);
    const view = await as('handlerStaff', { method: 'GET', url: `/api/whistle/reports/${first.id}` });
    const photo = view.json().attachments.find((a: { kind: string }) => a.kind === 'photo');
    const file = await as('handlerStaff', {
      method: 'GET',
      url: `/api/whistle/reports/${first.id}/attachments/${photo.id}`,
    });
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(JPEG)).toBe(true);
  });

  it('conclusion 查实 and reply reach the receipt page; extension limited to 30 days', async () => {
    const tooLong = await as('handlerAdmin', {
      method: 'POST',
      url: `/api/whistle/reports/${first.id}/extend`,
      payload: { version: await version(first.id), days: 31, reason: '需要检测' },
    });
    expect(tooLong.statusCode).toBe(400);
    const staffExt = await as('handlerStaff', {
      method: 'POST',
      url: `/api/whistle/reports/${first.id}/extend`,
      payload: { version: await version(first.id), days: 10, reason: '需要检测' },
    });
    expect(staffExt.statusCode).toBe(403);
    const ext = await as('handlerAdmin', {
      method: 'POST',
      url: `/api/whistle/reports/${first.id}/extend`,
      payload: { version: await version(first.id), days: 10, reason: '需要第三方检测' },
    });
    expect(ext.statusCode, ext.body).toBe(200);
    expect(ext.json().dueOn).toBe(addDays(todayInShanghai(), 70));
    const done = await as('handlerStaff', {
      method: 'POST',
      url: `/api/whistle/reports/${first.id}/conclude`,
      payload: {
        version: await version(first.id),
        conclusion: 'verified',
        reason: '经核查属实，已责令整改并立案处罚。',
        publicReply: '经核查，您反映的问题属实，已依法处理。感谢您的举报。',
      },
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'concluded', conclusion: 'verified', feedbackOn: todayInShanghai() });
    const seen = await lookup(first.receiptCode, first.password);
    expect(seen.json()).toMatchObject({
      status: 'concluded',
      publicReply: '经核查，您反映的问题属实，已依法处理。感谢您的举报。',
    });
  });

  it('rewards: tariff proposal, approval by an admin handler, notice, claim by code + password, paid, ledger', async () => {
    const proposal = await as('handlerStaff', {
      method: 'POST',
      url: `/api/whistle/reports/${first.id}/reward`,
      payload: { basis: 'fine', fineYuan: 100000 },
    });
    expect(proposal.statusCode, proposal.body).toBe(201);
    expect(proposal.json()).toMatchObject({ computedYuan: 15000, amountYuan: 15000, status: 'proposed' });
    const rewardId = proposal.json().id as number;
    expect((await lookup(first.receiptCode, first.password)).json().reward).toBeNull();
    const byStaff = await as('handlerStaff', {
      method: 'POST',
      url: `/api/whistle/rewards/${rewardId}/decide`,
      payload: { version: 1, approve: true },
    });
    expect(byStaff.statusCode).toBe(403);
    const noNote = await as('handlerAdmin', {
      method: 'POST',
      url: `/api/whistle/rewards/${rewardId}/decide`,
      payload: { version: 1, approve: true, amountYuan: 20000 },
    });
    expect(noNote.statusCode).toBe(400);
    const approved = await as('handlerAdmin', {
      method: 'POST',
      url: `/api/whistle/rewards/${rewardId}/decide`,
      payload: { version: 1, approve: true },
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect((await lookup(first.receiptCode, first.password)).json().reward).toEqual({
      amountYuan: 15000,
      status: 'approved',
      paidOn: null,
    });
    const badClaim = await t.app.inject({
      method: 'POST',
      url: '/api/public/reports/claim',
      payload: { receiptCode: first.receiptCode, password: 'wrong', payee: 'x' },
      remoteAddress: '10.6.0.1',
    });
    expect(badClaim.statusCode).toBe(404);
    const claim = await t.app.inject({
      method: 'POST',
      url: '/api/public/reports/claim',
      payload: {
        receiptCode: first.receiptCode,
        password: first.password,
        payee: '工商银行 6222000011112222 李举报人',
      },
      remoteAddress: '10.6.0.1',
    });
    expect(claim.statusCode, claim.body).toBe(200);
    expect(claim.json().reward.status).toBe('claimed');
    const payee = await as('handlerStaff', { method: 'GET', url: `/api/whistle/rewards/${rewardId}/payee` });
    expect(payee.json().payee).toContain('6222000011112222');
    const paid = await as('handlerStaff', {
      method: 'POST',
      url: `/api/whistle/rewards/${rewardId}/paid`,
      payload: { version: 3, paidOn: todayInShanghai() },
    });
    expect(paid.statusCode, paid.body).toBe(200);
    expect((await lookup(first.receiptCode, first.password)).json().reward).toMatchObject({
      status: 'paid',
      paidOn: todayInShanghai(),
    });
    const ledger = await as('handlerStaff', { method: 'GET', url: '/api/whistle/rewards/export' });
    expect(ledger.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(ledger.rawPayload as unknown as ArrayBuffer);
    const cells = wb.worksheets[0]?.getSheetValues().flat().map(String).join('|') ?? '';
    expect(cells).toContain(first.receiptCode);
    expect(cells).toContain('15000');
    expect(cells).not.toContain(NAME);
    expect(cells).not.toContain('6222000011112222');
    for (const who of ['admin', 'staff', 'leader', 'dept_a', 'enterprise'] as AccountName[]) {
      expect((await t.as(who, { method: 'GET', url: '/api/whistle/rewards/export' })).statusCode).toBe(403);
    }
  });

  it('查实 creates a linked hazard in the register (channel 群众举报查实), without the reporter', async () => {
    const ent = await t.as('admin', { method: 'POST', url: '/api/enterprises', payload: enterpriseBody(771, []) });
    expect(ent.statusCode, ent.body).toBe(201);
    const sent = (
      await submitReport(t, { ip: '10.8.1.1', fields: { anonymous: 'false', name: NAME, contact: PHONE } })
    ).json();
    const id = await reportId(sent.receiptCode);
    await as('handlerStaff', { method: 'POST', url: `/api/whistle/reports/${id}/accept`, payload: { version: 1 } });
    const done = await as('handlerStaff', {
      method: 'POST',
      url: `/api/whistle/reports/${id}/conclude`,
      payload: { version: 2, conclusion: 'verified', reason: '属实', enterpriseId: ent.json().id },
    });
    expect(done.statusCode, done.body).toBe(200);
    const hazardId = done.json().hazardId as number;
    expect(hazardId).toBeGreaterThan(0);
    expect(done.json().enterpriseId).toBe(ent.json().id);
    const hazard = await t.as('admin', { method: 'GET', url: `/api/hazards/${hazardId}` });
    expect(hazard.statusCode, hazard.body).toBe(200);
    expect(hazard.json()).toMatchObject({ channel: 'public_report', level: 'general' });
    expect(hazard.body).not.toContain(NAME);
    expect(hazard.body).not.toContain(PHONE);
    // Unfounded or without a registry enterprise: no hazard.
    const other = (await submitReport(t, { ip: '10.8.1.2' })).json();
    const otherId = await reportId(other.receiptCode);
    await as('handlerStaff', {
      method: 'POST',
      url: `/api/whistle/reports/${otherId}/accept`,
      payload: { version: 1 },
    });
    const unfounded = await as('handlerStaff', {
      method: 'POST',
      url: `/api/whistle/reports/${otherId}/conclude`,
      payload: { version: 2, conclusion: 'unfounded', reason: '现场无此情况', enterpriseId: ent.json().id },
    });
    expect(unfounded.json().hazardId).toBeNull();
  });

  it('duplicate reports link to the first and earn no reward; transfer records the competent department', async () => {
    const dup = (await submitReport(t, { ip: '10.8.0.1' })).json();
    const dupId = await reportId(dup.receiptCode);
    const res = await as('handlerStaff', {
      method: 'POST',
      url: `/api/whistle/reports/${dupId}/duplicate`,
      payload: { version: 1, duplicateOf: first.id },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'duplicate', duplicateOf: first.id });
    const reward = await as('handlerStaff', {
      method: 'POST',
      url: `/api/whistle/reports/${dupId}/reward`,
      payload: { basis: 'fine', fineYuan: 100000 },
    });
    expect(reward.statusCode).toBe(409);
    const other = (await submitReport(t, { ip: '10.8.0.2' })).json();
    const otherId = await reportId(other.receiptCode);
    const moved = await as('handlerStaff', {
      method: 'POST',
      url: `/api/whistle/reports/${otherId}/transfer`,
      payload: { version: 1, transferTo: '市市场监督管理局', publicReply: '该事项属市场监管部门职责，已移送。' },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const seen = await lookup(other.receiptCode, other.password, '10.8.0.3');
    expect(seen.json()).toMatchObject({ status: 'transferred', publicReply: '该事项属市场监管部门职责，已移送。' });
  });

  it('time limits are reminded and escalated once per due date', async () => {
    const r = (await submitReport(t, { ip: '10.9.0.1' })).json();
    const id = await reportId(r.receiptCode);
    await as('handlerStaff', { method: 'POST', url: `/api/whistle/reports/${id}/accept`, payload: { version: 1 } });
    const due = addDays(todayInShanghai(), 60);
    const late = new Date(`${addDays(due, 1)}T02:00:00Z`);
    const firstRun = await runWhistleDeadlineScan(db, late);
    expect(firstRun.claimed).toBeGreaterThanOrEqual(2);
    const steps = await db.selectFrom('whistle_deadline_steps').selectAll().where('report_id', '=', id).execute();
    expect(steps.map((s) => s.step).sort()).toEqual(['handle-overdue', 'handle-remind']);
    const again = await runWhistleDeadlineScan(db, late);
    expect(
      (await db.selectFrom('whistle_deadline_steps').selectAll().where('report_id', '=', id).execute()).length,
    ).toBe(2);
    expect(again.claimed).toBe(0);
    const notices = await db.selectFrom('notifications').selectAll().where('kind', 'like', 'whistle-%').execute();
    expect(notices.length).toBeGreaterThanOrEqual(4); // two handlers × two steps
    // Concluded without a reply: the 10-day feedback limit runs; a reply stops it.
    const v = (await as('handlerStaff', { method: 'GET', url: `/api/whistle/reports/${id}` })).json().version as number;
    const concluded = await as('handlerStaff', {
      method: 'POST',
      url: `/api/whistle/reports/${id}/conclude`,
      payload: { version: v, conclusion: 'unfounded', reason: '不实' },
    });
    expect(concluded.json().feedbackDueOn).toBe(addDays(todayInShanghai(), 10));
    const feedbackLate = new Date(`${addDays(todayInShanghai(), 11)}T02:00:00Z`);
    await runWhistleDeadlineScan(db, feedbackLate);
    const after = await db.selectFrom('whistle_deadline_steps').select('step').where('report_id', '=', id).execute();
    expect(after.map((x) => x.step).sort()).toEqual([
      'feedback-overdue',
      'feedback-remind',
      'handle-overdue',
      'handle-remind',
    ]);
    expect((await runWhistleDeadlineScan(db, feedbackLate)).claimed).toBe(0);
  });

  it('the permission is managed by office_admin only; tokens and other roles never handle', async () => {
    const staffId = (
      await db.selectFrom('users').select('id').where('username', '=', 'staff').executeTakeFirstOrThrow()
    ).id;
    expect(
      (
        await t.as('staff', {
          method: 'PUT',
          url: `/api/users/${staffId}/report-handler`,
          payload: { canHandleReports: true },
        })
      ).statusCode,
    ).toBe(403);
    const leaderId = (
      await db.selectFrom('users').select('id').where('username', '=', 'leader').executeTakeFirstOrThrow()
    ).id;
    expect(
      (
        await t.as('admin', {
          method: 'PUT',
          url: `/api/users/${leaderId}/report-handler`,
          payload: { canHandleReports: true },
        })
      ).statusCode,
    ).toBe(400);
    const token = await as('handlerAdmin', {
      method: 'POST',
      url: '/api/api-tokens',
      payload: { name: 'w', role: 'office_admin' },
    });
    expect(token.statusCode, token.body).toBeLessThan(300);
    const bearer = await t.app.inject({
      method: 'GET',
      url: `/api/whistle/reports/${first.id}/identity`,
      headers: { authorization: `Bearer ${token.json().token}` },
    });
    expect(bearer.statusCode).toBe(403);
  });

  it('the reporter’s name and phone are nowhere in clear: not in the database file, audit trail or upload folder', async () => {
    expect((await verifyAuditChain(db)).ok).toBe(true);
    const audit = await db.selectFrom('audit_events').selectAll().execute();
    const text = JSON.stringify(audit);
    expect(text).not.toContain(NAME);
    expect(text).not.toContain(PHONE);
    expect(text).not.toContain('6222000011112222');
    for (const f of storedObjects()) {
      const bytes = readFileSync(f);
      expect(bytes.includes(Buffer.from('MARKER-42'))).toBe(false);
      expect(bytes.includes(Buffer.from('MARKER-43'))).toBe(false);
    }
    if (dialect === 'sqlite') {
      const file = get().url.slice('sqlite:'.length);
      for (const path of [file, `${file}-wal`]) {
        let bytes: Buffer;
        try {
          bytes = readFileSync(path);
        } catch {
          continue;
        }
        expect(bytes.includes(Buffer.from(NAME)), path).toBe(false);
        expect(bytes.includes(Buffer.from(PHONE)), path).toBe(false);
        expect(bytes.includes(Buffer.from('6222000011112222')), path).toBe(false);
      }
    } else {
      const dump = JSON.stringify(
        await Promise.all(
          ['whistle_reports', 'whistle_identities', 'whistle_rewards', 'audit_events', 'notifications'].map((table) =>
            db
              .selectFrom(table as 'whistle_reports')
              .selectAll()
              .execute(),
          ),
        ),
      );
      expect(dump).not.toContain(NAME);
      expect(dump).not.toContain(PHONE);
    }
  });
});

import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { Principal } from '../src/core/principal.ts';
import type { Db } from '../src/db/database.ts';
import { createChannel } from '../src/modules/notifications/channels.service.ts';
import { centreScope } from '../src/modules/notifications/notifications.policy.ts';
import { setPreferences } from '../src/modules/notifications/notifications.service.ts';
import { runDeliveries } from '../src/modules/notifications/run-deliveries.ts';
import { createMailSender, type MailSender } from '../src/modules/notifications/senders/mail-sender.ts';
import { runReminderScan } from '../src/modules/reminders/run-reminder-scan.ts';
import { buildTestApp, type TestApp } from './app-harness.ts';
import { describeEachDatabase } from './databases.ts';
import { acceptAllExcept, closeAndSettle, reopen, setReportState, shanghai, userId } from './notifications-helpers.ts';

/**
 * Channels end to end on loopback only: an smtp-server sink (the Chinese subject decoded from RFC 2047), and a
 * node:http receiver checking the DingTalk and Feishu signatures and the generic webhook's HMAC, with one
 * endpoint that always fails (retried with back-off while the others go out). Digest and quiet hours.
 */
interface Hit {
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}

const DING_SECRET = 'SEC0123456789abcdef+/=';
const FEISHU_SECRET = 'feishu-secret';
const HOOK_SECRET = 'generic-secret';

describeEachDatabase('notification delivery', (get) => {
  let t: TestApp;
  let db: Db;
  let smtp: SMTPServer;
  let http: Server;
  let base = '';
  let mail: MailSender;
  const mails: string[] = [];
  const hits: Hit[] = [];
  const used = new Set<number>();

  const principal = async (username: string, departmentId: number | null): Promise<Principal> => ({
    kind: 'session',
    userId: await userId(db, username),
    username,
    role: departmentId === null ? 'office_admin' : 'department',
    orgUnitId: t.scope.orgUnitId,
    departmentId,
    isHead: false,
    actor: 'test',
  });

  /** Re-opens a fresh occurrence of the department with the given due date. */
  async function open(departmentId: number, due: string): Promise<number> {
    const rows = await db.selectFrom('occurrences').select('id').where('department_id', '=', departmentId).execute();
    const row = rows.find((r) => !used.has(r.id));
    if (!row) throw new Error('no occurrence left');
    used.add(row.id);
    await reopen(db, row.id, due);
    return row.id;
  }

  /** Each test's occurrences are closed after it, so later scan days do not escalate them. */
  afterEach(async () => {
    await acceptAllExcept(db, []);
  });

  beforeAll(async () => {
    t = await buildTestApp(get());
    db = get().handle.db;
    await acceptAllExcept(db, []);
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, _session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          mails.push(Buffer.concat(chunks).toString('utf8'));
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
    mail = createMailSender(
      `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
      '督办 Duban <duban@example.cn>',
    );
    http = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        hits.push({
          path: url.pathname,
          query: url.searchParams,
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        });
        if (url.pathname === '/failing') {
          res.writeHead(500).end('upstream down');
          return;
        }
        const answer = url.pathname.startsWith('/feishu') ? { code: 0, msg: 'success' } : { errcode: 0, errmsg: 'ok' };
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
      });
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    mail?.close();
    if (smtp) await new Promise<void>((resolve) => smtp.close(() => resolve()));
    if (http) await new Promise<void>((resolve) => http.close(() => resolve()));
    await t?.app.close();
    await closeAndSettle(get().handle);
  });

  it('sends e-mail with a Chinese subject and signed robot messages; a failing webhook is retried with back-off', async () => {
    const deptA = t.departmentIds.应急管理部!;
    const office = await principal('admin', null);
    await setPreferences(db, centreScope(await principal('dept_a', deptA)), {
      email: 'dept_a@example.cn',
      emailEnabled: true,
      digest: false,
      quietHours: null,
    });
    const channel = (
      kind: 'dingtalk' | 'wecom' | 'feishu' | 'webhook',
      name: string,
      target: string,
      secret: string | null,
    ) =>
      createChannel(db, office, {
        kind,
        name,
        departmentId: deptA,
        target,
        secret,
        enabled: true,
        digest: true,
        quietHours: null,
      });
    await channel('dingtalk', '应急管理部钉钉群', `${base}/dingtalk/robot/send?access_token=ding-token`, DING_SECRET);
    await channel('wecom', '应急管理部企业微信群', `${base}/wecom/send?key=wecom-key`, null);
    await channel('feishu', '应急管理部飞书群', `${base}/feishu/hook/0123456789abcdef0123`, FEISHU_SECRET);
    await channel('webhook', '应急管理部业务系统', `${base}/generic`, HOOK_SECRET);
    const failing = await channel('webhook', '坏掉的接口', `${base}/failing`, HOOK_SECRET);

    const occ = await open(deptA, '2024-06-14');
    const now = shanghai('2024-06-14');
    await runReminderScan(db, { now });
    const task = await db
      .selectFrom('occurrences as o')
      .innerJoin('assignments as a', 'a.id', 'o.assignment_id')
      .innerJoin('tasks as tk', 'tk.id', 'a.task_id')
      .select(['tk.no', 'tk.text'])
      .where('o.id', '=', occ)
      .executeTakeFirstOrThrow();

    const run = await runDeliveries(db, { now, senders: { mail, timeoutMs: 2000 } });
    expect(run).toMatchObject({ sent: 5, retried: 1, failed: 0 });

    // E-mail: the subject is RFC 2047 encoded UTF-8; decoded it is the Chinese title.
    expect(mails).toHaveLength(1);
    expect(headerOf(mails[0]!, 'subject')).toMatch(/^=\?utf-8\?[BQ]\?/i);
    const subject = decodeMimeWords(headerOf(mails[0]!, 'subject'));
    expect(subject.startsWith(`【督办】今日到期提醒：第${task.no}项 `)).toBe(true);
    expect(subject).toContain(task.text.slice(0, 10));
    expect(headerOf(mails[0]!, 'to')).toBe('dept_a@example.cn');

    // DingTalk: sign = base64(HMAC-SHA256(secret, timestamp + "\n" + secret)), url-encoded in the query.
    const ding = hits.find((h) => h.path === '/dingtalk/robot/send');
    expect(ding?.query.get('access_token')).toBe('ding-token');
    const ts = ding?.query.get('timestamp') ?? '';
    expect(ts).toBe(String(now.getTime()));
    const expectedSign = createHmac('sha256', DING_SECRET).update(`${ts}\n${DING_SECRET}`).digest('base64');
    expect(ding?.query.get('sign')).toBe(expectedSign);
    const dingBody = JSON.parse(ding?.body ?? '{}');
    expect(dingBody.msgtype).toBe('markdown');
    expect(dingBody.markdown.title).toBe(subject);

    const wecom = hits.find((h) => h.path === '/wecom/send');
    expect(JSON.parse(wecom?.body ?? '{}').markdown.content).toContain(`第${task.no}项`);

    // Feishu: sign = base64(HMAC-SHA256(key = timestamp + "\n" + secret, message = "")) in the body.
    const feishu = JSON.parse(hits.find((h) => h.path.startsWith('/feishu'))?.body ?? '{}');
    expect(feishu.sign).toBe(createHmac('sha256', `${feishu.timestamp}\n${FEISHU_SECRET}`).update('').digest('base64'));
    expect(feishu.msg_type).toBe('interactive');

    // Generic: X-Duban-Signature = sha256=hex(HMAC-SHA256(secret, timestamp + "." + body)).
    const generic = hits.find((h) => h.path === '/generic');
    const gts = String(generic?.headers['x-duban-timestamp']);
    const mac = createHmac('sha256', HOOK_SECRET).update(`${gts}.${generic?.body}`).digest('hex');
    expect(generic?.headers['x-duban-signature']).toBe(`sha256=${mac}`);
    expect(JSON.parse(generic?.body ?? '{}').items[0]).toMatchObject({ occurrenceId: occ, step: 'remind-0' });

    // The failing endpoint: 1 min, then 2 min, then 4 min later; nothing in between.
    const failingLog = () =>
      db
        .selectFrom('notification_deliveries')
        .select(['status', 'attempts', 'next_attempt_at', 'last_error'])
        .where('channel_id', '=', failing.id)
        .executeTakeFirstOrThrow();
    const failingHits = () => hits.filter((h) => h.path === '/failing').length;
    expect(await failingLog()).toMatchObject({
      status: 'pending',
      attempts: 1,
      next_attempt_at: new Date(now.getTime() + 60_000).toISOString(),
    });
    expect((await failingLog()).last_error).toContain('HTTP 500');
    const later = (s: number) => new Date(now.getTime() + s * 1000);
    await runDeliveries(db, { now: later(30), senders: { mail } });
    expect(failingHits()).toBe(1);
    await runDeliveries(db, { now: later(61), senders: { mail } });
    expect(failingHits()).toBe(2);
    expect(await failingLog()).toMatchObject({ attempts: 2, next_attempt_at: later(61 + 120).toISOString() });
    await runDeliveries(db, { now: later(150), senders: { mail } });
    expect(failingHits()).toBe(2);
    await runDeliveries(db, { now: later(182), senders: { mail } });
    expect(failingHits()).toBe(3);
    // Nothing else was sent twice.
    expect(mails).toHaveLength(1);
    expect(hits.filter((h) => h.path !== '/failing')).toHaveLength(4);

    // The office's delivery log never shows a secret or a token.
    const log = await t.as('admin', { method: 'GET', url: '/api/notification-deliveries' });
    expect(log.statusCode).toBe(200);
    const channels = await t.as('admin', { method: 'GET', url: '/api/notification-channels' });
    for (const body of [log.body, channels.body]) {
      for (const secret of [
        DING_SECRET,
        FEISHU_SECRET,
        HOOK_SECRET,
        'ding-token',
        'wecom-key',
        '0123456789abcdef0123',
      ]) {
        expect(body).not.toContain(secret);
      }
    }
    expect(log.json().deliveries.find((d: { channelId: number }) => d.channelId === failing.id)).toMatchObject({
      status: 'pending',
      attempts: 3,
    });
    await db.deleteFrom('notification_channels').execute();
  });

  it('with digest on, sends one message listing everything due in the scan', async () => {
    const deptB = t.departmentIds.建设环保管理部!;
    await setPreferences(db, centreScope(await principal('dept_b', deptB)), {
      email: 'dept_b@example.cn',
      emailEnabled: true,
      digest: true,
      quietHours: null,
    });
    const ids = [await open(deptB, '2024-06-21'), await open(deptB, '2024-06-21'), await open(deptB, '2024-06-21')];
    const now = shanghai('2024-06-21');
    await runReminderScan(db, { now });
    const notes = await db
      .selectFrom('notifications')
      .select(['title', 'items', 'kind'])
      .where('user_id', '=', await userId(db, 'dept_b'))
      .execute();
    expect(notes).toHaveLength(1);
    expect(notes[0]?.kind).toBe('digest');
    expect(notes[0]?.title).toBe('【督办】待办汇总：共3项（到期提醒3项）');
    expect(
      (JSON.parse(notes[0]?.items ?? '[]') as { occurrenceId: number }[]).map((i) => i.occurrenceId).sort(),
    ).toEqual([...ids].sort());
    const before = mails.length;
    await runDeliveries(db, { now, senders: { mail } });
    expect(mails).toHaveLength(before + 1);
    expect(decodeMimeWords(headerOf(mails.at(-1)!, 'subject'))).toBe('【督办】待办汇总：共3项（到期提醒3项）');
  });

  it('holds e-mail during quiet hours (22:00–07:00) and drops what was submitted meanwhile', async () => {
    const deptC = t.departmentIds.党群工作部!;
    const dc = await principal('dept_c', deptC);
    await setPreferences(db, centreScope(dc), {
      email: 'dept_c@example.cn',
      emailEnabled: true,
      digest: false,
      quietHours: { start: '22:00', end: '07:00' },
    });
    const kept = await open(deptC, '2024-06-28');
    const submitted = await open(deptC, '2024-06-28');
    const late = shanghai('2024-06-27', '23:00');
    await runReminderScan(db, { now: late });
    // In-app at once (silent), e-mail waits for 07:00.
    const inApp = await db
      .selectFrom('notifications')
      .select('id')
      .where('user_id', '=', dc.userId ?? 0)
      .execute();
    expect(inApp).toHaveLength(2);
    const pending = await db
      .selectFrom('notification_deliveries')
      .select(['next_attempt_at', 'status'])
      .where('recipient', '=', 'dept_c@example.cn')
      .execute();
    expect(pending.map((p) => p.next_attempt_at)).toEqual([
      shanghai('2024-06-28', '07:00').toISOString(),
      shanghai('2024-06-28', '07:00').toISOString(),
    ]);
    const before = mails.length;
    await runDeliveries(db, { now: shanghai('2024-06-27', '23:30'), senders: { mail } });
    await runDeliveries(db, { now: shanghai('2024-06-28', '06:59'), senders: { mail } });
    expect(mails).toHaveLength(before);

    await setReportState(db, submitted, 'submitted');
    const run = await runDeliveries(db, { now: shanghai('2024-06-28', '07:00'), senders: { mail } });
    expect(run).toMatchObject({ sent: 1, cancelled: 1 });
    expect(mails).toHaveLength(before + 1);
    const sentTo = await db
      .selectFrom('notification_deliveries')
      .select(['items', 'status', 'last_error'])
      .where('recipient', '=', 'dept_c@example.cn')
      .orderBy('id')
      .execute();
    const byOcc = new Map(sentTo.map((d) => [(JSON.parse(d.items) as { occurrenceId: number }[])[0]?.occurrenceId, d]));
    expect(byOcc.get(kept)?.status).toBe('sent');
    expect(byOcc.get(submitted)).toMatchObject({ status: 'cancelled', last_error: '相关任务已报送或已办结' });
  });
});

/** A header's value from a raw message, unfolded. */
function headerOf(raw: string, name: string): string {
  const head = raw.split(/\r?\n\r?\n/)[0] ?? '';
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  const line = unfolded.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line ? line.slice(name.length + 1).trim() : '';
}

/** RFC 2047 encoded words (B and Q), adjacent words joined without the whitespace between them. */
function decodeMimeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_all, _charset: string, encoding: string, text: string) => {
      if (encoding.toUpperCase() === 'B') return Buffer.from(text, 'base64').toString('utf8');
      const bytes = text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => `%${hex}`);
      return decodeURIComponent(bytes);
    });
}

import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Db } from '../src/db/database.ts';
import { createMailSender, type MailSender } from '../src/modules/notifications/senders/mail-sender.ts';
import { sendTestMessage } from '../src/modules/notifications/test-channel.ts';
import { buildTestApp, type TestApp } from './app-harness.ts';
import { describeEachDatabase } from './databases.ts';
import { closeAndSettle } from './notifications-helpers.ts';

/**
 * 发送测试消息 (issue 13 item 3): POST /api/notification-channels/:id/test sends through the real senders — an
 * smtp-server sink for e-mail and a local node:http receiver for the generic webhook and a robot — and answers
 * with the outcome: sent, or failed with a Chinese reason (HTTP 500, SMTP not configured). Audited each time.
 */
interface Hit {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

describeEachDatabase('notification channel test message', (get) => {
  let t: TestApp;
  let db: Db;
  let smtp: SMTPServer;
  let http: Server;
  let mail: MailSender;
  let base = '';
  const mails: string[] = [];
  const hits: Hit[] = [];

  beforeAll(async () => {
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
    mail = createMailSender(`smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`, 'duban@example.cn');
    http = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
        hits.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        if (path === '/failing') {
          res.writeHead(500).end('down');
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ errcode: 0, errmsg: 'ok' }));
      });
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    t = await buildTestApp(get(), { senders: { mail } });
    db = get().handle.db;
  });

  afterAll(async () => {
    mail?.close();
    if (smtp) await new Promise<void>((resolve) => smtp.close(() => resolve()));
    if (http) await new Promise<void>((resolve) => http.close(() => resolve()));
    await t?.app.close();
    await closeAndSettle(get().handle);
  });

  async function channel(kind: string, name: string, target: string, secret: string | null, enabled = true) {
    const res = await t.as('admin', {
      method: 'POST',
      url: '/api/notification-channels',
      payload: { kind, name, departmentId: null, target, secret, enabled },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as number;
  }

  const test = (id: number, who: 'admin' | 'staff' = 'admin') =>
    t.as(who, { method: 'POST', url: `/api/notification-channels/${id}/test` });

  async function testAudits(id: number): Promise<string[]> {
    const rows = await db
      .selectFrom('audit_events')
      .select(['action', 'after'])
      .where('entity', '=', 'notification_channel')
      .where('entity_id', '=', String(id))
      .where('action', '=', 'notification_channel.test')
      .execute();
    return rows.map((r) => String(r.after));
  }

  it('sends a test e-mail through SMTP and a signed webhook request; audited', async () => {
    const mailbox = await channel('email', '安委办邮箱', 'office@example.cn', null);
    const res = await test(mailbox, 'staff');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ channelId: mailbox, status: 'sent', error: null });
    expect(mails).toHaveLength(1);
    expect(mails[0]).toContain('office@example.cn');
    expect(mails[0]).toMatch(/Subject: =\?UTF-8\?/i);

    // A disabled channel can be tested before it is switched on.
    const hook = await channel('webhook', '业务系统', `${base}/generic`, 'hook-secret', false);
    const sent = await test(hook);
    expect(sent.json()).toMatchObject({ status: 'sent', error: null });
    const hit = hits.find((h) => h.path === '/generic');
    expect(hit?.headers['x-duban-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(JSON.parse(hit?.body ?? '{}')).toMatchObject({ kind: 'test', title: '【督办】测试消息', items: [] });
    expect(JSON.parse(hit?.body ?? '{}').text).toContain('业务系统');

    const audits = await testAudits(hook);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toContain('"status":"sent"');
    expect(audits[0]).not.toContain('hook-secret');
  });

  it('answers failed with the Chinese reason when the receiver refuses or SMTP is not configured', async () => {
    const failing = await channel('webhook', '坏掉的接口', `${base}/failing`, 'k');
    const res = await test(failing);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'failed', error: '发送失败：HTTP 500' });
    expect((await testAudits(failing))[0]).toContain('"status":"failed"');

    // Served without SMTP (no SMTP_URL): e-mail cannot go out, and says so.
    const mailbox = await channel('email', '无SMTP', 'x@example.cn', null);
    const r = await sendTestMessage(db, { orgUnitId: t.scope.orgUnitId, actor: 'test' }, mailbox, { mail: null });
    expect(r).toMatchObject({ status: 'failed', error: '发送失败：未配置 SMTP（SMTP_URL），无法发送邮件' });
  });

  it('is the office’s only; a missing channel is 404', async () => {
    const mailbox = await channel('email', '只读测试', 'y@example.cn', null);
    for (const who of ['leader', 'dept_a', 'enterprise'] as const) {
      expect((await t.as(who, { method: 'POST', url: `/api/notification-channels/${mailbox}/test` })).statusCode).toBe(
        403,
      );
    }
    expect((await t.as(null, { method: 'POST', url: `/api/notification-channels/${mailbox}/test` })).statusCode).toBe(
      401,
    );
    expect((await test(999_999)).statusCode).toBe(404);
  });
});

import { addDays, todayInShanghai } from '@duban/shared/civil-date';
import { beforeAll, expect, it } from 'vitest';
import { scanCertificateWarningsAllUnits } from '../src/modules/experts/certificate-warnings.ts';
import { startReminderScheduler } from '../src/modules/reminders/reminder-scheduler.ts';
import { buildTestApp, type TestApp } from './app-harness.ts';
import { describeEachDatabase } from './databases.ts';

/**
 * Expert certificate expiry warnings run with the reminder scan: the scheduler's scan tick claims them (once per
 * certificate × expiry date × stage) and the office hears of them in-app; a second scan claims nothing.
 */
describeEachDatabase('expert certificate warnings in the reminder scan', (get, dialect) => {
  let t: TestApp;
  const today = todayInShanghai(new Date());

  beforeAll(async () => {
    t = await buildTestApp(get());
    const expert = await t.as('admin', {
      method: 'POST',
      url: '/api/experts',
      payload: { name: '专家丙', title: '高级工程师', specialties: ['chemicals'], employerName: '某研究院' },
    });
    expect(expert.statusCode, expert.body).toBe(201);
    const id = expert.json().id;
    for (const [name, expiresOn] of [
      ['安全评价师证', addDays(today, 10)],
      ['特种作业证', addDays(today, -3)],
      ['职称证书', addDays(today, 400)],
    ] as const) {
      const cert = await t.as('admin', {
        method: 'POST',
        url: `/api/experts/${id}/certificates`,
        payload: { name, number: name, expiresOn },
      });
      expect(cert.statusCode, cert.body).toBe(200);
    }
  });

  const notices = () =>
    get()
      .handle.db.selectFrom('notifications')
      .innerJoin('users', 'users.id', 'notifications.user_id')
      .select(['users.username', 'notifications.kind', 'notifications.body'])
      .where('notifications.kind', 'like', 'expert_certificate_%')
      .execute();

  it.runIf(dialect === 'sqlite')('the scheduled scan tick warns of both certificates, once', async () => {
    const scheduler = await startReminderScheduler({
      db: get().handle.db,
      dialect,
      databaseUrl: get().url,
      senders: { mail: null },
      log: () => {},
      scanCron: '0 0 1 1 *',
      deliveryCron: '0 0 1 1 *',
    });
    await scheduler.stop(); // the start-up scan has run when stop() returns
    const seen = (await notices()).filter((n) => n.username === 'admin');
    expect(seen.map((n) => n.kind).sort()).toEqual(['expert_certificate_due_30', 'expert_certificate_expired']);
    expect(seen.find((n) => n.kind === 'expert_certificate_expired')?.body).toContain('特种作业证');
  });

  it('a scan over every unit claims each stage once, whoever runs it', async () => {
    const first = await scanCertificateWarningsAllUnits(get().handle.db);
    if (dialect === 'postgres') expect(first.map((w) => w.stage).sort()).toEqual(['due_30', 'expired']);
    else expect(first).toEqual([]); // the scheduler's tick above already claimed them
    const [a, b] = await Promise.all([
      scanCertificateWarningsAllUnits(get().handle.db),
      scanCertificateWarningsAllUnits(get().handle.db),
    ]);
    expect([...a, ...b]).toEqual([]);
    const perAccount = (await notices()).filter((n) => n.username === 'staff');
    expect(perAccount).toHaveLength(2);
    // a year later: the far certificate is due, the one that was due has expired; nothing is warned twice
    const later = await scanCertificateWarningsAllUnits(get().handle.db, new Date(Date.now() + 380 * 86_400_000));
    expect(later.map((w) => `${w.certificate}:${w.stage}`).sort()).toEqual(['安全评价师证:expired', '职称证书:due_30']);
  });
});

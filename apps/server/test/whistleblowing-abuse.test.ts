import { normaliseReceiptCode } from '@duban/shared/whistleblowing/receipt-code';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { type DatabaseHandle, openDatabase } from '../src/db/database.ts';
import { LOOKUP_FAILURES_PER_CODE } from '../src/modules/whistleblowing/lookup-whistle-report.ts';
import { lookupKey } from '../src/modules/whistleblowing/receipt-secrets.ts';
import { sweepRateCounters } from '../src/modules/whistleblowing/whistleblowing.repository.ts';
import { buildTestApp, type TestApp } from './app-harness.ts';
import { describeEachDatabase } from './databases.ts';
import { lookupReport as lookup, solveChallenge, submitReport } from './whistle-helpers.ts';

/**
 * Two app instances, each with its own connection to one database: the public side's abuse counters (reports per
 * address and network, lookup lockouts, one-time challenges) live in the database, so the instances agree.
 */
describeEachDatabase('whistleblowing abuse counters across instances', (get) => {
  let a: TestApp;
  let b: TestApp;
  let second: DatabaseHandle;

  beforeAll(async () => {
    a = await buildTestApp(get());
    second = openDatabase(get().url);
    const app: FastifyInstance = await buildApp({
      db: second.db,
      dialect: second.dialect,
      scope: a.scope,
      secureCookies: false,
      dataDir: get().dataDir,
    });
    b = { ...a, app };
  });
  afterAll(async () => {
    await b.app.close();
    await second.close();
  });

  it('reports per address: hits on either instance count against one limit', async () => {
    const ip = '10.30.0.1';
    for (const t of [a, b, a, b, a]) expect((await submitReport(t, { ip })).statusCode).toBe(201);
    expect((await submitReport(b, { ip })).statusCode).toBe(429);
    expect((await submitReport(a, { ip })).statusCode).toBe(429);
    // another address of the network still gets through on either instance
    expect((await submitReport(b, { ip: '10.30.0.2' })).statusCode).toBe(201);
  });

  it('reports per /24 network: the limit holds across instances', async () => {
    let accepted = 0;
    for (let i = 0; i < 32; i += 1) {
      const res = await submitReport(i % 2 ? a : b, { ip: `10.31.0.${10 + Math.floor(i / 4)}` });
      if (res.statusCode === 201) accepted += 1;
      else expect(res.statusCode).toBe(429);
    }
    expect(accepted).toBe(30);
  });

  it('a challenge issued by one instance is used once on any instance', async () => {
    const c = await solveChallenge(a, '10.32.0.1');
    expect((await submitReport(b, { challenge: c, ip: '10.32.0.1' })).statusCode).toBe(201);
    const again = await submitReport(a, { challenge: c, ip: '10.32.0.2' });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.message).toContain('验证题');
  });

  it('lookup lockout per address: failures on both instances add up', async () => {
    const made = await submitReport(a, { ip: '10.33.0.1' });
    const { receiptCode, password } = made.json() as { receiptCode: string; password: string };
    for (let i = 0; i < 20; i += 1) {
      const res = await lookup(
        i % 2 ? a : b,
        `ACDE-FGHJ-${'KMNPQRTUVWXY'[i % 12]}${'34679ACDEF'[i % 10]}`,
        'x',
        '10.33.0.9',
      );
      expect(res.statusCode).toBe(404);
    }
    expect((await lookup(a, receiptCode, password, '10.33.0.9')).statusCode).toBe(429);
    expect((await lookup(b, receiptCode, password, '10.33.0.9')).statusCode).toBe(429);
    expect((await lookup(b, receiptCode, password, '10.33.0.10')).statusCode).toBe(200);
    await get().handle.db.deleteFrom('whistle_lookup_attempts').execute();
  });

  it('lookup lockout per code: concurrent failures on both instances are all counted (atomic upsert)', async () => {
    const made = await submitReport(b, { ip: '10.34.0.1' });
    const { receiptCode, password } = made.json() as { receiptCode: string; password: string };
    const tries = Array.from({ length: LOOKUP_FAILURES_PER_CODE }, (_, i) =>
      lookup(i % 2 ? a : b, receiptCode, `wrong-${i}`, `10.34.1.${i}`),
    );
    for (const res of await Promise.all(tries)) expect(res.statusCode).toBe(404);
    const row = await get()
      .handle.db.selectFrom('whistle_lookup_attempts')
      .selectAll()
      .where('code_hash', '=', lookupKey(normaliseReceiptCode(receiptCode) ?? ''))
      .executeTakeFirstOrThrow();
    expect(row.failures).toBe(LOOKUP_FAILURES_PER_CODE);
    expect(row.locked_until).not.toBeNull();
    expect((await lookup(a, receiptCode, password, '10.34.2.1')).statusCode).toBe(429);
    expect((await lookup(b, receiptCode, password, '10.34.2.2')).statusCode).toBe(429);
  });

  it('the counters are a handful of rows: one per bucket and slot', async () => {
    const rows = await get().handle.db.selectFrom('public_rate_counters').selectAll().execute();
    const perIp = rows.filter((r) => r.bucket === 'report:ip:10.30.0.1');
    expect(perIp.reduce((n, r) => n + r.hits, 0)).toBe(5);
    expect(perIp.length).toBeLessThanOrEqual(2);
    expect(rows.every((r) => typeof r.window_start === 'number')).toBe(true);
  });

  it('a sweep removes expired rows oldest first, a bounded number at a time, and keeps current ones', async () => {
    const db = get().handle.db;
    await db
      .insertInto('public_rate_counters')
      .values(Array.from({ length: 12 }, (_, i) => ({ bucket: `sweep:${i}`, window_start: 1000 + i, hits: 1 })))
      .execute();
    const sweepRows = async () =>
      (await db.selectFrom('public_rate_counters').select('window_start').where('bucket', 'like', 'sweep:%').execute())
        .map((r) => r.window_start)
        .sort((x, y) => x - y);
    await sweepRateCounters(db, 1010, 5);
    expect(await sweepRows()).toEqual([1005, 1006, 1007, 1008, 1009, 1010, 1011]);
    await sweepRateCounters(db, 1010);
    expect(await sweepRows()).toEqual([1010, 1011]);
    expect(
      (await db.selectFrom('public_rate_counters').select('bucket').where('bucket', 'like', 'report:%').execute())
        .length,
    ).toBeGreaterThan(0);
  });
});

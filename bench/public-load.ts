/**
 * Loopback load of the public side (issue 14): 200 concurrent readers of the portal and 20 reporters
 * (challenge → multipart report with a photo → lookup with the receipt), while the office reads its task table.
 * One app instance on SQLite (the default deployment: no separate public pool, so only the low-priority argon2 lane
 * keeps the public side off the office's CPU). The public clients are bench/public-clients.ts at nice 19.
 * Prints the office's task-table p50/p95 before, during and after the load (p95 per 15 s window; the load's p95
 * against the alone windows' range), the public requests' latencies, and counts: errors (5xx, network), throttled
 * answers (429, the designed abuse control), other 4xx.
 *
 *   npx tsx bench/public-load.ts [--seconds 60] [--readers 200] [--reporters 20] [--think-ms 1000]
 *                                [--reporter-think-ms 0]
 *
 * Runs the real app on a fresh SQLite database under a temporary directory (the bundled 2024 list imported).
 * Each report is sent from a fresh loopback address (127.A.B.C, a new /24 each time) as real reporters are
 * distinct people; the per-address and per-network limits are exercised by the route tests instead.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../apps/server/src/app.ts';
import { loadDemoListIfEmpty, prepareDatabase } from '../apps/server/src/bootstrap.ts';
import { openDatabase } from '../apps/server/src/db/database.ts';
import { createUser } from '../apps/server/src/modules/users/users.service.ts';
import { call, noiseVerdict, pause, startPublicClients, windowedRuns } from './load-kit.ts';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const SECONDS = arg('seconds', 60);
const READERS = arg('readers', 200);
const REPORTERS = arg('reporters', 20);
/** A reader's pause between page views (uniform 0.5–1.5 × this); 0 = back to back (a stress test, not readers). */
const THINK_MS = arg('think-ms', 1000);
/** A reporter's pause between reports (filling in the form); 0 = back to back, the stress case. */
const REPORTER_THINK_MS = arg('reporter-think-ms', 0);
/** The office's own connection, as its browser would have. */
const officeAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });

/** The server half: its own process, so the load generator does not share its event loop. */
async function serve(dir: string) {
  const prepared = await prepareDatabase(`sqlite:${join(dir, 'load.db')}`, dir);
  await loadDemoListIfEmpty(prepared);
  const { db, dialect } = prepared.handle;
  await createUser(
    db,
    { actor: 'bench', orgUnitId: prepared.scope.orgUnitId },
    {
      username: 'load-office',
      displayName: '压测安委办',
      role: 'office_staff',
      departmentId: null,
      isHead: false,
      password: OFFICE_PASSWORD,
    },
  );
  const app = await buildApp({ db, dialect, scope: prepared.scope, secureCookies: false, dataDir: dir });
  await app.listen({ host: '127.0.0.1', port: 0 });
  process.stdout.write(`${JSON.stringify({ port: (app.server.address() as AddressInfo).port, dialect })}\n`);
  process.on('SIGTERM', () => {
    void app
      .close()
      .then(() => prepared.handle.close())
      .then(() => process.exit(0));
  });
}

const OFFICE_PASSWORD = 'Qx7-pressure-Zk93-pw';

async function startServerProcess(dir: string): Promise<{ base: URL; dialect: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--serve', dir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    let buf = '';
    child.stdout.on('data', (c: Buffer) => {
      buf += c.toString();
      const nl = buf.indexOf('\n');
      if (nl >= 0) resolve(buf.slice(0, nl));
    });
    child.on('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
  const { port, dialect } = JSON.parse(line) as { port: number; dialect: string };
  return {
    base: new URL(`http://127.0.0.1:${port}`),
    dialect,
    stop: () =>
      new Promise((resolve) => {
        child.on('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'duban-public-load-'));
  const server = await startServerProcess(dir);
  const { base, dialect } = server;
  const login = await call(base, 'POST', '/api/auth/login', {
    body: JSON.stringify({ username: 'load-office', password: OFFICE_PASSWORD }),
    headers: { 'content-type': 'application/json' },
  });
  const cookie = (String(login.headers['set-cookie']?.[0] ?? '').split(';')[0] ?? '').trim();
  const taskTable = () => call(base, 'GET', '/api/tasklists/2024/tasks', { headers: { cookie }, agent: officeAgent });

  console.log(
    `public load: ${READERS} readers (think ${THINK_MS} ms) + ${REPORTERS} reporters for ${SECONDS} s on ${dialect}`,
  );
  for (let i = 0; i < 20; i += 1) await taskTable();
  const aloneMs = Math.min(60_000, Math.max(10_000, SECONDS * 200));
  const before = await windowedRuns(taskTable, aloneMs);
  const clients = startPublicClients(base, {
    seconds: SECONDS + 5,
    readers: READERS,
    reporters: REPORTERS,
    thinkMs: THINK_MS,
    reporterThinkMs: REPORTER_THINK_MS,
  });
  await pause(3_000); // the clients' first requests
  const duringLoad = await windowedRuns(taskTable, SECONDS * 1000);
  const publicTable = await clients;
  const after = await windowedRuns(taskTable, aloneMs);

  const result = {
    seconds: SECONDS,
    readers: READERS,
    thinkMs: THINK_MS,
    reporters: REPORTERS,
    officeTaskTable: { before, duringLoad, after },
    public: publicTable,
  };
  console.log(JSON.stringify(result, null, 2));
  console.log(noiseVerdict(duringLoad, [before, after]).text);
  await server.stop();
  const check = openDatabase(`sqlite:${join(dir, 'load.db')}`);
  const stored = await check.db
    .selectFrom('whistle_reports')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  console.log(`reports stored: ${Number(stored.n)}`);
  await check.close();
  rmSync(dir, { recursive: true, force: true });
}

const serveAt = process.argv.indexOf('--serve');
(serveAt > 0 ? serve(process.argv[serveAt + 1] ?? '') : main()).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

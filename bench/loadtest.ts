/**
 * `npm run loadtest` (issue 16 item 6, issue 14's load check): three app instances behind nginx on one PostgreSQL,
 * on loopback only, bounded in time.
 *
 *   npm run loadtest -- [--seconds 300] [--users 200] [--public-seconds 300] [--readers 200] [--reporters 20]
 *                       [--instances 3] [--public-instances 1] [--think-ms 1000] [--reporter-think-ms 0]
 *
 * 1. Creates a fresh PostgreSQL database (LOADTEST_DATABASE_URL, else TEST_DATABASE_URL, else
 *    postgres://127.0.0.1:5432/postgres names the server; only a loopback server is accepted) with the bundled 2024
 *    list, the demo enterprises and hazards and one account per simulated person; drops it at the end.
 * 2. Starts the instances (`apps/server/src/main.ts`, DUBAN_STORAGE=database, TRUST_PROXY=1, each its own data
 *    directory with the same keys), --public-instances more at nice 10 for `upstream duban_public`, and nginx (Debian's package; installed when missing and running as root) with
 *    deploy/nginx/duban-proxy.conf — the snippet of the documented deployment.
 * 3. Phase A, --seconds: --users simulated people, each from its own loopback address through nginx: departments
 *    (inbox → draft → evidence upload → submit; every upload downloaded again and compared), office reviewers
 *    (queue → report → accept, one in ten returned), leaders (dashboard, task table), public readers. Half-way the
 *    reminder scan runs three times at once (`duban reminders scan`, one process per instance's data directory),
 *    then once more at the end: every step must have been claimed exactly once.
 * 4. Phase B, --public-seconds (issue 14): the office's task table back to back, alone (up to 60 s), then under
 *    --readers public readers + --reporters whistleblower reporters (bench/public-clients.ts, a process of its own
 *    at nice 19 standing in for phones elsewhere), then alone again; p95 per 15-second window, and the load's p95
 *    against the range of the alone windows (the noise).
 * Prints errors (5xx and network failures), p50/p95/p99 per endpoint, RSS per instance at start and end, the
 * reminder claims against the expected count, and `uptime`'s load.
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { loadDemoListIfEmpty, prepareDatabase } from '../apps/server/src/bootstrap.ts';
import { openDatabase, withDefaultUser } from '../apps/server/src/db/database.ts';
import { verifyAuditChain } from '../apps/server/src/modules/audit/audit.service.ts';
import { loadDemoEnterprisesIfEmpty } from '../apps/server/src/modules/enterprises/demo-enterprises.ts';
import { loadDemoHazardsIfEmpty } from '../apps/server/src/modules/hazards/demo-hazards.ts';
import { createUser } from '../apps/server/src/modules/users/users.service.ts';
import {
  type CallOptions,
  call,
  EndpointStats,
  multipartBody,
  noiseVerdict,
  pause,
  publicReader,
  type Res,
  startPublicClients,
  timed,
  windowedRuns,
} from './load-kit.ts';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  const v = i > 0 ? Number(process.argv[i + 1]) : dflt;
  if (!Number.isFinite(v) || v < 0) throw new Error(`--${name} 应为非负数`);
  return v;
};
const SECONDS = arg('seconds', 300);
const USERS = arg('users', 200);
const PUBLIC_SECONDS = arg('public-seconds', SECONDS);
const READERS = arg('readers', 200);
const REPORTERS = arg('reporters', 20);
const INSTANCES = arg('instances', 3);
/** Instances behind `upstream duban_public` at nice 10 (deploy/systemd/duban-public@.service); 0 = the same three. */
const PUBLIC_INSTANCES = arg('public-instances', 1);
const THINK_MS = arg('think-ms', 1000);
/** A reporter's pause between reports (filling in the form); 0 = back to back, the stress case. */
const REPORTER_THINK_MS = arg('reporter-think-ms', 0);
/** Hard stop: whatever happens, the test ends (cleanup included) after this. */
/** Set-up (accounts, sign-ins: argon2 on a loaded machine) and the checks get 30 minutes besides the phases. */
const HARD_LIMIT_MS = (SECONDS + PUBLIC_SECONDS + 1800) * 1000;

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const MAIN = join(ROOT, 'apps/server/src/main.ts');
const CLI = join(ROOT, 'apps/server/src/cli.ts');
const PROXY_SNIPPET = join(ROOT, 'deploy/nginx/duban-proxy.conf');
const PASSWORD = 'Load-test-Pw-7319-zq';
/** A reminder scan day inside the bundled 2024 list (a Monday, after several monthly due dates). */
const SCAN_AT = '2024-06-17T09:00:00+08:00';

const loadavg = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const rssMb = (pid: number | undefined) => {
  if (!pid) return null;
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : null;
  } catch {
    return null;
  }
};

function findNginx(): string {
  for (const p of ['/usr/sbin/nginx', '/usr/bin/nginx']) if (existsSync(p)) return p;
  if (process.getuid?.() === 0) {
    console.log('nginx 未安装，正在安装 Debian 软件包 nginx…');
    spawnSync('apt-get', ['install', '-y', 'nginx'], { stdio: 'inherit' });
    for (const p of ['/usr/sbin/nginx', '/usr/bin/nginx']) if (existsSync(p)) return p;
  }
  throw new Error('需要 nginx：请以 root 运行 `apt-get install -y nginx`（Debian 软件包）后重试 (nginx is required)');
}

function loopbackOnly(url: URL): void {
  const h = url.hostname.replace(/^\[|\]$/g, '');
  if (!(h === 'localhost' || h === '::1' || h.startsWith('127.') || h === '')) {
    throw new Error(`压测只连本机数据库 (loopback only): ${url.host}`);
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (a && typeof a === 'object' ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

async function waitHealthy(base: URL, what: string, child?: ChildProcess): Promise<void> {
  const until = Date.now() + 180_000;
  while (Date.now() < until) {
    if (child && child.exitCode !== null) throw new Error(`${what} 已退出 (${child.exitCode})`);
    const res = await call(base, 'GET', '/api/health').catch(() => null);
    if (res?.status === 200) return;
    await pause(500);
  }
  throw new Error(`${what} 未能启动`);
}

interface Person {
  username: string;
  role: 'department' | 'office' | 'leader' | 'public';
  /** Its own loopback address. */
  address: string;
  departmentId?: number;
  /** Which share of its department's (or the office's) work it takes: id % of === slot. */
  slot: number;
  of: number;
}

/** The simulated people: half departments, 15 % office reviewers, 10 % leaders, a quarter public readers. */
function planPeople(departmentIds: number[]): Person[] {
  const n = { department: Math.round(USERS * 0.5), office: Math.round(USERS * 0.15), leader: Math.round(USERS * 0.1) };
  const pub = Math.max(0, USERS - n.department - n.office - n.leader);
  const people: Person[] = [];
  const address = (k: number) => `127.1.${Math.floor(k / 250)}.${(k % 250) + 1}`;
  const perDepartment = Math.ceil(n.department / departmentIds.length);
  for (let u = 0; u < n.department; u += 1) {
    people.push({
      username: `load-dept-${u}`,
      role: 'department',
      address: address(people.length),
      departmentId: departmentIds[u % departmentIds.length] as number,
      slot: Math.floor(u / departmentIds.length),
      of: perDepartment,
    });
  }
  for (let u = 0; u < n.office; u += 1) {
    people.push({
      username: `load-office-${u}`,
      role: 'office',
      address: address(people.length),
      slot: u,
      of: n.office,
    });
  }
  for (let u = 0; u < n.leader; u += 1) {
    people.push({ username: `load-leader-${u}`, role: 'leader', address: address(people.length), slot: 0, of: 1 });
  }
  for (let u = 0; u < pub; u += 1) {
    people.push({ username: '', role: 'public', address: address(people.length), slot: u, of: pub });
  }
  return people;
}

function tinyPdf(): Buffer {
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>'];
  objects.push('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 72 72] >>');
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
  // A random comment after %%EOF: every upload is a new file (content-addressed storage would dedupe copies).
  return Buffer.concat([Buffer.from(body, 'latin1'), Buffer.from(`% ${randomBytes(24_000).toString('base64')}\n`)]);
}

async function main(): Promise<void> {
  const nginxBin = findNginx();
  const adminUrl = new URL(
    withDefaultUser(
      process.env.LOADTEST_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://127.0.0.1:5432/postgres',
    ),
  );
  loopbackOnly(adminUrl);
  const dbName = `duban_load_${process.pid}_${randomBytes(3).toString('hex')}`;
  const dbUrl = new URL(adminUrl);
  dbUrl.pathname = `/${dbName}`;
  const work = mkdtempSync(join(tmpdir(), 'duban-loadtest-'));
  const children: ChildProcess[] = [];
  const admin = new pg.Client({ connectionString: adminUrl.toString() });
  let cleaned: Promise<void> | null = null;
  /** Stops everything this run started and drops its database, once (normal end, error, time limit, Ctrl-C). */
  const cleanup = () => {
    cleaned ??= (async () => {
      for (const c of [...children].reverse()) await stopChild(c);
      await admin.query(`drop database if exists ${dbName} with (force)`).catch(() => {});
      await admin.end().catch(() => {});
      rmSync(work, { recursive: true, force: true });
    })();
    return cleaned;
  };
  const abort = (why: string) => {
    console.error(why);
    void cleanup().finally(() => process.exit(2));
  };
  const hardStop = setTimeout(() => abort('压测超出时限，已停止并清理 (hard time limit)'), HARD_LIMIT_MS);
  hardStop.unref();
  process.once('SIGINT', () => abort('已中断，正在清理 (interrupted)'));
  process.once('SIGTERM', () => abort('已中断，正在清理 (terminated)'));
  await admin.connect();
  await admin.query(`create database ${dbName}`);
  const startLoad = loadavg();
  console.log(
    `压测 loadtest: ${INSTANCES} 个实例 + nginx，PostgreSQL ${dbName}；A 段 ${USERS} 人 ${SECONDS} s，` +
      `B 段 ${READERS} 公众 + ${REPORTERS} 举报人（每份间隔 ${REPORTER_THINK_MS ? `约 ${REPORTER_THINK_MS / 1000} s` : '无，连续提交'}） ${PUBLIC_SECONDS} s；load ${startLoad}`,
  );
  try {
    // ── 1. data and accounts ───────────────────────────────────────────────────────────────────────────────────
    const setupDir = join(work, 'setup');
    const prepared = await prepareDatabase(dbUrl.toString(), setupDir);
    await loadDemoListIfEmpty(prepared);
    const { db } = prepared.handle;
    const unit = prepared.scope.orgUnitId;
    await loadDemoEnterprisesIfEmpty(db, unit);
    await loadDemoHazardsIfEmpty(db, unit);
    const depts = await db
      .selectFrom('occurrences')
      .select('department_id')
      .distinct()
      .where('department_id', 'is not', null)
      .execute();
    const people = planPeople(depts.map((d) => d.department_id as number));
    const actor = { actor: 'loadtest', orgUnitId: unit };
    const account = (username: string, role: 'office_admin' | 'office_staff' | 'leader' | 'department', d?: number) =>
      createUser(db, actor, {
        username,
        displayName: username,
        role,
        departmentId: d ?? null,
        isHead: false,
        password: PASSWORD,
      });
    await account('load-admin', 'office_admin');
    await account('load-table', 'office_staff');
    const accounts = people.filter((p) => p.role !== 'public');
    // Four at a time: argon2 hashes on the thread pool.
    for (let i = 0; i < accounts.length; i += 4) {
      await Promise.all(
        accounts
          .slice(i, i + 4)
          .map((p) =>
            account(
              p.username,
              p.role === 'office' ? 'office_staff' : p.role === 'leader' ? 'leader' : 'department',
              p.departmentId,
            ),
          ),
      );
    }
    await prepared.handle.close();
    console.log(
      `数据就绪：${depts.length} 个部门有任务，${people.filter((p) => p.role !== 'public').length + 2} 个账号。`,
    );

    // ── 2. instances and nginx ─────────────────────────────────────────────────────────────────────────────────
    const whistleKey = randomBytes(32).toString('base64');
    const instances: { port: number; dataDir: string; child: ChildProcess; log: string; public: boolean }[] = [];
    for (let i = 1; i <= INSTANCES + PUBLIC_INSTANCES; i += 1) {
      const isPublic = i > INSTANCES;
      const dataDir = join(work, `instance-${i}`);
      mkdirSync(dataDir, { recursive: true, mode: 0o700 });
      copyFileSync(join(setupDir, 'audit.key'), join(dataDir, 'audit.key'));
      const port = await freePort();
      const log = join(work, `instance-${i}.log`);
      const out = openSync(log, 'a');
      // The public pool runs at nice 10, as duban-public@.service does.
      const command = isPublic ? ['nice', '-n', '10', process.execPath] : [process.execPath];
      const child = spawn(command[0] as string, [...command.slice(1), '--import', 'tsx', MAIN], {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          DATABASE_URL: dbUrl.toString(),
          PORT: String(port),
          HOST: '127.0.0.1',
          DATA_DIR: dataDir,
          DUBAN_STORAGE: 'database',
          DUBAN_WHISTLE_KEY: whistleKey,
          TRUST_PROXY: '1',
          DUBAN_DEMO: '0',
          DEMO_STORY: 'false',
          LOG_LEVEL: 'warn',
        },
        stdio: ['ignore', out, out],
      });
      children.push(child);
      instances.push({ port, dataDir, child, log, public: isPublic });
    }
    for (const [i, inst] of instances.entries()) {
      await waitHealthy(new URL(`http://127.0.0.1:${inst.port}`), `实例 ${i + 1}`, inst.child);
    }
    const nginxDir = join(work, 'nginx');
    mkdirSync(nginxDir, { recursive: true });
    for (const t of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) {
      mkdirSync(join(nginxDir, t));
      chmodSync(join(nginxDir, t), 0o777);
    }
    chmodSync(work, 0o755);
    chmodSync(nginxDir, 0o755);
    const officePool = instances.filter((i) => !i.public);
    const publicPool = instances.filter((i) => i.public);
    const nginxPort = await freePort();
    const conf = join(nginxDir, 'nginx.conf');
    writeFileSync(
      conf,
      `worker_processes 2;
daemon off;
pid ${join(nginxDir, 'nginx.pid')};
error_log ${join(nginxDir, 'error.log')} warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${join(nginxDir, 'body')};
  proxy_temp_path ${join(nginxDir, 'proxy')};
  fastcgi_temp_path ${join(nginxDir, 'fastcgi')};
  uwsgi_temp_path ${join(nginxDir, 'uwsgi')};
  scgi_temp_path ${join(nginxDir, 'scgi')};
  limit_req_zone $binary_remote_addr zone=duban_login:10m rate=30r/m;
  upstream duban {
    least_conn;
${officePool.map((i) => `    server 127.0.0.1:${i.port} max_fails=3 fail_timeout=10s;`).join('\n')}
    keepalive 32;
  }
  upstream duban_public {
    least_conn;
${(publicPool.length ? publicPool : officePool).map((i) => `    server 127.0.0.1:${i.port} max_fails=3 fail_timeout=10s;`).join('\n')}
    keepalive 16;
  }
  server {
    listen 127.0.0.1:${nginxPort};
    include ${PROXY_SNIPPET};
  }
}
`,
    );
    execFileSync(nginxBin, ['-t', '-p', nginxDir, '-c', conf], { stdio: 'pipe' });
    const nginx = spawn(nginxBin, ['-p', nginxDir, '-c', conf], { stdio: ['ignore', 'ignore', 'inherit'] });
    children.push(nginx);
    const base = new URL(`http://127.0.0.1:${nginxPort}`);
    await waitHealthy(base, 'nginx', nginx);
    console.log(
      `nginx 127.0.0.1:${nginxPort} → 实例 ${officePool.map((i) => i.port).join(', ')}；公众端 ${publicPool.length ? `${publicPool.map((i) => i.port).join(', ')}（nice 10）` : '同上'}`,
    );

    // ── 3. phase A: 200 people for SECONDS ─────────────────────────────────────────────────────────────────────
    const stats = new EndpointStats();
    const agents = new Map<string, http.Agent>();
    const agentOf = (address: string) => {
      let a = agents.get(address);
      if (!a) {
        a = new http.Agent({ keepAlive: true, maxSockets: 2 });
        agents.set(address, a);
      }
      return a;
    };
    const sessions = new Map<string, { cookie: string; csrf: string }>();
    const req = (p: Person, name: string, method: string, path: string, o: CallOptions = {}): Promise<Res | null> => {
      const s = sessions.get(p.username);
      return timed(stats.of(name), () =>
        call(base, method, path, {
          ...o,
          localAddress: p.address,
          agent: agentOf(p.address),
          headers: { ...(s ? { cookie: s.cookie, 'x-csrf-token': s.csrf } : {}), ...o.headers },
        }),
      );
    };
    const jsonBody = (value: unknown): CallOptions => ({
      body: JSON.stringify(value),
      headers: { 'content-type': 'application/json' },
    });
    const signIn = async (p: Person) => {
      const res = await req(
        p,
        'POST /api/auth/login',
        'POST',
        '/api/auth/login',
        jsonBody({ username: p.username, password: PASSWORD }),
      );
      if (res?.status !== 200) throw new Error(`登录失败 ${p.username}: ${res?.status} ${res?.body.slice(0, 200)}`);
      const cookie = String(res.headers['set-cookie']?.[0] ?? '').split(';')[0] ?? '';
      sessions.set(p.username, { cookie, csrf: (JSON.parse(res.body) as { csrfToken: string }).csrfToken });
    };
    const signedIn = people.filter((p) => p.role !== 'public');
    for (let i = 0; i < signedIn.length; i += 16) await Promise.all(signedIn.slice(i, i + 16).map(signIn));
    const rssStart = instances.map((i) => rssMb(i.child.pid));

    let running = true;
    const think = (scale: number) => pause(THINK_MS * scale * (0.5 + Math.random()));
    let evidenceMismatches = 0;
    let uploads = 0;
    const department = async (p: Person) => {
      while (running) {
        const inbox = await req(p, 'GET /api/inbox', 'GET', '/api/inbox?limit=200');
        if (inbox?.status !== 200) {
          await think(2);
          continue;
        }
        const items = (JSON.parse(inbox.body) as { items: { id: number; latestReport: unknown }[] }).items;
        const mine = items.find((i) => i.latestReport === null && i.id % p.of === p.slot);
        await think(2);
        if (!mine || !running) continue;
        const draft = await req(
          p,
          'POST /api/reports',
          'POST',
          '/api/reports',
          jsonBody({
            occurrenceId: mine.id,
            text: '已按要求完成本期工作（压测）',
            workDate: new Date().toISOString().slice(0, 10),
          }),
        );
        if (draft?.status !== 201) continue;
        const report = JSON.parse(draft.body) as { id: number };
        await think(1);
        const pdf = tinyPdf();
        const form = multipartBody({}, [{ field: 'file', name: '佐证材料.pdf', type: 'application/pdf', bytes: pdf }]);
        const up = await req(p, 'POST /api/reports/:id/evidence', 'POST', `/api/reports/${report.id}/evidence`, {
          body: form.body,
          headers: { 'content-type': form.contentType },
        });
        if (up?.status !== 201) continue;
        uploads += 1;
        const body = JSON.parse(up.body) as { reportVersion: number; evidence: { id: number }[] };
        const evidenceId = body.evidence.at(-1)?.id;
        // Read back through nginx: usually another instance than the one that stored it.
        let bytes: Buffer | null = null;
        const back = await timed(stats.of('GET /api/evidence/:id'), async () => {
          const r = await downloadBytes(
            base,
            `/api/evidence/${evidenceId}`,
            p,
            sessions.get(p.username),
            agentOf(p.address),
          );
          bytes = r.bytes;
          return r;
        });
        if (back?.status !== 200 || !(bytes as Buffer | null)?.equals(pdf)) evidenceMismatches += 1;
        await think(1);
        await req(
          p,
          'POST /api/reports/:id/submit',
          'POST',
          `/api/reports/${report.id}/submit`,
          jsonBody({
            version: body.reportVersion,
          }),
        );
      }
    };
    const office = async (p: Person) => {
      while (running) {
        const queue = await req(
          p,
          'GET /api/reports?status=submitted',
          'GET',
          '/api/reports?status=submitted&limit=100',
        );
        const items =
          queue?.status === 200
            ? (JSON.parse(queue.body) as { items: { id: number }[] }).items.filter((i) => i.id % p.of === p.slot)
            : [];
        await think(2);
        const pick = items[0];
        if (!pick || !running) continue;
        const detail = await req(p, 'GET /api/reports/:id', 'GET', `/api/reports/${pick.id}`);
        if (detail?.status !== 200) continue;
        const { version } = JSON.parse(detail.body) as { version: number };
        await think(2);
        if (Math.random() < 0.1) {
          await req(
            p,
            'POST /api/reports/:id/return',
            'POST',
            `/api/reports/${pick.id}/return`,
            jsonBody({
              version,
              reason: '请补充佐证材料（压测）',
            }),
          );
        } else {
          await req(p, 'POST /api/reports/:id/accept', 'POST', `/api/reports/${pick.id}/accept`, jsonBody({ version }));
        }
      }
    };
    const leader = async (p: Person) => {
      while (running) {
        await req(p, 'GET /api/dashboard', 'GET', '/api/dashboard?year=2024');
        await think(3);
        await req(p, 'GET /api/tasklists/:year/tasks', 'GET', '/api/tasklists/2024/tasks');
        await think(3);
      }
    };
    const readerAgent = new http.Agent({ keepAlive: true, maxSockets: 64 });
    const workers = people.map((p, i) => {
      if (p.role === 'department') return department(p);
      if (p.role === 'office') return office(p);
      if (p.role === 'leader') return leader(p);
      return publicReader(base, i, {
        thinkMs: THINK_MS,
        running: () => running,
        stats: (path) => stats.of(`GET ${path}`),
        agent: readerAgent,
      });
    });
    const started = performance.now();
    await pause((SECONDS * 1000) / 2);
    // Half-way: the reminder scan on every instance at once (one process per instance's data directory).
    // (They run while the load goes on; the load stops on time whether or not they have finished.)
    const scanning = Promise.all(instances.map((inst) => reminderScan(dbUrl.toString(), inst.dataDir)));
    await pause(Math.max(0, SECONDS * 1000 - (performance.now() - started)));
    running = false;
    await Promise.all(workers);
    const scans = await scanning;
    const rssAfterA = instances.map((i) => rssMb(i.child.pid));
    // At the end, once the load has stopped: again on every instance at once, then once more (nothing may be left).
    const scansAfter = await Promise.all(instances.map((inst) => reminderScan(dbUrl.toString(), inst.dataDir)));
    const again = await reminderScan(dbUrl.toString(), instances[0]?.dataDir ?? setupDir);

    // ── 4. phase B: the office's task table with and without the public load (issue 14) ────────────────────────
    const table: Person = { username: 'load-table', role: 'office', address: '127.2.0.1', slot: 0, of: 1 };
    await signIn(table);
    const taskTable = () =>
      call(base, 'GET', '/api/tasklists/2024/tasks', {
        headers: { cookie: sessions.get('load-table')?.cookie ?? '' },
        localAddress: table.address,
        agent: agentOf(table.address),
      });
    const tableRuns = (ms: number) => windowedRuns(taskTable, ms);
    const aloneMs = Math.min(60_000, Math.max(10_000, PUBLIC_SECONDS * 200));
    const alone = await tableRuns(aloneMs);
    const clients = startPublicClients(base, {
      seconds: PUBLIC_SECONDS + 10,
      readers: READERS,
      reporters: REPORTERS,
      thinkMs: THINK_MS,
      reporterThinkMs: REPORTER_THINK_MS,
    }).catch((error: Error) => {
      console.log(error.message);
      return null;
    });
    await pause(5_000); // the 220 clients' first requests
    const underPublic = await tableRuns(PUBLIC_SECONDS * 1000);
    const clientsTable = await clients;
    const bTable = clientsTable ?? [];
    const aloneAfter = await tableRuns(aloneMs);
    const rssEnd = instances.map((i) => rssMb(i.child.pid));

    // ── 5. checks ───────────────────────────────────────────────────────────────────────────────────────────────
    const check = openDatabase(dbUrl.toString());
    const n = async (q: Promise<{ n: number | string | bigint }>) => Number((await q).n);
    const steps = await n(
      check.db
        .selectFrom('reminder_steps')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    );
    const stepsWithRecord = await n(
      check.db
        .selectFrom('reminder_steps')
        .where('supervision_action_id', 'is not', null)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    );
    const distinctRecords = await n(
      check.db
        .selectFrom('reminder_steps')
        .where('supervision_action_id', 'is not', null)
        .select((eb) => eb.fn.count<number>('supervision_action_id').distinct().as('n'))
        .executeTakeFirstOrThrow(),
    );
    const recordsLinked = await n(
      check.db
        .selectFrom('supervision_actions')
        .where(
          'id',
          'in',
          check.db
            .selectFrom('reminder_steps')
            .select('supervision_action_id')
            .where('supervision_action_id', 'is not', null),
        )
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    );
    const missingBlobs = await n(
      check.db
        .selectFrom('evidence_files as f')
        .leftJoin('evidence_blobs as b', 'b.sha256', 'f.sha256')
        .where('b.sha256', 'is', null)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    );
    const whistleReports = await n(
      check.db
        .selectFrom('whistle_reports')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow(),
    );
    const { useAuditKey, loadAuditKey } = await import('../apps/server/src/modules/audit/audit-key.ts');
    useAuditKey(loadAuditKey(setupDir));
    const chain = await verifyAuditChain(check.db);
    await check.close();

    const claimedBy = (runs: { sent: number; skipped: number }[]) => runs.reduce((s, r) => s + r.sent + r.skipped, 0);
    const claimed = claimedBy(scans) + claimedBy(scansAfter);
    const endLoad = loadavg();
    const aTable = stats.table();
    const errors = [...aTable, ...bTable].reduce((s, r) => s + r.errors, 0) + (clientsTable ? 0 : 1);
    const fmt = (r: ReturnType<EndpointStats['table']>[number]) =>
      `  ${r.endpoint.padEnd(40)} ${String(r.requests).padStart(7)} ${String(r.errors).padStart(6)} ${String(r.throttled429).padStart(5)} ${String(r.other4xx).padStart(5)} ${String(r.p50).padStart(8)} ${String(r.p95).padStart(8)} ${String(r.p99).padStart(8)}`;
    const header = `  ${'endpoint'.padEnd(40)} ${'n'.padStart(7)} ${'errors'.padStart(6)} ${'429'.padStart(5)} ${'4xx'.padStart(5)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'p99 ms'.padStart(8)}`;
    console.log(`\nA 段：${USERS} 人 ${SECONDS} s（部门 上报+佐证，安委办 审核，领导 看板，公众 浏览）`);
    console.log(header);
    for (const r of aTable) console.log(fmt(r));
    console.log(
      `  佐证上传 ${uploads} 份，经 nginx 回读不一致 ${evidenceMismatches} 份；数据库中缺少文件的佐证 ${missingBlobs} 份`,
    );
    const runs = (r: { sent: number; skipped: number }[]) => r.map((x) => `${x.sent}/${x.skipped}`).join('、');
    console.log(
      `\n提醒扫描（${SCAN_AT}）：负载中三个实例同时扫描，执行/跳过 ${runs(scans)}；负载结束后再同时扫描 ${runs(scansAfter)}；` +
        `合计认领 ${claimed} 步，reminder_steps ${steps} 行（应相等）；督办记录 ${stepsWithRecord} 步，互不相同 ${distinctRecords}，` +
        `对应 supervision_actions ${recordsLinked} 条；最后单独再扫描执行 ${again.sent}、跳过 ${again.skipped}（应为 0）`,
    );
    console.log(`\nB 段：${READERS} 公众 + ${REPORTERS} 举报人 ${PUBLIC_SECONDS} s，安委办任务表`);
    console.log(`  单独（之前）: ${JSON.stringify(alone)}`);
    console.log(`  公众负载下: ${JSON.stringify(underPublic)}`);
    console.log(`  单独（之后）: ${JSON.stringify(aloneAfter)}`);
    console.log(`  ${noiseVerdict(underPublic, [alone, aloneAfter]).text}`);
    console.log(header);
    for (const r of bTable) console.log(fmt(r));
    console.log(`  举报入库 ${whistleReports} 件`);
    console.log(
      `\nRSS MB（每个实例）：开始 ${rssStart.join(' / ')} · A 段后 ${rssAfterA.join(' / ')} · 结束 ${rssEnd.join(' / ')}`,
    );
    console.log(`审计链：${chain.ok ? `完整（${chain.checked} 条）` : `断裂：${chain.reason}`}`);
    console.log(`load average: 开始 ${startLoad} · 结束 ${endLoad}`);
    const exactlyOnce =
      steps === claimed && again.sent === 0 && again.skipped === 0 && stepsWithRecord === recordsLinked;
    const ok = errors === 0 && evidenceMismatches === 0 && missingBlobs === 0 && exactlyOnce && chain.ok;
    console.log(
      `\n结果 (result): errors ${errors}, exactly-once reminders ${exactlyOnce ? 'yes' : 'NO'} → ${ok ? 'OK' : 'FAILED'}`,
    );
    for (const [i, inst] of instances.entries()) {
      const lines = readFileSync(inst.log, 'utf8')
        .split('\n')
        .filter((l) => /error|错误|失败/i.test(l));
      if (lines.length)
        console.log(`实例 ${i + 1} 日志中的错误行 ${lines.length} 条，例如：${lines.slice(0, 3).join(' | ')}`);
    }
    if (process.argv.includes('--json')) {
      console.log(
        JSON.stringify({
          phaseA: aTable,
          phaseB: { alone, underPublic, aloneAfter, endpoints: bTable },
          scans,
          again,
          steps,
          rssStart,
          rssAfterA,
          rssEnd,
        }),
      );
    }
    process.exitCode = ok ? 0 : 1;
  } finally {
    clearTimeout(hardStop);
    await cleanup();
  }
}

async function stopChild(c: ChildProcess): Promise<void> {
  if (c.exitCode !== null || c.signalCode !== null) return;
  c.kill('SIGTERM');
  await new Promise((r) => {
    const t = setTimeout(() => {
      c.kill('SIGKILL');
      r(null);
    }, 15_000);
    c.once('exit', () => {
      clearTimeout(t);
      r(null);
    });
  });
}

/** GET a file and keep its bytes (the shared helper decodes text). */
function downloadBytes(
  base: URL,
  path: string,
  p: Person,
  s: { cookie: string; csrf: string } | undefined,
  agent: http.Agent,
): Promise<Res & { bytes: Buffer }> {
  return new Promise((resolve, reject) => {
    const r = http.request(
      {
        host: base.hostname,
        port: base.port,
        path,
        method: 'GET',
        localAddress: p.address,
        agent,
        headers: { cookie: s?.cookie ?? '' },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const bytes = Buffer.concat(chunks);
          resolve({ status: res.statusCode ?? 0, body: '', headers: res.headers, bytes });
        });
        res.on('error', reject);
      },
    );
    r.setTimeout(60_000, () => r.destroy(new Error('timeout')));
    r.on('error', reject);
    r.end();
  });
}

/** `duban reminders scan` as its own process with an instance's data directory: what that instance would run. */
async function reminderScan(databaseUrl: string, dataDir: string): Promise<{ sent: number; skipped: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', CLI, 'reminders', 'scan', '--at', SCAN_AT, '--no-deliver', '--json'],
      {
        cwd: ROOT,
        env: { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: databaseUrl, DATA_DIR: dataDir },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
    });
    child.on('exit', (code) => {
      const line = out.trim().split('\n').at(-1) ?? '';
      try {
        const parsed = JSON.parse(line) as { scan: { sent: number; skipped: number } };
        resolve({ sent: parsed.scan.sent, skipped: parsed.scan.skipped });
      } catch {
        reject(new Error(`reminders scan exited ${code}: ${out.slice(0, 300)}`));
      }
    });
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

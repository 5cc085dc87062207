import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipart } from './multipart.ts';
import { manyCellsXlsx, zipBombXlsx } from './office-bombs.ts';

/**
 * Issue 9 items 2 and 4, probed as the issue describes: a 6-million-cell .xlsx and a zip bomb uploaded as a task-list
 * import, a returned sheet and evidence to the real server (a child process, `main.ts`, SQLite), while
 * /api/health is polled every 100 ms. Every upload is refused with 422, no health answer takes a second, and the
 * server's peak RSS (VmHWM) stays under 1 GB. The files are generated here, never committed.
 */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

describe('security: hostile office files against the running server', () => {
  const dir = mkdtempSync(join(tmpdir(), 'duban-bombs-'));
  let child: ChildProcess;
  let base = '';
  let cookie = '';
  let csrf = '';
  let deptCookie = '';
  let deptCsrf = '';
  let reportId = 0;
  let bigXlsx: Buffer;
  let bomb: Buffer;

  beforeAll(async () => {
    bigXlsx = await manyCellsXlsx(300_000);
    bomb = await zipBombXlsx(450);
    const port = await freePort();
    child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: `sqlite:${join(dir, 'probe.db')}`,
        DATA_DIR: dir,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        DUBAN_DEMO: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const admin = await new Promise<{ username: string; password: string }>((resolve, reject) => {
      let out = '';
      let creds: { username: string; password: string } | null = null;
      child.stdout?.on('data', (c: Buffer) => {
        out += c.toString();
        const file = /管理员账号 (\S+)；一次性密码已写入 (.+?)（/.exec(out);
        if (file?.[1] && file[2] && !creds) {
          const password = /密码 password:\s*(\S+)/.exec(readFileSync(file[2], 'utf8'))?.[1] ?? '';
          creds = { username: file[1], password };
        }
        if (out.includes('已启动') && creds) resolve(creds);
      });
      child.once('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
      setTimeout(() => reject(new Error(`server did not start: ${out}`)), 180_000);
    });
    base = `http://127.0.0.1:${port}`;
    const login = async (username: string, password: string) => {
      const res = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });
      expect(res.status).toBe(200);
      const c = /duban_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')?.[0] ?? '';
      return { cookie: c, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
    };
    ({ cookie, csrf } = await login(admin.username, admin.password));
    const depts = (await (await fetch(`${base}/api/departments`, { headers: { cookie } })).json()) as {
      departments: { id: number; name: string }[];
    };
    const dept = depts.departments.find((d) => d.name === '应急管理部');
    const created = await fetch(`${base}/api/users`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
      body: JSON.stringify({
        username: 'probe-dept',
        displayName: '探测',
        role: 'department',
        departmentId: dept?.id,
        password: 'probe-river-lantern',
      }),
    });
    expect(created.status).toBe(201);
    ({ cookie: deptCookie, csrf: deptCsrf } = await login('probe-dept', 'probe-river-lantern'));
    const inbox = (await (await fetch(`${base}/api/inbox?year=2024`, { headers: { cookie: deptCookie } })).json()) as {
      items: { id: number }[];
    };
    const report = await fetch(`${base}/api/reports`, {
      method: 'POST',
      headers: { cookie: deptCookie, 'x-csrf-token': deptCsrf, 'content-type': 'application/json' },
      body: JSON.stringify({ occurrenceId: inbox.items[0]?.id, text: '探测用草稿', workDate: '2024-03-01' }),
    });
    expect(report.status, await report.clone().text()).toBe(201);
    reportId = ((await report.json()) as { id: number }).id;
  }, 360_000);

  afterAll(() => {
    child?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses both files everywhere with 422 while /api/health answers within a second; RSS stays under 1 GB', async () => {
    // Warm up (first connection, first response of each route's serializer) before measuring.
    for (let i = 0; i < 3; i += 1) await (await fetch(`${base}/api/health`)).arrayBuffer();
    // The poller is its own process, so the uploads this test process sends do not delay its measurements.
    const poller = spawn(
      process.execPath,
      [
        '-e',
        `const u=process.argv[1];(async()=>{for(;;){const t=performance.now();const r=await fetch(u);await r.arrayBuffer();` +
          `console.log((performance.now()-t).toFixed(1));await new Promise(r=>setTimeout(r,100));}})()`,
        `${base}/api/health`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let pollOutput = '';
    poller.stdout?.on('data', (c: Buffer) => {
      pollOutput += c.toString();
    });
    await new Promise((r) => setTimeout(r, 500));
    const send = async (url: string, field: string, file: Buffer, name: string, who: 'office' | 'dept') => {
      const body = multipart({}, [{ field, filename: name, content: file }]);
      const started = performance.now();
      const res = await fetch(`${base}${url}`, {
        method: 'POST',
        headers: {
          ...body.headers,
          cookie: who === 'office' ? cookie : deptCookie,
          'x-csrf-token': who === 'office' ? csrf : deptCsrf,
        },
        body: body.payload,
      });
      const json = (await res.json()) as { error?: { code: string; message: string } };
      return {
        status: res.status,
        code: json.error?.code,
        message: json.error?.message,
        ms: performance.now() - started,
      };
    };
    const results: Record<string, Awaited<ReturnType<typeof send>>> = {};
    for (const [label, file] of [
      ['6M cells', bigXlsx],
      ['zip bomb', bomb],
    ] as const) {
      results[`${label} import`] = await send('/api/tasklists/import/preview', 'file', file, 'list.xlsx', 'office');
      results[`${label} returned`] = await send('/api/exports/tasklist/returned', 'file', file, 'back.xlsx', 'dept');
      results[`${label} evidence`] = await send(`/api/reports/${reportId}/evidence`, 'file', file, 'e.xlsx', 'dept');
    }
    await new Promise((r) => setTimeout(r, 300));
    poller.kill();
    // The poller's first answer includes its own start (a fresh process's first fetch): not the server's doing.
    const health = pollOutput.trim().split('\n').map(Number).slice(1);
    const peak = peakRssMb(child.pid as number);
    const slowest = Math.max(...health);
    console.log(
      `[probe] 6M-cell .xlsx ${(bigXlsx.length / 1048576).toFixed(1)} MB, zip bomb ${(bomb.length / 1024).toFixed(0)} KB → 450 MB; ` +
        `load average ${loadavg()[0]?.toFixed(1)}; health polls ${health.length}, slowest ${slowest.toFixed(0)} ms (${health.map((h) => h.toFixed(0)).join(' ')}); server peak RSS ${peak} MB\n` +
        Object.entries(results)
          .map(([k, r]) => `  ${k}: ${r.status} ${r.code} in ${r.ms.toFixed(0)} ms — ${r.message}`)
          .join('\n'),
    );
    for (const [k, r] of Object.entries(results)) {
      expect(r.status, k).toBe(422);
      expect(r.code, k).toBe('file_too_complex');
      expect(r.message, k).toMatch(/压缩炸弹|过大/);
    }
    expect(slowest).toBeLessThan(1000);
    expect(peak).toBeLessThan(1024);
  }, 180_000);
});

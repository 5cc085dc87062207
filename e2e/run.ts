/**
 * Browser tests: builds the web app when dist is missing or older than its sources, starts the real server on a
 * fresh SQLite database, seeds accounts through the API, drives Debian's Chromium with playwright-core, and runs
 * every e2e/specs/*.spec.ts in name order. Installs Debian's chromium and fonts-noto-cjk first when they are missing
 * (as root; otherwise one line says what to run). Prints `e2e: N passed, M failed`; exits non-zero on any failure.
 *   npm run e2e [-- <name filter>]        E2E_VERBOSE=1 shows the server's output
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { ApiSession, departmentId } from './fixtures/api.ts';
import { type Account, type AccountKey, createHelpers, type E2E, type Spec, VIEWPORTS } from './fixtures/context.ts';
import { startServer } from './fixtures/server.ts';
import { chromiumPath, ensureBrowserDeps } from './fixtures/system-deps.ts';

const ROOT = resolve(import.meta.dirname, '..');
const SPEC_TIMEOUT_MS = 180_000;

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function ensureWebBuilt(): void {
  const index = join(ROOT, 'apps/web/dist/index.html');
  const web = join(ROOT, 'apps/web');
  const sources = Math.max(newestMtime(join(web, 'src')), statSync(join(web, 'index.html')).mtimeMs);
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  console.log('e2e: building the web app (npm run build:web)…');
  execFileSync('npm', ['run', '-s', 'build:web'], { cwd: ROOT, stdio: 'inherit' });
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: timed out after ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function seedAccounts(api: ApiSession, admin: Account): Promise<Record<AccountKey, Account>> {
  const emergency = await departmentId(api, 2024, '应急管理部');
  const leader: Account = { username: 'leader-e2e', password: 'Leader-pass-2025', role: 'leader' };
  const department: Account = {
    username: 'yjglb-e2e',
    password: 'Dept-pass-2025',
    role: 'department',
    departmentId: emergency,
  };
  await api.post('/api/users', { ...leader, displayName: '分管领导（测试）' });
  await api.post('/api/users', { ...department, displayName: '应急管理部（测试）', isHead: true });
  return { office: admin, leader, department };
}

async function main(): Promise<number> {
  const filter = process.argv.slice(2).join(' ').trim();
  ensureBrowserDeps();
  ensureWebBuilt();
  const server = await startServer(ROOT);
  const profile = mkdtempSync(join(tmpdir(), 'duban-e2e-profile-'));
  let passed = 0;
  let failed = 0;
  try {
    // The generated administrator password must be changed at first login (the web blocks until it is): change it
    // once here, as a new administrator would, so every spec signs in with an account that is not flagged.
    const adminPassword = `${server.admin.password}-e2e-Changed`;
    const first = await ApiSession.login(server.baseUrl, server.admin.username, server.admin.password);
    await first.post('/api/auth/password', { oldPassword: server.admin.password, newPassword: adminPassword });
    const api = await ApiSession.login(server.baseUrl, server.admin.username, adminPassword);
    const admin: Account = { username: server.admin.username, password: adminPassword, role: 'office_admin' };
    const accounts = await seedAccounts(api, admin);
    const browser = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath(),
      headless: true,
      viewport: VIEWPORTS.desktop,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--lang=zh-CN',
      ],
    });
    browser.setDefaultTimeout(15_000);
    const page = browser.pages()[0] ?? (await browser.newPage());
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const helpers = createHelpers(ROOT, server.baseUrl, accounts, page);
    for (const f of readdirSync(helpers.screenshotDir))
      if (f.startsWith('FAILED-')) rmSync(join(helpers.screenshotDir, f));
    const e2e: E2E = {
      root: ROOT,
      baseUrl: server.baseUrl,
      dataDir: server.dataDir,
      accounts,
      api,
      browser,
      page,
      ...helpers,
    };

    const files = readdirSync(join(ROOT, 'e2e/specs'))
      .filter((f) => f.endsWith('.spec.ts'))
      .sort();
    try {
      for (const f of files) {
        const mod = (await import(pathToFileURL(join(ROOT, 'e2e/specs', f)).href)) as { specs: Spec[] };
        for (const spec of mod.specs) {
          const name = `${f.replace(/\.spec\.ts$/, '')} › ${spec.name}`;
          if (filter && !name.includes(filter)) continue;
          const started = Date.now();
          pageErrors.length = 0;
          try {
            await withTimeout(spec.run(e2e), SPEC_TIMEOUT_MS, name);
            if (pageErrors.length > 0) throw new Error(`uncaught errors in the page: ${pageErrors.join(' | ')}`);
            passed++;
            console.log(`  ✓ ${name} (${Date.now() - started} ms)`);
          } catch (error) {
            failed++;
            console.log(`  ✗ ${name}\n    ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
            const shot = join(helpers.screenshotDir, `FAILED-${name.replace(/[^\w\u4e00-\u9fff-]+/g, '_')}.png`);
            await page.screenshot({ path: shot, fullPage: true }).catch(() => undefined);
            await page.setViewportSize(VIEWPORTS.desktop).catch(() => undefined);
          }
        }
      }
    } finally {
      await browser.close();
    }
  } catch (error) {
    failed++;
    console.log(`  ✗ setup\n    ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  } finally {
    await server.stop();
    rmSync(profile, { recursive: true, force: true });
  }
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  return failed > 0 || passed === 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error && error.message.startsWith('e2e: ') ? error.message : error);
    console.log('e2e: 0 passed, 1 failed');
    process.exit(1);
  },
);

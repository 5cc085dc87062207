#!/usr/bin/env node
/**
 * Gzipped JavaScript per route, from the production build (apps/web/dist, vite manifest).
 * A route loads the entry and its static imports, then the lazy chunks it needs (the sign-in page, or AppLayout + the
 * page) and theirs.
 * Budget: the login screen and each role's first screen at most 250 KB gzipped. Exits 1 when over budget.
 *   node apps/web/scripts/bundle-size.mjs [--json]
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const DIST = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const MANIFEST = join(DIST, '.vite', 'manifest.json');
const BUDGET_KB = 250; // issue 10: every role's first screen at most 250 KB gzipped

const LAYOUT = 'src/app/AppLayout.tsx';
/** route → the lazy modules it needs beyond the entry; `first` marks a role's landing screen. */
const ROUTES = [
  { path: '/login', lazy: ['src/pages/login/LoginPage.tsx'], first: 'everyone (sign-in)' },
  { path: '/tasks', lazy: [LAYOUT, 'src/pages/tasks/TaskListPage.tsx'], first: 'office' },
  { path: '/my-work', lazy: [LAYOUT, 'src/pages/my-work/MyWorkPage.tsx'], first: 'department' },
  { path: '/dashboard', lazy: [LAYOUT, 'src/pages/dashboard/DashboardPage.tsx'], first: 'leader' },
  {
    path: '/dashboard+charts',
    lazy: [LAYOUT, 'src/pages/dashboard/DashboardPage.tsx', 'src/charts/DashboardCharts.tsx'],
  },
  { path: '/occurrences/:id', lazy: [LAYOUT, 'src/pages/occurrence/OccurrencePage.tsx'] },
  { path: '/tasks/:id', lazy: [LAYOUT, 'src/pages/tasks/TaskDetailPage.tsx'] },
  { path: '/review', lazy: [LAYOUT, 'src/pages/review/ReviewQueuePage.tsx'] },
  { path: '/supervision', lazy: [LAYOUT, 'src/pages/supervision/SupervisionPage.tsx'] },
  { path: '/extensions', lazy: [LAYOUT, 'src/pages/extensions/ExtensionsPage.tsx'] },
  { path: '/import', lazy: [LAYOUT, 'src/pages/import/ImportWizardPage.tsx'] },
  { path: '/users', lazy: [LAYOUT, 'src/pages/users/UsersPage.tsx'] },
  { path: '/tasks+export', lazy: [LAYOUT, 'src/pages/tasks/TaskListPage.tsx', 'src/pages/tasks/ExportDialog.tsx'] },
  { path: '/returned', lazy: [LAYOUT, 'src/pages/returned/ReturnedSheetPage.tsx'] },
  { path: '/bulletins', lazy: [LAYOUT, 'src/pages/bulletins/BulletinsPage.tsx'] },
  { path: '/bulletins/:id', lazy: [LAYOUT, 'src/pages/bulletins/BulletinPage.tsx'] },
];

if (!existsSync(MANIFEST)) {
  console.error('apps/web/dist/.vite/manifest.json missing: run `npm run build:web` first');
  process.exit(2);
}
const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8'));
const gzCache = new Map();
const gz = (file) => {
  if (!gzCache.has(file)) {
    const bytes = readFileSync(join(DIST, file));
    gzCache.set(file, { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length });
  }
  return gzCache.get(file);
};

/** The JS files a manifest key loads: itself and its static imports, transitively. */
function closure(key, into = new Set()) {
  const chunk = manifest[key];
  if (!chunk) throw new Error(`not in the manifest: ${key}`);
  if (into.has(chunk.file)) return into;
  into.add(chunk.file);
  for (const dep of chunk.imports ?? []) closure(dep, into);
  return into;
}

const sum = (files) =>
  [...files]
    .filter((f) => f.endsWith('.js'))
    .reduce(
      (acc, f) => {
        const s = gz(f);
        return { raw: acc.raw + s.raw, gzip: acc.gzip + s.gzip };
      },
      { raw: 0, gzip: 0 },
    );
const kb = (n) => (n / 1024).toFixed(1);

const entryKey = Object.keys(manifest).find((k) => manifest[k].isEntry);
const entryFiles = closure(entryKey);
const entry = sum(entryFiles);

const routes = ROUTES.map((route) => {
  const files = new Set(entryFiles);
  for (const key of route.lazy) closure(key, files);
  const total = sum(files);
  return { ...route, files: files.size, raw: total.raw, gzip: total.gzip, lazyGzip: total.gzip - entry.gzip };
});

const lazyChunks = Object.entries(manifest)
  .filter(([, c]) => c.isDynamicEntry)
  .map(([key, c]) => {
    const own = gz(c.file);
    const extra = new Set([...closure(key)].filter((f) => !entryFiles.has(f)));
    return { key, file: c.file, gzip: own.gzip, withDeps: sum(extra).gzip };
  })
  .sort((a, b) => b.withDeps - a.withDeps);

const allJs = sum(new Set(Object.values(manifest).map((c) => c.file)));
const over = routes.filter((r) => r.first && r.gzip > BUDGET_KB * 1024);

if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ budgetKb: BUDGET_KB, entry, routes, lazyChunks, allJs }, null, 2));
} else {
  console.log(`Gzipped JS per route (budget ${BUDGET_KB} KB for the login and each first screen)\n`);
  console.log('route              first screen of        gzip KB   (raw KB)   beyond entry');
  for (const r of routes) {
    console.log(
      `${r.path.padEnd(18)} ${(r.first ?? '').padEnd(22)} ${kb(r.gzip).padStart(7)}   (${kb(r.raw).padStart(7)})   +${kb(r.lazyGzip)}`,
    );
  }
  console.log('\nLazy chunks (own gzip KB; with the shared chunks they pull in beyond the entry)');
  for (const c of lazyChunks)
    console.log(`  ${c.key.padEnd(44)} ${kb(c.gzip).padStart(7)}   ${kb(c.withDeps).padStart(7)}`);
  console.log(`\nAll JS in dist: ${kb(allJs.gzip)} KB gzip (${kb(allJs.raw)} KB raw)`);
  console.log(over.length === 0 ? 'bundle budget: ok' : `bundle budget: OVER on ${over.map((r) => r.path).join(', ')}`);
}
process.exit(over.length === 0 ? 0 : 1);

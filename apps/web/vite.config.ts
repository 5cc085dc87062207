import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { fieldPwa } from './field-pwa.ts';

/**
 * echarts-for-react's ESM build imports `tslib` without declaring it as a dependency; npm leaves tslib nested
 * under echarts (which does declare it). Resolve it from there unless the app can see one of its own.
 */
function tslibAlias(): Record<string, string> {
  const require = createRequire(import.meta.url);
  try {
    require.resolve('tslib');
    return {};
  } catch {
    const file = join(dirname(require.resolve('echarts/package.json')), 'node_modules', 'tslib', 'tslib.es6.js');
    return existsSync(file) ? { tslib: file } : {};
  }
}

/** Packages every first screen needs, bundled as one chunk (see build.rolldownOptions.output). */
const VENDOR =
  /node_modules[\\/](react|react-dom|scheduler|react-router|@tanstack[\\/][^\\/]+|@ant-design[\\/](cssinjs|cssinjs-utils|fast-color|colors)|stylis|@emotion[\\/][^\\/]+|@babel[\\/]runtime|@rc-component[\\/](util|motion|trigger|portal|resize-observer))[\\/]/;

// public/index.html is the server's placeholder page for when the app is not built: not copied into dist.
export default defineConfig({
  plugins: [react(), fieldPwa()],
  publicDir: false,
  resolve: { alias: tslibAlias() },
  build: {
    manifest: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      // antd's @rc-component/* and @ant-design/* packages declare no `sideEffects` (none has a bare import), so
      // the bundler keeps every module their barrels re-export: an Input pulled the whole form engine into the
      // entry. Treating them as free of side effects drops what no screen uses.
      treeshake: { moduleSideEffects: (id: string) => !/node_modules[\\/]@(rc-component|ant-design)[\\/]/.test(id) },
      // What every screen runs (React, the router, TanStack Query, antd's style engine) in one chunk rather than
      // a dozen small ones: fewer requests, better compression.
      output: { codeSplitting: { groups: [{ name: 'vendor', test: VENDOR }] } },
    },
  },
  server: {
    proxy: { '/api': process.env.DUBAN_API ?? 'http://127.0.0.1:3000' },
  },
});

import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// public/index.html is the server's placeholder page for when the app is not built: not copied into dist.
export default defineConfig({
  plugins: [react()],
  publicDir: false,
  build: {
    manifest: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1200,
  },
  server: {
    proxy: { '/api': process.env.DUBAN_API ?? 'http://127.0.0.1:3000' },
  },
});

import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));
const apiTarget = `http://127.0.0.1:${process.env.PORT ?? '8080'}`;

export default defineConfig({
  root,
  plugins: [react()],
  resolve: {
    alias: {
      '@watchfloor/events': fileURLToPath(new URL('../libs/events/src/browser.ts', import.meta.url)),
      '@watchfloor/crisis-state': fileURLToPath(new URL('../libs/crisis-state/src/index.ts', import.meta.url)),
    },
  },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  // In development the projection service on PORT answers the API and the live socket.
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: { '/api': apiTarget, '/asyncapi.json': apiTarget, '/live': { target: apiTarget.replace('http', 'ws'), ws: true } },
  },
});

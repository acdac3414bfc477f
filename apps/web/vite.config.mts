import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// An ES module (.mts): Vite's native config loader, its default to come, reads it as written.
const webRoot = fileURLToPath(new URL('.', import.meta.url));
const workspaceRoot = resolve(webRoot, '..', '..');
/** Where `npm run dev:web` sends API calls: a host started with `npm start`. */
const apiTarget = process.env.API_TARGET ?? 'http://localhost:3000';

export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [react()],
  resolve: {
    alias: [
      // core-graph runs in Node; in the browser its two Node imports become small shims.
      { find: /^node:crypto$/, replacement: resolve(webRoot, 'src/shims/crypto.ts') },
      { find: /^node:perf_hooks$/, replacement: resolve(webRoot, 'src/shims/perf-hooks.ts') },
      // The workspace libraries from their sources (ES modules, tree-shaken), not their CommonJS builds.
      { find: /^@a2a-mcp\/core-graph$/, replacement: resolve(workspaceRoot, 'libs/core-graph/src/index.ts') },
      { find: /^@a2a-mcp\/api-client$/, replacement: resolve(workspaceRoot, 'libs/api-client/src/index.ts') },
    ],
  },
  build: {
    outDir: resolve(webRoot, 'dist'),
    emptyOutDir: true,
    sourcemap: true,
    // The graph library alone is a few hundred kB; one console page loads it once.
    chunkSizeWarningLimit: 1024,
  },
  worker: { format: 'es' },
  server: {
    port: 5173,
    // The examples and the libraries' sources sit outside apps/web.
    fs: { allow: [workspaceRoot] },
    proxy: {
      '/v1': { target: apiTarget, changeOrigin: true },
      '/health': { target: apiTarget, changeOrigin: true },
      '/docs-json': { target: apiTarget, changeOrigin: true },
    },
  },
});

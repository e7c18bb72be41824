// Vite builds the client from client/ into client/dist, which the Express app serves at `/`.
// In development (`npx vite client`), /api goes to the server named by STANCEGRAPH_API
// (default http://127.0.0.1:3000).

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: here,
  base: './',
  build: {
    outDir: path.join(here, 'dist'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    fs: { allow: [path.join(here, '..')] },
    proxy: { '/api': process.env.STANCEGRAPH_API ?? 'http://127.0.0.1:3000' },
  },
});

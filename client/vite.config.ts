import react from '@vitejs/plugin-react';
import path from 'node:path';
import { defineConfig } from 'vite';

export default defineConfig({
  root: path.resolve(__dirname),
  plugins: [react()],
  // The manifest maps each route's source to its chunk (bench/client.bench.ts reads it).
  build: { outDir: path.resolve(__dirname, '../dist/client'), emptyOutDir: true, manifest: true },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
